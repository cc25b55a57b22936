import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseKnowledgeFile } from '../../../src/knowledge/loader.js';
import { extract } from '../../../src/knowledge/extract/index.js';

function extractSeed(id: string) {
  const file = fileURLToPath(new URL(`../../../knowledge/${id}.md`, import.meta.url));
  const { article } = parseKnowledgeFile(readFileSync(file, 'utf8'), `${id}.md`);
  if (!article) throw new Error(`${id} does not parse`);
  return extract(article.paragraphs);
}
const figure = (f: { kind: string; value: number | string; qualifier: string | null; paragraph: number; counts: string | null }) =>
  [f.paragraph, f.kind, f.value, f.qualifier, f.counts];

describe('Birmingham enablement redundancies', () => {
  const { quotes, figures } = extractSeed('birmingham-enablement-redundancies');

  it('finds the quotes with their speakers, kinds and paragraphs', () => {
    expect(quotes.map((q) => [q.speaker, q.role, q.kind, q.paragraphs])).toEqual([
      // "But the union Unison says it is a short-sighted move…": the union's reported speech, no person's.
      [null, 'union Unison', 'reported', [4]],
      ['Caroline Johnson', 'Unison spokeswoman', 'direct', [6, 7, 8, 9]],
      ['Paulette Hamilton', 'Labour cabinet member for social care', 'direct', [12, 13, 14, 15]],
      ['Paulette Hamilton', 'Labour cabinet member for social care', 'reported', [16]],
      // “…,” he said. — the article calls her "he"; she is still the last person named.
      ['Paulette Hamilton', 'Labour cabinet member for social care', 'direct', [17]],
      // A quote-only paragraph after a closed quote: same speaker, a separate quote.
      ['Paulette Hamilton', 'Labour cabinet member for social care', 'direct', [18]],
    ]);
  });

  it('quotes nothing from the captions and keeps ‘do nothing’ inside its quote', () => {
    expect(quotes.flatMap((q) => q.paragraphs)).not.toContain(5);
    expect(quotes.flatMap((q) => q.paragraphs)).not.toContain(10);
    expect(quotes.filter((q) => q.text.includes('do nothing')).map((q) => q.paragraphs)).toEqual([[17]]);
  });

  it('gives the reported clause, not the whole sentence', () => {
    expect(quotes[3]?.text).toBe('they are compiling details of other care jobs with the city council for staff at risk, while some have sought compulsory redundancy');
  });

  it('finds the figures (the second caption is paragraph 10)', () => {
    expect(figures.map(figure)).toEqual([
      [1, 'count', 150, 'more than', 'vital care workers'],
      [3, 'percent', 40, 'about', 'enablement service workforce'],
      [3, 'money', 4_000_000, null, 'savings'],
      [4, 'count', 3000, 'about', 'names'],
      [7, 'money', 4_000_000, null, 'savings'],
      [8, 'count', 150, 'over', 'mainly low paid women'],
      [10, 'date', '2017-01', null, null],
      [15, 'percent', 40, null, 'staffing'], // "reduce staffing by 40 per cent": what is cut, not "40% of cuts"
    ]);
  });
});

describe('Blaenau Gwent home care outsourcing', () => {
  const { quotes, figures } = extractSeed('blaenau-gwent-home-care-outsourcing');

  it('finds the spokeswoman, the partial quote and the pronoun quote', () => {
    expect(quotes.map((q) => [q.speaker, q.role, q.kind, q.paragraphs])).toEqual([
      [null, 'council spokeswoman', 'direct', [7, 8, 9]],
      ['Liz Majer', 'corporate director of social services', 'partial', [10]],
      ['Liz Majer', 'corporate director of social services', 'direct', [11, 12]],
    ]);
    expect(quotes[1]?.text).toBe('would be no immediate change to the Homecare Service');
    expect(quotes[0]?.text).toMatch(/^Following these meetings.*‘not for profit service’.*\. A number of people/);
  });

  it('finds the figures, inventing no year for "August 2"', () => {
    expect(figures.map(figure)).toEqual([
      [1, 'money', 10_000_000, null, 'deficit'],
      [1, 'date', '2014', null, null],
      [2, 'date', '--08-02', null, null],
      [2, 'count', 140, 'up to', 'home care staff'],
      [3, 'money', 2_500_000, null, 'budget gap'],
      [3, 'money', 10_000_000, null, 'deficit'],
      [3, 'date', '2014', null, null],
      [4, 'percent', 25, null, 'home care staff'],
      [4, 'percent', 75, null, null],
    ]);
  });
});
