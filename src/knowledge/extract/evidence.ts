/**
 * How sure a named attribution is. High confidence needs positive evidence: the name is the subject of the verb
 * of speech in the quote's own sentence (or in the colon-ended sentence that hands over to it), and no other
 * person is named in that attribution ("In a letter to Jo Bell, Tom Hale said:", "said Tom Hale, responding to
 * Jo Bell"). Anything else keeps the name but marks it unsure, so it resolves with low confidence and answers show
 * "speaker not clear in the article".
 */
import { findNarrativeNames } from './names.js';
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
