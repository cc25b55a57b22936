import { describe, it, expect } from 'vitest';
import { splitParagraphs } from '../../../src/knowledge/paragraphs.js';
import { extractQuotes } from '../../../src/knowledge/extract/quotes.js';

/**
 * Speech in single marks run over paragraphs (‘… with no closing mark until the last paragraph, each one opening
 * with ‘) is one direct quote listing every paragraph (test/eval/README.md), as with double marks; its words are
 * never read again as narrative.
 */
const quotes = (...paragraphs: string[]) =>
  extractQuotes(splitParagraphs(paragraphs.join('\n\n'))).map((q) => [q.kind, q.speaker, q.paragraphs, q.text]);

describe('a single-marked quote over paragraphs', () => {
  it('three paragraphs after an unnamed source, two after a named one', () => {
    expect(quotes('A spokesperson for the association said: ‘Costs are a major issue. We expect rises over time.', '‘The impact is on clubs.', '‘We would welcome talks with the council.’')).toEqual([
      ['direct', null, [1, 2, 3], 'Costs are a major issue. We expect rises over time. The impact is on clubs. We would welcome talks with the council.'],
    ]);
    expect(quotes('Cllr Jo Bell said: ‘We have no choice left.', '‘The council’s budget is gone, and the pool must close.’')).toEqual([
      ['direct', 'Jo Bell', [1, 2], 'We have no choice left. The council’s budget is gone, and the pool must close.'],
    ]);
  });

  it('reads no reported speech inside it, and ends where a paragraph does not open with a mark', () => {
    const found = quotes('Tom Hale said: ‘Residents said the plans were wrong.', '‘They told us the pool would close.’', 'The council said it would respond.');
    expect(found).toEqual([
      ['direct', 'Tom Hale', [1, 2], 'Residents said the plans were wrong. They told us the pool would close.'],
      ['reported', null, [3], 'it would respond'],
    ]);
  });

  it('leaves a single-marked quote closed in its own paragraph as it was', () => {
    expect(quotes('Tom Hale said: ‘We have no choice.’')).toEqual([['direct', 'Tom Hale', [1], 'We have no choice.']]);
  });
});
