import { describe, it, expect } from 'vitest';
import { splitParagraphs } from '../../../src/knowledge/paragraphs.js';
import { extractQuotes } from '../../../src/knowledge/extract/quotes.js';

/**
 * A second quoted phrase in the clause of a partial quote ("say they have considered “all possible options” before
 * coming to the “very difficult conclusion”") is a partial quote of the same source; a phrase in a clause of the
 * reporter's own after it is not.
 */
const partials = (...paragraphs: string[]) =>
  extractQuotes(splitParagraphs(paragraphs.join('\n\n'))).map((q) => [q.kind, q.speaker, q.text]);

describe('a second quoted phrase of the same clause', () => {
  it('after a verb of speech, unnamed and named sources, curly and straight marks', () => {
    expect(partials('Governors at a tiny south Shropshire school earmarked for closure say they have considered "all possible options" before coming to the "very difficult conclusion" that it must close.')).toEqual([
      ['partial', null, 'all possible options'],
      ['partial', null, 'very difficult conclusion'],
    ]);
    expect(partials('Cllr Jo Bell said the council had “run out of road” and was “out of options” on the site.')).toEqual([
      ['partial', 'Jo Bell', 'run out of road'],
      ['partial', 'Jo Bell', 'out of options'],
    ]);
  });

  it('after a comma that opens no clause of its own ("…” to the carnival, to instead be “…”")', () => {
    expect(partials('In a document debated by the cabinet, it refers to the “cessation of ongoing contribution” to the carnival, to instead be “redirected to grass cutting”.')).toEqual([
      ['partial', null, 'cessation of ongoing contribution'],
      ['partial', null, 'redirected to grass cutting'],
    ]);
  });

  it('not a phrase in a clause of the reporter’s after a comma and "while", nor after a scare quote', () => {
    expect(partials('Tom Hale called the plan “reckless”, while the “Caring Together” strategy was dropped.')).toEqual([['partial', 'Tom Hale', 'reckless']]);
    expect(partials('Sam Reid said the plan was “a disgrace” but council leader Ann Price praised its “bold” aims.')).toEqual([
      ['partial', 'Sam Reid', 'a disgrace'],
      ['partial', 'Ann Price', 'bold'],
    ]);
    expect(partials('Sam Reid said the plan was “a disgrace”, leading to fears the “treasured” pool would shut.')).toEqual([['partial', 'Sam Reid', 'a disgrace']]);
    expect(partials('The “Caring Together” strategy and the “new collection day” were both dropped.')).toEqual([]);
  });
});
