/**
 * The subject of "… said": parsing it into a name, a role, a body or a document, before it is resolved
 * against the people the article has introduced.
 */
import { secondClause } from './clauses.js';
import { parseSimpleSubject } from './simple-subject.js';
import { describesBody, describesPerson, roleOf } from './roles.js';
import { appositiveName, inAddress, namesAThing, opensWithFunctionWord } from './apposition.js';
import { parseName, titleOf } from './names.js';
import { FUNCTION_WORDS, LEADING_FILLER, SCENE_OPENERS, TRAILING_FILLER, type Gender } from './words.js';

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
  // "A COUNCILLOR said": a lead in capitals opening with an article describes someone; no acronym opens with "A".
  if (CAPS_DESCRIPTION.test(text)) text = text.toLowerCase();
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
  while (parts.length > 1 && SCENE_OPENERS.test(parts[0]!)) {
    // "In a statement Joan Beck, the council’s communities director,": a scene with no comma after it, ending in the name.
    const named = sceneThenName(parts[0]!);
    // Another name set off after it ("At the meeting Jo Bell, Tom Hale said") leaves the speaker to the rules below.
    if (named !== null && !parts.slice(1).some((p) => appositiveName(p) !== null)) {
      parts = [named, ...parts.slice(1)];
      break;
    }
    parts = parts.slice(1);
  }
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
        .filter((p, i) => i !== nameAt && !inAddress(parts, i) && (i > nameAt || (!opensWithFunctionWord(p) && !namesAThing(p))))
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

// A short scene of lowercase words after its opener, then a name (a title and one word, or two words).
const SCENE_THEN_NAME = /^\p{L}+(?:\s+\p{Ll}[\p{L}’'-]*){1,5}\s+((?:\p{Lu}[\p{L}’'.-]*\s+)?\p{Lu}[\p{L}’'-]*\s+\p{Lu}[\p{L}’'-]*|\p{Lu}[\p{L}’'.-]*\s+\p{Lu}[\p{L}’'-]*)$/u;

const DETERMINERS = new Set(['a', 'an', 'the', 'this', 'that', 'its', 'his', 'her', 'their', 'our']);

/** The name ending a scene-setting part ("In a statement Joan Beck", "At the meeting Mr Hale"), or null. */
function sceneThenName(part: string): string | null {
  const m = SCENE_THEN_NAME.exec(part);
  if (!m) return null;
  const tokens = m[1]!.split(/\s+/);
  // "In a letter to Mrs Ann Price, the chair said": a name after a preposition is whom the scene is about, not the speaker.
  // Only a determiner may stand between the opener and the name: "In a letter to council leader Jo Bell" is about her.
  const scene = part.slice(0, part.length - m[1]!.length).trim().split(/\s+/).slice(1).map((w) => w.toLowerCase());
  if (scene.some((w) => FUNCTION_WORDS.has(w) && !DETERMINERS.has(w))) return null;
  const name = parseName(tokens);
  return name !== null && (tokens.length === 2 || titleOf(tokens[0]!) !== null) ? m[1]! : null;
}

const CAPS_DESCRIPTION = /^(?:A|AN|THE)\s+\p{Lu}{3,}(?:\s+\p{Lu}{2,}){0,3}$/u;

const POST_NOMINALS = /(?<=\p{Ll})(?:\s+(?:MP|MSP|MS|AM|MEP|MLA|OBE|MBE|CBE|KC|QC))+$/u;

const SCENE_THEN_SUBJECT = /\s((?:the|a|an)\s+(?:(?!(?:the|a|an)\s)[\p{Ll}-]+\s+){0,3}[\p{Ll}-]+)$/u;
