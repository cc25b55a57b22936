/** Noun phrases around a number: the phrase after it, the phrase a verb of change follows, and a phrase's head. */
import { FUNCTION_WORDS } from './words.js';

// Verbs that often follow a counted noun as its subject ("a third of staff left"): a phrase ends before them.
export const VERBS_AFTER = new Set([
  'left', 'lost', 'lose', 'face', 'faces', 'quit', 'remain', 'remains', 'say', 'says', 'said', 'voted', 'need', 'needs',
  'receive', 'receives', 'gets', 'got', 'went', 'feel', 'felt', 'rely', 'relies', 'used', 'took', 'takes', 'made', 'makes',
  'earns', 'paid', 'pays', 'stayed', 'stays', 'goes', 'comes', 'came', 'means', 'spends', 'spent', 'covers', 'depends',
  'helps', 'includes', 'provides', 'supports', 'seems', 'appears', 'continues', 'sits', 'falls', 'fell', 'rises', 'rose',
  'agrees', 'believes', 'thinks', 'thought', 'wants', 'wanted', 'told', 'tells', 'found', 'finds',
]);

// Pronouns end a phrase too ("30% of them affordable").
const PRONOUNS = new Set(['them', 'us', 'me', 'him', 'those', 'these', 'whom', 'themselves', 'itself', 'ourselves']);
// A time after the phrase is not part of it ("the budget last year").
const TIME_OPENERS = new Set(['last', 'next']);
export const endsPhrase = (lower: string): boolean => FUNCTION_WORDS.has(lower) || PRONOUNS.has(lower) || TIME_OPENERS.has(lower);

const PHRASE_WORD = /([\p{L}’'-]*\p{L})([^\s\p{L}]*)\s*/uy;
const NUMBER_OF = /(?:the\s+)?(?:number|numbers|total)\s+of\s+(?:the\s+)?/iy;
const MAX_PHRASE = 6;

/**
 * The noun phrase starting at `from` ("enablement service workforce", "adult social care budget"):
 * lowercase words, up to a function word, a verb in -ed, a name or punctuation; a possessor may open it
 * ("Bollington’s population"); "the number of carers" is about carers.
 * Null when nothing is there, or when it runs past six words (a label is never cut mid-phrase).
 */
export function nounPhrase(text: string, from: number): string | null {
  NUMBER_OF.lastIndex = from;
  if (NUMBER_OF.test(text)) from = NUMBER_OF.lastIndex;
  const words: string[] = [];
  PHRASE_WORD.lastIndex = from;
  for (let m = PHRASE_WORD.exec(text); m; m = PHRASE_WORD.exec(text)) {
    const word = m[1]!;
    const possessive = /[’']s$/.test(word);
    if (endsPhrase(word.toLowerCase()) || (word !== word.toLowerCase() && !(possessive && words.length === 0))) break;
    if (words.length > 0 && (/ed$/.test(word) || VERBS_AFTER.has(word))) break;
    if (words.length === MAX_PHRASE) return null;
    words.push(word);
    if (m[2]) break;
  }
  if (words.length === 0 || /[’']s$/.test(words.at(-1)!)) return null;
  return words.join(' ');
}

// A whole word at the end: not the tail of "1,500-strong" or "Covid-19".
const TAIL_WORD = /(?<![\p{L}\p{N}’'-])(\p{L}[\p{L}’'-]*\p{L}|\p{L})\s*$/u;
const INNER = /^(?:of|on|for|in)$/;
// Verbs that report what a phrase after them says: never inside the phrase ("It says occupancy has fallen").
const REPORTING = new Set([
  'says', 'said', 'shows', 'showed', 'found', 'finds', 'suggests', 'suggested', 'claims', 'claimed', 'warns', 'warned', 'reveals',
  'revealed', 'admits', 'admitted', 'means', 'meant',
]);

/**
 * The noun phrase that ends `before` ("hours", "the number of beds" → beds, "staff numbers" → staff):
 * up to three content words, with "of", "on", "for" or "in" allowed inside ("spending on home care",
 * "children in care"), never
 * across a word `stop` matches (a verb). A capital is lowered only for a sentence's first word.
 * Returns where the phrase starts, so the caller can check what stands before it.
 */
export function nounPhraseBefore(before: string, stop: RegExp): { phrase: string; start: number } | null {
  const words: { word: string; start: number }[] = [];
  let rest = before;
  for (let i = 0; i < 6; i++) {
    const m = TAIL_WORD.exec(rest);
    if (!m) break;
    const word = m[1]!;
    const lower = word.toLowerCase();
    if (stop.test(lower) || REPORTING.has(lower) || (endsPhrase(lower) && !(INNER.test(lower) && words.length > 0))) break;
    const first = word !== lower;
    if (first && (!/^\p{Lu}\p{Ll}+$/u.test(word) || !/(?:^|[.!?]["”’]?\s+)$/u.test(rest.slice(0, m.index)))) break;
    words.unshift({ word: lower, start: m.index });
    rest = rest.slice(0, m.index);
    if (first) break;
  }
  while (words.length > 0 && INNER.test(words[0]!.word)) words.shift();
  if (words.length === 0 || words.filter((w) => !INNER.test(w.word)).length > 3) return null;
  const phrase = words
    .map((w) => w.word)
    .join(' ')
    .replace(/^(?:number|numbers|total)\s+of\s+/, '')
    .replace(/\s+(?:numbers|levels)$/, '');
  return INNER.test(phrase) || phrase === '' ? null : { phrase, start: words[0]!.start };
}

/** The head of a phrase: its last word, or the word before "of/on/for/in" ("spending on home care" → spending). */
export function headOf(phrase: string): string {
  const inner = /^(.*?)\s+(?:of|on|for|in)\s+/.exec(phrase);
  return (inner ? inner[1]! : phrase).split(' ').at(-1)!;
}
