import { escapeText } from '../discord/escape.js';
import { clip } from '../knowledge/text.js';

/** What every reader of organisers' input returns: the value, or why not in words the organiser can act on. */
export type Parsed<T, E extends string = string> = { ok: true; value: T } | { ok: false; reason: E; message: string };

export const fail = <E extends string>(reason: E, message: string) => ({ ok: false as const, reason, message });

/** Quotes user text back safely (the one escape, so no masked link or mention survives), bounded length. */
export function quote(text: string): string {
  return `“${escapeText(clip(text.replace(/\s+/g, ' ').trim(), 80))}”`;
}
