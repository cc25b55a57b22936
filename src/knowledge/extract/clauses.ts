/**
 * A subject that is really two clauses: "Jo Bell backed the plan but Tom Hale [said]". The riskiest subject rule,
 * since a wrong split gives the other person: it splits only after a clause of its own, never inside an aside
 * ("Jo Bell, backed by residents and Tom Hale,") nor after a person set off by commas ("Jo Bell, the chair, and
 * Tom Hale", two speakers).
 */
import { isNameToken, isPossessive } from './names.js';
import type { Subject } from './subject.js';
import { firstVerb } from './verbs.js';
import { FUNCTION_WORDS, GENDERED_ROLE, ROLE_NOUNS } from './words.js';
import { allMatches } from './matches.js';

// A conjunction that can open a clause of its own.
const CONJUNCTION = /(?:^|[\s,])(?:and|but|while|whereas|yet|although|though)\s+/g;
// What makes the words before a conjunction a clause: an auxiliary, a verb of speech, or a past tense after a word.
const FINITE_IN = /\b(?:is|are|was|were|has|have|had|will|would|did|does)\b|\S\s+\p{Ll}{2,}ed\b/u;
// An aside after a comma that takes people with it: "backed by residents and", "with Tom Hale and", "like Jo Bell and".
const ASIDE = /,\s*(?:\p{Ll}+ed\s+by|with|alongside|along with|like|including|among|together with|as well as|such as)\s[^,]*$/u;

// "People like Jo Bell and Tom Hale": prepositions the function-word list leaves out are no verb either.
const PREPOSITIONS = new Set(['like', 'unlike', 'including', 'among', 'amongst', 'alongside', 'near', 'via', 'plus', 'against', 'without', 'within', 'across', 'beside', 'besides', 'behind', 'beyond', 'towards', 'toward', 'around', 'through', 'throughout', 'except', 'opposite', 'outside', 'inside', 'below', 'above', 'between']);

const FULL_NAME_END = /\p{Lu}[\p{L}’'-]*\p{Ll}\s+\p{Lu}[\p{L}’'-]*\p{Ll}$/u;

/** A lowercase word that is not a function word or a noun for a person ("Council leader" is no clause). */
function isVerbLike(word: string): boolean {
  return /^\p{Ll}+$/u.test(word) && !FUNCTION_WORDS.has(word) && !PREPOSITIONS.has(word) && !ROLE_NOUNS.has(word) && !Object.hasOwn(GENDERED_ROLE, word) && !/(?:er|or|ist|ian|ant|ent)$/.test(word);
}

/** "Jo Bell met Tom Hale", "he told": a name or a pronoun followed by a lowercase word that is not a function word. */
function nameThenVerb(text: string): boolean {
  const words = text.split(/\s+/);
  // "Labour’s prospective candidate": a possessor and its noun are no subject and verb.
  return words.some((w, i) => i + 1 < words.length && ((isNameToken(w) && !isPossessive(w)) || /^(?:he|she|they)$/i.test(w)) && isVerbLike(words[i + 1]!));
}

/**
 * "Jo Bell backed the plan but Tom Hale", "Tom Hale announced the cuts on Monday and he": when the words before
 * the last conjunction are a clause of their own, the speaker is the subject after it, and the name in the first
 * clause is someone else. A relative clause before it ("Jo Bell, who has led the group and Tom Hale") or a person
 * set off by commas ("Jo Bell, the newly appointed chair, and Tom Hale") leaves two people either of whom may be
 * speaking: nobody. Undefined when the text is not two clauses (`parse` reads each side).
 */
export function secondClause(text: string, parse: (text: string) => Subject | null): Subject | null | undefined {
  let last: RegExpExecArray | null = null;
  for (const m of allMatches(CONJUNCTION, text)) last = m;
  if (!last) return undefined;
  const before = text.slice(0, last.index);
  const after = text.slice(last.index + last[0].length);
  if (!(FINITE_IN.test(before) || firstVerb(before) || nameThenVerb(before)) || ASIDE.test(before)) return undefined;
  const subject = after === '' ? null : parse(after);
  const speaks = subject !== null && (subject.type === 'person' || subject.type === 'pronoun' || (subject.type === 'role' && /^(?:a|an|the)\s/i.test(after)));
  if (!speaks) return undefined;
  if (/\b(?:who|whose|whom)\b/i.test(before)) return null;
  // "…was approved after Jo Bell and Tom Hale": a full name straight before "and" may be the first of two speakers.
  if (/^\s*(?:and|&)\s*$/.test(last[0].replace(/^[\s,]+/, ' ')) && FULL_NAME_END.test(before)) return null;
  // "Jo Bell, the newly appointed chair, and Tom Hale": the first part is a person, described; not a clause.
  if (/,\s*$/.test(last[0]) || /,\s*$/.test(before)) {
    const first = parse(before.replace(/[,\s]+$/, ''));
    if (first?.type === 'person') return null;
  }
  return subject;
}
