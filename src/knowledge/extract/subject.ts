/**
 * The subject of "… said": parsing it into a name, a role, a body or a document, before it is resolved
 * against the people the article has introduced.
 */
import { secondClause } from './clauses.js';
import { cleanRole, describesBody, describesPerson, documentOf, genderOfRole, isRole, roleOf } from './roles.js';
import { appositiveName, inAddress, namesAThing, opensWithFunctionWord, possessedDocument } from './apposition.js';
import { isInitial, isNameToken, isOrgLike, isPossessive, nameStart, parseName, possessor, titleOf } from './names.js';
import { FUNCTION_WORDS, GENDERED_ROLE, ROLE_NOUNS, LEADING_FILLER, SCENE_OPENERS, TRAILING_FILLER, type Gender } from './words.js';

/** What an attribution's subject says about the speaker. */
export type Subject =
  | { type: 'pronoun'; pronoun: 'he' | 'she' | 'they' }
  /** "It added:": the body or document last quoted, never a person. */
  | { type: 'it' }
  /** `unsure`: why the attribution lacks the evidence for high confidence (see evidence.ts). */
  | { type: 'person'; name: string; role: string | null; gender: Gender | null; bare?: boolean; unsure?: string }
  /** A body named by its proper name ("Unison", "Dunmore Council"): it speaks through statements. */
  | { type: 'org'; name: string }
  /** An unnamed person ("a council spokeswoman"); pronouns can refer to them. */
  | { type: 'role'; role: string; gender: Gender | null; definite?: boolean }
  /** A document, or a body not named ("a paper to the cabinet", "the council"). */
  | { type: 'document'; role: string };

// A subject never needs more than this many characters before its verb; a longer lead is cut here,
// which keeps every pattern below bounded per attribution however long the sentence.
export const MAX_SUBJECT_CHARS = 240;

/** The last `MAX_SUBJECT_CHARS` of a text, starting at a word. */
export function boundedTail(text: string): string {
  if (text.length <= MAX_SUBJECT_CHARS) return text;
  const tail = text.slice(-MAX_SUBJECT_CHARS);
  const space = tail.search(/[\s,]/);
  return space < 0 ? tail : tail.slice(space + 1);
}

/**
 * Parses the subject of a verb of speech: "Unison spokeswoman Caroline Johnson", "Liz Majer, corporate
 * director of social services", "a council spokesman", "Cllr Hamilton", "she", "a paper to the cabinet".
 * Null when the phrase does not name or describe a speaker.
 */
export function parseSubject(raw: string): Subject | null {
  // Asides in brackets ("Cllr John Marsh (Lab, Northfold)") say nothing about who is speaking.
  // A pair of spaced dashes sets words off as commas do: "Jo Bell – Tom Hale’s deputy – said".
  let text = boundedTail(raw).replace(/\s[-–—]\s/g, ', ').replace(/[•]+/g, ' ').replace(/\s*\([^)]*\)/g, '').trim().replace(/^[,;:\s]+/, '').replace(/[,;:\s]+$/, '');
  // "But now Stagecoach": every leading filler word goes, not only the first.
  for (let prev = ''; prev !== text; ) {
    prev = text;
    text = text.replace(LEADING_FILLER, '');
  }
  for (let prev = ''; prev !== text; ) {
    prev = text;
    text = text.replace(TRAILING_FILLER, '').trim();
  }
  // Honours and seats after a name ("Jo Bell MP", "Jo Bell OBE") are not part of it.
  text = text.replace(POST_NOMINALS, '');
  // "Library closures: Jo Bell warns": a headline's kicker before a colon is not the subject.
  const colon = text.lastIndexOf(':');
  if (colon >= 0) text = text.slice(colon + 1).trim();
  if (text === '' || /[“”"‘]/.test(text)) return null;
  if (/^it$/i.test(text)) return { type: 'it' };
  const pronoun = /^(he|she|they)$/i.exec(text);
  if (pronoun) return { type: 'pronoun', pronoun: pronoun[1]!.toLowerCase() as 'he' | 'she' | 'they' };

  // "…, a situation she described as “…”", "which he called": a pronoun straight before the verb is its subject,
  // whatever noun phrase comes first ("and she" joins a second speaker: nobody).
  const closing = /\s(\p{L}+)\s+(he|she|they)$/iu.exec(text);
  // After a conjunction ("striking as they say …") the pronoun opens a clause of its own, left to the other rules.
  if (closing && !/^(?:as|because|since|while|when|if|but|though|although|so|after|before|until|where)$/i.test(closing[1]!)) {
    return /^(?:and|or|&)$/i.test(closing[1]!) ? null : { type: 'pronoun', pronoun: closing[2]!.toLowerCase() as 'he' | 'she' | 'they' };
  }

  const second = secondClause(text, parseSubject);
  if (second !== undefined) return second;

  // "Jo Bell, however, said": a sentence adverb set off by commas is not a role.
  let parts = text.split(/\s*,\s*/).filter((p) => p !== '' && !SENTENCE_ADVERB.test(p));
  // "Tom Hale, who Jo Bell described as": the subject of a relative clause's own verb is named inside it.
  const relative = parts.length > 1 ? /^(?:who|whom)\s+((?:the|a|an)\s.*|\p{Lu}.*)$/u.exec(parts.at(-1)!) : null;
  if (relative) {
    const inner = parseSimpleSubject(relative[1]!);
    if (inner?.type === 'person' || inner?.type === 'role') return inner;
  }
  // "Tom Hale, who is a carer, and Ann Hale", "Jo Bell, Tom Hale and Sam Reid", "Jo Bell, who chairs the committee
  // and Tom Hale, who…": two speakers, and the rules cannot say whose words these are.
  if (parts.some((p, i) => i > 0 && (/^(?:and|&)\s/i.test(p) || andPerson(p)))) return null;
  while (parts.length > 1 && SCENE_OPENERS.test(parts[0]!)) parts = parts.slice(1);
  // "In a report to the scrutiny committee the council": a scene with no comma after it, then the subject; only a
  // subject with an article is read off the end ("…to Tom Hale Jo Bell" would run two names together).
  if (parts.length === 1 && SCENE_OPENERS.test(parts[0]!)) {
    const tail = SCENE_THEN_SUBJECT.exec(parts[0]!);
    const subject = tail ? parseSimpleSubject(tail[1]!) : null;
    if (subject?.type === 'document' || subject?.type === 'role') return subject;
  }
  // "In a statement, she said": the pronoun after the scene-setting.
  const after = parts.length === 1 ? /^(he|she|they)$/i.exec(parts[0]!) : null;
  if (after) return { type: 'pronoun', pronoun: after[1]!.toLowerCase() as 'he' | 'she' | 'they' };
  if (parts.length > 1) {
    // Appositive: "Liz Majer, corporate director…" or "the council’s director…, Mark Ellis".
    const nameAt = parts.findIndex((p, i) => !inAddress(parts, i) && appositiveName(p) !== null);
    if (nameAt >= 0) {
      const { name, lead } = appositiveName(parts[nameAt]!)!;
      // Before the name only a noun phrase is a role: "Ahead of the meeting," is scene-setting.
      // "The library, Tom Hale said,": a place or a body before the name is the sentence's subject, not his role.
      const roles = parts
        .filter((p, i) => i !== nameAt && (i > nameAt || (!opensWithFunctionWord(p) && !namesAThing(p))))
        .map(roleOf)
        .filter((r): r is string => r !== null);
      const role = lead ?? roles[0] ?? null;
      // "Liberal Democrats, the main opposition party,": a name the article describes as a body is that body (one word,
      // "Arriva, the operator,", is left to the resolver below, as a bare name).
      if (name.gender === null && name.name.includes(' ') && role !== null && lead === null && describesBody(role)) return { type: 'org', name: name.name };
      // "Stagecoach, which runs the route," or "Arriva, the operator,": one word, and nothing said of it that
      // only a person is ("who …", "a mother of two"): left to the resolver, as a bare name.
      const bare =
        name.name.split(' ').length === 1 && name.gender === null && (role === null || !describesPerson(role)) && !parts.some((p) => /^who\b/i.test(p));
      return { type: 'person', name: name.name, gender: name.gender, role, bare };
    }
  }
  // "…, meaning more strikes, the union said": when the first part is no subject, the part next to the verb is.
  return parseSimpleSubject(parts[0] ?? text) ?? (parts.length > 1 && !FUNCTION_WORDS.has(parts.at(-1)!.toLowerCase()) ? parseSimpleSubject(parts.at(-1)!) : null);
}

// Words that comment on the sentence, set off by commas: never who is speaking.
const SENTENCE_ADVERB =
  /^(?:however|meanwhile|though|too|also|instead|nevertheless|moreover|furthermore|similarly|likewise|separately|in turn|in response|in reply|for (?:his|her|their|its) part|in particular|of course|in fact|indeed|too)$/i;

/** "who chairs the committee and Tom Hale": a part that joins a person on with "and". */
function andPerson(part: string): boolean {
  if (!part.includes(' and ') && !part.includes(' & ')) return false;
  // "backed by residents and Tom Hale", "with Tom Hale and Sam Reid": people around the speaker, not speakers.
  if (/^(?:\p{Ll}+(?:ed|ing)\s|with\s|alongside\s|along with\s|together with\s|as well as\s|like\s|including\s|among\s)/u.test(part)) return false;
  // Only a short "and [his deputy] Tom Hale" ending the part: "Labour and Co-operative member for Chorley" is a role.
  const and = /\s(?:and|&)\s+((?:\p{Ll}+\s+){0,3}(?:\p{Lu}\S*\s+){0,2}\p{Lu}\S*)$/u.exec(part);
  const joined = and === null ? null : parseSimpleSubject(and[1]!);
  if (joined?.type !== 'person') return false;
  // "Cabinet Member for Infrastructure, Transport and Facilities": one bare word after a capitalised one is a
  // portfolio's last item, not a person ("the chair and Hale" keeps its second person).
  return !(joined.bare && /\p{Lu}\S*\s+(?:and|&)\s+\S+$/u.test(part));
}

const POST_NOMINALS = /(?<=\p{Ll})(?:\s+(?:MP|MSP|MS|AM|MEP|MLA|OBE|MBE|CBE|KC|QC))+$/u;

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
const SCENE_THEN_SUBJECT = /\s((?:the|a|an)\s+(?:(?!(?:the|a|an)\s)[\p{Ll}-]+\s+){0,3}[\p{Ll}-]+)$/u;
const DAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const TIME_LEAD = new RegExp(`^(?:(?:[Tt]his|[Ll]ast|[Ee]arlier this|[Ll]ater this) (?:week|month|year|weekend|morning|afternoon|evening|${DAY})|(?:[Oo]n |[Ll]ast )?${DAY}|[Yy]esterday|[Tt]oday|[Tt]onight)\\s+(?=\\S)`, 'u');
const PROPER_RUN = /\p{Lu}[\p{L}’'-]*(?:\s+(?:(?:of|for|the|and|on)\s+)*\p{Lu}[\p{L}’'-]*)+/gu;
const GROUP_LINK = /(?:^|\s)(?:including|such as|among them|notably)$/i;

function parseSimpleSubject(raw: string): Subject | null {
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
  if (tokens.length - i >= 3 && i > 0 && /^(?:for|of|and|&)$/i.test(tokens[i - 1]!)) {
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
