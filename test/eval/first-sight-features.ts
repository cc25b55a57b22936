/**
 * Features of a predicted quote read from the article text alone, so that the quotes of any extractor (an old commit's
 * included, which records no path) can be sorted the same way: the path that attributed it, where and how its
 * speaker's name stands, the verb, and who else is named near it. Used by first-sight.ts.
 */
import type { Paragraph, Quote } from '../../src/knowledge/schema.js';
import { findNarrativeNames } from '../../src/knowledge/extract/narrative-names.js';
import { roleOf } from '../../src/knowledge/extract/roles.js';
import { findDoubleQuotes, findSingleQuotes, maskSpans } from '../../src/knowledge/extract/text.js';

export type Features = Record<string, string>;

const TITLE = /^(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Clr|Coun|Councillor|Prof|Professor|Sir|Dame|Lord|Lady|Rev|Revd)\.?$/;
const VERB_CLASS: [RegExp, string][] = [
  [/(?<![\p{L}-])(?:said|says|saying|say)(?![\p{L}-])/u, 'said'],
  [/(?<![\p{L}-])(?:told|tells|telling)(?![\p{L}-])/u, 'told'],
  [/(?<![\p{L}-])(?:added|adds|adding)(?![\p{L}-])/u, 'added'],
  [/(?<![\p{L}-])according to(?![\p{L}-])/u, 'according to'],
  [/(?<![\p{L}-])(?:described|called|branded|labelled|dubbed|slammed|accused|criticised|condemned|hailed|praised|blasted)(?![\p{L}-])/u, 'naming/judging'],
  [/(?<![\p{L}-])(?:warned|insisted|argued|stressed|replied|explained|stated|claimed|confirmed|admitted|revealed|announced|noted|wrote|continued|concluded|pointed out|points out|commented|responded|vowed|pledged|urged|asked)(?![\p{L}-])/u, 'other speech verb'],
];

const verbClass = (text: string) => VERB_CLASS.find(([re]) => re.test(text))?.[1] ?? 'none';
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Where the quote's words start and end in a paragraph's text, found by their opening and closing words. */
function locate(text: string, quote: string): { start: number; end: number } | null {
  const words = norm(quote).split(' ');
  const head = words.slice(0, Math.min(4, words.length)).join(' ');
  const flat = text.replace(/\s+/g, ' ');
  const start = flat.indexOf(head);
  if (start < 0) return null;
  const tail = words.slice(-Math.min(3, words.length)).join(' ');
  const endAt = flat.indexOf(tail, start);
  return { start, end: endAt < 0 ? start + head.length : endAt + tail.length };
}

/** The sentence around a stretch of (masked) text: from the sentence end before it to the one after it. */
function sentenceAround(masked: string, start: number, end: number): { from: number; to: number } {
  let from = 0;
  for (const m of masked.slice(0, start).matchAll(/[.!?][”’")]*\s+/g)) from = m.index + m[0].length;
  const after = /[.!?](?=[”’")]*\s+\p{Lu}|\s*$)/u.exec(masked.slice(end));
  return { from, to: after ? end + after.index + 1 : masked.length };
}

/** The narrative of a paragraph: its double-quoted spans masked (•), captions left as they are. */
export function narrativeText(p: Paragraph): string {
  return p.caption ? p.text : maskSpans(p.text, findDoubleQuotes(p.text));
}

/** A token of a name, as written in the text (a surname "Bell" or a first name), found as a whole word. */
function wordAt(text: string, word: string): number {
  const re = new RegExp(`(?<![\\p{L}’'-])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}-])`, 'u');
  return text.search(re);
}

export function quoteFeatures(q: Quote, paragraphs: Paragraph[]): Features {
  const f: Features = { kind: q.kind, attribution: q.attribution ?? 'none', multiParagraph: q.paragraphs.length > 1 ? 'yes' : 'no' };
  const index = new Map(paragraphs.map((p, i) => [p.n, i]));
  const firstPi = index.get(q.paragraphs[0]!) ?? -1;
  const lastPi = index.get(q.paragraphs.at(-1)!) ?? firstPi;
  if (firstPi < 0) return { ...f, path: 'unlocated' };
  const para = paragraphs[firstPi]!;
  const masked = narrativeText(para);
  const at = locate(para.text, q.paragraphs.length > 1 ? q.text.split(' ').slice(0, 8).join(' ') : q.text);
  const hasMarks = /[“”"‘’']/.test(para.text);

  // The path: how the words around the quote hand it to a speaker.
  let path = 'other';
  let sentence = masked;
  if (at) {
    const opensAt = Math.max(0, at.start - 1);
    const closeAt = Math.min(para.text.length, at.end + 1);
    const around = sentenceAround(masked, opensAt, closeAt);
    sentence = masked.slice(around.from, around.to);
    const lead = masked.slice(around.from, opensAt).replace(/[\s•]+$/, '');
    const after = masked.slice(closeAt, around.to).replace(/^[”"’•.,\s]+/, '');
    if (q.kind === 'reported') path = 'reported';
    else if (q.kind === 'partial') path = 'partial';
    else if (!/[“”"]/.test(para.text) && !/‘/.test(para.text.slice(Math.max(0, at.start - 2), at.start + 1))) path = 'unmarked';
    else if (/[:,]$/.test(lead)) path = 'lead';
    else if (masked.slice(0, opensAt).trim() === '' && masked.slice(closeAt).replace(/[”"’.,\s]/g, '') === '') path = 'alone in paragraph';
    else if (verbClass(after) !== 'none') path = 'trailing';
    else path = 'after a quote or sentence';
  }
  f.path = path;
  f.marks = hasMarks ? 'yes' : 'no';

  // The verb of the attribution sentence (masked, so words inside the quote do not count).
  const narrative = sentence.replace(/•+/g, ' ');
  f.verb = verbClass(narrative);
  // How many quoted spans share the sentence: a second one can be another source's words (a document's, a crowd's).
  const spans = (sentence.match(/•+/g)?.length ?? 0) + findSingleQuotes(sentence).length;
  f.quotesInSentence = spans <= 1 ? '0-1' : '2+';

  // Other people named in the quote's paragraphs' narrative, and in the one before.
  const ownWords = new Set((q.speaker ?? '').split(' '));
  const others = (text: string) => findNarrativeNames(text.replace(/•+/g, ' '), roleOf).filter((n) => !n.name.split(' ').some((t) => ownWords.has(t))).length;
  let inPara = 0;
  for (let i = firstPi; i <= lastPi; i++) inPara += others(narrativeText(paragraphs[i]!));
  f.othersInParagraph = inPara === 0 ? '0' : '1+';
  f.othersInSentence = others(narrative) === 0 ? '0' : '1+';

  if (q.speaker === null) return f;
  const tokens = q.speaker.split(' ');
  f.speakerTokens = tokens.length === 1 ? '1' : tokens.length === 2 ? '2' : '3+';
  const surname = tokens.at(-1)!;
  // Where the speaker's surname stands in the narrative: this sentence, elsewhere in the quote's paragraphs, or
  // how many paragraphs back (captions included: a caption can be where a name came from).
  let where = 'not in narrative';
  let formText = '';
  if (wordAt(narrative, surname) >= 0) {
    where = 'sentence';
    formText = narrative;
  } else {
    for (let i = firstPi; i <= lastPi && where === 'not in narrative'; i++) {
      const t = narrativeText(paragraphs[i]!);
      if (wordAt(t, surname) >= 0) {
        where = 'paragraph';
        formText = t;
      }
    }
    for (let i = firstPi - 1; i >= 0 && where === 'not in narrative'; i--) {
      const t = narrativeText(paragraphs[i]!);
      if (wordAt(t, surname) >= 0) {
        const d = firstPi - i;
        where = paragraphs[i]!.caption ? 'caption before' : d === 1 ? '1 paragraph back' : d <= 3 ? '2-3 paragraphs back' : '4+ paragraphs back';
        formText = t;
      }
    }
    if (where === 'not in narrative' && paragraphs.slice(0, lastPi + 1).some((p) => wordAt(p.text, surname) >= 0)) where = 'only inside quotes';
  }
  f.nameAt = where;
  // How the name is written there: full name, title + surname, surname alone.
  if (formText) {
    const i = wordAt(formText, surname);
    const prev = formText.slice(0, i).trimEnd().split(/\s+/).at(-1) ?? '';
    f.nameForm = tokens.length > 1 && prev === tokens.at(-2) ? 'full name' : TITLE.test(prev) ? 'title + surname' : tokens.length === 1 ? 'one word' : 'surname alone';
  }
  // Whether the article names the speaker before this quote's paragraph at all (introduced earlier) or first here.
  const earlier = paragraphs.slice(0, firstPi).some((p) => wordAt(p.text, surname) >= 0);
  f.introduced = earlier ? 'before this paragraph' : 'in this paragraph';
  f.confidence = q.confidence;
  return f;
}
