/**
 * The parts of a subject set off by commas, and possessors before a noun: which part is the name, which a
 * role, which an address, and whose document "Jo Bell’s petition" is.
 */
import { isOrgLike, nameStart, parseName } from './names.js';
import { describesPerson } from './roles.js';
import type { Subject } from './subject.js';
import { DOCUMENT_NOUNS, FUNCTION_WORDS, ORG_WORDS, type Gender } from './words.js';

/** "Jo Bell" or "Campaigner Jo Bell" set off by commas: the name, and a capitalised role word opening it. */
export function appositiveName(part: string): { name: { name: string; gender: Gender | null }; lead: string | null } | null {
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
export function inAddress(parts: string[], i: number): boolean {
  if (i === 0) return false;
  const prev = parts[i - 1]!;
  // "Mr Herga, of Horn Lane, Woodford Green,": after a part that is only "of"/"from" and a street, the capitalised
  // words (a town of two or three) carry on where the person lives.
  if (ADDRESS_PART.test(prev) && TOWN.test(parts[i]!)) return true;
  if (parts[i]!.split(/\s+/).length !== 1) return false;
  return ENDS_IN_PLACE.test(prev) || isOrgLike(prev.split(/\s+/)) || inAddress(parts, i - 1);
}

// A part that is an address on its own: "of Horn Lane", "from Elm Road" (a role's "chair of Unison" is not one).
export const ADDRESS_PART = /^(?:of|from)\s+(?:\p{Lu}[\p{L}’'-]*\s+){0,3}\p{Lu}[\p{L}’'-]*$/u;
const TOWN = /^(?:\p{Lu}[\p{L}’'-]*\s+){0,2}\p{Lu}[\p{L}’'-]*$/u;

export function opensWithFunctionWord(phrase: string): boolean {
  const first = phrase.split(/\s+/)[0]!.toLowerCase();
  return FUNCTION_WORDS.has(first) && !/^(?:the|a|an|his|her|their|our|its)$/.test(first);
}

/** "The library", "the council": a part naming a place, a body or a document, which is nobody's role. */
export function namesAThing(part: string): boolean {
  const last = part.split(/\s+/).at(-1)!.toLowerCase();
  return /^(?:the|a|an|this|that)\s/i.test(part) && (ORG_WORDS.has(last) || DOCUMENT_NOUNS.has(last)) && !describesPerson(part);
}

// What a person writes or says in their own voice: "Ms Culver’s letter adds" is Ms Culver speaking.
const OWN_WORDS = new Set(['letter', 'email', 'e-mail', 'message', 'post', 'tweet', 'blog', 'speech', 'column', 'statement', 'note', 'remarks', 'comments', 'words']);

/**
 * "Ms Culver’s letter", "Jo Bell’s petition", "Tom Hale’s report": a person's own letter or statement is that
 * person speaking; any other document they are named with (a petition they started, a report they wrote as an
 * officer) speaks as the document, whose role keeps the possessor. Null when the text is not "X’s <document>".
 */
export function possessedDocument(text: string): Subject | null {
  const author = /^((?:\p{Lu}\S*\s+){0,2}\p{Lu}[^\s’']*)[’']s\s+(\S+)$/u.exec(text);
  const noun = author?.[2]!.toLowerCase();
  if (!author || noun === undefined || !(DOCUMENT_NOUNS.has(noun) || OWN_WORDS.has(noun))) return null;
  const name = parseName(author[1]!.split(/\s+/));
  if (!name) return null;
  if (OWN_WORDS.has(noun)) return { type: 'person', name: name.name, gender: name.gender, role: null, bare: !author[1]!.includes(' ') };
  return { type: 'document', role: text };
}
