/**
 * The subject of "… said": parsing it into a name, a role, a body or a document, before it is resolved
 * against the people the article has introduced.
 */
import { firstVerb } from './verbs.js';
import { cleanRole, describesPerson, documentOf, genderOfRole, isRole, roleOf } from './roles.js';
import { isNameToken, isOrgLike, isPossessive, nameStart, parseName, possessor, titleOf } from './names.js';
import { DOCUMENT_NOUNS, FUNCTION_WORDS, GENDERED_ROLE, ROLE_NOUNS, LEADING_FILLER, SCENE_OPENERS, TRAILING_FILLER, type Gender } from './words.js';

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
  | { type: 'role'; role: string; gender: Gender | null }
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
  if (text === '' || /[“”"‘]/.test(text)) return null;
  if (/^it$/i.test(text)) return { type: 'it' };
  const pronoun = /^(he|she|they)$/i.exec(text);
  if (pronoun) return { type: 'pronoun', pronoun: pronoun[1]!.toLowerCase() as 'he' | 'she' | 'they' };

  const second = secondClause(text);
  if (second !== undefined) return second;

  let parts = text.split(/\s*,\s*/).filter((p) => p !== '');
  // "Tom Hale, who is a carer, and Ann Hale": two speakers, and the rules cannot say whose words these are.
  if (parts.some((p, i) => i > 0 && /^(?:and|&)\s/i.test(p))) return null;
  while (parts.length > 1 && SCENE_OPENERS.test(parts[0]!)) parts = parts.slice(1);
  // "In a statement, she said": the pronoun after the scene-setting.
  const after = parts.length === 1 ? /^(he|she|they)$/i.exec(parts[0]!) : null;
  if (after) return { type: 'pronoun', pronoun: after[1]!.toLowerCase() as 'he' | 'she' | 'they' };
  if (parts.length > 1) {
    // Appositive: "Liz Majer, corporate director…" or "the council’s director…, Mark Ellis".
    const nameAt = parts.findIndex((p, i) => !inAddress(parts, i) && appositiveName(p) !== null);
    if (nameAt >= 0) {
      const { name, lead } = appositiveName(parts[nameAt]!)!;
      // Before the name only a noun phrase is a role: "Ahead of the meeting," is scene-setting.
      const roles = parts
        .filter((p, i) => i !== nameAt && (i > nameAt || !opensWithFunctionWord(p)))
        .map(roleOf)
        .filter((r): r is string => r !== null);
      const role = lead ?? roles[0] ?? null;
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

const POST_NOMINALS = /(?<=\p{Ll})(?:\s+(?:MP|MSP|MS|AM|MEP|MLA|OBE|MBE|CBE|KC|QC))+$/u;

// A conjunction that can open a clause of its own.
const CONJUNCTION = /(?:^|[\s,])(?:and|but|while|whereas|yet|although|though)\s+/g;
// What makes the words before a conjunction a clause: an auxiliary, a verb of speech, or a past tense after a word.
const FINITE_IN = /\b(?:is|are|was|were|has|have|had|will|would|did|does)\b|\S\s+\p{Ll}{2,}ed\b/u;

/** A lowercase word that is not a function word or a noun for a person ("Council leader" is no clause). */
function isVerbLike(word: string): boolean {
  return /^\p{Ll}+$/u.test(word) && !FUNCTION_WORDS.has(word) && !ROLE_NOUNS.has(word) && !Object.hasOwn(GENDERED_ROLE, word) && !/(?:er|or|ist|ian|ant|ent)$/.test(word);
}

/** "Jo Bell met Tom Hale", "he told": a name or a pronoun followed by a lowercase word that is not a function word. */
function nameThenVerb(text: string): boolean {
  const words = text.split(/\s+/);
  return words.some((w, i) => i + 1 < words.length && (isNameToken(w) || /^(?:he|she|they)$/i.test(w)) && isVerbLike(words[i + 1]!));
}

/**
 * "Jo Bell backed the plan but Tom Hale", "Tom Hale announced the cuts on Monday and he": when the words before
 * the last conjunction are a clause of their own, the speaker is the subject after it, and the name in the first
 * clause is someone else. A relative clause before it ("Jo Bell, who has led the group and Tom Hale") leaves two
 * people either of whom may be speaking: nobody. Undefined when the text is not two clauses.
 */
function secondClause(text: string): Subject | null | undefined {
  let last: RegExpExecArray | null = null;
  for (const m of text.matchAll(CONJUNCTION)) last = m;
  if (!last) return undefined;
  const before = text.slice(0, last.index);
  const after = text.slice(last.index + last[0].length);
  if (!(FINITE_IN.test(before) || firstVerb(before) || nameThenVerb(before))) return undefined;
  const subject = after === '' ? null : parseSubject(after);
  const speaks = subject !== null && (subject.type === 'person' || subject.type === 'pronoun' || (subject.type === 'role' && /^(?:a|an|the)\s/i.test(after)));
  if (!speaks) return undefined;
  return /\b(?:who|whose|whom)\b/i.test(before) ? null : subject;
}

/** "Jo Bell" or "Campaigner Jo Bell" set off by commas: the name, and a capitalised role word opening it. */
function appositiveName(part: string): { name: { name: string; gender: Gender | null }; lead: string | null } | null {
  const tokens = part.split(/\s+/);
  const start = nameStart(tokens);
  const lead = start > 0 ? tokens.slice(0, start).join(' ') : null;
  const name = parseName(tokens.slice(start));
  return name ? { name, lead } : null;
}

// A part ending in a place: "Home owners in Champions Row", "Wilbury Avenue".
const ENDS_IN_PLACE = /(?:^|\s)(?:in|at|on|near|of|from)\s+(?:\p{Lu}\S*\s+){0,3}\p{Lu}\S*$/u;

/**
 * "Home owners in Champions Row, Wilbury Avenue, Hove": one capitalised word after a place, or after a
 * street, carries on the address; it is a town, not a person set off by commas.
 */
function inAddress(parts: string[], i: number): boolean {
  if (i === 0 || parts[i]!.split(/\s+/).length !== 1) return false;
  const prev = parts[i - 1]!;
  return ENDS_IN_PLACE.test(prev) || isOrgLike(prev.split(/\s+/)) || inAddress(parts, i - 1);
}

function opensWithFunctionWord(phrase: string): boolean {
  const first = phrase.split(/\s+/)[0]!.toLowerCase();
  return FUNCTION_WORDS.has(first) && !/^(?:the|a|an|his|her|their|our|its)$/.test(first);
}

const PLACE_PREPOSITIONS = new Set(['in', 'across', 'at']);
// Words that tie a role to whose it is: "a spokesman for", "a member of".
const OF_WORDS = new Set(['for', 'of', 'at', 'from', 'with']);
const CLAUSE_WORD = /\b(?:is|are|was|were|has|have|had|will|would|could|can|did|does)\b/i;

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
  const text = raw.replace(/^((?:\p{Lu}\S*\s+){1,3}\p{Lu}\S*)\s+(?:of|from)\s+(.+)$/u, (all, name: string, affiliation: string) =>
    !/^(?:the|a|an)\s/i.test(name) && !CLAUSE_WORD.test(affiliation) && name.split(/\s+/).every((t) => isNameToken(t) || titleOf(t) !== null)
      ? name
      : all,
  );
  const tokens = text.split(/\s+/).filter((t) => t !== '');
  if (tokens.length === 0 || tokens.length > 14) return null;
  // The name is the run of capitalised words at the end; what comes before it is the role.
  let i = tokens.length;
  while (i > 0 && (isNameToken(tokens[i - 1]!) || titleOf(tokens[i - 1]!) !== null) && !isPossessive(tokens[i - 1]!)) i--;
  // A role word capitalised at the start of a sentence ("Campaigner Abigail Bryant") is not part of the name.
  i += nameStart(tokens.slice(i));
  // A long capitalised run is a title and then a name: "Assistant Director for Integrated Passenger Transport Richard Owens".
  if (tokens.length - i > 4 && parseName(tokens.slice(-2))) i = tokens.length - 2;
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
  if (run.length > 0 && before.length > 1 && /^(?:a|an)$/i.test(before[0]!) && before.slice(1).some((w) => OF_WORDS.has(w.toLowerCase()))) {
    const role = cleanRole(text);
    if (role !== null && isRole(role)) return { type: 'role', role, gender: genderOfRole(role) };
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
      const last = before.length === 1 && /^the$/i.test(before[0]!) && titleOf(run[0]!) !== null ? undefined : before.at(-1)?.toLowerCase();
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
  // "Ms Culver’s letter": a person's own document is that person speaking.
  const author = /^((?:\p{Lu}\S*\s+){0,2}\p{Lu}[^\s’']*)[’']s\s+(\S+)$/u.exec(text);
  if (author && DOCUMENT_NOUNS.has(author[2]!.toLowerCase())) {
    const name = parseName(author[1]!.split(/\s+/));
    if (name) return { type: 'person', name: name.name, gender: name.gender, role: null, bare: !author[1]!.includes(' ') };
  }
  const role = cleanRole(text);
  if (role === null || !isRole(role)) return null;
  if (/^(?:he|she|they|it|we|i|you)$/i.test(role)) return null;
  return documentOf(text, role) ?? { type: 'role', role, gender: genderOfRole(role) };
}
