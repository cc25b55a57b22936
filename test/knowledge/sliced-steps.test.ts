import { readFileSync } from 'node:fs';
import Fuse from 'fuse.js';
import { describe, expect, it } from 'vitest';
import { fuseSteps } from '../../src/knowledge/fuse-steps.js';
import { withNationalPlaces } from '../../src/knowledge/national-places.js';
import { FUSE_OPTIONS } from '../../src/knowledge/places.js';
import { runSliced, runSync, sliceUsed, slices } from '../../src/knowledge/sliced.js';
import { normalize } from '../../src/knowledge/text.js';
import { UK_GAZETTEER_URL, UkGazetteer, ukGazetteer, validatedSteps } from '../../src/knowledge/uk-gazetteer.js';

/**
 * Work a start did in one piece, now in steps so the event loop gets its turns: each must give
 * exactly what the one piece gave (what members are answered from), and the slices must share one
 * clock so the work between two sliced loops does not run on as one hold.
 */

const raw = () => JSON.parse(readFileSync(UK_GAZETTEER_URL, 'utf8')) as { councils: { code: string }[]; towns: { council: string; name: string }[] };

describe('the national gazetteer validated in steps', () => {
  it('is the value zod gives for the whole file, in several steps', () => {
    const steps = validatedSteps(raw());
    let yields = 0;
    let next = steps.next();
    for (; !next.done; next = steps.next()) yields++;
    expect(next.value).toEqual(UkGazetteer.parse(raw()));
    expect(ukGazetteer()).toEqual(next.value);
    // About 1,700 councils and towns, 32 a step.
    expect(yields).toBeGreaterThan(10);
  });

  it('fails with zod\'s own error for the whole file, path included', () => {
    const broken = raw();
    broken.towns[1000]!.council = 'kent';
    const expected = (() => {
      try {
        UkGazetteer.parse(broken);
      } catch (error) {
        return (error as Error).message;
      }
      return 'no error';
    })();
    expect(expected).toContain('towns');
    expect(expected).toContain('1000');
    expect(() => runSync(validatedSteps(broken))).toThrow(expected);
    const extra = { ...raw(), more: 1 };
    expect(() => runSync(validatedSteps(extra))).toThrow(/more/);
  });
});

describe('Fuse built in steps', () => {
  it('ranks every query as Fuse built in one call does', () => {
    const records = withNationalPlaces([]).flatMap((p) => [p.name, ...p.towns].map((name) => ({ name, norm: normalize(name) })));
    const whole = new Fuse(records, FUSE_OPTIONS);
    const steps = fuseSteps(records, FUSE_OPTIONS);
    let yields = 0;
    let next = steps.next();
    for (; !next.done; next = steps.next()) yields++;
    const stepped = next.value;
    expect(yields).toBeGreaterThan(4);
    expect(stepped.getIndex().toJSON()).toEqual(whole.getIndex().toJSON());
    for (const q of ['kent', 'sevenoax', 'brighton and hove', 'glasgw', 'north', 'y', 'newport', 'aberdeen city']) {
      expect(stepped.search(q, { limit: 10 })).toEqual(whole.search(q, { limit: 10 }));
    }
  });
});

describe('the slices share one clock', () => {
  it('a loop begun right after another\'s long stretch of work turns at once, not after a slice of its own', async () => {
    await runSliced((function* () {})());
    // Work done since the last turn, by something that is not a slicer (a sort, opening a file).
    const until = performance.now() + 20;
    while (performance.now() < until);
    expect(sliceUsed()).toBeGreaterThanOrEqual(20);
    let turned = false;
    setImmediate(() => (turned = true));
    await slices()();
    expect(turned).toBe(true);
    expect(sliceUsed()).toBeLessThan(10);
  });
});
