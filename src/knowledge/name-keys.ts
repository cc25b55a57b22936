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

/** Every name whose key is remembered, and the keys, for the index store (`index-store.ts`) to keep between runs. */
export function nameKeysKnown(): [string[], string[]] {
  return [[...keys.keys()], [...keys.values()]];
}

/** Keys worked out by an earlier run of the same code (the store's key includes this file), remembered as if worked out here. */
export function rememberNameKeys(names: readonly string[], found: readonly string[]): void {
  for (let i = 0; i < names.length && keys.size < MAX_KEYS; i++) keys.set(names[i]!, found[i]!);
}
