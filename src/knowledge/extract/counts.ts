import { FUNCTION_WORDS } from './words.js';
import { bareCount, type BareCount } from './bare-counts.js';
import { readAtoms, type Atom } from './count-atoms.js';
import { countable, countAlone } from './count-alone.js';
import { countedNoun, unitOf, type CountedNoun } from './counted-noun.js';
import { headOf } from './noun-phrases.js';
import { CHANGE_VERB, changedThing, WINDOW } from './figure-labels.js';
import { addHit, claim, type Hits } from './hits.js';
import { moneySides, type MoneySides } from './money-changes.js';
import { VAGUE_HINT, VAGUE_MULTIPLE, vagueValue } from './number-words.js';
import { allMatches } from './matches.js';

/**
 * Counts: a number, in digits or words, and what it counts. The noun usually follows the number
 * ("150 vital care workers", "eight care homes"), but may belong to a neighbour ("64 out of 120 home
 * carers", "between 200 and 250 residents", "30-40 jobs"), stand before it ("places cut from 90 to 45"),
 * or follow "of" ("5 of the council’s remaining day centres"). So numbers are first read as atoms, then
 * paired with the next atom when the words between make one figure of them.
 */

const POUNDS_AFTER = /^\s+pounds\b/;

const RANGE_GAP = /^(?:\s?[-–—]\s?|\s+(?:to|or)\s+)$/;
const TO_GAP = /^\s+to\s+$/;
const DASH_GAP = /^\s?[-–—]\s?$/;
const FROM_GAP = /^\s+from\s+$/;
const AND_GAP = /^\s+and\s+$/;
const OUT_OF_GAP = /^\s+(?:out\s+of|of)\s+(?:(?:the|its|their|our)\s+)?(?:\p{L}+[’']s\s+)?$/u;
const IN_GAP = /^\s+in\s+$/;
const YEAR_GAP = /^\s+(?:in|during)\s+$/;

/**
 * Reads every count; returns the numbers with no noun that may be bare counts, which the caller adds
 * once ranges of money and percentages have taken theirs ("between 6 and 12.7 per cent").
 */
export function countsIn(hits: Hits): BareCount[] {
  const bare: BareCount[] = [];
  const { text } = hits;
  for (const m of VAGUE_HINT.test(text) ? allMatches(VAGUE_MULTIPLE, text) : []) {
    const noun = countedNoun(text.slice(m.index + m[0].length, m.index + m[0].length + WINDOW), { yearLike: false });
    const qualifier = m[0].toLowerCase().replace(/\s+/g, ' ');
    // "hundreds of thousands of pounds" is money, the least it stands for, as "hundreds of carers" is a count.
    const pounds = noun ? null : POUNDS_AFTER.exec(text.slice(m.index + m[0].length, m.index + m[0].length + 8));
    if (pounds && !/more$/.test(qualifier)) {
      addHit(hits, { kind: 'money', value: vagueValue(m[1], m[2]!), unit: 'GBP', start: m.index, end: m.index + m[0].length + pounds[0].length, counts: null, qualifier });
      continue;
    }
    if (!noun) continue;
    const end = m.index + m[0].length + noun.length;
    addHit(hits, { kind: 'count', value: vagueValue(m[1], m[2]!), unit: noun.unit, start: m.index, end, counts: noun.phrase, qualifier });
  }
  if (VAGUE_WORD.test(text)) vagueAlone(hits);
  const atoms = readAtoms(hits);
  for (let i = 0; i < atoms.length; i++) {
    const a = atoms[i]!;
    const b = atoms[i + 1];
    const c = atoms[i + 2];
    // "from 450 in 2015 to 720": the year between is left to be a date.
    if (b && c && b.yearLike && YEAR_GAP.test(hits.text.slice(a.end, b.start)) && c.start - b.end <= 30 && pair(hits, a, c, hits.text.slice(b.end, c.start))) {
      i += 2;
      continue;
    }
    if (b && b.start - a.end <= 30 && pair(hits, a, b, hits.text.slice(a.end, b.start))) i++;
    else if (!countAlone(hits, a)) {
      const b = bareCount(text, a);
      if (b) bare.push(b);
    }
  }
  return bare;
}


// A vague multiple with no "of" or "more" after it: money after a verb of money ("overspend by millions", "has
// cost thousands"), people when what follows describes them ("thousands desperate for a home", "dozens waiting").
// Never after a determiner ("in their thousands", "the hundreds stuck"), nor "by" without a verb of money.
const VAGUE_WORD = /(?:dozens|scores|hundreds|thousands|millions)\b/i;
const VAGUE_ALONE = /(?<![\p{L}’'-])(dozens|scores|hundreds|thousands|millions)(?!\s+(?:of|more)\b)(?![\p{L}’'-])/giu;
const MONEY_VERB_BY =
  /\b(?:overspend|overspends|overspent|overspending|underspend|underspent|spend|spends|spent|spending|cost|costs|costing|save|saves|saved|saving|waste|wasted|wasting)\s+(?:by\s+)?$/i;
const SUM_ENDS = /^(?:[.,;:!?)”’"]|\s+(?:and|but|on|in|over|this|last|next|to|if|while|[–—-])(?=\s)|\s*$)/;
const DESCRIBED = /^\s+(?:desperate|waiting|left|affected|forced|facing|living|stuck|queuing|struggling)\b/i;
const VAGUE_DETERMINED = /\b(?:the|their|these|those|its|our|his|her|in|by|to|of)\s+$/i;

function vagueAlone(hits: Hits): void {
  const { text } = hits;
  for (const m of text.matchAll(VAGUE_ALONE)) {
    const end = m.index + m[0].length;
    const before = text.slice(Math.max(0, m.index - 30), m.index);
    const after = text.slice(end, end + 30);
    const value = vagueValue(undefined, m[1]!);
    const qualifier = m[1]!.toLowerCase();
    if (MONEY_VERB_BY.test(before) && SUM_ENDS.test(after) && m[1] !== 'dozens' && m[1] !== 'scores') {
      addHit(hits, { kind: 'money', value, unit: 'GBP', start: m.index, end, counts: null, qualifier });
    } else if (DESCRIBED.test(after) && !VAGUE_DETERMINED.test(before)) {
      addHit(hits, { kind: 'count', value, unit: 'people', start: m.index, end, counts: null, qualifier });
    }
  }
}

/** Two neighbouring atoms that make one figure (a range, a part of a whole) or two linked ones (a change). */
function pair(hits: Hits, a: Atom, b: Atom, gap: string): boolean {
  const { text } = hits;
  const before = text.slice(Math.max(0, a.start - WINDOW), a.start);
  if (IN_GAP.test(gap) && !a.noun && !b.yearLike) return true; // "1 in 4 carers" is a proportion, not a count of four
  // "a 9-5 job", "9–5 shifts": a dash from the larger number down to the smaller joins hours or a score, not a range.
  if (!a.noun && DASH_GAP.test(gap) && a.value > b.value) return true;
  const from = /\bfrom\s+$/i.exec(before);
  if (from && TO_GAP.test(gap)) {
    const lead = before.slice(0, from.index);
    const hasVerb = a.value > b.value || lead.split(/\s+/).slice(-6).some((w) => CHANGE_VERB.test(w.toLowerCase().replace(/[^a-z]/g, '')) || /^(?:down|up)$/i.test(w));
    const thing = b.noun || a.noun ? null : changedThing(lead, CHANGE_VERB);
    const money = moneySides(hits, a, b, thing);
    if (money) return moneyPair(hits, a, b, money, thing!, hasVerb ? 'change' : 'range');
    const noun = b.noun ?? a.noun ?? nounOf(thing);
    if (!noun || !countable(a, noun.unit, text) || !countable(b, noun.unit, text)) return true;
    if (!hasVerb) return range(hits, a, b, noun);
    const change = { from: a.value, to: b.value };
    for (const atom of [a, b]) {
      const end = atom.end + (atom.noun ? atom.noun.length : 0);
      addHit(hits, { kind: 'count', value: atom.value, unit: noun.unit, start: atom.start, end, counts: noun.phrase, change });
    }
    return true;
  }
  // "fell to 4,000 from 6,000": a change told from its end, with a verb of change before "to".
  const to = /\bto\s+$/i.exec(before);
  if (to && FROM_GAP.test(gap)) {
    const lead = before.slice(0, to.index);
    const verb = /([\p{L}]+)(?:\s+(?:down|back|up))?\s*$/u.exec(lead);
    if (!verb || !CHANGE_VERB.test(verb[1]!.toLowerCase())) return false;
    const thing = a.noun || b.noun ? null : changedThing(lead, CHANGE_VERB);
    const money = moneySides(hits, a, b, thing);
    if (money) return moneyPair(hits, a, b, money, thing!, 'backwards');
    const noun = a.noun ?? b.noun ?? nounOf(thing);
    if (!noun || !countable(a, noun.unit, text) || !countable(b, noun.unit, text)) return true;
    const change = { from: b.value, to: a.value };
    for (const atom of [a, b]) {
      const end = atom.end + (atom.noun ? atom.noun.length : 0);
      addHit(hits, { kind: 'count', value: atom.value, unit: noun.unit, start: atom.start, end, counts: noun.phrase, change });
    }
    return true;
  }
  // "approved by 31 votes to 22": the second number of a split counts the same.
  if (a.noun && !b.noun && !b.yearLike && b.value < a.value && /^\s+to\s+$/.test(text.slice(a.end + a.noun.length, b.start)) && endsHere(text, b.end) && countable(a, a.noun.unit, text)) {
    addHit(hits, { kind: 'count', value: a.value, unit: a.noun.unit, start: a.start, end: a.end + a.noun.length, counts: a.noun.phrase });
    addHit(hits, { kind: 'count', value: b.value, unit: a.noun.unit, start: b.start, end: b.end, counts: a.noun.phrase });
    return true;
  }
  if (!a.noun && b.noun && countable(a, b.noun.unit, text) && countable(b, b.noun.unit, text)) {
    const between = /\bbetween\s+$/i.test(before);
    if (RANGE_GAP.test(gap) || (between && AND_GAP.test(gap))) return range(hits, a, b, b.noun);
    // "nine out of ten respondents" is a proportion, not a survey of ten.
    if (OUT_OF_GAP.test(gap) && (b.value === 10 || b.value === 100) && /^\s+out\s+of\s+$/.test(gap)) return true;
    if (OUT_OF_GAP.test(gap)) {
      const end = b.end + b.noun.length;
      hits.list.push({ kind: 'count', value: a.value, unit: b.noun.unit, start: a.start, end, counts: b.noun.phrase, outOf: b.value });
      addHit(hits, { kind: 'count', value: b.value, unit: b.noun.unit, start: b.start, end, counts: b.noun.phrase });
      claim(hits, a.start, end);
      return true;
    }
  }
  return false;
}

/** Whether nothing that could be a noun follows a number ("… by 31 votes to 22."), not "to 20 hours". */
function endsHere(text: string, end: number): boolean {
  const next = /^\s*([.,;:!?)]|$)|^\s+(\p{L}+)/u.exec(text.slice(end, end + 30));
  return next !== null && (next[1] !== undefined || FUNCTION_WORDS.has(next[2]!.toLowerCase()));
}

/** Both sums of a change or range of money; "backwards" is a change told from its end ("fell to 19,000 from 23,000"). */
function moneyPair(hits: Hits, a: Atom, b: Atom, money: MoneySides, counts: string, how: 'change' | 'range' | 'backwards'): true {
  const [x, y] = money.values;
  const link =
    how === 'range' ? { range: { low: Math.min(x, y), high: Math.max(x, y) } } : { change: how === 'change' ? { from: x, to: y } : { from: y, to: x } };
  addHit(hits, { kind: 'money', value: x, unit: money.unit, start: a.start, end: a.end, counts, ...link });
  addHit(hits, { kind: 'money', value: y, unit: money.unit, start: b.start, end: money.secondEnd, counts, ...link });
  return true;
}

/** Both ends of a range are figures ("between 44 and 60 workers": 44 and 60), each knowing the range. */
function range(hits: Hits, a: Atom, b: Atom, noun: CountedNoun): true {
  const span = { low: Math.min(a.value, b.value), high: Math.max(a.value, b.value) };
  for (const atom of [a, b]) {
    const end = atom.end + (atom.noun ? atom.noun.length : 0);
    addHit(hits, { kind: 'count', value: atom.value, unit: noun.unit, start: atom.start, end, counts: noun.phrase, range: span });
  }
  return true;
}

/** The noun a phrase before a verb of change gives ("places", "the number of beds" → beds), as a counted noun. */
function nounOf(phrase: string | null): CountedNoun | null {
  if (!phrase) return null;
  const head = headOf(phrase);
  const unit = unitOf(head);
  if (unit) return { phrase, unit, length: 0 };
  if (!HOLDS.has(head)) return null;
  // "the housing repairs backlog": what a backlog or queue holds is the plural noun before it.
  const words = phrase.split(' ');
  for (let i = words.indexOf(head) - 1; i >= 0; i--) {
    const held = unitOf(words[i]!);
    if (held) return { phrase, unit: held, length: 0 };
  }
  return null;
}

// Singular nouns a count can be told by, holding the things counted: "the repairs backlog fell from 900 to 450".
const HOLDS = new Set(['backlog', 'queue', 'list', 'pile', 'caseload']);
