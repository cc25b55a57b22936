import { wordsValue } from './number-words.js';
import { endsPhrase, VERBS_AFTER } from './noun-phrases.js';
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
  // "17,000 permit holders", "Blue Badge holders": whoever holds one is a person.
  'holders',
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
  // Parts of a whole: "two thirds of …" is a fraction, never a count of thirds.
  'halves', 'thirds', 'quarters', 'fifths', 'sixths', 'sevenths', 'eighths', 'ninths', 'tenths',
]);
// Singular nouns that still stand for many (a fraction or a "-strong" figure of them is a real figure).
const COLLECTIVE = new Set([
  'workforce', 'staff', 'budget', 'funding', 'spending', 'income', 'population', 'team', 'service', 'council', 'grant',
  'pay', 'bill', 'deficit', 'shortfall', 'total', 'membership', 'caseload', 'capacity', 'provision', 'crowd', 'group',
  'branch', 'union', 'army',
  // A sum is a whole too: "about half the cost", "half the rent".
  'cost', 'price', 'rent', 'fee', 'amount', 'money', 'value',
]);
// A capitalised word like these makes "12 Station Road" an address, never a count.
const STREET = /^(?:Road|Street|Lane|Avenue|Close|Drive|Way|Place|Crescent|Terrace|Court|Square|Gardens|Grove|Hill|Row|Walk|Mews|Rd|St)$/;

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
  // The Latin plural UK papers write: "crematoria", "auditoria" (never "Victoria").
  if (/^[a-z]{5,}oria$/.test(lower)) return lower;
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
    if (endsPhrase(lower) || NOT_COUNTED.has(lower)) return null;
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
          if (w !== w.toLowerCase() || endsPhrase(w) || NOT_COUNTED.has(w) || wordsValue(w) !== null) break;
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
