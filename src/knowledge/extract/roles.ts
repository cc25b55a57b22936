/** Roles: the words around a name that say who someone is ("Unison branch secretary", "a paper to the cabinet"). */
import type { Subject } from './subject.js';
import { isGroupNoun } from './names.js';
import { firstVerb } from './verbs.js';
import { BODY_WORDS, COMPANY_NOUNS, DOCUMENT_NOUNS, FUNCTION_WORDS, GENDERED_ROLE, ROLE_NOUNS, type Gender } from './words.js';

/**
 * Cleans a role: drops a leading article and a leading generic possessive ("the council’s"), so
 * "The council’s Labour cabinet member for social care" reads "Labour cabinet member for social care".
 * A named possessive ("Unison’s regional organiser") is kept: it says whose role it is.
 */
export function cleanRole(raw: string): string | null {
  let role = raw.replace(/^[\s,]+/, '').replace(/[\s,.:;]+$/, '').replace(/^(?:the|a|an)\s+/i, '');
  const possessive = /^((?:[\p{Ll}-]+\s+){0,2}[\p{Ll}-]+[’']s)\s+/u.exec(role);
  if (possessive) role = role.slice(possessive[0].length);
  role = role.trim();
  return role === '' || /^(?:the|a|an)$/i.test(role) ? null : role;
}

/** A role must read like a description, not a clause ("who leads the group", "is to sell"). */
export function isRole(role: string): boolean {
  if (!/\p{L}/u.test(role)) return false; // an age ("Jane Doe, 54,") is not a role
  // A relative clause, or an affiliation ("of Northmoor University"), is not a role.
  if (/^(?:who|whom|whose|which|that|it|this|there|these|those|of|from|with|alongside|like|unlike)\b/i.test(role)) return false;
  // What someone is doing, not who they are: "responding to Jo Bell", "quoting Tom Hale", "joined by Ann Lee".
  // ("acting chief executive", "managing director": a participle before a noun is still a role.)
  if (PARTICIPLE_PHRASE.test(role) || /^\p{Ll}+ing$/u.test(role)) return false;
  // "Jo Bell backed the plan": a name and then a verb is a clause, and its name someone else's.
  if (NAME_THEN_VERB.test(role) || PAST_AFTER_NOUN.test(role)) return false;
  if (/\b(?:is|are|was|were|will|would|could|can|has|have|had|been)\b/i.test(role)) return false;
  if (firstVerb(role)) return false; // "member Adam Ogilvie told the meeting" is a clause

  return role.split(/\s+/).length <= 9;
}

const PARTICIPLE_PHRASE =
  /^\p{Ll}+ing\s+(?:to|for|at|on|in|about|after|before|from|with|as|of|alongside|the|a|an|his|her|their|its|\p{Lu})|^\p{Ll}+ed\s+by\b/u;
// "council faced criticism from": a past tense after a noun (not after an article or an adverb: "the combined
// authority", "newly elected") is a clause. A participle taking a preposition after a noun still describes it: "a report published on 14 June", "staff affected by".
const PAST_AFTER_NOUN =
  /(?:^|\s)(?!(?:the|a|an|its|their|his|her|our|\S+ly)\s)\S+\s+\p{Ll}{2,}ed\s+(?!(?:on|in|by|to|at|for|from|with|of|under|into|about|after|before|last|this|earlier|yesterday)\b)\S/u;
const NAME_THEN_VERB = /\p{Lu}[\p{L}’'-]*\p{Ll}\s+\p{Ll}{2,}ed\b/u;

/** A cleaned role, or null when the words do not describe anyone. */
export function roleOf(raw: string): string | null {
  const role = cleanRole(raw);
  return role !== null && isRole(role) ? role : null;
}

/** The words of a role before its first function word: "paper to the cabinet" → ["paper"]. */
function headWords(role: string): string[] {
  const words = role.toLowerCase().split(/\s+/);
  const end = words.findIndex((w) => FUNCTION_WORDS.has(w));
  return (end < 0 ? words : words.slice(0, end)).map((w) => w.replace(/[’']s$/, ''));
}

/** A role that names a document or an unnamed body rather than a person, or null. */
export function documentOf(raw: string, role: string): Subject | null {
  const head = headWords(role);
  // "the plans stated", "papers released by the council": documents in the plural are documents too ("papers" only
  // looks like a group of people by its ending).
  const plural = head.some((w) => w.endsWith('s') && DOCUMENT_NOUNS.has(w.slice(0, -1)));
  if (head.some((w) => ROLE_NOUNS.has(w) || Object.hasOwn(GENDERED_ROLE, w) || (!plural && isGroupNoun(w)))) return null;
  // A document keeps its article, so answers can say what it is: "a paper to the cabinet".
  if (plural || head.some((w) => DOCUMENT_NOUNS.has(w))) return { type: 'document', role: raw.replace(/^[\s,]+|[\s,.:;]+$/g, '').replace(/^(?:The|A|An)\b/, (a) => a.toLowerCase()) };
  // "The party also said": a party speaks as a body, like "the council".
  if (head.length > 0 && (BODY_WORDS.has(head.at(-1)!) || head.at(-1) === 'party')) return { type: 'document', role };
  return null;
}

/** "council spokesman", "retired teacher", "campaigner": a role only a person has ("travel giant" is not one). */
export function describesPerson(role: string): boolean {
  const words = role.toLowerCase().split(/\s+/);
  // "the group's chair" is a person; "the operator" only looks like one by its ending.
  if (words.some((w) => ROLE_NOUNS.has(w.replace(/[’']s$/, '')) || Object.hasOwn(GENDERED_ROLE, w))) return true;
  return !words.some((w) => COMPANY_NOUNS.has(w)) && words.some((w) => /(?:er|or|ist|ian)$/.test(w));
}

// What a body is called when the article describes one ("the main opposition party", "a bus operator", "the charity
// running the centre"); "owner" is left out, being as often a person ("the owner, Jo Bell").
const BODY_HEADS = new Set([
  ...BODY_WORDS, ...[...COMPANY_NOUNS].filter((w) => w !== 'owner'),
  'party', 'group', 'charity', 'campaign', 'association', 'organisation', 'organization', 'club', 'society', 'coalition', 'alliance', 'forum', 'network', 'landlord', 'body',
]);

/** "the main opposition party on the council", "the council’s highways contractor": a description only a body has. */
export function describesBody(role: string): boolean {
  if (describesPerson(role)) return false;
  const head = headWords(role);
  // "charity running the centre": the noun before a participle is the head.
  const ing = head.findIndex((w, i) => i > 0 && /ing$/.test(w));
  const last = (ing > 0 ? head.slice(0, ing) : head).at(-1);
  return last !== undefined && BODY_HEADS.has(last);
}

export function genderOfRole(role: string): Gender | null {
  for (const w of role.toLowerCase().split(/\s+/)) if (Object.hasOwn(GENDERED_ROLE, w)) return GENDERED_ROLE[w]!;
  return null;
}
