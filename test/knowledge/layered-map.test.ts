import { describe, expect, it } from 'vitest';
import { layered, MAX_OVERLAY } from '../../src/knowledge/layered-map.js';
import { prng } from '../bench/generate.js';

/**
 * The maps a one-file reload hands on are the last ones plus the changes. Whatever the changes,
 * each must read exactly as a map with them made, and every earlier map must read as it did: an
 * answer in progress holds one.
 */
describe('a layered map', () => {
  it('reads as a plain map after any sequence of sets and deletes, leaves every earlier one as it was, and shares its base until it merges', () => {
    const rng = prng(3);
    const start = new Map(Array.from({ length: 2000 }, (_, i) => [`k${i}`, i]));
    let map = layered(start);
    let model = new Map(start);
    const snapshots: { map: typeof map; model: Map<string, number> }[] = [];
    let merges = 0;
    for (let step = 0; step < 400; step++) {
      const changes: [string, number | undefined][] = [];
      for (let c = 0; c < 1 + Math.floor(rng() * 4); c++) {
        const key = `k${Math.floor(rng() * 2400)}`;
        changes.push([key, rng() < 0.3 ? undefined : step * 10 + c]);
      }
      const next = map.with(changes);
      if (next.base !== map.base) merges++;
      for (const [k, v] of changes) {
        if (v === undefined) model.delete(k);
        else model.set(k, v);
      }
      map = next;
      if (step % 40 === 0) snapshots.push({ map, model: new Map(model) });
      expect(map.size).toBe(model.size);
      for (const [k] of changes) {
        expect(map.get(k)).toBe(model.get(k));
        expect(map.has(k)).toBe(model.has(k));
      }
      model = new Map(model);
    }
    for (const s of snapshots) {
      expect(new Map(s.map)).toEqual(s.model);
      expect(s.map.size).toBe(s.model.size);
      expect(new Map([...s.map.keys()].map((k) => [k, s.map.get(k)]))).toEqual(s.model);
    }
    // About 1,000 keys changed: merged a few times, not at every change.
    expect(merges).toBeGreaterThan(0);
    expect(merges).toBeLessThan(1000 / (MAX_OVERLAY / 2));
    expect(layered(start).base).toBe(start);
  });
});
