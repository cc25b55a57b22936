import { describe, it, expect } from 'vitest';
import { splitParagraphs } from '../../../src/knowledge/paragraphs.js';
import { extract } from '../../../src/knowledge/extract/index.js';

describe('extract', () => {
  it('returns quotes and figures of an article, each in paragraph order', () => {
    const result = extract(
      splitParagraphs(['“We object,” said Jo Bell.', 'The council will cut 40 jobs in 2019/20.', 'A council spokesman said: “It saves £2m.”'].join('\n\n')),
    );
    expect(result.quotes.map((q) => q.paragraphs[0])).toEqual([1, 3]);
    expect(result.figures.map((f) => [f.paragraph, f.kind])).toEqual([[2, 'count'], [2, 'date'], [3, 'money']]);
  });

  it('returns nothing for an article with no speech and no numbers', () => {
    expect(extract(splitParagraphs('The council met again.'))).toEqual({ quotes: [], figures: [] });
  });
});
