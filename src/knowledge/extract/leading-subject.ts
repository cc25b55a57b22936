/**
 * Who leads a sentence of reported speech when it is not simply the words before the verb: the subject of a
 * second clause ("The library is well used and FOBL say …"), a person named after a role clause, people described
 * before "who", the sentence's opening subject for a joined verb, or several people saying it together.
 */
import { findNarrativeNames } from './narrative-names.js';
import { OPENING_SUBJECT, subjectBeforeAside } from './reported-asides.js';
import { type Reported } from './reported-clause.js';
import { roleOf } from './roles.js';
import { MAX_SUBJECT_CHARS, parseSubject, type Subject } from './subject.js';

// "The library is well used and FOBL say …": after a clause and "and", the next clause's subject; so after "after"
// or "because" ("Campaigners are celebrating after the county council told them …").
// The first clause has no comma and no "who": "Tom Hale, who is a carer, and Ann Hale said" is two speakers.
// After "after" a body by its name or by a common noun ("…after the council admitted it had underpaid shifts"):
// relabel4's ruling that "admitted" reports a clause, applied to the labelled set too.
const AFTER_CLAUSE =
  /^(?![^,]*\b(?:who|which|whose)\b)[^,]*\b(?:is|are|was|were|has|have|had|will|would)\b[^,]*\s(?:(?:and|but)\s+((?:the\s+)?\p{Lu}[^,]{0,60}|the\s+\p{Ll}[^,]{0,40})|after\s+((?:the\s+)?\p{Lu}[^,]{0,60}|the\s+\p{Ll}[^,]{0,40}))$/u;

/** The subject before the verb, or the subject of a second clause joined to a first by "and". */
export function leadingSubject(text: string): { subject: Subject | null; subjectText: string } {
  const subject = parseSubject(text);
  // A role read across the conjunction ("…for a new bridge, as an expert" as "as an expert") is the later body's.
  const later = !subject || (subject.type === 'role' && /^(?:as|and|but)\s/.test(subject.role)) ? laterBody(text) : null;
  if (later) return later;
  // "…questions about the pools and Tom Hale, cabinet member for leisure, revealed": the person of the second
  // clause, not the role set off after them.
  const apposed = subject?.type === 'role' ? APPOSED_AFTER_CLAUSE.exec(text.slice(-MAX_SUBJECT_CHARS)) : null;
  const person = apposed ? parseSubject(`${apposed[1]}, ${apposed[2]}`) : null;
  if (person?.type === 'person') return { subject: person, subjectText: apposed![0] };
  if (subject) return { subject, subjectText: text };
  const beforeAside = subjectBeforeAside(text);
  // "GMB London, which …": a lone word read as a surname there is as likely a place.
  if (beforeAside && !(beforeAside.subject.type === 'person' && beforeAside.subject.bare)) return beforeAside;
  // "…shouted down by angry parish councillors who said": people described, not named, before "who".
  const described = ROLE_THEN_WHO.exec(text.slice(-MAX_ROLE_WHO));
  const role = described ? parseSubject(described[1]!) : null;
  if (role?.type === 'role') return { subject: role, subjectText: described![1]! };
  const second = AFTER_CLAUSE.exec(text);
  // "…approved after Jo Bell and Tom Hale said": a name straight before "and" makes the two one subject, not two clauses.
  const pair = second?.[1] !== undefined && NAME_BEFORE_AND.test(text.slice(0, text.length - second[1].length));
  if (second && !pair) return { subject: parseSubject(second[1] ?? second[2]!), subjectText: second[1] ?? second[2]! };
  // "Council officials have apologised …, but said": a verb joined on with no subject of its own is the subject's
  // that opens the sentence, read up to its first finite verb.
  const joined = JOINED_VERB.test(text) ? OPENING_SUBJECT.exec(text) : null;
  const opening = joined ? parseSubject(joined[1]!) : null;
  return opening && opening.type !== 'pronoun' ? { subject: opening, subjectText: text } : { subject: null, subjectText: text };
}

/**
 * "…are being brought back up and traders said", "…, as an expert warns", "… not an option as the council says": a
 * clause of the reporter's, then a conjunction and a lowercase noun phrase, the source (never a name, so never a
 * person the "and" may have joined to another).
 */
export function laterBody(text: string): { subject: Subject; subjectText: string } | null {
  const later = LATER_BODY.exec(text.slice(-MAX_SUBJECT_CHARS));
  const body = later && CLAUSE_BEFORE.test(text.slice(0, text.length - later[0].length)) ? parseSubject(later[1]!) : null;
  return body && (body.type === 'role' || body.type === 'org' || body.type === 'document') ? { subject: body, subjectText: later![1]! } : null;
}

// Words of the phrase are none that open a clause or stand for someone ("conditions as they" is no body).
const PHRASE_WORD = String.raw`(?!(?:as|and|but|or|they|he|she|it|we|who|which|that)\b)\p{Ll}[\p{L}-]*`;
const LATER_BODY = new RegExp(String.raw`(?<!\b(?:such|well|so|as))\s(?:and|but|as)\s+((?:(?:the|a|an)\s+)?${PHRASE_WORD}(?:\s+${PHRASE_WORD}){0,2})\s*$`, 'u');
// The words before the conjunction are a clause: they hold a finite verb.
const CLAUSE_BEFORE = /\s(?:is|are|was|were|has|have|had|will|would|can|could|\p{Ll}{2,}ed)\s/u;
const APPOSED_AFTER_CLAUSE = /\s(?:and|but)\s+(\p{Lu}[\p{L}’'-]*(?:\s+\p{Lu}[\p{L}’'-]*){1,2}),\s*([^,]{1,80}?),?\s*$/u;
const NAME_BEFORE_AND = /\p{Lu}[\p{L}’'-]*\p{Ll}\s+\p{Lu}[\p{L}’'-]*\p{Ll}\s+(?:and|&)\s+$/u;
const ROLE_THEN_WHO = /(?:^|\s)((?:\p{Ll}[\p{L}-]*\s+){0,3}\p{Ll}[\p{L}-]*s)\s+who\s*$/u;
const MAX_ROLE_WHO = 80;
// "… and have said", "…, but has since claimed": the auxiliary and adverb of the joined verb.
const JOINED_VERB = /(?:^|[\s,])(?:and|but)(?:\s+(?:has|have|had))?(?:\s+(?:also|since|now|then|later))?\s*$/;

// Between the people of a joint subject: "and", "&" or a comma.
const JOINERS = /^(?:\s*,\s*|\s+(?:and|&)\s+|\s*,\s*(?:and|&)\s+)$/;

/**
 * "Councillors Jo Bell and Tom Hale warned …", "Jo Bell, Tom Hale and Sam Reid said that …": two or more people
 * report the clause together, so it is reported speech whose speaker is nobody in particular.
 */
export function jointly(subjectText: string, clause: string): Reported | null {
  const text = subjectText.trim().slice(-MAX_SUBJECT_CHARS);
  const names = findNarrativeNames(text, roleOf);
  if (names.length < 2 || text.slice(0, names[0]!.offset).split(/\s+/).length > 4) return null;
  for (let k = 1; k < names.length; k++) {
    const prev = names[k - 1]!;
    if (!JOINERS.test(text.slice(prev.offset + endOf(text, prev), names[k]!.offset))) return null;
  }
  const last = names.at(-1)!;
  if (last.offset + endOf(text, last) !== text.length) return null;
  return { subject: { type: 'it' }, clause, nobody: `${names.map((n) => n.name).join(' and ')} said it together` };
}

/** Length of a found name's text from its offset (the name may drop a title written before it). */
function endOf(text: string, name: { name: string; offset: number }): number {
  const lastWord = name.name.split(' ').at(-1)!;
  return text.indexOf(lastWord, name.offset) + lastWord.length - name.offset;
}

