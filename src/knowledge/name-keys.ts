import { normalize } from './text.js';

/**
 * `normalize` for names (places, councils, towns, speakers), remembered: every build, and every
 * reload's update, normalizes the same tens of thousands of names again, and the regular
 * expressions were most of linking places and indexing speakers. Bounded, so a stream of new names
 * cannot grow it without end.
 */
const keys = new Map<string, string>();
const MAX_KEYS = 200_000;

export function nameKey(name: string): string {
  let key = keys.get(name);
  if (key === undefined) {
    if (keys.size >= MAX_KEYS) keys.clear();
    keys.set(name, (key = normalize(name)));
  }
  return key;
}
