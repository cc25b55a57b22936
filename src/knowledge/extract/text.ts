/** Text helpers shared by the quote and figure extractors: sentences and quotation marks. */
import { allMatches } from './matches.js';

export interface Span {
  start: number;
  end: number;
}

export interface Sentence extends Span {
  text: string;
}

// A full stop after these is part of a name or title, not the end of a sentence ("Coun. Jane Hill", "Supt. Jo Bell").
const ABBREVIATIONS = /(?:^|\s)(?:Mr|Mrs|Ms|Dr|Cllr|Clr|Coun|Cr|St|No|Prof|Rev|Revd|Sr|Jr|Co|Ltd|etc|vs|Hon|Supt|Insp|Sgt|Det|Capt|Col|Lt|Gov|e\.g|i\.e|[A-Z])$/;
// Longer than any abbreviation plus the space before it, so a cut window never fakes the start of one.
const ABBREVIATION_WINDOW = 8;
// A sentence ends at . ! or ? (with any closing marks) followed by space and something that can open a sentence.
const SENTENCE_END = /[.!?]+[”’")]*(?=\s+[“‘"(£0-9A-Z])/g;

/**
 * Splits a paragraph into sentences, keeping offsets so a finding can be traced back to its sentence.
 * Sentences are slices of the paragraph: quotation marks stay as written.
 */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  for (const m of allMatches(SENTENCE_END, text)) {
    const end = m.index + m[0].length;
    // Only the last few characters can hold an abbreviation: looking no further keeps this linear.
    if (m[0].startsWith('.') && ABBREVIATIONS.test(text.slice(Math.max(start, m.index - ABBREVIATION_WINDOW), m.index))) continue;
    push(out, text, start, end);
    start = end;
  }
  push(out, text, start, text.length);
  return out;
}

function push(out: Sentence[], text: string, from: number, to: number): void {
  let start = from;
  let end = to;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end > start) out.push({ start, end, text: text.slice(start, end) });
}

/** The sentence holding an offset (binary search: sentences are in order). */
export function sentenceAt(sentences: Sentence[], offset: number): Sentence | undefined {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sentences[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return sentences[lo];
}

/** A double-quoted stretch of one paragraph; `close` is -1 when the quote runs on into the next paragraph. */
export interface QuotedSpan {
  open: number;
  close: number;
  /** Content between the marks. */
  start: number;
  end: number;
}

/**
 * Finds double-quoted stretches (curly “…” or straight "…"). Straight marks alternate open/close, so a
 * stray one can only affect the rest of its own paragraph.
 */
export function findDoubleQuotes(text: string): QuotedSpan[] {
  const spans: QuotedSpan[] = [];
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    // Only “ ” " and ' matter below: every other character is passed over by its code, without making a string of it.
    const code = text.charCodeAt(i);
    if (code !== 0x201c && code !== 0x201d && code !== 34 && code !== 39) continue;
    const c = text[i];
    // A paragraph whose first mark closes speech (`…somewhere," he said.`, `…somewhere” she said`) lost its
    // opening mark: the quote runs from the paragraph's start.
    if (spans.length === 0 && open < 0 && i > 0 && (c === '”' || (c === '"' && /[,.?!]/.test(text[i - 1]!) && /^(?:\s|$)/.test(text[i + 1] ?? '')))) {
      spans.push({ open: 0, close: i, start: 0, end: i });
      continue;
    }
    if (open < 0 && (c === '“' || c === '"')) open = i;
    else if (open >= 0 && c === "'" && text[i + 1] === "'" && /^(?:\s|$)/.test(text[i + 2] ?? '')) {
      // "…the dismissal notices.'' — two straight apostrophes typed for a closing mark.
      spans.push({ open, close: i + 1, start: open + 1, end: i });
      open = -1;
      i++;
    } else if (open >= 0 && (c === '”' || c === '"')) {
      spans.push({ open, close: i, start: open + 1, end: i });
      open = -1;
    }
  }
  if (open >= 0) spans.push({ open, close: -1, start: open + 1, end: text.length });
  return spans;
}

/**
 * Single-quoted stretches, curly ‘…’ or straight '…'. A closing mark is one not followed by a letter, so
 * apostrophes (council’s) are skipped; a straight opening mark must follow a space, so "workers' rights"
 * does not open one.
 */
export function findSingleQuotes(text: string): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i < text.length; i++) {
    // By char code: this looks at every character of a paragraph, most of them no quotation mark.
    const code = text.charCodeAt(i);
    if (code !== 0x2018 && code !== 39) continue;
    const straight = code === 39 && (i === 0 || /[\s(]/.test(text[i - 1]!)) && /\p{L}/u.test(text[i + 1] ?? '');
    if (code !== 0x2018 && !straight) continue;
    const closer = straight ? 39 : 0x2019;
    let j = i + 1;
    while (j < text.length && !(text.charCodeAt(j) === closer && !/[\p{L}\p{N}]/u.test(text[j + 1] ?? ''))) j++;
    if (j >= text.length) break;
    spans.push({ start: i, end: j + 1 });
    i = j;
  }
  return spans;
}

/** Replaces quoted content with space-free filler of the same length, so narrative analysis ignores it but offsets hold. */
export function maskSpans(text: string, spans: Span[]): string {
  const chunks: string[] = [];
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start < at) continue;
    chunks.push(text.slice(at, s.start), '•'.repeat(s.end - s.start));
    at = s.end;
  }
  chunks.push(text.slice(at));
  return chunks.join('');
}

export function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

// A headline or crosshead is short and does not end like a sentence; it can hold quoted words but is never one's speech.
const MAX_HEADING_WORDS = 20;

/** A headline or crosshead: a short paragraph with no full stop, question or exclamation mark closing it. */
export function isHeading(text: string): boolean {
  if (text.length > MAX_HEADING_WORDS * 12) return false;
  const bare = text.replace(/[\s”’"')]+$/, '');
  return bare !== '' && !/[.!?:;…]$/.test(bare) && bare.split(/\s+/).length <= MAX_HEADING_WORDS;
}

/** A partial quote's closing full stop ends the sentence around it, not the quoted words (“…plans were "short-sighted."”). */
export function dropSentenceStop(text: string): string {
  return /[^.]\.$/.test(text) ? text.slice(0, -1) : text;
}

/** "Cabinet heard …", "the meeting heard": words put to a meeting whose speaker the sentence does not name. */
export const HEARD = /(?<![\p{L}-])heard(?![\p{L}-])/u;
