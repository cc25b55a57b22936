import { type Atom } from './count-atoms.js';
import { isCountable, unitOf } from './counted-noun.js';
import { headOf, nounPhrase } from './noun-phrases.js';
import { WINDOW } from './figure-labels.js';
import { addHit, type Hit, type Hits } from './hits.js';

/**
 * A number read alone, with no neighbour to make one figure with: its noun follows it ("150 care workers"), is
 * glued to it ("a 240-strong workforce", "a 970-page report"), follows "of" ("5 of the council’s remaining day
 * centres"), or is the count just made ("up from 6,500", "Of the 820 carers …, 410").
 */

const PROPORTION_BEFORE = /\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+in\s+$/i;

const PARTITIVE = /^\s+of\s+(?:the\s+|its\s+|their\s+|our\s+|these\s+|those\s+)?/i;
const STRONG = /^-strong\s+/;
// "a 970-page report", "a 75- page report" (the paper's stray space), "a 700-signature petition", "the 420-place
// school", "a 60-bed care home": a count of the glued noun, things a whole holds. Not every glued noun counts ("a
// 12-week consultation", "a two-year deal", "a 10-mile route"). Without the hyphen only pages and signatures before
// their document ("1,000 signature petition"): "120 home carers" counts carers.
const GLUED = /^(?:-\s?(page|signature|place|bed|seat|pupil|home|room|space|flat)|\s(page|signature)(?=\s+\p{Ll}))s?(?![\p{L}-])/u;
const LENGTH_OF = /^\s(miles|kilometres)\s+of\s+(?!(?:the|its|their|our|this|that|it|them)\b)/i;
const UP_FROM = /\b(?:up|down)\s+from\s+$/i;
const OF_THE = /(?:^|[.!?]\s+|,\s+)[Oo]f\s+(?:the\s+|these\s+|those\s+)?$/;

// Before a year-like number, these make it a year: "In 2019 staff were told".
const YEAR_BEFORE = /\b(?:in|since|by|from|until|till|during|before|after|of|early|late|mid|spring|summer|autumn|winter|january|february|march|april|june|july|august|september|october|november|december)\s+$/i;

/** A count may be of people or jobs whatever it looks like, but a year-like number counts nothing else. */
export function countable(atom: Atom, unit: string, text: string): boolean {
  if (!atom.yearLike) return true;
  return (unit === 'people' || unit === 'jobs') && !YEAR_BEFORE.test(text.slice(Math.max(0, atom.start - 12), atom.start));
}

/** One atom alone: "150 care workers", "a 240-strong workforce", "5 of the council’s remaining day centres". */
export function countAlone(hits: Hits, a: Atom): boolean {
  const { text } = hits;
  if (PROPORTION_BEFORE.test(text.slice(Math.max(0, a.start - 20), a.start))) return true;
  if (a.noun) {
    const unit = a.noun.unit === 'ones' ? (unitBefore(hits, a.start) ?? 'ones') : a.noun.unit;
    if (countable(a, unit, text)) addHit(hits, { kind: 'count', value: a.value, unit, start: a.start, end: a.end + a.noun.length, counts: a.noun.phrase });
    return true;
  }
  if (a.yearLike) return true;
  // "more than 8,000 households, up from 6,500": the earlier side of a change just counted.
  const upFrom = UP_FROM.exec(text.slice(Math.max(0, a.start - 20), a.start));
  const last = hits.list.at(-1);
  if (upFrom && last?.kind === 'count' && !last.change && a.start - last.end < 40 && /^[\s,;–-]*$/.test(text.slice(last.end, a.start - upFrom[0].length))) {
    const change = { from: a.value, to: last.value as number };
    last.change = change;
    addHit(hits, { kind: 'count', value: a.value, unit: last.unit, start: a.start, end: a.end, counts: last.counts, change });
    return true;
  }
  // "Of the 820 carers who responded, 410 said …": a part of the whole the sentence opened with.
  if (last?.kind === 'count' && !last.outOf && a.start - last.end < 80 && OF_THE.test(text.slice(Math.max(0, last.start - 12), last.start))) {
    const between = text.slice(last.end, a.start);
    if (/,\s*$/.test(between) && !/[.!?;]/.test(between)) {
      addHit(hits, { kind: 'count', value: a.value, unit: last.unit, start: a.start, end: a.end, counts: last.counts, outOf: last.value as number });
      return true;
    }
  }
  const after = text.slice(a.end, a.end + WINDOW);
  const glued = GLUED.exec(after);
  if (glued) {
    const plural = `${glued[1] ?? glued[2]!}s`;
    return addHit(hits, { kind: 'count', value: a.value, unit: unitOf(plural) ?? plural, start: a.start, end: a.end + glued[0].length, counts: plural }) || true;
  }
  const strong = STRONG.exec(after);
  if (strong) {
    const phrase = nounPhrase(after, strong[0].length);
    const words = phrase?.split(' ') ?? [];
    const head = words.findIndex(isCountable);
    if (head < 0) return true;
    const counts = words.slice(0, head + 1).join(' ');
    const end = a.end + after.indexOf(counts, strong[0].length) + counts.length;
    addHit(hits, { kind: 'count', value: a.value, unit: 'people', start: a.start, end, counts });
    return true;
  }
  // "3,080 miles of motorways and trunk roads": a length of something, counted in miles; never a distance away.
  const length = LENGTH_OF.exec(after);
  const lengthOf = length ? nounPhrase(after, length[0].length) : null;
  if (length && lengthOf) {
    const rest = after.slice(after.indexOf(lengthOf, length[0].length) + lengthOf.length);
    const and = /^\s+and\s+/.exec(rest);
    const more = and ? nounPhrase(rest, and[0].length) : null;
    const counts = more ? `${lengthOf} and ${more}` : lengthOf;
    addHit(hits, { kind: 'count', value: a.value, unit: length[1]!.toLowerCase(), start: a.start, end: a.end + length[1]!.length + 1, counts });
    return true;
  }
  const of = PARTITIVE.exec(after);
  const phrase = of ? nounPhrase(after, of[0].length) : null;
  const unit = phrase ? unitOf(headOf(phrase)) : null;
  if (!phrase || !unit) return false;
  const end = a.end + after.indexOf(phrase, of![0].length) + phrase.length;
  addHit(hits, { kind: 'count', value: a.value, unit, start: a.start, end, counts: phrase });
  return true;
}

const ONES_LOOKBACK = 80;

/**
 * The unit "ones" stands for ("from 16 small bins to two big ones", "the big bins hold as much as the 16
 * smaller ones"): the last count before it in the paragraph, or the last plural noun a little before it.
 */
function unitBefore(hits: Hits, start: number): string | null {
  // Counts are added in text order, so the latest is near the list's end: a bounded look keeps this linear.
  for (let i = hits.list.length - 1; i >= Math.max(0, hits.list.length - 16); i--) {
    const h: Hit = hits.list[i]!;
    if (h.kind === 'count' && h.end <= start && start - h.end < 200 && h.unit !== 'ones') return h.unit;
  }
  const words = hits.text.slice(Math.max(0, start - ONES_LOOKBACK), start).split(/[^\p{L}’'-]+/u);
  for (let i = words.length - 1; i >= 0; i--) {
    const unit = words[i] ? unitOf(words[i]!) : null;
    if (unit && unit !== 'ones') return unit;
  }
  return null;
}
