import { describe, it, expect } from 'vitest';
import { splitParagraphs } from '../../../src/knowledge/paragraphs.js';
import { extractQuotes } from '../../../src/knowledge/extract/quotes.js';
import { quotesOf } from './quotes-of.js';

/**
 * "The headteacher said": a definite role standing for someone the article described with that role before
 * (tune6, eighth round). It is that person only when nobody else is in play; otherwise nobody, never a new
 * unnamed person that a later "she" could then mean.
 */
const speakers = (...paragraphs: string[]) => quotesOf(...paragraphs).map((q) => q.speaker);

describe('a definite role after someone given that role', () => {
  it.each([
    ['Jo Bell, the headteacher, said: “We cut the orchestra.”', 'The headteacher added: “There was no choice.”'],
    ['Headteacher Jo Bell said: “We cut the orchestra.”', 'The headteacher said that the school had lost five teaching assistants.'],
    ['Jo Bell, the branch secretary, said: “We cut the orchestra.”', '“It hurts,” the secretary said.'],
  ])('%s / %s', (first, second) => {
    expect(speakers(first, second)).toEqual(['Jo Bell', 'Jo Bell']);
  });

  it('is the unnamed speaker with that role when that is whom it follows', () => {
    const qs = extractQuotes(splitParagraphs('A council spokesman said: “The pool will close.”\n\nThe spokesman added: “We are sorry.”'));
    expect(qs.map((q) => [q.speaker, q.role])).toEqual([
      [null, 'council spokesman'],
      [null, 'council spokesman'],
    ]);
  });

  it('names nobody when someone else spoke since', () => {
    expect(speakers('Jo Bell, the headteacher, said: “We cut the orchestra.”', 'Tom Hale, a parent, said: “It is sad.”', 'The headteacher added: “There was no choice.”')).toEqual([
      'Jo Bell', 'Tom Hale', null,
    ]);
  });

  it('names nobody for an unnamed person with that role when a named one spoke since, and then lets “she” go on', () => {
    expect(
      speakers(
        'A primary headteacher says she has already made £300,000 of savings.',
        'Jo Bell, of Elm Park School, said she has had to let staff go.',
        '“That’s the sports coach and the orchestra,” she said.',
        'The headteacher said that 85 per cent of the budget goes on staff.',
        '“I can’t save money buying cheaper paper,” she said.',
        '“It’s madness.”',
      ),
    ).toEqual([null, 'Jo Bell', 'Jo Bell', null, 'Jo Bell', 'Jo Bell']);
  });

  it('is a new unnamed person when nobody had that role', () => {
    expect(speakers('Cllr Jo Bell said: “We cut the orchestra.”', 'The chief executive said: “There was no choice.”')).toEqual(['Jo Bell', null]);
  });
});
