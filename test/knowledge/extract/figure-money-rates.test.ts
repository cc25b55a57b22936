import { describe, it, expect } from 'vitest';
import { splitParagraphs } from '../../../src/knowledge/paragraphs.js';
import { extractFigures } from '../../../src/knowledge/extract/figures.js';

const figuresOf = (text: string) => extractFigures(splitParagraphs(text));
/** kind, value, unit and text: what a member would see cited. */
const brief = (text: string) => figuresOf(text).map((f) => [f.kind, f.value, f.unit, f.text]);

describe('how often a sum is paid: its rate is its unit', () => {
  it.each([
    ['The council spends £1,000 per day keeping its toilets open.', 1000, 'GBP/day', '£1,000 per day'],
    ['Parking will cost £5 a day.', 5, 'GBP/day', '£5 a day'],
    ['It could save the town around £30,000 annually.', 30000, 'GBP/year', '£30,000 annually'],
  ])('a rate written after the sum: %s', (text, value, unit, written) => {
    expect(brief(text)).toEqual([['money', value, unit, written]]);
  });

  it('a yearly sum set apart from its figure by what is done with it: "£21 million … being spent … every year"', () => {
    expect(brief('There is £21 million of tax payers’ money being spent getting children to and from school every year.')).toEqual([
      ['money', 21e6, 'GBP/year', '£21 million'],
    ]);
    expect(brief('The council pays £2m to the operator each year.')).toEqual([['money', 2e6, 'GBP/year', '£2m']]);
  });

  it.each([
    // A comma or another figure between: the rate belongs to another clause or another sum.
    ['The council spent £2m last spring, and every year since it has spent less.', 'GBP'],
    ['It was given £6.1m spent on repairs but can expect £2.5m a year in future.', 'GBP'],
    // No verb of spending or paying between: "every year" says when, not how often the sum is paid.
    ['The £4m scheme grows every year.', 'GBP'],
    ['Fees rose by £40 again every year.', 'GBP'],
    ['A £3m grant for 12 schools spent every year.', 'GBP'],
    // "Each year of" a span spreads the sum over it.
    ['The £5m cost is spread over each year of the contract.', 'GBP'],
  ])('not a yearly sum: %s', (text, unit) => {
    expect(brief(text)[0]![2]).toBe(unit);
  });
});

describe('a pound sign damaged into a replacement character is still money', () => {
  it('reads "�1.7million" as £1.7 million, keeping the text as written', () => {
    expect(brief('The service which cost taxpayers’ \uFFFD1.7million has been rubbished.')).toEqual([['money', 1.7e6, 'GBP', '\uFFFD1.7million']]);
  });

  it('a replacement character not before a number is nothing, and one before a year is still not a count', () => {
    expect(brief('It was \uFFFD the best of times \uFFFD.')).toEqual([]);
    expect(brief('Residents said the \uFFFDnew\uFFFD service was worse.')).toEqual([]);
  });

  it('one standing for a lost quote mark or dash is not a pound sign: "\uFFFD20 jobs\uFFFD", "10\uFFFD20"', () => {
    expect(brief('He said: \uFFFD20 jobs will go.\uFFFD')).toEqual([['count', 20, 'jobs', '20 jobs']]);
    expect(brief('Between 10\uFFFD20 buses run.').filter((f) => f[0] === 'money')).toEqual([]);
    expect(brief('A range of \uFFFD2-\uFFFD3 million was quoted.')).toEqual([
      ['money', 2e6, 'GBP', '\uFFFD2'],
      ['money', 3e6, 'GBP', '\uFFFD3 million'],
    ]);
  });
});
