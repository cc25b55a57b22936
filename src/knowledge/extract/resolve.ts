/**
 * Resolving a parsed subject to the quote's speaker, with how it was attributed and how sure that is.
 * When the rules cannot choose between two people the speaker is null and `reason` says why.
 */
import type { Attribution, Confidence } from '../schema.js';
import { firstNameGender } from './first-names.js';
import { fromCapitals, isGroupNoun } from './names.js';
import { definiteReferent } from './definite.js';
import { findPerson, learnGender, mention, mentionUnnamed, remention, resolvePronoun, type People, type Person, type Place } from './people.js';
import type { Subject } from './subject.js';

export interface Resolved {
  speaker: string | null;
  role: string | null;
  attribution: Attribution;
  confidence: Confidence;
  reason: string | null;
  /** The person (named or not) the quote went to, so a later pronoun or continuation can refer to them. */
  person: Person | null;
}

export const NOBODY: Resolved = {
  speaker: null, role: null, attribution: 'none', confidence: 'low', reason: 'the article does not say who said it', person: null,
};

const SOME_PEOPLE = new Set(['Some', 'Others', 'Many', 'Several', 'Most']);

const names = (people: Person[]) => people.map((p) => p.name ?? `the ${p.role}`).join(' or ');

/** How a person's known gender contradicts a title's: stated ("a woman") or read from their first name; false when it does not. */
function genderClash(person: Person, gender: 'm' | 'f'): string | false {
  const other = gender === 'm' ? 'a woman' : 'a man';
  if (person.gender !== null) return person.gender !== gender ? other : false;
  const read = firstNameGender(person.name);
  return read !== null && read !== gender ? `${other} by first name` : false;
}

function of(person: Person, attribution: Attribution): Resolved {
  return { speaker: person.name, role: person.role, attribution, confidence: 'high', reason: null, person };
}

export function resolveSubject(subject: Subject, people: People, at: Place): Resolved {
  switch (subject.type) {
    case 'pronoun': {
      // "Unison said … they said": a body named after every person is what "they" means.
      const body = people.lastBody;
      if (subject.pronoun === 'they' && body && body.at === people.log.length) {
        return { speaker: body.speaker, role: body.role, attribution: 'document', confidence: 'high', reason: null, person: null };
      }
      const found = resolvePronoun(people, subject.pronoun, at);
      if (!found) return { ...NOBODY, attribution: 'pronoun', reason: `“${subject.pronoun}” refers to nobody named before it` };
      if ('contradicted' in found) {
        return { ...NOBODY, attribution: 'pronoun', reason: `“${subject.pronoun}” would be ${found.contradicted.name}, whose first name reads as another gender` };
      }
      if ('ambiguous' in found) {
        return { ...NOBODY, attribution: 'pronoun', reason: `“${subject.pronoun}” could be ${names(found.ambiguous)}` };
      }
      const resolved = of(found.person, 'pronoun');
      remention(people, found.person, at);
      if (!found.sure) return { ...resolved, confidence: 'low', reason: `“${subject.pronoun}” could also be ${names([found.rival])}` };
      learnGender(found.person, subject.pronoun);
      return resolved;
    }
    case 'person': {
      const known = findPerson(people, subject.name);
      if (subject.bare && isGroupNoun(subject.name) && !known) return of(mentionUnnamed(people, subject.name, null, at), 'unnamed');
      // "Some say", "Others argue": unnamed people, not a body the article failed to introduce.
      if (subject.bare && SOME_PEOPLE.has(subject.name) && !known) return of(mentionUnnamed(people, subject.name.toLowerCase(), null, at), 'unnamed');
      // "Stagecoach has said": one capitalised word, no title, that no earlier sentence gave as anyone's name.
      // Articles introduce people by full name, so this is a body (a company, a campaign), and the rules say so
      // with low confidence rather than make a person of it.
      if (subject.bare && !known && subject.gender === null) {
        people.lastBody = { speaker: null, role: subject.name, at: people.log.length };
        return {
          speaker: null, role: subject.name, attribution: 'document', confidence: 'low',
          reason: `“${subject.name}” is not anyone the article introduced by name`, person: null,
        };
      }
      if (known && 'ambiguous' in known) {
        // "Mrs Hale" after Tom Hale (stated a man) and Jane Hale: the title's gender rules out those stated otherwise.
        const fits = subject.gender === null ? [] : known.ambiguous.filter((p) => p.gender === null || p.gender === subject.gender);
        if (fits.length !== 1) {
          return { ...NOBODY, attribution: 'named', reason: `“${subject.name}” could be ${names(known.ambiguous)}` };
        }
        return resolveSubject({ ...subject, name: fits[0]!.name! }, people, at);
      }
      // "Mr Hale, her husband, said" after Jane Hale: a title of the other gender is someone else with that surname.
      const clash = known && subject.gender !== null && !subject.name.includes(' ') ? genderClash(known.person, subject.gender) : false;
      if (clash) return { ...NOBODY, attribution: 'named', reason: `“${subject.name}” is not ${known!.person.name}, whom the article gave as ${clash}` };
      const person = mention(people, subject.name, at, { role: subject.role, gender: subject.gender });
      const named = { ...of(person, 'named'), role: subject.role ?? person.role };
      return subject.unsure ? { ...named, confidence: 'low', reason: subject.unsure } : named;
    }
    case 'it':
      if (!people.lastBody) return { ...NOBODY, attribution: 'document', reason: '“it” refers to no body or document named before it' };
      return { speaker: people.lastBody.speaker, role: people.lastBody.role, attribution: 'document', confidence: 'high', reason: null, person: null };
    case 'org':
      // A body speaks through statements: no person said it, and the role names the body.
      people.lastBody = { speaker: null, role: subject.name, at: people.log.length };
      return { speaker: null, role: subject.name, attribution: 'document', confidence: 'high', reason: null, person: null };
    case 'role': {
      // "SMITH said", "JOHN SMITH:": a name in capitals is that person when the article has named them, or when
      // it opens with a first name a reader knows; otherwise it may be an acronym ("GMB"), left as it was.
      const caps = fromCapitals(subject.role);
      const known = caps === null ? null : findPerson(people, caps);
      if (known && 'ambiguous' in known) return { ...NOBODY, attribution: 'named', reason: `“${subject.role}” could be ${names(known.ambiguous)}` };
      if (caps !== null && (known || firstNameGender(caps) !== null)) return resolveSubject({ type: 'person', name: caps, role: null, gender: null }, people, at);
      const referent = subject.definite && !people.byRole.has(subject.role.toLowerCase()) ? definiteReferent(people, subject.role) : null;
      if (referent && 'ambiguous' in referent) return { ...NOBODY, attribution: 'none', reason: `“the ${subject.role}” could be ${names(referent.ambiguous)}` };
      if (referent) {
        remention(people, referent.person, at);
        return referent.person.name ? of(referent.person, 'pronoun') : of(referent.person, 'unnamed');
      }
      return of(mentionUnnamed(people, subject.role, subject.gender, at), 'unnamed');
    }
    case 'document':
      people.lastBody = { speaker: null, role: subject.role, at: people.log.length };
      return { speaker: null, role: subject.role, attribution: 'document', confidence: 'high', reason: null, person: null };
  }
}
