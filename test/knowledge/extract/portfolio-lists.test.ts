import { describe, it, expect } from 'vitest';
import { quotesOf } from './quotes-of.js';

/**
 * A role that lists a portfolio ("Cabinet Member for Infrastructure, Transport and Facilities", tune7) is one
 * person's role: the capitalised word after its "and" is a portfolio, not a second speaker (ninth round).
 */
const who = (...paragraphs: string[]) => quotesOf(...paragraphs).map((q) => [q.speaker, q.attribution]);

describe('a portfolio listed with "and" in a role', () => {
  it.each([
    ['Cllr Goronwy Edwards, Cabinet Member for Infrastructure, Transport and Facilities said: “Every service has had to find savings.”', 'Goronwy Edwards'],
    ['Tom Hale, Portfolio Holder for Leisure, Culture and Tourism, said the pool would have to close next year.', 'Tom Hale'],
    ['Jo Bell, director of Housing, Planning and Regeneration, said: “We have no choice.”', 'Jo Bell'],
    ['“We have no choice,” said Jo Bell, cabinet member for Parks, Waste and Recycling.', 'Jo Bell'],
  ])('%s', (text, name) => {
    expect(who(text)).toEqual([[name, 'named']]);
  });

  it.each([
    ['Jo Bell, the chair, and Tom Hale said: “We have no choice.”'],
    ['Jo Bell, the chair and Mr Hale said: “We have no choice.”'],
    ['Jo Bell, Tom Hale and Sam Reid said: “We have no choice.”'],
    ['Jo Bell, cabinet member for Parks, and Tom Hale said: “We have no choice.”'],
  ])('two people joined by "and" still name nobody: %s', (text) => {
    expect(who(text).map(([speaker]) => speaker)).toEqual([null]);
  });
});
