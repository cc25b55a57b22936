import { describe, expect, it } from 'vitest';
import { allMatches } from '../../../src/knowledge/extract/matches.js';

const same = (pattern: RegExp, text: string) => {
  const expected = [...text.matchAll(new RegExp(pattern))].map((m) => [m.index, ...m]);
  expect(allMatches(pattern, text).map((m) => [m.index, ...m])).toEqual(expected);
  expect(pattern.lastIndex).toBe(0);
};

describe('allMatches', () => {
  it('gives the matches matchAll gives, groups and offsets included', () => {
    same(/(\d+)(?:\s(million))?/g, '£4 million, then 12 and 7 million more');
    same(/\p{Lu}\p{Ll}+/gu, 'No capitals here? Only Two');
    same(/x/g, 'none at all');
  });

  it('moves past empty matches as matchAll does, by code point under the u flag', () => {
    same(/a*/g, 'baaac');
    same(/(?:)/gu, 'a😀b');
    same(/(?:)/g, 'a😀b');
  });

  it('leaves a loop free to use the same pattern inside it', () => {
    const pattern = /\d/g;
    const seen: string[] = [];
    for (const m of allMatches(pattern, 'a1b2')) {
      allMatches(pattern, '9999');
      seen.push(m[0]);
    }
    expect(seen).toEqual(['1', '2']);
  });

  it('refuses a pattern without the g flag, as matchAll does', () => {
    expect(() => allMatches(/\d/, '12')).toThrow(TypeError);
  });
});
