import { describe, expect, it } from 'vitest';
import { insertAt, lowerBound } from '../../src/knowledge/sorted.js';

describe('the one binary search', () => {
  it('finds where a key is or would go, and keeps a list sorted when items are put in there', () => {
    const names = ['b.md', 'd.md', 'd.md', 'f.md'];
    expect(['a.md', 'b.md', 'c.md', 'd.md', 'e.md', 'z.md'].map((n) => lowerBound(names, n, (x) => x))).toEqual([0, 0, 1, 1, 3, 4]);
    const list: number[] = [];
    for (const n of [5, 3, 9, 3, 1, 7, 7, 0]) list.splice(insertAt(list, n, (a, b) => a - b), 0, n);
    expect(list).toEqual([0, 1, 3, 3, 5, 7, 7, 9]);
    expect(lowerBound([], 'x', (x: string) => x)).toBe(0);
  });
});
