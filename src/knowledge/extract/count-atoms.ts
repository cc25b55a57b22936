import { countedNoun, NOT_COUNTED, type CountedNoun } from './counted-noun.js';
import { isYearLike } from './dates.js';
import { WINDOW } from './figure-labels.js';
import { addHit, taken, type Hits } from './hits.js';
import { FUNCTION_WORDS } from './words.js';
import { endsPhrase } from './noun-phrases.js';
import { gluedBefore, isLoneOne, NUMBER_WORDS, wordsValue } from './number-words.js';
import { allMatches } from './matches.js';

/**
 * The atoms counts are made of: every number in digits or words not already claimed by money, a
 * percentage or a date, and not a label ("paragraph 12", "aged 85"), with the noun right after it if any.
 * counts.ts pairs and reads them.
 */

export const NUMBER = '(\\d{1,3}(?:,\\d{3})+|\\d+)(\\.\\d+)?';
// Not glued to a word ("Covid-19"), money or another number; not an ordinal or a percentage.
// A multiplier spaced ("2.5 million journeys") or glued ("1.2m passengers"), and "-plus" ("its 300-plus staff").
const DIGITS = new RegExp(`(?<![\\p{L}\\d£.,/])(?<!\\p{L}-)${NUMBER}(?:\\s(million|thousand|billion)|(m|bn)(?![\\p{L}\\d]))?(?:-plus|\\+)?(?!st|nd|rd|th|\\d|%)`, 'gu');
// A number after these is a label, an age or a school year, never a count ("paragraph 12", "aged 85", "Band 3").
const LABELS = new Set([
  'paragraph', 'paragraphs', 'para', 'paras', 'section', 'sections', 'clause', 'clauses', 'item', 'items', 'page', 'pages',
  'appendix', 'table', 'chapter', 'no', 'no.', 'number', 'numbers', 'rule', 'article', 'room', 'floor', 'flat', 'unit', 'ward',
  'bus', 'route', 'routes', 'service', 'services', 'line', 'junction', 'level', 'band', 'grade', 'tier', 'phase', 'stage',
  'step', 'option', 'category', 'annex', 'schedule', 'regulation', 'part', 'vol', 'volume', 'version', 'aged', 'age', 'ages',
  'covid', 'suite', 'block', 'plot', 'agenda', 'motion', 'amendment',
]);
const MULTIPLIERS: Record<string, number> = { million: 1e6, thousand: 1e3, billion: 1e9, m: 1e6, bn: 1e9 };

export interface Atom {
  start: number;
  end: number;
  value: number;
  yearLike: boolean;
  noun: CountedNoun | null;
}

/** The word just before `start` (a few characters back at most), as written. */
export function wordBefore(text: string, start: number): string {
  let end = start;
  while (end > 0 && start - end < 2 && text[end - 1] === ' ') end--;
  let begin = end;
  while (begin > 0 && end - begin < 14 && /[\p{L}.]/u.test(text[begin - 1]!)) begin--;
  return text.slice(begin, end);
}

// A number listed after a code of letters and digits is a code too: "the X5 and 71 services", "P7 and 6".
const AFTER_CODE = /(?:^|\s)(?=[\p{L}\d]*\p{L})(?=[\p{L}\d]*\d)[\p{L}\d]+(?:,\s*|\s+(?:and|or|&)\s+)$/u;

function isLabel(text: string, start: number): boolean {
  const word = wordBefore(text, start);
  return word === 'Year' || LABELS.has(word.toLowerCase()) || AFTER_CODE.test(text.slice(Math.max(0, start - 16), start));
}

/** Every unclaimed number in digits or words, in text order, with the noun right after it if any. */
export function readAtoms(hits: Hits): Atom[] {
  const { text } = hits;
  const digits: Atom[] = [];
  for (const m of allMatches(DIGITS, text)) {
    if (/^0\d/.test(m[1]!)) continue; // a phone number or a code
    const multiplier = m[3] ?? m[4];
    const value = Math.round(Number(m[1]!.replace(/,/g, '') + (m[2] ?? '')) * (multiplier ? MULTIPLIERS[multiplier]! : 1) * 100) / 100;
    if (money(hits, m.index, m.index + m[0].length, value)) continue;
    const a = atomAt(hits, m.index, m.index + m[0].length, value, !m[2] && !multiplier && isYearLike(m[1]!));
    // A glued "m" is a count only with its noun ("1.2m passengers"), never alone ("a 5m wall").
    if (a && (!m[4] || a.noun)) digits.push(a);
  }
  const words: Atom[] = [];
  for (const m of allMatches(NUMBER_WORDS, text)) {
    if (gluedBefore(text, m.index)) continue;
    const value = wordsValue(m[0]);
    if (value === null) continue;
    const end = m.index + m[0].length;
    // "forty per cent" is a percentage, and so is "one per cent": before "per cent" "one" is never a pronoun.
    const percent = /^\s?(?:per\s?cent|percent)\b/i.exec(text.slice(end, end + 12));
    if (percent) {
      addHit(hits, { kind: 'percent', value, unit: '%', start: m.index, end: end + percent[0].length, counts: null });
      continue;
    }
    if (isLoneOne(m[0])) {
      // "one" counts only when the sentence says it is a number ("only one school", "at least one collection").
      const one = loneOne(hits, m.index, end);
      if (one) words.push(one);
      continue;
    }
    if (money(hits, m.index, end, value)) continue;
    // "half a dozen staff" is six, "half a million passengers" half a million.
    const half = /^an?\s/i.test(m[0]) ? /\b[Hh]alf\s+$/.exec(text.slice(Math.max(0, m.index - 6), m.index)) : null;
    const a = half ? atomAt(hits, m.index - half[0].length, end, value / 2, false) : atomAt(hits, m.index, end, value, false);
    if (a) words.push(a);
  }
  return mergeByStart(digits, words);
}

// "one" is a pronoun ("one of the", "one worker said") unless a word of quantity stands before it.
const ONE_QUANTIFIED = /\b(?:only|just|at\s+least|at\s+most|more\s+than|no\s+more\s+than|exactly|merely)\s+$/i;

// "Twenty said yes, with one against": a vote's tally.
const ONE_VOTE = /^\s+(?:against|abstaining|abstained|abstention)\b/;

function loneOne(hits: Hits, start: number, end: number): Atom | null {
  if (taken(hits, start, end)) return null;
  if (ONE_VOTE.test(hits.text.slice(end, end + 14))) return { start, end, value: 1, yearLike: false, noun: null };
  const lead = hits.text.slice(Math.max(0, start - 16), start);
  const quantified = ONE_QUANTIFIED.test(lead);
  if (!quantified && !ONE_OBJECT.test(lead)) return null;
  const noun = quantified ? singularNoun(hits.text.slice(end, end + 40)) : singularPhrase(hits.text.slice(end, end + 60));
  return noun ? { start, end, value: 1, yearLike: false, noun } : null;
}

// "has cut one grounds maintenance job", "closed one library": "one" as the object of a verb of cutting, closing,
// losing or making, with a singular noun phrase after it, is a count.
const ONE_OBJECT =
  /\b(?:cut|cuts|cutting|axe|axes|axed|axing|lose|loses|lost|losing|close|closes|closed|closing|shut|shuts|shutting|scrap|scraps|scrapped|scrapping|sell|sells|sold|selling|create|creates|created|creating)\s+$/i;
const PHRASE_TOKENS = /[\p{L}’'-]+|[^\s\p{L}]/gu;

/** Up to three lowercase modifiers and a singular head that ends the phrase: "grounds maintenance job and". */
function singularPhrase(after: string): CountedNoun | null {
  if (!/^\s/.test(after)) return null;
  const tokens = [...after.matchAll(PHRASE_TOKENS)].slice(0, 5);
  for (let k = 0; k < Math.min(4, tokens.length); k++) {
    const word = tokens[k]![0];
    if (!/^\p{Ll}[\p{Ll}-]*\p{Ll}$/u.test(word) || endsPhrase(word) || ONE_NOT_COUNTED.has(word) || NOT_COUNTED.has(word)) return null;
    const next = tokens[k + 1]?.[0];
    if (next !== undefined && /^\p{L}/u.test(next) && !endsPhrase(next.toLowerCase()) && !/^\p{Ll}+ed$/u.test(next)) continue;
    const unit = unitOfSingular(word);
    if (!unit) return null;
    return { phrase: tokens.slice(0, k + 1).map((t) => t[0]).join(' '), unit, length: tokens[k]!.index! + word.length };
  }
  return null;
}

/** "one school that …", "one collection a week": a singular noun counted as its plural would be. */
function singularNoun(after: string): CountedNoun | null {
  // The noun must end the phrase ("one school that", "one carer."): "only one new library" is left alone.
  const m = /^\s+(\p{Ll}[\p{Ll}-]*\p{Ll})(?=[.,;:!?)”’"]|\s+(\p{L}+)|$)/u.exec(after);
  if (!m || (m[2] !== undefined && !FUNCTION_WORDS.has(m[2].toLowerCase()) && !/^\p{Ll}+ed$/u.test(m[2]))) return null;
  const word = m[1]!;
  if (ONE_NOT_COUNTED.has(word) || FUNCTION_WORDS.has(word)) return null;
  const unit = unitOfSingular(word);
  return unit ? { phrase: word, unit, length: m[0].length } : null;
}

// Singulars that "only one" puts no number on: a duration, or a way of speaking ("only one way").
const ONE_NOT_COUNTED = new Set([
  'day', 'week', 'month', 'year', 'hour', 'minute', 'second', 'night', 'decade', 'time', 'way', 'thing', 'reason', 'occasion',
  'point', 'side', 'hand', 'word', 'option', 'answer', 'question', 'problem', 'issue', 'more', 'less', 'other', 'another',
  'such', 'single',
]);

function unitOfSingular(word: string): string | null {
  const plural = /(?:s|x|ch|sh)$/.test(word)
    ? `${word}es`
    : /[^aeiou]y$/.test(word)
      ? `${word.slice(0, -1)}ies`
      : /orium$/.test(word)
        ? `${word.slice(0, -2)}a`
        : `${word}s`;
  const viaPlural = countedNoun(` ${plural}`, { yearLike: false });
  if (viaPlural && viaPlural.phrase === plural) return viaPlural.unit;
  return null;
}

// "half a million pounds", "a quarter of a million pounds", "three quarters of a million pounds".
const PART_OF = /\b(?:(?:([Aa]|[Oo]ne|[Tt]hree)[\s-]+)?([Qq]uarters?|[Tt]hirds?)\s+of|([Hh]alf)(?:\s+of)?)\s+$/;
const PARTS: Record<string, number> = { quarter: 1 / 4, quarters: 1 / 4, third: 1 / 3, thirds: 1 / 3 };

// A sum without £ that the sentence makes money (the labelling rules): a verb of money right before it and a
// rate after it, "find 25,000 a month", "pay 20 a week".
export const MONEY_VERB_BEFORE = /\b(?:find|finds|save|saves|saved|saving|cost|costs|costing|spend|spends|spent|pay|pays|paid|paying|raise|raises|raised|charge|charges|charged|earn|earns|earned)\s+$/i;
const RATE_AFTER = /^\s+(?:a|per|each)\s+(week|month|year)\b/i;
const RATE_UNITS: Record<string, string> = { week: 'GBP/week', month: 'GBP/month', year: 'GBP/year' };

/** "half a million pounds", "two million pounds", "5 million pounds", "find 25,000 a month": money without a £. */
function money(hits: Hits, start: number, end: number, value: number): boolean {
  const pounds = /^\s+pounds\b/.exec(hits.text.slice(end, end + 8));
  if (!pounds) {
    const rate = RATE_AFTER.exec(hits.text.slice(end, end + 16));
    if (!rate || !MONEY_VERB_BEFORE.test(hits.text.slice(Math.max(0, start - 12), start))) return false;
    return addHit(hits, { kind: 'money', value, unit: RATE_UNITS[rate[1]!.toLowerCase()]!, start, end: end + rate[0].length, counts: null });
  }
  const part = /^an?\s/i.test(hits.text.slice(start, end)) ? PART_OF.exec(hits.text.slice(Math.max(0, start - 24), start)) : null;
  const times = !part ? 1 : part[3] ? 1 / 2 : PARTS[part[2]!.toLowerCase()]! * (part[1] && /^three$/i.test(part[1]) ? 3 : 1);
  const from = part ? start - part[0].length : start;
  return addHit(hits, { kind: 'money', value: Math.round(value * times * 100) / 100, unit: 'GBP', start: from, end: end + pounds[0].length, counts: null });
}

function atomAt(hits: Hits, start: number, end: number, value: number, yearLike: boolean): Atom | null {
  if (taken(hits, start, end) || isLabel(hits.text, start)) return null;
  return { start, end, value, yearLike, noun: countedNoun(hits.text.slice(end, end + WINDOW), { yearLike }) };
}

function mergeByStart(a: Atom[], b: Atom[]): Atom[] {
  const out: Atom[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) out.push(j >= b.length || (i < a.length && a[i]!.start < b[j]!.start) ? a[i++]! : b[j++]!);
  return out;
}
