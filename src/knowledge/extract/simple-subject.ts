/**
 * One part of an attribution's subject, with no commas: a name and the role before it ("Council leader Jane
 * Smith"), a role alone ("a council spokesman"), a body ("The Lib Dems"), or a document ("the council’s report").
 * `parseSubject` splits a subject at its commas and reads each part with this.
 */
import { cleanRole, describesPerson, documentOf, genderOfRole, isRole } from './roles.js';
import { possessedDocument } from './apposition.js';
import { isInitial, isNameToken, isOrgLike, isPossessive, nameStart, parseName, possessor, titleOf } from './names.js';
import type { Subject } from './subject.js';
import { FUNCTION_WORDS, GENDERED_ROLE, ROLE_NOUNS } from './words.js';

const PLACE_PREPOSITIONS = new Set(['in', 'across', 'at']);
const COMPASS = /^(?:north|south|east|west|central|inner|outer|rural|greater|(?:north|south)-(?:east|west)|(?:north|south)(?:east|west))$/;
// Words that tie a role to whose it is: "a spokesman for", "a member of".
const OF_WORDS = new Set(['for', 'of', 'at', 'from', 'with']);
const CLAUSE_WORD = /\b(?:is|are|was|were|has|have|had|will|would|could|can|did|does)\b/i;

// "Northfold Friends of the Library chairwoman Jo Bell": a person's role and name end the words after "of", so
// they are no affiliation ("Jo Bell of the union Unison North West" is one).
const ROLE_THEN_NAME = /(?:^|\s)(\p{Ll}{2,})\s+((?:\p{Lu}[\p{L}’'.-]*\s+){1,3}\p{Lu}[\p{L}’'-]*\p{Ll})$/u;

function endsInRoleAndName(affiliation: string): boolean {
  const m = ROLE_THEN_NAME.exec(affiliation);
  return m !== null && (ROLE_NOUNS.has(m[1]!) || Object.hasOwn(GENDERED_ROLE, m[1]!)) && parseName(m[2]!.split(/\s+/)) !== null;
}
const DAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const TIME_LEAD = new RegExp(`^(?:(?:[Tt]his|[Ll]ast|[Ee]arlier this|[Ll]ater this) (?:week|month|year|weekend|morning|afternoon|evening|${DAY})|(?:[Oo]n |[Ll]ast )?${DAY}|[Yy]esterday|[Tt]oday|[Tt]onight)\\s+(?=\\S)`, 'u');
const PROPER_RUN = /\p{Lu}[\p{L}’'-]*(?:\s+(?:(?:of|for|the|and|on)\s+)*\p{Lu}[\p{L}’'-]*)+/gu;
const GROUP_LINK = /(?:^|\s)(?:including|such as|among them|notably)$/i;

export function parseSimpleSubject(raw: string): Subject | null {
  // "Nearly half the unpaid carers who answered a council survey": the people before "who" are the speaker.
  const relative = /^(\S+(?:\s+\S+){0,6}?)\s+who\s+\S/.exec(raw);
  if (relative) {
    const head = parseSimpleSubject(relative[1]!);
    if (head?.type === 'role' || head?.type === 'person') return head;
  }
  // "Dan Price of the GMB": an affiliation after the name is neither name nor role.
  // An affiliation is a noun phrase: "The Friends of X meanwhile are taking advice and have" is a clause, and
  // "The Friends" no one's name.
  // "This week petition organiser Samantha Warrington for the Preston Library campaign": a time before the subject
  // is not part of it, and a role and a name may come before the affiliation ("for the … campaign").
  const timeless = raw.replace(TIME_LEAD, '');
  const text = !/\s(?:of|from|for)\s/.test(timeless) ? timeless : timeless.replace(/^((?:\p{Ll}[\p{L}-]*\s+){0,4})((?:\p{Lu}\S*\s+){1,3}\p{Lu}\S*)\s+(of|from|for)\s+(.+)$/u, (all, role: string, name: string, link: string, affiliation: string) =>
    !/^(?:the|a|an)\s/i.test(name) && !CLAUSE_WORD.test(affiliation) && !endsInRoleAndName(affiliation) && name.split(/\s+/).every((t) => isNameToken(t) || titleOf(t) !== null) &&
    // "for" ties a role to its body only after a role and a full name ("Cabinet Member for Libraries" is a role).
    (link !== 'for' || (role !== '' && parseName(name.split(/\s+/)) !== null && name.includes(' ')))
      ? role + name
      : all,
  );
  const tokens = text.split(/\s+/).filter((t) => t !== '');
  if (tokens.length === 0 || tokens.length > 14) return null;
  // The name is the run of capitalised words at the end; what comes before it is the role.
  let i = tokens.length;
  while (i > 0 && (isNameToken(tokens[i - 1]!) || titleOf(tokens[i - 1]!) !== null || (i < tokens.length && isInitial(tokens[i - 1]!))) && !isPossessive(tokens[i - 1]!)) i--;
  // A role word capitalised at the start of a sentence ("Campaigner Abigail Bryant") is not part of the name.
  i += nameStart(tokens.slice(i));
  // A long capitalised run is a title and then a name: "Assistant Director for Integrated Passenger Transport Richard Owens".
  if (tokens.length - i > 4 && parseName(tokens.slice(-2))) i = tokens.length - 2;
  // "Cabinet Member for Libraries Jo Bell", "Portfolio Holder for Environment Jo Bell": after "for" or "of" a role's
  // capitalised portfolio runs straight into the name, which is its last two words (three with an initial).
  // "the leader of the Clifton Independents Kevin Clarke": after "of the" a body's name runs into it the same way, when
  // the words before the name are a body's ("the Royal Albert Hall" is no one).
  const ofThe = i > 1 && /^the$/i.test(tokens[i - 1]!) && /^(?:for|of)$/i.test(tokens[i - 2]!) && tokens.length - i > 2 && isOrgLike(tokens.slice(i, -2));
  if (tokens.length - i >= 3 && i > 0 && (/^(?:for|of|and|&)$/i.test(tokens[i - 1]!) || ofThe)) {
    const k = isInitial(tokens.at(-2)!) ? 3 : 2;
    if (tokens.length - i > k && parseName(tokens.slice(-k))) i = tokens.length - k;
  }
  // "Local Councillor Tony McMahon": a title inside the run starts the name; the words before it are the role.
  const titleAt = tokens.findIndex((t, k) => k > i && k < tokens.length - 1 && titleOf(t) !== null);
  if (titleAt > i) i = titleAt;
  // "The Lib Dems": no person's name opens with "The"; a body.
  if (i === 0 && tokens[0] === 'The' && tokens.length > 1 && titleOf(tokens[1]!) === null) return { type: 'org', name: tokens.slice(1).join(' ') };
  const run = tokens.slice(i);
  const before = tokens.slice(0, i);
  // "Council leader Jane Smith and deputy Tom Hale": two people, and the rules cannot say whose words these are.
  const and = before.lastIndexOf('and');
  if (and >= 2 && isNameToken(before[and - 1]!) && isNameToken(before[and - 2]!)) return null;
  // "A spokesperson for the group Save Aberdeen Libraries": an indefinite person of something named; the
  // name is whose spokesperson it is, never the speaker's.
  // "One parent from Redgrave", "another resident from Hove": one of several, unnamed all the same.
  if (run.length > 0 && before.length > 1 && /^(?:a|an|one|another)$/i.test(before[0]!) && before.slice(1).some((w) => OF_WORDS.has(w.toLowerCase()))) {
    const role = cleanRole(text);
    // A long body's name ("the Royal Society for the Prevention of Accidents") counts as one word of the role.
    if (role !== null && isRole(role.replace(PROPER_RUN, 'X'))) return { type: 'role', role, gender: genderOfRole(role) };
  }
  // "Councillors including Jo Bell": a group that the named person is one of; the words are the group's.
  if (run.length > 0 && before.length > 1 && GROUP_LINK.test(before.slice(-2).join(' '))) {
    const role = cleanRole(text);
    if (role !== null) return { type: 'role', role, gender: null };
  }
  if (run.length > 0) {
    const name = parseName(run);
    if (name) {
      // "Hartley Law’s Sam Price": the possessor is whose person it is.
      const own = before.length > 0 && before.length <= 3 && isPossessive(before.at(-1)!) && isNameToken(before[0]!);
      const role = own ? possessor(before, before.length - 1) : before.length > 0 ? cleanRole(before.join(' ')) : null;
      if (role !== null && !isRole(role)) return null;
      // Words before a name that end in "in", "of"… make it a place, not a person ("Care agencies in
      // Eastmere"); people described by where they are are an unnamed group, read as a role below.
      // "The Rev Jane Smith": an article alone before a titled name is no place.
      // "A teacher in east London": a compass word between the preposition and the place is part of the place.
      let k = before.length;
      while (k > 1 && COMPASS.test(before[k - 1]!)) k--;
      const last = before.length === 1 && /^the$/i.test(before[0]!) && titleOf(run[0]!) !== null ? undefined : before[k - 1]?.toLowerCase();
      if (last !== undefined && FUNCTION_WORDS.has(last)) {
        if (!PLACE_PREPOSITIONS.has(last)) return null;
      } else {
        // One word, no title, and nothing before it that describes a person ("Travel giant Stagecoach"):
        // the resolver decides whether the article has introduced anyone by that name.
        const bare = run.length === 1 && name.gender === null && (role === null || !describesPerson(role));
        return { type: 'person', name: name.name, gender: name.gender, role, bare };
      }
    }
    if (before.length === 0 || (before.length === 1 && /^the$/i.test(before[0]!))) {
      if (isOrgLike(run)) return { type: 'org', name: run.join(' ') };
    }
  }
  const authored = possessedDocument(text);
  if (authored) return authored;
  const role = cleanRole(text);
  if (role === null || !isRole(role)) return null;
  if (/^(?:he|she|they|it|we|i|you)$/i.test(role)) return null;
  // "The headteacher": a definite role of a word or two may stand for someone described with it before (definite.ts).
  const definite = /^the\s/i.test(text) && role.split(' ').length <= 2;
  return documentOf(text, role) ?? { type: 'role', role, gender: genderOfRole(role), ...(definite ? { definite } : {}) };
}
