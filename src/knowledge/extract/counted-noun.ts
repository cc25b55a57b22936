import { wordsValue } from './number-words.js';
import { FUNCTION_WORDS } from './words.js';

/**
 * What a figure counts, read from the words next to it: the noun phrase after a number ("150 mainly low
 * paid women", "2,000 Westshire Council staff"), after "of" ("40 per cent of the council’s adult social
 * care budget"), or before a verb of change ("hours slashed by", "places were cut from"). Every reader
 * looks at a bounded window of words, so a figure costs the same however long its paragraph is.
 */

// Nouns that make a number a count of people or of jobs; other plural nouns count themselves ("3,000 names").
const PEOPLE = new Set([
  'workers', 'worker', 'staff', 'employees', 'employee', 'women', 'woman', 'men', 'man', 'people', 'persons', 'person',
  'carers', 'carer', 'residents', 'resident', 'members', 'member', 'nurses', 'nurse', 'users', 'patients', 'families',
  'children', 'pensioners', 'volunteers', 'clients', 'tenants', 'adults', 'individuals', 'parents', 'cleaners', 'officers',
  'managers', 'councillors', 'students', 'teachers', 'assistants', 'drivers', 'cooks', 'wardens', 'pupils', 'librarians',
  'porters', 'caretakers', 'therapists', 'practitioners', 'apprentices', 'passengers', 'attendees', 'respondents', 'visitors',
  'customers', 'commuters', 'readers', 'protesters', 'campaigners', 'strikers', 'borrowers', 'learners', 'claimants',
  'recipients', 'homeowners', 'collectors', 'loaders', 'operatives', 'supporters', 'signatories', 'swimmers', 'councillor',
  'judges', 'representatives', 'governors', 'trustees', 'activists', 'voters', 'electors', 'taxpayers', 'ratepayers',
  'householders', 'occupants', 'youngsters', 'teenagers', 'babies', 'toddlers', 'doctors', 'paramedics', 'firefighters',
  'engineers', 'labourers', 'mechanics', 'gardeners', 'inspectors', 'leaders', 'chefs', 'guards', 'girls', 'boys', 'kids',
  'ladies', 'mums', 'dads', 'mothers', 'fathers', 'grandparents', 'sisters', 'brothers', 'sons', 'daughters', 'husbands',
  'wives', 'neighbours', 'friends', 'locals', 'villagers', 'graduates', 'landlords', 'owners', 'objectors', 'petitioners',
  'pickets', 'picketers', 'protestors', 'demonstrators', 'marchers', 'delegates', 'officials', 'politicians', 'ministers',
  'mayors', 'lecturers', 'tutors', 'trainees', 'midwives', 'surgeons', 'dentists', 'pharmacists', 'solicitors', 'lawyers',
  'participants', 'applicants', 'candidates', 'guests', 'shoppers', 'motorists', 'cyclists', 'pedestrians', 'fans',
  'players', 'spectators', 'inmates', 'prisoners', 'victims', 'survivors', 'occupiers', 'lodgers',
]);
// A compound whose head is a people noun is people too ("headteachers", "caseworkers", "leaseholders").
const PEOPLE_COMPOUND = /^[\p{L}’'-]{3,}(?:teachers|workers|owners|keepers|leaders|officers|holders|minders)$/u;
// Irregular plurals of people: "hundreds of county schoolchildren", "300 townspeople".
const PEOPLE_ENDING = /(?:children|people|folk|men|women)$/;
const JOBS = new Set(['jobs', 'job', 'posts', 'post', 'roles', 'role', 'positions', 'position', 'redundancies', 'vacancies']);
// After a count's noun, these say what happens to it and belong to the phrase ("200 job cuts", "40 staff members").
const CONTINUATIONS = new Set(['cuts', 'losses', 'members', 'nurses', 'jobs', 'posts', 'roles', 'redundancies', 'workers']);
// A number before these is a duration or a measure, not a count.
export const NOT_COUNTED = new Set([
  'years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds', 'times', 'pounds', 'pence', 'miles', 'percent',
  'decades', 'nights', 'years’', 'o’clock', 'centuries', 'winters', 'summers', 'generations', 'metres', 'feet', 'yards', 'kilometres', 'km', 'mph', 'points',
  // Days of a week and parts of a day or year are times too ("closing … on two weekdays"), like "three days a week".
  'weekdays', 'weekends', 'mornings', 'afternoons', 'evenings', 'fortnights', 'terms', 'seasons', 'semesters',
]);
// Singular nouns that still stand for many (a fraction or a "-strong" figure of them is a real figure).
const COLLECTIVE = new Set([
  'workforce', 'staff', 'budget', 'funding', 'spending', 'income', 'population', 'team', 'service', 'council', 'grant',
  'pay', 'bill', 'deficit', 'shortfall', 'total', 'membership', 'caseload', 'capacity', 'provision', 'crowd', 'group',
  'branch', 'union', 'army',
]);
// A capitalised word like these makes "12 Station Road" an address, never a count.
const STREET = /^(?:Road|Street|Lane|Avenue|Close|Drive|Way|Place|Crescent|Terrace|Court|Square|Gardens|Grove|Hill|Row|Walk|Mews|Rd|St)$/;

// Verbs that often follow a counted noun as its subject ("a third of staff left"): a phrase ends before them.
const VERBS_AFTER = new Set([
  'left', 'lost', 'lose', 'face', 'faces', 'quit', 'remain', 'remains', 'say', 'says', 'said', 'voted', 'need', 'needs',
  'receive', 'receives', 'gets', 'got', 'went', 'feel', 'felt', 'rely', 'relies', 'used', 'took', 'takes', 'made', 'makes',
  'earns', 'paid', 'pays', 'stayed', 'stays', 'goes', 'comes', 'came', 'means', 'spends', 'spent', 'covers', 'depends',
  'helps', 'includes', 'provides', 'supports', 'seems', 'appears', 'continues', 'sits', 'falls', 'fell', 'rises', 'rose',
  'agrees', 'believes', 'thinks', 'thought', 'wants', 'wanted', 'told', 'tells', 'found', 'finds',
]);

// Pronouns end a phrase too ("30% of them affordable").
const PRONOUNS = new Set(['them', 'us', 'me', 'him', 'those', 'these', 'whom', 'themselves', 'itself', 'ourselves']);
const ends = (lower: string) => FUNCTION_WORDS.has(lower) || PRONOUNS.has(lower);

export interface CountedNoun {
  /** The noun phrase as written, e.g. "home care staff". */
  phrase: string;
  /** "people", "jobs" or the plural noun itself ("beds"). */
  unit: string;
  /** Characters the phrase covers after the number. */
  length: number;
}

const WORD_AFTER = /\s+([\p{L}’'-]*\p{L})([^\s\p{L}]*)/uy;
// One lowercase word in marks between the number and its noun ("four “core” sites"): in the text, not in the label.
const QUOTED_WORD = /\s+([“‘"'])(\p{Ll}[\p{Ll}-]*)([”’"'])(?=\s)/uy;
const CLOSING: Record<string, string> = { '“': '”', '‘': '’', '"': '"', "'": "'" };

/** The unit a head noun gives a count, or null when it is not something counted. */
export function unitOf(head: string): string | null {
  const lower = head.toLowerCase();
  if (NOT_COUNTED.has(lower) || FUNCTION_WORDS.has(lower)) return null;
  if (PEOPLE.has(lower) || PEOPLE_COMPOUND.test(lower)) return 'people';
  if (JOBS.has(lower)) return 'jobs';
  if (/[^su]s$/.test(lower) && !/(?:ous|ss|is|ly)$/.test(lower) && lower.length > 3) return lower;
  return lower.length > 5 && PEOPLE_ENDING.test(lower) ? 'people' : null;
}

/** Whether "half the X" or "a 240-strong X" speaks of many: a plural, people, jobs or a collective noun. */
export function isCountable(head: string): boolean {
  return unitOf(head) !== null || COLLECTIVE.has(head.toLowerCase());
}

/**
 * The noun a number counts: up to three lowercase modifiers may stand between ("150 mainly low paid
 * women"), and names ("2,000 Westshire Council staff", "three Nottingham libraries"), never after a year. A singular head runs on
 * into what happens to it ("200 job cuts"), or is a modifier of a later head ("2 post offices"), so a label
 * never stops mid-phrase.
 */
export function countedNoun(after: string, opts: { yearLike: boolean }): CountedNoun | null {
  const tokens: { word: string; end: number; stop: boolean; quoted?: boolean }[] = [];
  let at = 0;
  for (let i = 0; i < 8; i++) {
    QUOTED_WORD.lastIndex = at;
    const q = QUOTED_WORD.exec(after);
    if (q && CLOSING[q[1]!] === q[3]) {
      at = QUOTED_WORD.lastIndex;
      tokens.push({ word: q[2]!, end: at, stop: false, quoted: true });
      continue;
    }
    WORD_AFTER.lastIndex = at;
    const m = WORD_AFTER.exec(after);
    if (!m) break;
    at = WORD_AFTER.lastIndex;
    tokens.push({ word: m[1]!, end: at - m[2]!.length, stop: m[2]!.length > 0 });
    if (m[2]!.length > 0) break; // punctuation ends the phrase
  }
  let named = false;
  let first = 0;
  let modifiers = 0;
  for (let i = 0; i < tokens.length; i++) {
    const { word, stop, quoted } = tokens[i]!;
    if (quoted) continue;
    const lower = word.toLowerCase();
    const next = stop ? undefined : tokens[i + 1];
    // "older and disabled people": and/or may join modifiers, but never open or close the phrase.
    if ((lower === 'and' || lower === 'or') && modifiers > 0 && next && !named) continue;
    if (word !== lower) {
      // A name between number and noun; never for a year ("In 2019 Labour councillors …") or an address.
      if (opts.yearLike || modifiers > 0 || stop || STREET.test(word) || !/^\p{Lu}[\p{Ll}’'-]*$/u.test(word)) return null;
      named = true;
      first = i + 1;
      continue;
    }
    if (ends(lower) || NOT_COUNTED.has(lower)) return null;
    const unit = unitOf(lower);
    if (unit && !lower.endsWith('s') && next && CONTINUATIONS.has(next.word)) {
      const nextUnit = unitOf(next.word);
      const finalUnit = nextUnit === 'people' || nextUnit === 'jobs' ? nextUnit : unit;
      return { phrase: `${phraseOf(tokens.slice(first, i + 1))} ${next.word}`, unit: finalUnit, length: next.end };
    }
    // A singular head before another noun is its modifier: "2 post offices".
    const singular = unit !== null && !lower.endsWith('s') && unitOf(`${lower}s`) === unit;
    if (unit && singular && next && next.word === next.word.toLowerCase() && !FUNCTION_WORDS.has(next.word) && !VERBS_AFTER.has(next.word)) {
      // read on
    } else if (unit) {
      // "refuse workers and street cleaners": a second phrase of the same kind joins the first.
      let last = i;
      if (next?.word === 'and' && !stop) {
        for (let j = i + 2; j < Math.min(tokens.length, i + 5); j++) {
          const w = tokens[j]!.word;
          // A number word starts a count of its own ("three representatives and three judges").
          if (w !== w.toLowerCase() || ends(w) || NOT_COUNTED.has(w) || wordsValue(w) !== null) break;
          if (unitOf(w) === unit && (unit === 'people' || unit === 'jobs')) {
            last = j;
            break;
          }
          if (tokens[j]!.stop) break;
        }
      }
      // The names before the noun are in the text, not in what is counted ("three Nottingham libraries").
      return { phrase: phraseOf(tokens.slice(first, last + 1)), unit, length: tokens[last]!.end };
    }
    if (stop || ++modifiers > 3) return null;
  }
  return null;
}

/** The words of a counted phrase, without a quoted word among them. */
function phraseOf(tokens: { word: string; quoted?: boolean }[]): string {
  return tokens
    .filter((t) => !t.quoted)
    .map((t) => t.word)
    .join(' ');
}

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
    if (ends(word.toLowerCase()) || (word !== word.toLowerCase() && !(possessive && words.length === 0))) break;
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
    if (stop.test(lower) || REPORTING.has(lower) || (ends(lower) && !(INNER.test(lower) && words.length > 0))) break;
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
