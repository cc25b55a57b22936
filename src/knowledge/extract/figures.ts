import type { Figure, Paragraph } from '../schema.js';
import { clipAround } from '../text.js';
import { bareCountsIn } from './bare-counts.js';
import { MONEY_VERB_BEFORE, NUMBER } from './count-atoms.js';
import { countsIn } from './counts.js';
import { datesIn, yearsIn } from './dates.js';
import { CHANGE_VERB, CUT_VERBS, changedThing, countsFor, WINDOW } from './figure-labels.js';
import { addHit, newHits, spanOf, type Hit, type Hits } from './hits.js';
import { FRACTION, FRACTION_HINT, fractionPercent } from './number-words.js';
import { countedNoun, isCountable, unitOf } from './counted-noun.js';
import { headOf, nounPhrase } from './noun-phrases.js';
import { linkRanges } from './ranges.js';
import { proportionsIn } from './proportions.js';
import { sentenceAt, splitSentences } from './text.js';
import { allMatches } from './matches.js';

/*
 * Figures are found by kind in a fixed order (money, percent, fractions, financial year, dates, counts,
 * bare years); a stretch of text claimed by one kind is not read again, so "£4 million" is never also a
 * count of 4 and "August 2" never a count of 2. Every paragraph is read, captions and quotes included.
 * `text` is the figure as written without its qualifier ("£4 million", "150 vital care workers").
 */

/** The longest `sentence` a figure carries: a long sentence is clipped to a window around its figure. */
export const FIGURE_SENTENCE_MAX = 300;

// A pound sign damaged into U+FFFD (a page saved in the wrong encoding) is still one: "�1.7million".
const POUND = '[£\\uFFFD]';
const MONEY = new RegExp(
  `${POUND}\\s?${NUMBER}(?:\\s?(million|billion|bn|m|thousand|k)(?![\\p{L}]))?(?:(?:\\s(?:extra|more))?(?:[\\s-](?:an?|per|each)[\\s-](hour|day|week|month|year|annum)\\b|\\s(annually)\\b))?`,
  'giu',
);
// "£2-3 million": one range, the multiplier shared.
const MONEY_RANGE = new RegExp(`${POUND}\\s?${NUMBER}\\s?(?:-|–|to)\\s?${POUND}?${NUMBER}\\s?(million|billion|bn|m|thousand|k)(?![\\p{L}])`, 'giu');
const PERCENT = new RegExp(`(?<![\\d.,£])${NUMBER}\\s?(%|per\\s?cent\\b|percent\\b|pc\\b)`, 'gi');
// Every word of a qualifier: "just over", "well under", "in the region of" (20 characters before the figure are read).
const QUALIFIER =
  /\b((?:(?:just|well)\s+)?(?:over|under)|in the region of|about|around|approximately|roughly|some|more than|up to|almost|nearly|at least|less than|fewer than|as many as|an estimated)\s+$/i;

// After a fraction standing alone: a word that cannot be its noun (a function word, a verb of saying) or punctuation.
const SHARE_END = /^(?:\s*[.,;:!?)”’"]|\s*$|\s+(?:in|on|at|of|are|were|is|was|have|had|will|would|could|said|say|says|voted|agreed|live|lived|work|worked)\b)/;
const OF_WHOLE = /^\s+(?:(?:the|its|their|our|all|these|those|his|her)\s+)?(?:\d{1,3}(?:,\d{3})+\s+|\d+\s+)?/i;

const RATE_BEFORE = /\b(hourly|weekly|monthly|annual|yearly)\s+(rate|pay|wage|fee|charge|salary)\b.*$/i;
const RATE_UNITS: Record<string, string> = { hourly: 'GBP/hour', weekly: 'GBP/week', monthly: 'GBP/month', annual: 'GBP/year', yearly: 'GBP/year' };
// A period as the sum's adjective ("the annual £6,000 contribution") or of what the sum is ("an annual budget of
// £200,000", "its yearly grant of about £5,000"): read in the 60 characters before the sum, in its sentence.
const PERIOD_BEFORE =
  /\b(hourly|weekly|monthly|annual|yearly)\s+(?:(?:[a-z-]+\s+)?(?:budget|contribution|grant|subsidy|cost|bill|income|rent|payment|funding|donation|fee|charge|salary|rate|pay|wage|allowance|subscription|turnover|spend)\s+(?:of|is|was|will\s+be|stands\s+at|totals|totalling)\s+(?:(?:now|only|just|about|around|nearly|almost|over|under|some|roughly|approximately|more\s+than|less\s+than|up\s+to)\s+){0,2})?$/i;
const MULTIPLIERS: Record<string, number> = { million: 1e6, m: 1e6, billion: 1e9, bn: 1e9, thousand: 1e3, k: 1e3 };
const RATES: Record<string, string> = { hour: 'GBP/hour', day: 'GBP/day', week: 'GBP/week', month: 'GBP/month', year: 'GBP/year', annum: 'GBP/year' };

export function extractFigures(paragraphs: Paragraph[]): Figure[] {
  return paragraphs.flatMap((para) => {
    const sentences = splitSentences(para.text);
    const figures = figuresIn(para.text)
      .sort((a, b) => a.start - b.start)
      .map((hit): Figure => {
        const qualifierMatch = hit.qualifier ? null : QUALIFIER.exec(para.text.slice(Math.max(0, hit.start - 20), hit.start));
        const counts = hit.counts ?? (hit.kind === 'money' || hit.kind === 'percent' ? countsFor(para.text, hit, qualifierMatch?.[0].length ?? 0) : null);
        const sentence = sentenceAt(sentences, hit.start) ?? { start: 0, text: para.text };
        // "raise the hourly rate it pays from £19.20 to £21.40": a rate named before the money is its unit.
        const rate = hit.kind === 'money' && hit.unit === 'GBP' ? RATE_BEFORE.exec(para.text.slice(Math.max(sentence.start, hit.start - 80), hit.start)) : null;
        const period = hit.kind === 'money' && hit.unit === 'GBP' && !rate ? PERIOD_BEFORE.exec(para.text.slice(Math.max(sentence.start, hit.start - 60), hit.start)) : null;
        const unit = rate && !rate[0].includes('£') ? RATE_UNITS[rate[1]!.toLowerCase()]! : period ? RATE_UNITS[period[1]!.toLowerCase()]! : hit.unit;
        return {
          kind: hit.kind,
          value: hit.value,
          unit,
          text: para.text.slice(hit.start, hit.end),
          qualifier: hit.qualifier ?? (qualifierMatch ? qualifierMatch[1]!.toLowerCase().replace(/\s+/g, ' ') : null),
          counts: counts ?? (rate && !rate[0].includes('£') ? `${rate[1]!.toLowerCase()} ${rate[2]!.toLowerCase()}` : null),
          sentence: clipAround(sentence.text, hit.start - sentence.start, hit.end - sentence.start, FIGURE_SENTENCE_MAX),
          paragraph: para.n,
          ...(hit.range ? { range: hit.range } : {}),
          ...(hit.change ? { change: hit.change } : {}),
          ...(hit.outOf !== undefined ? { outOf: hit.outOf } : {}),
        };
      });
    // The two ends of a range or change are labelled alike ("pay rises of between 6 and 12.7 per cent"), rates too.
    for (let i = 1; i < figures.length; i++) {
      const [p, q] = [figures[i - 1]!, figures[i]!];
      if (!((p.range && p.range === q.range) || (p.change && p.change === q.change))) continue;
      if ((p.counts === null) !== (q.counts === null)) p.counts = q.counts = p.counts ?? q.counts;
      if (p.kind === 'money' && p.unit !== q.unit && (p.unit === 'GBP' || q.unit === 'GBP')) p.unit = q.unit = p.unit === 'GBP' ? q.unit : p.unit;
    }
    return figures;
  });
}

function figuresIn(text: string): Hit[] {
  const hits = newHits(text);
  // Cheap tests first spare most paragraphs most patterns (a third of the time on the bench corpus).
  if (text.includes('£') || text.includes('\uFFFD')) moneyIn(hits);
  if (PENCE_HINT.test(text)) penceIn(hits);
  for (const m of /\d/.test(text) ? allMatches(PERCENT, text) : []) {
    addHit(hits, { kind: 'percent', value: amount(m[1]!, m[2], undefined), unit: '%', ...spanOf(m), counts: null });
  }
  fractionsIn(hits);
  proportionsIn(hits);
  for (const d of datesIn(text)) addHit(hits, { kind: 'date', value: d.value, unit: d.unit, ...spanOf(d.match), counts: null });
  const bare = countsIn(hits);
  linkRanges(hits);
  bareCountsIn(hits, bare);
  for (const d of yearsIn(text)) addHit(hits, { kind: 'date', value: d.value, unit: d.unit, ...spanOf(d.match), counts: null });
  return hits.list;
}

function moneyIn(hits: Hits): void {
  for (const m of allMatches(MONEY_RANGE, hits.text)) {
    const low = amount(m[1]!, m[2], m[5]);
    const high = amount(m[3]!, m[4], m[5]);
    if (high <= low) continue;
    // Both ends, as for every range: "£2" (meaning £2 million) and "3 million".
    const range = { low, high };
    if (notPound(hits.text, m.index, m.index + m[0].length)) continue;
    const second = m.index + m[0].search(/(?:-|–|to)\s?[£\uFFFD]?\d/);
    const highStart = second + /^(?:-|–|to)\s?/.exec(m[0].slice(second - m.index))![0].length;
    addHit(hits, { kind: 'money', value: low, unit: 'GBP', start: m.index, end: second - (/\s$/.test(m[0].slice(0, second - m.index)) ? 1 : 0), counts: null, range });
    addHit(hits, { kind: 'money', value: high, unit: 'GBP', start: highStart, end: spanOf(m).end, counts: null, range });
  }
  for (const m of allMatches(MONEY, hits.text)) {
    if (notPound(hits.text, m.index, m.index + m[0].length)) continue;
    const unit = m[4] ? RATES[m[4].toLowerCase()]! : m[5] ? 'GBP/year' : rateApart(hits.text, m.index, m.index + m[0].length);
    addHit(hits, { kind: 'money', value: amount(m[1]!, m[2], m[3]), unit, ...spanOf(m), counts: null });
  }
}

// "the nearest 10p", "5p an hour": pence, one or two digits glued to "p" (never "p12", "5pm", "1080p").
const PENCE_HINT = /\dp\b/;
const PENCE = /(?<![\p{L}\d.,£\uFFFD/-])(\d{1,2}(?:\.\d)?)p(?![\p{L}\d-])(?:[\s-](?:an?|per|each)[\s-](hour|day|week|month|year)\b)?/gu;

function penceIn(hits: Hits): void {
  for (const m of hits.text.matchAll(PENCE)) {
    const unit = m[2] ? RATES[m[2].toLowerCase()]! : 'GBP';
    addHit(hits, { kind: 'money', value: Math.round(Number(m[1]!) * 100) / 10000, unit, ...spanOf(m), counts: null });
  }
}

// "£21 million of tax payers’ money being spent … every year": a rate later in the clause, no other figure or
// clause break between, is the sum's rate when the sentence says the sum is spent or paid (before it or between);
// not "each year of the contract", a span the sum is spread over.
const RATE_APART = /([^\d£\uFFFD,;:.!?()]{1,100}?)\b(?:(?:every|each|per)\s+(year|week|month|day)|(annually))\b(?!\s+of\b)/uy;
// "to spend an extra £150 more for parking every year": the verb of spending before "an extra".
const SPENT_EXTRA = /\b(?:spend|spends|spending|spent|pay|pays|paying|paid|cost|costs|costing|charge|charges|charged)\s+(?:an?\s+)?(?:extra|further|additional)\s+$/i;
const SPENT = /\b(?:spent|spend|spends|spending|paid|pay|pays|paying|cost|costs|costing|given|handed|received|receives|invested|charged|charges)\b/i;

/** The rate of a sum written apart from it, or plain GBP. */
function rateApart(text: string, start: number, end: number): string {
  RATE_APART.lastIndex = end;
  const m = RATE_APART.exec(text);
  if (!m || !(SPENT.test(m[1]!) || MONEY_VERB_BEFORE.test(text.slice(Math.max(0, start - 12), start)) || SPENT_EXTRA.test(text.slice(Math.max(0, start - 32), start)))) return 'GBP';
  return m[3] ? 'GBP/year' : RATES[m[2]!.toLowerCase()]!;
}

/**
 * Whether a U+FFFD before a number stands for some other character the page lost: an apostrophe or dash glued to
 * the word or number before it ("council\uFFFDs", "10\uFFFD20"), or an opening quote before a count ("\uFFFD20 jobs").
 */
function notPound(text: string, start: number, end: number): boolean {
  if (text[start] !== '\uFFFD') return false;
  return (start > 0 && /[\p{L}\p{N}]/u.test(text[start - 1]!)) || countedNoun(text.slice(end, end + WINDOW), { yearLike: false }) !== null;
}

/** "a third of staff", "two-thirds of the budget", "half the day centres", "cut by a quarter": percentages. */
function fractionsIn(hits: Hits): void {
  if (!FRACTION_HINT.test(hits.text)) return;
  for (const m of allMatches(FRACTION, hits.text)) {
    const value = fractionPercent(m[1], m[2]!);
    if (value === null) continue;
    const hasOf = /\s+of$/i.test(m[0]);
    const end = m.index + m[0].length - (hasOf ? m[0].match(/\s+of$/i)![0].length : 0);
    const after = hits.text.slice(m.index + m[0].length, m.index + m[0].length + WINDOW);
    // Without "of", "half" followed by a determiner: "half the staff", never "half an hour".
    // After "of", a determiner and the whole's own number may stand first: "a third of its 40 member homes".
    const det = hasOf ? OF_WHOLE.exec(after) : /^\s+(?:the|its|their|our|all|these|those|his|her)\s+/i.exec(after);
    const counts = det ? (nounPhrase(after, det[0].length) ?? (hasOf ? namedWhole(after, det[0].length) : null)) : null;
    if (counts && (value !== 50 || isCountable(headOf(counts)))) {
      addHit(hits, { kind: 'percent', value, unit: '%', start: m.index, end, counts });
      continue;
    }
    // Or a change by a fraction: "opening hours cut by a quarter", "will shrink by almost a third".
    const before = hits.text.slice(Math.max(0, m.index - WINDOW), m.index);
    const lead = before.slice(0, before.length - (QUALIFIER.exec(before.slice(-20))?.[0].length ?? 0));
    const by = hasOf ? null : /\s+by\s+$/i.exec(lead);
    const changed = by ? changedThing(lead.slice(0, by.index), CHANGE_VERB) : null;
    if (changed) {
      addHit(hits, { kind: 'percent', value, unit: '%', start: m.index, end, counts: changed });
      continue;
    }
    // Or a share cut off a whole: "slashed a third off the ‘vegetation maintenance’ budget", "knocked half off fees".
    const unquoted = hasOf ? '' : after.replace(/[‘’“”"]/g, '');
    const off = hasOf ? null : OFF_WHOLE.exec(unquoted);
    if (off && CUT_BEFORE.test(lead)) {
      addHit(hits, { kind: 'percent', value, unit: '%', start: m.index, end, counts: nounPhrase(unquoted, off[0].length) });
      continue;
    }
    // Or a share of something just named, with its own qualifier: "57 contracts with well over half in rural
    // areas", "more than half said no". The qualifier is what makes "half" a figure here (not "half term").
    if (!hasOf && QUALIFIER.test(before.slice(-20)) && SHARE_END.test(after)) {
      addHit(hits, { kind: 'percent', value, unit: '%', start: m.index, end, counts: null });
      continue;
    }
    // Or the subject of a verb, opening its clause: "One third report that …, and a third have introduced …".
    if (!hasOf && opensClause(hits.text, m.index) && SUBJECT_VERB.test(after)) addHit(hits, { kind: 'percent', value, unit: '%', start: m.index, end, counts: null });
  }
}

// "off" and the whole a share is cut from; the verb before the fraction must be one of cutting.
const OFF_WHOLE = /^\s+off\s+(?:(?:the|its|their|our|this|that)\s+)?(?=\p{L})/u;
const CUT_BEFORE = new RegExp(`\\b(?:${CUT_VERBS.join('|')}|knock|knocks|knocked|knocking|shave|shaves|shaved|shaving|lop|lops|lopped)\\s+$`, 'i');
// Names opening the whole after "of": "two thirds of London head teachers", "a third of the Labour councillors".
const NAMES = /(?:\p{Lu}[\p{Ll}’'-]+\s+){1,3}/uy;

/** A whole whose phrase opens with up to three names and ends in a counted noun; null otherwise. */
function namedWhole(text: string, from: number): string | null {
  NAMES.lastIndex = from;
  if (!NAMES.exec(text)) return null;
  const rest = nounPhrase(text, NAMES.lastIndex);
  return rest && unitOf(headOf(rest)) ? `${text.slice(from, NAMES.lastIndex)}${rest}` : null;
}

// A verb (or an adverb before one) whose subject a fraction standing alone can be: "a third have", "half said".
const SUBJECT_VERB = /^\s+(?:have|had|are|were|will|would|could|say|said|report|reported|expect|expected|plan|planned|want|wanted|think|believe|voted|agreed|now|also|still)\b/;
const CLAUSE_OPEN = /(?:[.!?:;,]\s+|\b(?:and|but|while|whereas)\s+)$/;

/** Whether a clause opens at `start`: the paragraph's start (an opening mark allowed), after a stop or comma, or after "and". */
function opensClause(text: string, start: number): boolean {
  const lead = text.slice(Math.max(0, start - 10), start);
  return (start === lead.length && /^[\s“"‘]*$/.test(lead)) || CLAUSE_OPEN.test(lead);
}

function amount(whole: string, fraction: string | undefined, multiplier: string | undefined): number {
  const n = Number(whole.replace(/,/g, '') + (fraction ?? ''));
  const times = multiplier ? (MULTIPLIERS[multiplier.toLowerCase()] ?? 1) : 1;
  return Math.round(n * times * 100) / 100;
}
