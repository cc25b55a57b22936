import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { evaluate } from './evaluate.js';

const recorded = JSON.parse(readFileSync(new URL('./thresholds.json', import.meta.url), 'utf8')) as Record<string, number>;

describe('answer-quality evaluation', () => {
  it('scores at least the recorded value on every overall score', async () => {
    const { scores, placeMisses } = await evaluate();
    expect(Object.keys(scores).sort()).toEqual(Object.keys(recorded).sort());
    const drops = Object.entries(recorded)
      .filter(([name, floor]) => (scores[name] ?? 0) < floor - 1e-9)
      .map(([name, floor]) => `${name}: ${scores[name]?.toFixed(3)} < ${floor.toFixed(3)}`);
    expect(drops, `place misses: ${JSON.stringify(placeMisses)}`).toEqual([]);
  });
});
