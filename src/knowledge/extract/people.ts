/**
 * The people an article has introduced so far, named ("Grace Okafor") or not ("a company spokesman"), so
 * that "Okafor", "Cllr Hamilton", "he" and "she" can be resolved, or found to be ambiguous.
 */
import { firstNameGender } from './first-names.js';
import { isParticle } from './name-tokens.js';
import type { Gender } from './words.js';


export interface Person {
  /** Full name as first given; null for an unnamed speaker, who is known by `role`. */
  name: string | null;
  role: string | null;
  gender: Gender | null;
  /** Clock of the latest mention in the running text; -1 for people seen only in captions. */
  last: number;
  /** The sentence of that mention, to tell when two people were mentioned together. */
  sentence: number;
  paragraph: number;
  /** A group ("Campaigners", "care workers"): only "they" can mean it. */
  plural?: boolean;
  /** Whether that mention was as a speaker (the subject of a verb of speech), whom "he said" most often continues. */
  spoke: boolean;
  /** Whether that mention opened its sentence as its subject ("Kevin Hodges disagrees."), see `resolvePronoun`. */
  opened?: boolean;
}

export interface People {
  byName: Map<string, Person>;
  /** Surname and first name → the people who have it. */
  byToken: Map<string, Person[]>;
  /** Unnamed speakers by their role, lowercased. */
  byRole: Map<string, Person>;
  /** Every mention in order; an entry is current when `log[i].last === i`. */
  log: Person[];
  /** The body or document last named as a source, for "it said" (and "they said" straight after it); `at` is the log length then. */
  lastBody: { speaker: string | null; role: string | null; at: number } | null;
}

/** Where a mention stands in the article, and whether it was as a speaker. */
export interface Place {
  paragraph: number;
  sentence: number;
  spoke?: boolean;
  /** The person opens the sentence as its subject, in narrative that quotes nobody. */
  opens?: boolean;
}

// A pronoun looks back over at most this many people: no article keeps more in play, and it bounds the work.
const PRONOUN_LOOKBACK = 40;

export function newPeople(): People {
  return { byName: new Map(), byToken: new Map(), byRole: new Map(), log: [], lastBody: null };
}

export type Lookup = { person: Person } | { ambiguous: Person[] } | null;

/** Finds a person by full name, surname or first name. Two different people with that name: ambiguous. */
// "O'Hale" and "O’Hale" are one name, however the paper typed the apostrophe.
const key = (name: string) => name.replaceAll('’', "'");

export function findPerson(people: People, name: string): Lookup {
  const exact = people.byName.get(key(name));
  if (exact) return { person: exact };
  // "van der Berg" after "Jo van der Berg": a surname with its particles is the surname.
  if (isParticle(name.split(' ')[0]!)) return findPerson(people, name.split(' ').at(-1)!);
  if (name.includes(' ')) {
    // "Jo Bell" after "Jo A. Bell" (or the other way round): the same first name and surname is the same person.
    const words = name.split(' ');
    const same = (people.byToken.get(key(words.at(-1)!)) ?? []).filter((p) => p.name !== null && key(p.name.split(' ')[0]!) === key(words[0]!));
    return same.length === 1 ? { person: same[0]! } : null;
  }
  const list = people.byToken.get(key(name)) ?? [];
  if (list.length === 0) return null;
  return list.length === 1 ? { person: list[0]! } : { ambiguous: list };
}

function touch(people: People, person: Person, at: Place | null): void {
  if (!at) return;
  // Named again in the sentence where they spoke ("Priya Nandra called the figures “a disgrace”"): still the speaker.
  const spokeHere = person.spoke && person.sentence === at.sentence && person.paragraph === at.paragraph;
  person.last = people.log.length;
  person.sentence = at.sentence;
  person.paragraph = at.paragraph;
  person.spoke = (at.spoke ?? true) || spokeHere;
  person.opened = at.opens === true && !person.spoke;
  people.log.push(person);
}

/** Records a mention by name. A caption (`at` null) gives a name and role to match later, but no recency for pronouns. */
export function mention(
  people: People,
  name: string,
  at: Place | null,
  opts: { role?: string | null; gender?: Gender | null } = {},
): Person {
  const found = findPerson(people, name);
  let person = found && 'person' in found ? found.person : undefined;
  if (!person) {
    person = { name, role: null, gender: null, last: -1, sentence: -1, paragraph: -1, spoke: false };
    people.byName.set(key(name), person);
    const tokens = key(name).split(' ');
    if (tokens.length > 1) for (const t of new Set([tokens[0]!, tokens.at(-1)!])) people.byToken.set(t, [...(people.byToken.get(t) ?? []), person]);
  }
  // A caption only fills in a role the running text has not given.
  if (opts.role && !(at === null && person.role)) person.role = opts.role;
  if (opts.gender) person.gender = opts.gender;
  touch(people, person, at);
  return person;
}

/** Records a mention of an unnamed speaker ("a council spokeswoman"): the same role is the same person. */
export function mentionUnnamed(people: People, role: string, gender: Gender | null, at: Place): Person {
  const key = role.toLowerCase();
  let person = people.byRole.get(key);
  if (!person) {
    const plural = /s$/.test(role.split(/\s+(?:of|for|at|in|from|with|to)\s+/)[0]!.split(' ').at(-1)!) && gender === null;
    people.byRole.set(key, (person = { name: null, role, gender, last: -1, sentence: -1, paragraph: -1, spoke: false, plural }));
  }
  touch(people, person, at);
  return person;
}

/** Carrying a speaker on counts as mentioning them again. */
export function remention(people: People, person: Person, at: Place): void {
  touch(people, person, at);
}

export type PronounLookup =
  | { person: Person; sure: true }
  | { person: Person; sure: false; rival: Person }
  | { ambiguous: [Person, Person] }
  /** The one person it could mean has a first name a reader would take for the other gender. */
  | { contradicted: Person }
  | null;

/**
 * The people a reference may look back to, latest mention first, each once, at most `PRONOUN_LOOKBACK`: `inPlay`
 * until the nearest one who spoke has been passed (that one included), the people a reader has in mind.
 */
export function* recentPeople(people: People): Generator<{ person: Person; inPlay: boolean }> {
  let passedSpeaker = false;
  let looked = 0;
  for (let i = people.log.length - 1; i >= 0 && looked < PRONOUN_LOOKBACK; i--) {
    const person = people.log[i]!;
    if (person.last !== i) continue; // mentioned again later
    looked++;
    yield { person, inPlay: !passedSpeaker };
    if (person.spoke) passedSpeaker = true;
  }
}

/**
 * Who a pronoun can mean. The people in play are the last speaker (the latest person quoted, or the subject of
 * a verb of speech) and everyone mentioned after them; the pronoun is sure only when exactly one of them fits.
 * Gender rules someone out only when the article has stated it (a title, "spokeswoman", an earlier pronoun);
 * first names never choose anyone (see `first-names.ts`). Two in play who fit: ambiguous, since a reader could take either.
 * Nobody in play fits: the nearest earlier person who does, sure only when their stated gender is the
 * pronoun's ("she" after "a council spokesman" can be Ms Bell, not a Jo Bell of unknown gender). One in play
 * whose gender is unknown, with an earlier person whose stated gender fits: unsure. The person chosen has
 * an unstated gender and a first name a reader would take for the other one ("she" after Tom Hale): contradicted.
 */
export function resolvePronoun(people: People, pronoun: 'he' | 'she' | 'they', at?: Place): PronounLookup {
  const want: Gender | null = pronoun === 'he' ? 'm' : pronoun === 'she' ? 'f' : null;
  const fitsIt = (p: Person) => !(p.plural && want !== null) && (want === null || p.gender === null || p.gender === want);
  let inPlay: Person | null = null;
  let earlier: Person | null = null;
  for (const { person: p, inPlay: beforeSpeaker } of recentPeople(people)) {
    if (!fitsIt(p)) continue;
    if (!beforeSpeaker) {
      earlier = p;
      break;
    }
    if (inPlay) {
      // "Kevin Hodges disagrees. “…,” he said.": the person the sentence before the quote opened with, as the one
      // person it names, is who a reader takes it for; the last speaker stays a rival, so the speaker is unsure.
      if (at && introducedJustBefore(inPlay, p, at) && !(want !== null && inPlay.gender === null && firstNameGender(inPlay.name) === (want === 'm' ? 'f' : 'm'))) {
        return { person: inPlay, sure: false, rival: p };
      }
      return { ambiguous: [inPlay, p] };
    }
    inPlay = p;
  }
  const chosen = inPlay ?? earlier;
  if (chosen && want !== null && chosen.gender === null && firstNameGender(chosen.name) === (want === 'm' ? 'f' : 'm')) return { contradicted: chosen };
  if (inPlay) {
    if (earlier && want !== null && inPlay.gender === null && earlier.gender === want) return { person: inPlay, sure: false, rival: earlier };
    return { person: inPlay, sure: true };
  }
  if (!earlier) return null;
  return want !== null && earlier.gender === want ? { person: earlier, sure: true } : { person: earlier, sure: false, rival: earlier };
}

/**
 * Whether `latest` (the last person mentioned) opened the narrative sentence just before the quote at `at`, in its
 * paragraph or the one before, as the only person that sentence named; the `rival` was mentioned in another sentence,
 * and not introduced the same way.
 */
function introducedJustBefore(latest: Person, rival: Person, at: Place): boolean {
  // Only after someone spoke: two people the narrative introduced in turn ("Tom Hale chairs it. Sam Reid joined.") are either.
  if (!latest.opened || latest.spoke || latest.last < 0 || rival.opened) return false;
  if (latest.paragraph !== at.paragraph && latest.paragraph !== at.paragraph - 1) return false;
  return rival.paragraph !== latest.paragraph || rival.sentence !== latest.sentence;
}

/** A pronoun that resolved with confidence tells us the person's gender from then on. */
export function learnGender(person: Person, pronoun: 'he' | 'she' | 'they'): void {
  if (person.gender === null && pronoun !== 'they') person.gender = pronoun === 'he' ? 'm' : 'f';
}
