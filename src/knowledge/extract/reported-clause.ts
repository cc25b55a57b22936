/**
 * What a reported clause is: where it starts after the verb of speech (past a time, "that", the person told) and
 * where it ends (before the reporter's next clause or the speaker's next act), and which subjects can be its source.
 * Every pattern is anchored or bounded, so reading one clause is linear in it.
 */
import type { Subject } from './subject.js';
import { DOCUMENT_ONLY_VERBS } from './verbs.js';

export interface Reported {
  subject: Subject;
  clause: string;
  /** Why nobody is named though the sentence reports speech ("Jo Bell and Tom Hale warned …": two speakers). */
  nobody?: string;
}

// A reported clause shorter than this is not a statement ("she said no", "he said so").
export const MIN_CLAUSE_WORDS = 3;
const FINITE_WORD = '(?:is|are|was|were|will|would|could|should|can|cannot|may|might|must|had|has|have|did|does|do)';
export const FINITE_SOON = new RegExp(`^(?:(?:\\S+\\s+){0,9}?${FINITE_WORD}\\b|(?:it|he|she)\\s+\\p{Ll}{2,}s\\b)`, 'u');
// A finite verb among the few words between a verb of speech and "that".
export const FINITE = new RegExp(`(?:^|\\s)(?:${FINITE_WORD}|\\p{Ll}+ed)(?:\\s|$)`, 'u');
// After the verb: a time ("said on Monday", "said this week") before the clause starts.
// "this" and "last" only before a time word: "said this was due to …" opens the clause with "this".
export const TIME_AFTER_VERB =
  /^(?:on\s+\p{L}+|(?:last|this|earlier this|late last|next)\s+(?:week|weekend|month|year|morning|afternoon|evening|night|time|spring|summer|autumn|winter|(?:mon|tues|wednes|thurs|fri|satur|sun)day)|yesterday|today|tonight|previously|recently)\b,?\s+/iu;
// A clause opens with its subject; these words open a phrase that is not one ("said in a statement"), or a
// question or reason rather than a statement ("explained why …", "said whether …": the labelling rulings).
// "said about a third of…" is a clause (a figure); "said about the plans" is not.
// A verb first means the clause's subject is before "said": "The plans Jane Smith said were unlawful will go…".
export const NOT_A_CLAUSE =
  /^(?:why|whether|how|in|on|at|to|for|of|with|by|from|over|against|during|after|before|as|and|or|but|so|yes|no|goodbye|sorry|nothing|otherwise|enough|is|are|was|were|has|have|had|will|would|could|should|can|may|might|must|did|does|do|be|been|about(?!\s+(?:\p{N}|a\s+(?:third|quarter|half|fifth|dozen)|half)))\b/iu;
// "Bell said rent rises will heap pressure on people - and predicts it will get worse": after a dash, a
// verb with no subject of its own is the speaker's next act, not part of what they said.
// So does, after the dash, a new subject that is a noun phrase ("– and the board of governors are understood to …":
// the reporter's; "- and they should be happy …" may be the speaker's own); ", but the plans have not been altered"
// (a clause of the reporter's, with its own subject and verb); "and now wants …" (the speaker's next predicate); and
// "as they vowed to fight on" (the speaker's next act of speech).
export const SECOND_PREDICATE = new RegExp(
  [
    String.raw`\s[-–—]\s+(?:and|but)\s+(?!(?:the|a|an|they|he|she|it|we|this|that|there|their|its|his|her|our|you|i)\s)\p{Ll}+(?:s|ed)\s`,
    String.raw`\s[-–—]\s+(?:and|but)\s+(?:the|a|an)\s`,
    String.raw`,\s+but\s+(?:was|were|is|are)\s`,
    String.raw`,\s+but\s+(?:the|its|their|his|her)\s+(?:[\p{L}’'-]+\s+){0,3}?(?:is|are|was|were|has|have|had)\s`,
    String.raw`\s(?:and|but)\s+(?:gave|went|took|came|began|wrote|added|urged|called|warned|insisted)\s`,
    String.raw`\sand\s+(?:now|still|then)\s+\p{Ll}+s\s`,
    // "claimed the walk-out was staged but this has been denied": the reporter's word on the claim.
    String.raw`,?\s+but\s+(?:this|that)\s+(?:has|have|had|was|is)\s+(?:been\s+)?(?:\p{Ll}+ly\s+)?(?:denied|disputed|rejected|challenged)\b`,
    String.raw`,?\s+as\s+(?:they|he|she|it)\s+(?:also\s+)?(?:vowed|warned|said|added|insisted|pledged|promised|claimed|argued|called)\s`,
  ].join('|'),
  'u',
);
/**
 * Only a document "found" something; a role phrase that holds a number or that
 * runs to a clause ("410", "Care workers on the lowest grades") is the reported clause, not its source.
 */
export function isSource(subject: Subject, text: string, verb: string): boolean {
  if (DOCUMENT_ONLY_VERBS.has(verb) && subject.type !== 'document') return false;
  if (subject.type === 'role' && /\p{N}/u.test(text)) return false;
  if (subject.type === 'role' && hasWords(subject.role, 7)) return false;
  return true;
}

const WORD = /\S+/g;

/** Whether the text has at least `n` words; counts no further, so a long sentence is not split to compare with 3. */
export function hasWords(text: string, n: number): boolean {
  WORD.lastIndex = 0;
  let count = 0;
  while (count < n && WORD.exec(text) !== null) count++;
  return count >= n;
}

/** Drops trailing characters matching `char`; a loop, since a regex anchored at the end rescans each run. */
export function trimEnd(text: string, char: RegExp): string {
  let end = text.length;
  while (end > 0 && char.test(text[end - 1]!)) end--;
  return text.slice(0, end).trim();
}

/** The clause after a verb of speech, up to the reporter's next clause, without its closing stop. */
export function clauseUntilNext(rest: string): string {
  const second = SECOND_PREDICATE.exec(rest);
  return trimEnd(second ? rest.slice(0, second.index) : rest, /[\s.!?]/);
}
