import { describe, it, expect } from 'vitest';
import { quotesOf } from './quotes-of.js';

/**
 * One sentence reporting two sources, the second after "after", "when" or "because" ("Roberts Coaches announced it
 * would halt the 159 … after Leicestershire County Council said it could no longer afford …", tune7): two reported
 * clauses, each its own source's (ninth round).
 */
const all = (...paragraphs: string[]) => quotesOf(...paragraphs).map((q) => [q.speaker, q.role, q.attribution, q.text]);

describe('a second source after a conjunction', () => {
  it('splits the companies’ and the council’s clauses', () => {
    expect(
      all('Roberts Coaches announced it would halt the 159 between Coalville and Hinckley from 25 February after Leicestershire County Council said it could no longer afford to subsidise the route.'),
    ).toEqual([
      [null, 'Roberts Coaches', 'document', 'it would halt the 159 between Coalville and Hinckley from 25 February'],
      [null, 'Leicestershire County Council', 'document', 'it could no longer afford to subsidise the route'],
    ]);
  });

  it('gives each person their own clause', () => {
    expect(all('Tom Hale said he would resign from the board when Jo Bell told the meeting the budget was unlawful.').map((q) => [q[0], q[3]])).toEqual([
      ['Tom Hale', 'he would resign from the board'],
      ['Jo Bell', 'the budget was unlawful'],
    ]);
  });

  it.each([
    ['The council said it would close the pool after residents had complained about the cost.'],
    ['The council said it would close the pool because the repairs were too costly to make.'],
    ['Jo Bell said the cuts went ahead as the council said they would.'],
  ])('keeps one clause when no second source reports one: %s', (text) => {
    expect(all(text)).toHaveLength(1);
  });
});
