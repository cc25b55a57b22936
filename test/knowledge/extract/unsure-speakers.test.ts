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

describe('a pronoun', () => {
  it('names nobody when someone it fits was named after the last speaker, even set off by commas', () => {
    expect(
      how('Jo Bell, of Unison, said: “We will fight.”', 'The council’s leader, Tom Hale, has written to the minister.', 'She said: “We cannot wait.”').at(-1),
    ).toEqual([null, 'pronoun', 'low']);
  });

  it('keeps the last speaker when nobody else was named since', () => {
    expect(how('Jo Bell, of Unison, said: “We will fight.”', 'The council has written to the minister.', 'She said: “We cannot wait.”').at(-1)).toEqual([
      'Jo Bell',
      'pronoun',
      'high',
    ]);
  });

  it('reaches past an unnamed spokesman of the other gender only with low confidence', () => {
    expect(
      how('Jo Bell, of Unison, said: “We will fight.”', 'A council spokesman said: “The cuts are needed.”', 'She added: “We cannot wait.”').at(-1),
    ).toEqual(['Jo Bell', 'pronoun', 'low']);
  });

  it('keeps a speaker who is named again in the sentence where they spoke', () => {
    expect(
      how('The finance director, Owen Marsh, told councillors the gap could double.', 'Opposition leader Priya Nandra called the figures “a disgrace”.', '“He has known for months,” she said.').at(-1),
    ).toEqual(['Priya Nandra', 'pronoun', 'high']);
  });
});
