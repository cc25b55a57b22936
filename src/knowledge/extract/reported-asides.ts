/**
 * Reported speech whose attribution is not "Subject said" opening the sentence: an aside between the subject and
 * its verb ("Tom Hale, who …, said"), an attribution set off by commas ("This, he said, had not happened"), a
 * participle after the main clause ("…, stating that …"). Each pattern is anchored or reads at most
 * `MAX_SUBJECT_CHARS` before its verb.
 */
import { soleNameIn } from './evidence.js';
import { clauseUntilNext, FINITE_SOON, hasWords, isSource, MIN_CLAUSE_WORDS, NOT_A_CLAUSE, type Reported } from './reported-clause.js';
import { MAX_SUBJECT_CHARS, parseSubject, type Subject } from './subject.js';
import { CLAUSE_OR_THING_VERBS, CLAUSE_VERBS, firstVerb, reportsThat } from './verbs.js';

// "Tory leader Tom Hale, who put forward a budget which he claimed would …, said": an aside after the opening
// subject, closed by a comma or a dash, may hold a verb of its own; the subject's verb is the one straight after it.
const OPENING_ASIDE = /^[^,]{1,80},\s*(?:who|which)\s[^,]{1,200}(?:,|\s[-–—])\s*(?:(?:has|have|had)\s+)?(?:(?:since|also|now)\s+)?/u;

export function verbAfterAside(sentence: string): { index: number; text: string } | null {
  const aside = OPENING_ASIDE.exec(sentence);
  const verb = aside ? firstVerb(sentence.slice(aside[0].length, aside[0].length + 20)) : null;
  return verb && verb.index === 0 ? { index: aside![0].length, text: verb.text } : null;
}

// "This, he said, had not happened", "The measures, the authority said, are designed to …": the attribution set off
// by commas inside the clause; the clause reported is both parts joined, the attribution cut out (a labelling ruling).
const PARENTHETICAL_LEAD = /^([^,]{1,60}),\s+([^,]{1,60}?)\s*$/u;

// The person told between the verb and the aside's closing comma: "The plans, Tom Hale told Jo Bell, are …".
const TOLD_THEN_COMMA = /^\s+(?:(?:the|a|an)\s+)?(?:\p{Lu}[\p{L}’'-]*(?:\s+\p{Lu}[\p{L}’'-]*){0,3}|\p{Ll}+)\s*,\s+|^,\s+/u;

export function parenthetical(sentence: string, verb: { index: number; text: string }): Reported | null {
  const told = /^tell|^told/.test(verb.text);
  const after = (told ? TOLD_THEN_COMMA : /^,\s+/).exec(sentence.slice(verb.index + verb.text.length));
  const lead = after ? PARENTHETICAL_LEAD.exec(sentence.slice(0, verb.index)) : null;
  // Set off by commas, a verb that may take a thing ("claimed", "confirmed") can only report the clause around it.
  if (!lead || !(CLAUSE_VERBS.has(verb.text) || CLAUSE_OR_THING_VERBS.has(verb.text))) return null;
  const subject = parseSubject(lead[2]!);
  if (!subject || !isSource(subject, lead[2]!, verb.text)) return null;
  const rest = sentence.slice(verb.index + verb.text.length + after![0].length);
  // The words before the attribution are the clause's own subject: cut the attribution out, join the parts.
  const clause = `${lead[1]!.trim()} ${clauseUntilNext(rest)}`;
  return hasWords(clause, MIN_CLAUSE_WORDS) ? { subject: soleNameIn(subject, lead[2]!), clause } : null;
}

// "Jo Bell refuted the claim saying that …", "The council has hit back, stating that …", "…, warning the service
// will collapse": a participle of speech after the main clause reports a clause of the main clause's subject.
const PARTICIPLE_CLAUSE = /(?:,\s*|\s)(?:saying|stating|warning|adding|insisting|arguing|claiming|explaining|stressing)(\s+that)?\s+/gu;
// "warning of cuts", "arguing against the plans": a thing, not a clause.
const PREPOSITION_FIRST = /^(?:against|about|over|of|for|to|on|in|with|by|from|that)\b/u;

export function participial(sentence: string): Reported | null {
  // The matches `matchAll` gives, without its copy of the pattern on every call; `lastIndex` is set before each search.
  for (let from = 0; ; ) {
    PARTICIPLE_CLAUSE.lastIndex = from;
    const m = PARTICIPLE_CLAUSE.exec(sentence);
    if (m === null) break;
    from = m.index + m[0].length;
    const before = sentence.slice(0, m.index);
    // A verb of speech that can report a clause before it: the participle may stand inside that clause. One that
    // takes a thing ("criticised the policy, arguing that …") leaves the participle to report the subject's words.
    const verb = before.length > MAX_SUBJECT_CHARS ? null : firstVerb(before);
    if (before.length > MAX_SUBJECT_CHARS || (verb && reportsThat(verb.text))) return null;
    const rest = sentence.slice(m.index + m[0].length);
    if (!m[1] && (PREPOSITION_FIRST.test(rest) || NOT_A_CLAUSE.test(rest) || !FINITE_SOON.test(rest))) continue;
    const opening = OPENING_SUBJECT.exec(before);
    const subject = opening ? parseSubject(opening[1]!) : null;
    if (!subject || subject.type === 'pronoun') return null;
    const clause = clauseUntilNext(rest);
    return hasWords(clause, MIN_CLAUSE_WORDS) && isSource(subject, opening![1]!, 'said') ? { subject: soleNameIn(subject, before), clause } : null;
  }
  return null;
}
// The opening subject, then the aside after it: "GMB London, which represents …, says".
const SUBJECT_THEN_ASIDE = /^([^,]{1,80}),\s*(?:who|which)\s[^,]{1,200}(?:,|\s[-–—])\s*(?:(?:has|have|had)\s+)?(?:(?:since|also|now)\s+)?$/u;
// The subject opening a sentence, after a scene-setting phrase ("Earlier this year, "), up to its verb: an
// auxiliary and a participle ("has dismissed", "are taking") or a past tense ("provided", "refuted").
export const OPENING_SUBJECT =
  /^(?:[^,]{1,40},\s+)?((?:\S+\s+){0,5}?\S+)\s+(?:(?:meanwhile|also|now|still)\s+)?(?:(?:has|have|had|is|are|was|were|will|would)\s+(?:\p{Ll}+ly\s+|instead\s+|also\s+|since\s+)?\p{Ll}+(?:ed|en|t|ing)|\p{Ll}{3,}ed)\b/u;

/** "GMB London, which represents …, says": the subject before an aside that closes straight before the verb. */
export function subjectBeforeAside(text: string): { subject: Subject; subjectText: string } | null {
  const aside = SUBJECT_THEN_ASIDE.exec(text);
  const subject = aside ? parseSubject(aside[1]!) : null;
  return subject ? { subject, subjectText: aside![1]! } : null;
}
