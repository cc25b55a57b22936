/**
 * A read-only map made from another by a few changes, sharing everything unchanged with it: a base
 * map that is never changed after it is made, and a small overlay of what changed since (a
 * tombstone for a key deleted). A one-file reload changes a handful of the knowledge base's
 * 10,000-entry maps' entries; copying the maps whole to keep the served snapshot untouched was most
 * of its time. Making a map from another copies the overlay only; when the overlay grows past
 * `MAX_OVERLAY` (or a quarter of the base) everything is copied into a new base, once in that many
 * changes. Iteration order is the base's, then the overlay's: not insertion order.
 */
export interface LayeredMap<K, V> extends ReadonlyMap<K, V> {
  /** The shared part (tests check that two snapshots share it). */
  readonly base: ReadonlyMap<K, V>;
  /** This map with `changes` made (`undefined` deletes the key), as a new map; this one is left as it is. */
  with(changes: Iterable<readonly [K, V | undefined]>): LayeredMap<K, V>;
}

/** Changed entries kept apart from the base before they are merged into a new one: the base keeps the old value of each (a stale article record each), so not too many. */
export const MAX_OVERLAY = 256;

const GONE: unique symbol = Symbol('deleted');
type Slot<V> = V | typeof GONE;

const layers = new WeakMap<ReadonlyMap<unknown, unknown>, { base: ReadonlyMap<unknown, unknown>; overlay: ReadonlyMap<unknown, Slot<unknown>> }>();

/** `map` as a layered map: itself if it is one, else a layered map over it (which must then never change). */
export function layered<K, V>(map: ReadonlyMap<K, V>): LayeredMap<K, V> {
  if (layers.has(map)) return map as LayeredMap<K, V>;
  return make(map, new Map());
}

function make<K, V>(base: ReadonlyMap<K, V>, overlay: Map<K, Slot<V>>): LayeredMap<K, V> {
  let size = base.size;
  for (const [k, v] of overlay) size += (v === GONE ? 0 : 1) - (base.has(k) ? 1 : 0);
  const get = (k: K): V | undefined => {
    const v = overlay.get(k);
    return v === undefined ? (overlay.has(k) ? undefined : base.get(k)) : v === GONE ? undefined : v;
  };
  const has = (k: K): boolean => (overlay.has(k) ? overlay.get(k) !== GONE : base.has(k));
  function* entries(): Generator<[K, V], undefined> {
    for (const [k, v] of base) if (!overlay.has(k)) yield [k, v];
    for (const [k, v] of overlay) if (v !== GONE) yield [k, v];
    return undefined;
  }
  const map: LayeredMap<K, V> = {
    base,
    size,
    get,
    has,
    entries,
    *keys(): Generator<K, undefined> {
      for (const [k] of entries()) yield k;
      return undefined;
    },
    *values(): Generator<V, undefined> {
      for (const [, v] of entries()) yield v;
      return undefined;
    },
    forEach(fn, thisArg) {
      for (const [k, v] of entries()) fn.call(thisArg, v, k, map);
    },
    [Symbol.iterator]: entries,
    with(changes) {
      const next = new Map(overlay);
      for (const [k, v] of changes) next.set(k, v === undefined ? GONE : v);
      if (next.size <= Math.max(MAX_OVERLAY / 16, Math.min(MAX_OVERLAY, base.size / 4))) return make(base, next);
      // Merged into a new base: the old one is still some snapshot's.
      const merged = new Map(base);
      for (const [k, v] of next) {
        if (v === GONE) merged.delete(k);
        else merged.set(k, v);
      }
      return make(merged, new Map());
    },
  };
  layers.set(map, { base, overlay });
  return map;
}
