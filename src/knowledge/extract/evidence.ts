/**
 * How sure a named attribution is. High confidence needs positive evidence: the name is the subject of the verb
 * of speech in the quote's own sentence (or in the colon-ended sentence that hands over to it), and no other
 * person is named in that attribution ("In a letter to Jo Bell, Tom Hale said:", "said Tom Hale, responding to
 * Jo Bell"). Anything else keeps the name but marks it unsure, so it resolves with low confidence and answers show
 * "speaker not clear in the article".
 */
import { isInitial, isNameToken, isPossessive, titleOf } from './names.js';
import { findNarrativeNames } from './narrative-names.js';
import { POSSESSIVE, startsUpper } from './name-tokens.js';
import { GENDERED_ROLE, ROLE_NOUNS } from './words.js';
import { roleOf } from './roles.js';
import type { Subject } from './subject.js';

// An attribution clause is short; a longer lead is read from its end, which keeps the check bounded.
const MAX_ATTRIBUTION_CHARS = 300;

/** The subject, marked unsure when someone else is named in its attribution clause. */
export function soleNameIn<T extends Subject | null>(subject: T, clause: string): T {
  if (subject?.type !== 'person' || subject.unsure) return subject;
  const own = new Set(subject.name.split(' '));
  const other = findNarrativeNames(clause.slice(-MAX_ATTRIBUTION_CHARS), roleOf).find((n) => !n.name.split(' ').some((t) => own.has(t)));
  return other ? ({ ...subject, unsure: `${other.name} is also named in the attribution` } as T) : subject;
}

/** The subject, marked unsure for `reason` when it names a person. */
export function unsure<T extends Subject | null>(subject: T, reason: string): T {
  return subject?.type === 'person' && !subject.unsure ? ({ ...subject, unsure: reason } as T) : subject;
}

/**
 * Words the article writes as the last word of a longer name ("Stephen Palmer", "Jo A. Bell"): after another
 * capitalised word that is no title, possessor or sentence end. One pass over the words of every paragraph.
 */
export function namesCompleted(paragraphs: readonly { text: string }[]): Set<string> {
  const out = new Set<string>();
  for (const p of paragraphs) {
    const words = p.text.split(/\s+/);
    for (let i = 1; i < words.length; i++) {
      // A name word opens with a capital, which trimming its end keeps: most words are ruled out before any pattern.
      if (!startsUpper(words[i]!)) continue;
      const word = words[i]!.replace(/[^\p{L}’'-]+$/u, '').replace(POSSESSIVE, '');
      const prev = words[i - 1]!;
      if (isNameToken(word) && (isNameToken(prev) || isInitial(prev)) && titleOf(prev) === null && !isPossessive(prev)) out.add(word);
    }
  }
  return out;
}

/** What a name is checked against: `namesCompleted`'s set, or anything that answers `has` the same way. */
export interface CompletedNames {
  has(word: string): boolean;
}

/** `namesCompleted`, read only once a one-word name is asked about: most articles' speakers never are. */
export function lazyNamesCompleted(paragraphs: readonly { text: string }[]): CompletedNames {
  let completed: Set<string> | undefined;
  return { has: (word) => (completed ??= namesCompleted(paragraphs)).has(word) };
}

/**
 * Why a speaker's name lacks the shape papers give a person, or null. Scored on text the rules had not been tuned on
 * (test/eval/first-sight.ts, README "Confidence from first-sight errors"), every named speaker of these shapes was
 * wrong and no right one had them: three or more words, middle initials and particles aside (a role, a title or a
 * body run into the name: "General Secretary Andrea Bradley", "Clr Scott Wilson", "Save Aberdeen Libraries"); two
 * words opening with a title or a role word, the same slip ("Coun McNeely"; "Campaigner Hale"); one word that the
 * article also writes at the end of a longer name (`completed`, from `namesCompleted`): "Coun Palmer" after
 * "Councillors Stephen Palmer and John Hough", a full name the rules missed. One word the article never completes
 * ("Mr Hughes", "Dawn, a care assistant") is how the article names them.
 */
export function nameShapeDoubt(name: string, completed: CompletedNames): string | null {
  const words = name.split(' ').filter((w) => !isInitial(w));
  if (words.length > 2) return `“${name}” is more than a first name and surname: a role, title or body may be part of it`;
  if (words.length === 2 && opensWithRole(words[0]!)) return `“${name}” opens with a title or a role, not a first name`;
  if (words.length === 1 && completed.has(name)) return `the article also writes “${name}” as part of a longer name, which the rules did not match`;
  return null;
}

// "Cllrs Hale": a title in the plural is a title too.
const opensWithRole = (word: string) =>
  titleOf(word) !== null || titleOf(word.replace(/s$/, '')) !== null || ROLE_NOUNS.has(word.toLowerCase()) || Object.hasOwn(GENDERED_ROLE, word.toLowerCase());
