import { describe, it, expect } from 'vitest';
import { splitParagraphs } from '../../../src/knowledge/paragraphs.js';
import { extractFigures, FIGURE_SENTENCE_MAX } from '../../../src/knowledge/extract/figures.js';
import { clipAround } from '../../../src/knowledge/text.js';
import { leastCpuMs } from './cpu-time.js';

const KB256 = 256 * 1024;
const body = (unit: string) => unit.repeat(Math.ceil(KB256 / unit.length)).slice(0, KB256);

describe('figures of any 256 KB body take well under a second', () => {
  it.each([
    'Mr. ', 'x Aaa Bbb ', '1234567890', '£1m ', '£1m,', '12 jobs ', '5% ', 'six staff ', 'twenty-two ', 'a third of ', 'half the ',
    'hundreds of ', 'places cut from 90 to 45 ', 'between 200 and ', '30-40-', '64 out of ', '5 of the council’s ', 'cut by 5% ',
    'a 240-strong ', 'he said ‘x’ ', '2,000 Aaa ', '1 in ', 'Band 3 ', 'the number of ', 'staff numbers fell from ',
    // Bare counts and the rest of the sixth round: each reads a bounded window around its number.
    '21 voted ', 'closed eight. ', 'with 91 more ', 'only one school ', 'one against ', 'over half in ', 'fell to 40 from ',
    'a quarter of a million pounds ', '1.2m passengers ', 'X5 and 71 ', 'fell 20% ', 'a 970-page ', '2 ones ', '2 bins and 3 ones ',
    // The eighth round's figures (tune7): rates apart from their sum, vague sums, bare counts after "and", "by", "another".
    '£21 million spent ', '£1 per day ', '\uFFFD1.7million ', 'THOUSANDS of ', 'hundreds of thousands of pounds ', 'shut 49 and Aaa ',
    'reduced its total by 42. ', 'the number of aaa bbb by 4, ', 'another 280 (', 'signed by more than 2,700, ', '12 bins, another 2. ',
    'and a third have ', '. Half said ', 'four “core” ', '4 “a” “b” “c” ',
    '3,080 miles of roads and ', '9-5 ', '\uFFFD20 jobs ', 'a\uFFFD2-\uFFFD3m ',
  ])('%j repeated', (unit) => {
    const paragraphs = splitParagraphs(body(unit));
    let count = 0;
    const ms = leastCpuMs(() => (count = extractFigures(paragraphs).length), 1000);
    expect(ms, `${count} figures took ${ms.toFixed(0)} ms of CPU`).toBeLessThan(1000);
  });

  it('gives 85,000 figures of one paragraph each a bounded sentence that shows its figure', () => {
    const figures = extractFigures(splitParagraphs(body('5% ')));
    expect(figures.length).toBeGreaterThan(85_000);
    for (const f of figures) {
      if (f.sentence.length > FIGURE_SENTENCE_MAX || !f.sentence.includes(f.text)) throw new Error(`unbounded or figure-less sentence: ${f.sentence.slice(0, 80)}`);
    }
    expect(JSON.stringify(figures).length).toBeLessThan(60e6);
  });
});

describe('clipAround', () => {
  const sentence = `${'Before the meeting the council said a lot of things. '.repeat(6)}It will cut 150 care workers ${'and then said a great deal more about it. '.repeat(6)}`;
  const at = sentence.indexOf('150 care workers');

  it('keeps the figure, a third of the room before it, and cuts at spaces with an ellipsis', () => {
    const clipped = clipAround(sentence, at, at + '150 care workers'.length, 120);
    expect(clipped.length).toBeLessThanOrEqual(120);
    expect(clipped).toContain('150 care workers');
    expect(clipped).toMatch(/^….*…$/);
    expect(clipped.slice(1, -1)).toBe(clipped.slice(1, -1).trim());
    expect(clipped.indexOf('150')).toBeGreaterThan(20);
    expect(clipped.indexOf('150')).toBeLessThan(60);
  });

  it('leaves a short sentence whole and cuts only the side that is too long', () => {
    expect(clipAround('It will cut 150 jobs.', 12, 20, 120)).toBe('It will cut 150 jobs.');
    const start = clipAround(sentence, 3, 9, 100);
    expect(start.startsWith('Before')).toBe(true);
    expect(start.endsWith('…')).toBe(true);
  });
});
