/** Finding verbs of speech in a stretch of narrative. */
import { SPEECH_VERB, SPEECH_VERB_FIRST } from './words.js';

export interface Verb {
  index: number;
  text: string;
}

const FIRST = new RegExp(SPEECH_VERB.source, 'u');

export function firstVerb(text: string): Verb | null {
  const m = FIRST.exec(text);
  return m ? { index: m.index, text: m[0] } : null;
}

export function lastVerb(text: string): Verb | null {
  let last: Verb | null = null;
  for (const m of text.matchAll(SPEECH_VERB)) last = { index: m.index, text: m[0] };
  return last;
}

/** True when the text opens with a verb of speech; anchored, so it never scans past the first word. */
export function startsWithVerb(text: string): boolean {
  return SPEECH_VERB_FIRST.test(text);
}
