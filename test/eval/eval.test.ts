import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { evaluate } from './evaluate.js';
import { headline } from './score.js';

interface Thresholds {
  /** Scores of the committed labelled set that must not fall below these. */
  floors: Record<string, number>;
  /** Counts (wrong named speakers) that must not rise above these. */
  ceilings: Record<string, number>;
  /** Figure recall per labelled class that must not fall below these. */
  figureRecallByClassFloors: Record<string, number>;
  /** Quote and figure scores of each real tuning split that must not fall (checked only where its git-ignored text is present). */
  tuningSplitFloors: Record<string, Record<string, number>>;
  /** Wrong named speakers, strict and shown, of each real tuning split that must not rise (likewise). */
  tuningSplitCeilings: Record<string, { wrongNamedSpeakers: number; wrongNamedShown: number }>;
}

const recorded = JSON.parse(readFileSync(new URL('./thresholds.json', import.meta.url), 'utf8')) as Thresholds;

const below = (got: Record<string, number>, floors: Record<string, number>) =>
  Object.entries(floors)
    .filter(([name, floor]) => (got[name] ?? 0) < floor - 1e-9)
    .map(([name, floor]) => `${name}: ${got[name]?.toFixed(3)} < ${floor.toFixed(3)}`);

describe('answer-quality evaluation', () => {
  it('keeps every recorded score, class recall and wrong-speaker count from sliding', async () => {
    const { scores, counts, figureRecallByClass, placeMisses } = await evaluate();
    expect(Object.keys(scores).sort()).toEqual(Object.keys(recorded.floors).sort());
    expect(Object.keys(figureRecallByClass).sort()).toEqual(Object.keys(recorded.figureRecallByClassFloors).sort());
    const above = Object.entries(recorded.ceilings)
      .filter(([name, ceiling]) => (counts[name as keyof typeof counts] ?? Infinity) > ceiling)
      .map(([name, ceiling]) => `${name}: ${counts[name as keyof typeof counts]} > ${ceiling}`);
    const drops = [...below(scores, recorded.floors), ...below(figureRecallByClass, recorded.figureRecallByClassFloors), ...above];
    expect(drops, `place misses: ${JSON.stringify(placeMisses)}`).toEqual([]);
  });

  it('keeps each real tuning split present locally at its recorded quote and figure scores and wrong-name ceilings', async () => {
    const { sets } = await evaluate({ real: true });
    const drops: string[] = [];
    for (const [name, floors] of Object.entries(recorded.tuningSplitFloors)) {
      const set = sets.find((s) => s.name === name);
      // A fresh clone has no real text (eval-real/ is git-ignored): nothing to hold to.
      if (!set || set.missing.length > 0) continue;
      drops.push(...below(headline(set.overall), floors).map((d) => `${name} ${d}`));
      const ceiling = recorded.tuningSplitCeilings[name] ?? { wrongNamedSpeakers: 0, wrongNamedShown: 0 };
      for (const key of ['wrongNamedSpeakers', 'wrongNamedShown'] as const) {
        if (set.overall[key] > ceiling[key]) drops.push(`${name} ${key}: ${set.overall[key]} > ${ceiling[key]}`);
      }
    }
    expect(drops).toEqual([]);
  });
});
