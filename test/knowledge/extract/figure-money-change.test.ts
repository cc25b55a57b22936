import { describe, it, expect } from 'vitest';
import { splitParagraphs } from '../../../src/knowledge/paragraphs.js';
import { extractFigures } from '../../../src/knowledge/extract/figures.js';

const figuresOf = (text: string) => extractFigures(splitParagraphs(text));
/** kind, value, unit, what it counts and the change: what a member would see cited. */
const brief = (text: string) => figuresOf(text).map((f) => [f.kind, f.value, f.unit, f.counts, f.change ?? f.range ?? null]);

describe('a change of money written without £: what changes is pay, earnings, rent…', () => {
  it.each([
    ['They feared could see their earnings cut from 18,000 to 12,000.', 'earnings', [18000, 12000], { from: 18000, to: 12000 }],
    ['Pay was cut from 21,000 to 19,500 under the new system.', 'pay', [21000, 19500], { from: 21000, to: 19500 }],
    ['Bus fares will rise from 2 to 2.50 next month.', 'bus fares', [2, 2.5], { from: 2, to: 2.5 }],
    ['Their salaries fell to 19,000 from 23,000.', 'salaries', [19000, 23000], { from: 23000, to: 19000 }],
  ])('both sides are money, each with the change: %s', (text, counts, values, change) => {
    expect(brief(text)).toEqual(values.map((v) => ['money', v, 'GBP', counts, change]));
  });

  it('a multiplier written once is shared: "the budget was cut from 4 to 3 million"', () => {
    expect(brief('The library budget was cut from 4 to 3 million.')).toEqual([
      ['money', 4e6, 'GBP', 'library budget', { from: 4e6, to: 3e6 }],
      ['money', 3e6, 'GBP', 'library budget', { from: 4e6, to: 3e6 }],
    ]);
  });

  it('a rate after the second sum is the unit of both: "rents rose from 95 to 110 a week"', () => {
    expect(brief('Rents rose from 95 to 110 a week.')).toEqual([
      ['money', 95, 'GBP/week', 'rents', { from: 95, to: 110 }],
      ['money', 110, 'GBP/week', 'rents', { from: 95, to: 110 }],
    ]);
  });

  it.each([
    ['Places were cut from 90 to 45.', 'count', 'places'],
    ['Library visits fell from 3,000 to 1,800.', 'count', 'library visits'],
    ['Staff numbers fell from 120 to 80.', 'count', 'staff'],
  ])('a change of things is still a count: %s', (text, kind, counts) => {
    expect(brief(text).map((f) => [f[0], f[3]])).toEqual([
      [kind, counts],
      [kind, counts],
    ]);
  });

  it('a duration or measure after the second number is no sum: "pay was cut from 18 to 12 hours a week"', () => {
    expect(brief('Their pay was cut from 18 to 12 hours a week.').filter((f) => f[0] === 'money')).toEqual([]);
    expect(brief('Funding was cut from 4 to 3 years.').filter((f) => f[0] === 'money')).toEqual([]);
  });

  it('years are never money: "pay rose from 2019 to 2023" gives two years', () => {
    expect(brief('Pay rose from 2019 to 2023.').map((f) => [f[0], f[1]])).toEqual([
      ['date', '2019'],
      ['date', '2023'],
    ]);
  });

  it('a sum with its own noun is a count of it: "pay rose from 3 to 5 grades" stays grades', () => {
    expect(brief('Pay rose from 3 to 5 grades.').map((f) => [f[0], f[2]])).toEqual([
      ['count', 'grades'],
      ['count', 'grades'],
    ]);
  });
});
