import { describe, it, expect } from 'vitest';
import { splitParagraphs } from '../../../src/knowledge/paragraphs.js';
import { extractQuotes } from '../../../src/knowledge/extract/quotes.js';

/**
 * Issue 9, tenth round (tune8/tune9 unseen): how a source nobody names is attributed. A lead in capitals opening
 * with an article ("A COUNCILLOR said") describes a person, not an acronym's body; documents in the plural ("the
 * plans stated", "papers released by the council") and a party ("The party also said") are documents and bodies;
 * "Some say" is unnamed people. None of them puts a name on the quote.
 */
const last = (...paragraphs: string[]) => extractQuotes(splitParagraphs(paragraphs.join('\n\n'))).at(-1)!;

describe('the attribution of a source nobody names', () => {
  it.each([
    ['A COUNCILLOR has said new parking charges are “totally unfair”.', 'unnamed'],
    ['A SPOKESMAN said the charges would rise in May.', 'unnamed'],
    ['THE COUNCIL said the charges would rise in May.', 'document'],
    ['The plans stated that the suite would be demolished.', 'document'],
    ['The sale was approved, according to papers released by the council itself.', 'document'],
    ['Council reports said the hall would be sold.', 'document'],
    ['Tom Hale spoke for the Conservatives. The party also said the repairs were overdue.', 'document'],
    ['Some say the rents are too high for small traders.', 'unnamed'],
    ['Many said the market needs the money.', 'unnamed'],
  ])('%s', (text, attribution) => {
    const q = last(text);
    expect([q.speaker, q.attribution]).toEqual([null, attribution]);
  });

  it('still reads an acronym in capitals as a body', () => {
    expect(last('GMB said the charges would hit low-paid staff.').attribution).toBe('document');
  });

  it('keeps a group of people a group ("the carers said")', () => {
    expect(last('The carers said the rota had been cut.').attribution).toBe('unnamed');
  });
});
