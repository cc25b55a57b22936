/**
 * Quote spans: linking double-quoted stretches into quotes, across paragraph breaks (UK multi-paragraph
 * quotes) and across the attribution that interrupts one sentence of speech.
 */
import type { Paragraph } from '../schema.js';
import { firstVerb } from './verbs.js';
import { findDoubleQuotes, isHeading } from './text.js';

export interface Part {
  p: number; // index into the paragraphs array
  start: number;
  end: number;
}

export interface Unit {
  parts: Part[];
  pieces: string[];
  /** Index of the opening mark in the first paragraph. */
  open: number;
  /** Index of the closing mark in the last paragraph, or -1 when the quote never closes. */
  close: number;
  /** The attribution that interrupted a merged quote (", she said,"). */
  interruption: string | null;
  /** Speech in single marks run over paragraphs (‘… with no closing mark until the last): masked like double quotes. */
  single?: boolean;
}

// "A spokesperson said: ‘Cost of … covering costs." with no closing mark, each paragraph after opening with ‘ and the
// last closing: UK copy that marks speech with single quotes runs it over paragraphs as with double ones.
const SINGLE_RUN = /:\s*‘(?=[\p{Lu}\p{N}])/u;
const SINGLE_CLOSE = /’(?![\p{L}\p{N}])/u;

/** The run-on single-quoted speech a paragraph opens after a colon, when no closing mark ends it there. */
function singleRun(text: string): number {
  const m = SINGLE_RUN.exec(text);
  if (!m) return -1;
  const open = m.index + m[0].length - 1;
  return SINGLE_CLOSE.test(text.slice(open + 1)) ? -1 : open;
}

// An embedded social-media post as a copied page shows it: a picture link, or the byline "— Name (@handle) date".
const EMBEDDED_POST = /pic\.twitter\.com\/\w+|[—–-]\s[^—–]{1,80}\(@\w{1,30}\)\s+\p{L}+\s+\d{1,2},\s+\d{4}$/u;

/** Links quoted stretches into quotes, following UK multi-paragraph quotes across paragraph breaks (and captions). */
export function findUnits(paragraphs: Paragraph[]): Unit[] {
  const units: Unit[] = [];
  let carry: Unit | null = null;
  paragraphs.forEach((para, pi) => {
    if (para.caption) return;
    const spans = findDoubleQuotes(para.text);
    // A crosshead between the paragraphs of one quote ('Playing with livelihoods') does not end it.
    // Nor does a post embedded in the page ("… pic.twitter.com/… — Name (@handle) September 27, 2019").
    if (carry && spans.length === 0 && (isHeading(para.text) || EMBEDDED_POST.test(para.text))) return;
    let first = 0;
    if (carry?.single) {
      const unit: Unit = carry;
      carry = null;
      if (spans.length === 0 && para.text.startsWith('‘')) {
        const close = para.text.search(SINGLE_CLOSE);
        unit.parts.push({ p: pi, start: 1, end: close < 0 ? para.text.length : close });
        unit.pieces.push(para.text.slice(1, close < 0 ? para.text.length : close));
        unit.close = close;
        if (close < 0) carry = unit;
        return;
      }
    }
    if (!carry && spans.length === 0) {
      const open = singleRun(para.text);
      if (open >= 0) {
        const unit: Unit = { parts: [{ p: pi, start: open + 1, end: para.text.length }], pieces: [para.text.slice(open + 1)], open, close: -1, interruption: null, single: true };
        units.push(unit);
        carry = unit;
        return;
      }
    }
    if (carry) {
      const span = spans[0];
      // Paragraphs are trimmed: a quote that carries on opens the paragraph.
      if (span && span.open === 0) {
        carry.parts.push({ p: pi, start: span.start, end: span.end });
        carry.pieces.push(para.text.slice(span.start, span.end));
        carry.close = span.close;
        first = 1;
        if (span.close >= 0) carry = null;
      } else carry = null;
    }
    for (const span of spans.slice(first)) {
      const unit: Unit = {
        parts: [{ p: pi, start: span.start, end: span.end }],
        pieces: [para.text.slice(span.start, span.end)],
        open: span.open,
        close: span.close,
        interruption: null,
      };
      units.push(unit);
      carry = span.close < 0 ? unit : null;
    }
  });
  return units;
}

/** “This is,” she said, “a disgrace.”: two stretches of one sentence of speech become one quote. */
export function mergeInterrupted(units: Unit[], paragraphs: Paragraph[]): Unit[] {
  const out: Unit[] = [];
  for (const unit of units) {
    const prev = out.at(-1);
    const prevLast = prev?.parts.at(-1);
    const first = unit.parts[0]!;
    if (prev && prevLast && prev.close >= 0 && prevLast.p === first.p) {
      const between = paragraphs[first.p]!.text.slice(prev.close + 1, unit.open);
      const handover = /,\s*$/.test(prev.pieces.at(-1)!) || /^\s*,/.test(between);
      if (handover && !/[.!?]/.test(between) && /,\s*$/.test(between) && firstVerb(between)) {
        prev.pieces[prev.pieces.length - 1] = prev.pieces.at(-1)!.replace(/,\s*$/, '');
        prev.parts.push(...unit.parts);
        prev.pieces.push(...unit.pieces);
        prev.close = unit.close;
        prev.interruption = between;
        continue;
      }
    }
    out.push(unit);
  }
  return out;
}
