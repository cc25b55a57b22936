import { nounPhrase, nounPhraseBefore } from './noun-phrases.js';
import { FUNCTION_WORDS } from './words.js';
import type { Hit } from './hits.js';

/**
 * What money or a percentage is of or for, read from the words beside it: "40 per cent of the enablement
 * service workforce", "save £4 million", "a 12% cut in pay" (pay), "hours slashed by up to 30%" (hours).
 * Each reader looks at a bounded window either side of the figure.
 */

// How far either side of a figure the words about it are looked for.
export const WINDOW = 120;

const AFTER_KEYWORDS: [RegExp, string][] = [
  [/^\s+(?:of\s+|in\s+)?(?:savings?)\b/i, 'savings'],
  [/^\s+(?:of\s+|in\s+)?(?:cuts?)\b/i, 'cuts'],
  [/^\s+(?:budget\s+)?deficit\b/i, 'deficit'],
  [/^\s+(?:funding\s+)?shortfall\b/i, 'shortfall'],
  [/^\s+overspend\b/i, 'overspend'],
  [/^\s+(?:(?:black\s+)?hole\s+in\s+(?:its|the|their|our)\s+budget|budget\s+gap|funding\s+gap|black\s+hole)\b/i, 'budget gap'],
];
const BEFORE_KEYWORDS: [RegExp, string][] = [
  [/\b(?:save|saves|saving|savings)(?:\s+of)?\s+$/i, 'savings'],
  [/\b(?:cut|cuts|cutting|reduce|reduces|reduced|reducing|slash|slashed|slashing)\s+(?:[\p{L}’'-]+\s+){0,5}by\s+$/iu, 'cuts'],
  [/\b(?:cuts\s+of|cut\s+of|reduction\s+of)\s+$/i, 'cuts'],
  [/\bdeficit\s+of\s+$/i, 'deficit'],
  [/\bshortfall\s+of\s+$/i, 'shortfall'],
  [/\b(?:budget\s+gap|funding\s+gap|black\s+hole)\s+of\s+$/i, 'budget gap'],
];

// Words before "cut" or "rise" that say what kind of change it is, not what changes ("a 5% real-terms cut").
const NOT_WHAT = new Set([
  'real-terms', 'year-on-year', 'annual', 'overall', 'further', 'planned', 'proposed', 'average', 'total', 'maximum', 'minimum',
  'inflation-busting', 'below-inflation', 'above-inflation', 'flat', 'blanket', 'one-off', 'permanent', 'temporary', 'massive',
  'huge', 'big', 'small', 'modest', 'significant', 'possible', 'likely', 'brutal', 'savage', 'deep', 'new', 'extra',
  'additional', 'estimated', 'expected', 'potential', 'overall',
]);

export const CUT_VERBS = [
  'cut', 'cuts', 'cutting', 'reduce', 'reduces', 'reduced', 'reducing', 'slash', 'slashes', 'slashed', 'slashing', 'trim', 'trims',
  'trimmed', 'trimming', 'lower', 'lowers', 'lowered', 'lowering', 'halve', 'halved', 'halving',
];
const OTHER_CHANGE_VERBS = [
  'fall', 'falls', 'fell', 'falling', 'fallen', 'drop', 'drops', 'dropped', 'dropping', 'rise', 'rises', 'rose', 'rising', 'risen',
  'increase', 'increases', 'increased', 'increasing', 'grow', 'grows', 'grew', 'growing', 'grown', 'shrink', 'shrinks', 'shrank',
  'shrunk', 'shrinking', 'decline', 'declines', 'declined', 'declining', 'go', 'goes', 'went', 'gone', 'going', 'raise', 'raises',
  'raised', 'raising', 'change', 'changes', 'changed', 'changing',
  // How headlines say it: "costs climb by a third", "fares soared", "visits plunged".
  'climb', 'climbs', 'climbed', 'climbing', 'soar', 'soars', 'soared', 'soaring', 'jump', 'jumps', 'jumped', 'jumping', 'plunge',
  'plunges', 'plunged', 'plunging', 'plummet', 'plummets', 'plummeted', 'plummeting', 'surge', 'surges', 'surged', 'surging',
  'slump', 'slumps', 'slumped', 'slumping', 'tumble', 'tumbles', 'tumbled', 'tumbling',
];
/** Verbs of cutting, as a whole lowercase word. */
export const CUT_VERB = new RegExp(`^(?:${CUT_VERBS.join('|')})$`);
/** Verbs of any change in number: "fell from 120 to 80", "rose from". */
export const CHANGE_VERBS = [...CUT_VERBS, ...OTHER_CHANGE_VERBS];
/** The same, as a whole lowercase word. */
export const CHANGE_VERB = new RegExp(`^(?:${CHANGE_VERBS.join('|')})$`);
const AUXILIARIES = /(?:\s+(?:is|are|was|were|be|been|being|has|have|had|will|would|could|may|might|to|also|already|now|set|due|expected|likely|going|planned))*\s*$/;
const DETERMINER = /(?:\s+(?:the|its|their|our|his|her|this|these|those))?\s*$/;

/**
 * What a verb of change acts on, given the text that ends just before "by" or "from":
 * "hours slashed" (passive or intransitive: the phrase before the verb) or "reduce staffing" (active:
 * the phrase after the verb). `verbs` says which verbs count.
 */
export function changedThing(before: string, verbs: RegExp): string | null {
  // The verb and its phrase are within the last few words; end-anchored patterns then stay cheap.
  const trimmed = before.slice(-80).replace(/(?:\s+(?:down|back|up))?\s*$/, '');
  const verb = /([\p{L}]+)$/u.exec(trimmed);
  if (verb && verbs.test(verb[1]!.toLowerCase())) {
    const subject = trimmed.slice(0, verb.index).replace(AUXILIARIES, '');
    // "Places at Dunleigh’s day centres for adults … will be cut": the subject's head opens the sentence.
    const whole = before.slice(0, before.length - before.slice(-80).length) + subject;
    const opening = /(?:^|[.!?]\s+)(\p{Lu}\p{Ll}+)\s+(?:at|for|with|in|on|across)\s+[^.!?]*$/u.exec(whole);
    if (opening && /[^su]s$/.test(opening[1]!) && !FUNCTION_WORDS.has(opening[1]!.toLowerCase())) return opening[1]!.toLowerCase();
    return nounPhraseBefore(subject, verbs)?.phrase ?? null;
  }
  const object = nounPhraseBefore(trimmed, verbs);
  if (!object) return null;
  const lead = trimmed.slice(0, object.start).replace(DETERMINER, '');
  const leadVerb = /([\p{L}]+)$/u.exec(lead);
  return leadVerb && verbs.test(leadVerb[1]!.toLowerCase()) ? object.phrase : null;
}

/** What money or a percentage is of or for; null when the words beside it do not say. */
export function countsFor(text: string, hit: Hit, qualifierLength: number): string | null {
  const after = text.slice(hit.end, hit.end + WINDOW);
  const before = text.slice(Math.max(0, hit.start - qualifierLength - WINDOW), hit.start - qualifierLength);
  if (hit.kind === 'percent') {
    const of = /^\s+of\s+(?:the\s+|its\s+|their\s+|our\s+|all\s+)?/i.exec(after);
    const ofWhat = of ? nounPhrase(after, of[0].length) : null;
    if (ofWhat) return ofWhat;
    // "a 12% cut in pay", "a 10% reduction in the number of carers".
    const cutIn = /^\s+(?:pay\s+)?(?:cut|cuts|reduction|reductions|drop|fall|rise|rises|increase|increases|jump|hike)\s+in\s+(?:the\s+|its\s+|their\s+|our\s+)?/i.exec(after);
    const inWhat = cutIn ? nounPhrase(after, cutIn[0].length) : null;
    if (inWhat) return inWhat;
    // "a 5% pay cut", "a 4.99% council tax rise"; "a 0% increase".
    const noun = /^\s+((?:[\p{Ll}-]+\s+){0,2}[\p{Ll}-]+)\s+(?:cut|cuts|rise|rises|increase|increases|reduction|reductions|uplift)\b/u.exec(after);
    if (noun && noun[1]!.split(/\s+/).every((w) => !FUNCTION_WORDS.has(w) && !NOT_WHAT.has(w))) return noun[1]!;
    const change = /^\s+(increase|rise|cut|reduction|uplift)\b/i.exec(after);
    if (change) return change[1]!.toLowerCase();
    // "hours slashed by up to 30%", "rents are set to rise by an average of six per cent"; without "by"
    // ("spending on libraries fell 20%"), or to a level ("recycling rates fell to 39%").
    // Without "by" only right after the verb, so most percentages cost one short match here.
    const by = BY.exec(before);
    const to = by ? null : TO_LEVEL.exec(before);
    const lead = by ? before.slice(0, by.index) : to ? before.slice(0, to.index) : before;
    const verbLast = !by && LAST_WORD.exec(lead.slice(-24));
    const changed = by || (verbLast && CHANGE_VERB.test(verbLast[1]!.toLowerCase())) ? changedThing(lead, CHANGE_VERB) : null;
    if (changed) return changed;
    // "Usage is down 15%".
    const updown = UP_DOWN.exec(before);
    const moved = updown ? nounPhraseBefore(before.slice(0, updown.index), CHANGE_VERB) : null;
    if (moved) return moved.phrase;
    // "inflation is around 11%".
    const is = /\s+(?:is|was|stands\s+at|stood\s+at)\s+$/i.exec(before);
    const what = is ? nounPhraseBefore(before.slice(0, is.index), CHANGE_VERB) : null;
    if (what) return what.phrase;
  }
  for (const [re, label] of AFTER_KEYWORDS) if (re.test(after)) return label;
  if (SAVE_OBJECT.test(before)) return 'savings'; // "would save the authority £233,000"
  // Every keyword before a figure ends in one of these words: the cheap test spares the long patterns.
  if (!/\b(?:by|of|between|save|saves|saving|savings)\s+$/i.test(before.slice(-12))) return null;
  for (const [re, label] of BEFORE_KEYWORDS) if (re.test(before)) return label;
  // "a massive investment of £300million", "pay rises of between 6 and 12.7 per cent".
  const of = /\s+of(?:\s+between)?\s+$/i.exec(before);
  const whole = of ? nounPhraseBefore(before.slice(0, of.index), VERB_BEFORE) : null;
  if (whole) {
    const words = whole.phrase.split(' ');
    while (words.length > 1 && NOT_WHAT.has(words[0]!)) words.shift();
    if (WHOLES.has(words.at(-1)!)) return words.join(' ');
  }
  // Money changed by an amount: "Rent is due to rise by more than £150 a year".
  const by = hit.kind === 'money' ? BY.exec(before) : null;
  return by ? changedThing(before.slice(0, by.index), CHANGE_VERB) : null;
}

const BY = /\s+by(?:\s+an\s+average\s+of)?\s+$/i;
const TO_LEVEL = /\s+to\s+$/i;
const LAST_WORD = /(\p{L}+)\s*$/u;
const UP_DOWN = /\s+(?:is|are|was|were|has\s+been|have\s+been)\s+(?:down|up)\s+$/i;
const SAVE_OBJECT = /\b(?:save|saves|saved|saving)\s+(?:(?:the|its|their|our)\s+)?[\p{L}’'-]+(?:\s+[\p{L}’'-]+)?\s+$/iu;
// What money or a percentage "of" may be: "an investment of £300million", "a rent increase of 6.19 per cent".
const WHOLES = new Set([
  'increase', 'increases', 'rise', 'rises', 'uplift', 'investment', 'funding', 'grant', 'subsidy', 'subsidies', 'budget', 'fall',
  'drop', 'reduction', 'reductions',
]);
// Verbs that end the phrase before "of" ("offered pay rises of").
const VERB_BEFORE = /ed$|^(?:says?|said|gave|gives?|made|makes?|offers?|agree[sd]?|saw|sees?|means?)$/;
