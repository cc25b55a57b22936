import { describe, it, expect } from 'vitest';
import { splitParagraphs } from '../../../src/knowledge/paragraphs.js';
import { extractQuotes } from '../../../src/knowledge/extract/quotes.js';

/**
 * Where a different reader of the paragraph could give a quote to someone else, the rules name nobody
 * (issue 9, "Never a wrong speaker"): each case here named a person with high confidence before.
 */
const how = (...paragraphs: string[]) =>
  extractQuotes(splitParagraphs(paragraphs.join('\n\n'))).map((q) => [q.speaker, q.attribution, q.confidence]);

describe('a quote carrying on the one before', () => {
  it('names nobody when the narrative between them names another person', () => {
    expect(how('“We will fight,” said Jo Bell. Council leader Tom Hale disagreed. “The cuts are needed.”').at(-1)).toEqual([null, 'none', 'low']);
  });

  it('names nobody when the paragraph before ends with another person’s reported speech', () => {
    expect(how('“We will fight,” said Jo Bell. Council leader Tom Hale said the cuts were needed.', '“We have no choice.”').at(-1)).toEqual([
      null,
      'none',
      'low',
    ]);
  });

  it('names nobody when a body is quoted in between', () => {
    expect(how('“We will fight,” said Jo Bell. The council said it had listened.', '“We have no choice.”').at(-1)).toEqual([null, 'none', 'low']);
  });

  it('still carries one speaker through quote paragraphs with nobody else between', () => {
    expect(how('Jo Bell, of Unison, said: “We will fight.”', '“We cannot wait.”', '“Nobody listened.”')).toEqual([
      ['Jo Bell', 'named', 'high'],
      ['Jo Bell', 'continued', 'high'],
      ['Jo Bell', 'continued', 'high'],
    ]);
  });
});
