import type { Atom } from './count-atoms.js';
import { MONEY_VERB_BEFORE, wordBefore } from './count-atoms.js';
import { NOT_COUNTED, unitOf } from './counted-noun.js';
import { headOf } from './noun-phrases.js';
import { CHANGE_VERBS } from './figure-labels.js';
import { addHit, type Hit, type Hits } from './hits.js';
import { FUNCTION_WORDS } from './words.js';

/**
 * Bare counts: a number with no noun at all, which the sentence still makes a count ("we only know that
 * 33,000 are travelling", "you have now closed eight", "78 teaching posts, with 91 more set to go",
 * "two amendments, which were followed by three from Labour"). Most nounless numbers are not counts
 * (a route "the 54", a time "at 10", an age "Ahmed, 47,", "reduced from six hours to two"), so one is
 * taken only where what follows it leaves no doubt: a verb of which it is the subject, "more" or
 * "already", "proposed by", or the end of a clause right after a verb of which it is the object.
 * Its unit is the nearest count's before it in the paragraph, or people when there is none; what it counts
 * stays null, since the text does not say it.
 */

// What follows it: a verb of which it is the subject, or "more" or "already", and the word after that (1,
// never a duration: "two more years"); a passive "proposed by"; "three from Labour", a share of what a named
// body put forward; or the end of a clause (2). One sticky pattern read at the number's end, so a number
// followed by a noun costs one failed match.
const AFTER =
  /\s+(?:(?:are|were|have|had|will|would|could|can|may|might|must|should|remain|remained|more|already)\s+(\p{L}+)|\p{Ll}+ed\s+by\s|(?:lost|lose|face|faced|left|quit|received|applied|took\s+part)\b|from\s+\p{Lu}|of\s+(?:them|those|these|us)\b|(said|say|says|voted|agreed|signed|replied|responded|backed|supported|opposed|objected|attended|joined|marched|against)\b)|([.;!?]|,\s|$|\s+(?:and|but|while|whereas)\s+(?=\p{Lu}))/uy;
// Verbs a number can be the object of and still be a count (besides any in -ed or -ing): not "is 47."
// (an age), not "at 10." (a time).
const OBJECT_VERBS = new Set([
  'have', 'has', 'had', 'cut', 'cuts', 'lost', 'lose', 'loses', 'kept', 'keep', 'keeps', 'left', 'shut', 'shuts', 'need',
  'needs', 'employ', 'employs', 'got', 'get', 'gets', 'made', 'make', 'makes', 'save', 'saves', 'close', 'closes', 'open', 'opens',
]);
// Before it: "the two have been" is a pair of people or bodies named before, not a count.
const DETERMINED = /(?:^|\s)(?:the|these|those|its|their|our|his|her|both)\s+$/i;
// Words that make a following number an age, a score, a time or a point on a scale ("at 10", "reduced to two").
const NOT_AFTER = new Set([
  'turned', 'turns', 'turning', 'aged', 'scored', 'scoring', 'won', 'drew', 'beat', 'at', 'until', 'till', 'to', 'before',
  'after', 'since', 'past', 'from',
]);
// An age with its qualifier ("aged over 16"), or a list of codes ("the X5 and 71", "services 6, 7 and 71").
// Also a score or tally glued to the number before ("voted 8-3 against").
const AGE_BEFORE = /\b(?:aged|ages?(?:\s+of)?)\s+(?:(?:over|under|about|around|between|up\s+to)\s+)?$/i;
const CODE_LIST = /[\p{L}\d]*\d[\p{L}\d]*(?:,\s*|\s+(?:and|or|&)\s+|\s?[-–]\s?)$/u;
const UP_TO = /\b(?:up|as\s+many\s+as|close)\s+to\s+$/i;
// How far back the count whose noun a bare number borrows may be.
const ANTECEDENT_WINDOW = 300;

// "most were in the North-West (77), followed by the East of England (45)": a number alone in brackets after a
// word, the clause going on after it, is a part of a whole counted before it in the sentence. Not a list mark
// ("proposals: (1) close") and, by the whole's test below, not an age ("Jo Bell (45)", "Amy (7) and Ben (9)").
const PART_BEFORE = /\p{L} \($/u;
const PART_AFTER = /\)(?:[,.;:!?]|\s+(?:and|or|are|were|is|was)\b|$)/y;

// "another 280 (245 buildings …)", "hire a further 10.": more of what was just counted, so only after a count.
const MORE_BEFORE = /\b(?:another|a\s+further|an\s+extra|an\s+additional)\s+$/i;
const MORE_AFTER = /\s*\(|[.;!?]|,\s|$/y;
// "reduced its total by 42.", "cut the number of libraries by 12.": a count changed by a number. What changes
// must be a total or a number of things (not hours, pay or a budget); "its total" is of what was counted before.
const TOTAL_BY = new RegExp(`\\b(?:${CHANGE_VERBS.join('|')})\\s+(?:its|their|the)\\s+(?:total|tally|number(?:\\s+of\\s+([\\p{Ll}-]+(?:\\s+[\\p{Ll}-]+){0,2}))?)\\s+by\\s+$`, 'u');
// "signed by more than 2,700,": the people a petition or a plan was signed or backed by.
const SIGNED_BY = /\b(?:signed|backed|supported|attended|joined|visited)\s+by\s+(?:(?:more\s+than|over|about|around|almost|nearly|some|at\s+least|just\s+over)\s+)?$/i;

const WHOLE_QUALIFIER = '(?:(?:more\\s+than|over|about|around|almost|nearly|some|at\\s+least|just\\s+over|up\\s+to|an\\s+estimated|now|only|just)\\s+)?';
const PEOPLE_WHOLE_OF = new RegExp(
  `\\b(audiences?|crowds?|workforce|population|membership|turnout|congregation|attendance|electorate|readership)\\s+of\\s+${WHOLE_QUALIFIER}$`,
  'i',
);
const NUMBER_OF_IS = new RegExp(
  `\\bnumber\\s+of\\s+([\\p{Ll}-]+(?:\\s+[\\p{Ll}-]+){0,2})\\s+(?:is|are|was|were|will\\s+be|would\\s+be|could\\s+be|may\\s+be|might\\s+be|stands\\s+at|stood\\s+at|has\\s+reached|reached|totals|totalled)\\s+${WHOLE_QUALIFIER}$`,
  'u',
);
// After "the number of X is N" the clause ends or goes on without a noun of N's own ("… 250 and will be made").
const CLAUSE_GOES_ON = /[.,;:!?)]|\s*$|\s+(?:and|but|in|by|last|this|next|a|per|each|from|up|down|so|after|before)\b/y;

/** A nounless number the sentence makes a count: of people when what it does says so ("21 voted"). */
export interface BareCount {
  atom: Atom;
  people: boolean;
  /** A bracketed part ("the North-West (77)"), a count only of a larger whole earlier in its sentence. */
  part?: boolean;
  /** More of, or a change in, what a count before it counted: no count at all without one. */
  antecedent?: boolean;
  /** What the sentence says it counts ("the number of libraries"), whatever came before. */
  unit?: string;
  /** The words that say what it counts ("audiences", "redundancies"). */
  counts?: string;
}

/** The bare count a nounless atom is, by what stands either side of it; null when it is none. */
export function bareCount(text: string, a: Atom): BareCount | null {
  if (a.yearLike || a.noun) return null;
  PART_AFTER.lastIndex = a.end;
  if (PART_BEFORE.test(text.slice(Math.max(0, a.start - 3), a.start)) && PART_AFTER.test(text)) return { atom: a, people: false, part: true };
  const lead = text.slice(Math.max(0, a.start - 24), a.start);
  MORE_AFTER.lastIndex = a.end;
  if (MORE_BEFORE.test(lead) && MORE_AFTER.test(text)) return { atom: a, people: false, antecedent: true };
  const before100 = text.slice(Math.max(0, a.start - 100), a.start);
  // Both readers need "of" before the number: most nounless numbers cost one substring test here.
  if (before100.includes(' of ') && !/^\p{L}/u.test(text.slice(a.end, a.end + 1))) {
    // "audiences of more than 313,000", "a crowd of about 2,000": the people a whole of them counts.
    const whole = PEOPLE_WHOLE_OF.exec(before100.slice(-60));
    if (whole) return { atom: a, people: true, counts: whole[1]!.toLowerCase() };
    // "the number of redundancies will be around 250 and …": what the sentence says it counts, the clause ending.
    const numberOf = NUMBER_OF_IS.exec(before100);
    const unit = numberOf ? unitOf(headOf(numberOf[1]!)) : null;
    CLAUSE_GOES_ON.lastIndex = a.end;
    if (numberOf && unit && CLAUSE_GOES_ON.test(text)) return { atom: a, people: false, unit, counts: numberOf[1]! };
  }
  AFTER.lastIndex = a.end;
  const after = AFTER.exec(text);
  if (!after) return null;
  // After a verb of money ("those who paid 40") it is a sum, not a count.
  if (DETERMINED.test(lead) || AGE_BEFORE.test(lead) || CODE_LIST.test(lead) || MONEY_VERB_BEFORE.test(lead)) return null;
  const before = wordBefore(text, a.start);
  // "up to 40" is a qualifier, not a point on a scale.
  if (NOT_AFTER.has(before.toLowerCase()) && !UP_TO.test(lead)) return null;
  if (after[1] !== undefined) return NOT_COUNTED.has(after[1].toLowerCase()) ? null : { atom: a, people: false };
  if (after[2] !== undefined) return { atom: a, people: true };
  if (after[3] === undefined) return { atom: a, people: false };
  const wide = text.slice(Math.max(0, a.start - 60), a.start);
  if (SIGNED_BY.test(wide)) return { atom: a, people: true };
  if (before === 'by') {
    const total = TOTAL_BY.exec(wide);
    if (!total) return null;
    const unit = total[1] ? unitOf(headOf(total[1])) : null;
    return total[1] ? (unit ? { atom: a, people: false, unit } : null) : { atom: a, people: false, antecedent: true };
  }
  // At the end of a clause it must be the object of a verb: the lowercase word right before it.
  if (!/^\p{Ll}+$/u.test(before) || !text.slice(a.start - before.length - 1, a.start).startsWith(`${before} `)) return null;
  if (!OBJECT_VERBS.has(before) && (FUNCTION_WORDS.has(before) || !/.{2}(?:ed|ing)$/.test(before))) return null;
  // Before "and" and a new subject the clause's end is less sure ("He served 12 and Mr Smith said"): only more of a count.
  return { atom: a, people: false, ...(/^\s/.test(after[3]) ? { antecedent: true } : {}) };
}

/** Adds the bare counts, each in the unit of the nearest count before it (people when none, or when it acts as people). */
export function bareCountsIn(hits: Hits, candidates: BareCount[]): void {
  if (candidates.length === 0) return;
  const counts = hits.list.filter((h) => h.kind === 'count').sort((p, q) => p.start - q.start);
  let next = 0;
  let last: Hit | undefined;
  // The parts a whole has had so far, so parts never add up to more than it.
  const parts = new Map<Hit, number>();
  for (const { atom: a, people, part, antecedent, unit, counts: what } of candidates) {
    while (next < counts.length && counts[next]!.end <= a.start) last = counts[next++];
    if (part) {
      const whole = next > 0 ? counts[next - 1]! : undefined;
      const sum = (whole ? (parts.get(whole) ?? 0) : 0) + a.value;
      // A whole of people is left alone: after a name, a bracketed number is an age ("Jo Bell (64)").
      if (!whole || whole.unit === 'people' || sum > (whole.value as number) || a.start - whole.end > ANTECEDENT_WINDOW) continue;
      const between = hits.text.slice(whole.end, a.start - 1);
      if (/[.!?]/.test(between) || between.trim() === '') continue;
      parts.set(whole, sum);
    }
    const near = !people && last && a.start - last.end <= ANTECEDENT_WINDOW ? last : undefined;
    // More of, or a change in, what was counted in the same sentence: across a full stop it may be anything.
    if (antecedent && (!near || /[.!?]/.test(hits.text.slice(near.end, a.start)))) continue;
    const hit: Hit = { kind: 'count', value: a.value, unit: unit ?? near?.unit ?? 'people', start: a.start, end: a.end, counts: what ?? null };
    if (addHit(hits, hit)) last = hit;
  }
}
