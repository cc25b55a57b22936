import { describe, it, expect } from 'vitest';
import { quotesOf } from './quotes-of.js';

/**
 * A capitalised name that the article describes as a body ("Liberal Democrats, the main opposition party", tune7) or
 * that is a party in the plural is no person: its words are the body's, with nobody named (ninth round).
 */
const who = (...paragraphs: string[]) => quotesOf(...paragraphs).map((q) => [q.kind, q.speaker, q.attribution]);

describe('a name set off by a description of a body is that body', () => {
  it.each([
    ['Liberal Democrats, the main opposition party on the council, warned the decision would leave some villages bereft.', 'Liberal Democrats'],
    ['Ringway Jacobs, the council’s highways contractor, said the roads would all be resurfaced by May.', 'Ringway Jacobs'],
    ['Brighter Futures, the charity running the centre, said it would have to close in the spring.', 'Brighter Futures'],
    ['Kelvin Lines, a bus operator, confirmed that the route would end in March.', 'Kelvin Lines'],
    ['Ashdown Lettings, the landlord, claimed the repairs were done within a month.', 'Ashdown Lettings'],
  ])('%s', (text, body) => {
    const [q] = quotesOf(text);
    expect([q?.kind, q?.speaker, q?.role, q?.attribution]).toEqual(['reported', null, body, 'document']);
  });

  it('holds for direct speech, the description before or after the quote', () => {
    expect(who('Liberal Democrats, the main opposition party, warned: “This will leave towns bereft.”')).toEqual([['direct', null, 'document']]);
    expect(who('“This will leave towns bereft,” said Ringway Jacobs, the highways contractor.')).toEqual([['direct', null, 'document']]);
  });

  it.each([
    ['Tom Hale, the party’s candidate, said the route would end in May.', 'Tom Hale'],
    ['Jo Bell, chair of the parish council, said the route would end in May.', 'Jo Bell'],
    ['Mary Quant, the designer, said the show would open in the spring.', 'Mary Quant'],
    ['Tom Hale, head of the housing association, said the repairs were late.', 'Tom Hale'],
    ['Jo Bell, a Unison member at the firm, said the repairs were late.', 'Jo Bell'],
  ])('a person described by their place in a body keeps their name: %s', (text, name) => {
    expect(quotesOf(text).map((q) => [q.speaker, q.attribution])).toEqual([[name, 'named']]);
  });
});

describe('a party named in the plural is a body', () => {
  it.each([
    ['Liberal Democrats warned the decision would leave some villages bereft.'],
    ['Lib Dems said that the decision would leave some villages bereft.'],
    ['Local Conservatives said that the decision would leave some villages bereft.'],
    ['“It is a disgrace,” said Scottish Greens.'],
  ])('%s', (text) => {
    expect(quotesOf(text).map((q) => q.speaker)).toEqual([null]);
  });

  it('does not make "he" refer to the party', () => {
    const qs = quotesOf('Tom Hale is the Labour leader.', 'Liberal Democrats said the budget was unfair to the villages.', '“We will fight it,” he said.');
    expect(qs.at(-1)?.speaker).toBe('Tom Hale');
  });
});
