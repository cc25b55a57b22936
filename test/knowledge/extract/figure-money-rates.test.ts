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

describe('a sum’s period written a word apart from it', () => {
  it.each([
    ['Drivers now pay up to £150 extra per year for parking.', 150, 'GBP/year', '£150 extra per year'],
    ['Season tickets will be £20 more a month from April.', 20, 'GBP/month', '£20 more a month'],
    ['Stallholders face paying £12 extra each week.', 12, 'GBP/week', '£12 extra each week'],
  ])('"extra" or "more" between the sum and its period: %s', (text, value, unit, written) => {
    expect(brief(text)).toEqual([['money', value, unit, written]]);
  });

  it.each([
    ['They could be looking at having to spend an extra £150 more for parking every year.', 'GBP/year'],
    ['Members will pay an additional £5 for their permit every month.', 'GBP/month'],
  ])('a verb of spending before "an extra" and the period later in the clause: %s', (text, unit) => {
    expect(brief(text).map((f) => f[2])).toEqual([unit]);
  });

  it.each([
    ['The committee relies on the annual £6,000 contribution towards the event.', 6000, 'GBP/year'],
    ['Families get a weekly £20 payment.', 20, 'GBP/week'],
    ['It cost £58,000 to run, out of an annual budget of £200,000.', 200000, 'GBP/year'],
    ['Its yearly grant of about £5,000 is at risk.', 5000, 'GBP/year'],
    ['The monthly fee is now £40.', 40, 'GBP/month'],
  ])('a period named before the sum, as an adjective of it or of what it is: %s', (text, value, unit) => {
    expect(brief(text).filter((f) => f[1] === value).map((f) => f[2])).toEqual([unit]);
  });

  it.each([
    'The annual report said £2m was saved.',
    'The annual budget was cut and £2m saved.',
    'The extra £150 grows every year.',
    'He spent an extra £150 on the house, and every year since he has spent less.',
    'A weekly column on the £5m scheme.',
  ])('not a rate: %s', (text) => {
    expect(brief(text).map((f) => f[2])).toEqual(['GBP']);
  });

  it.each([
    ['A season ticket has increased from £64 to £78 a month.', [64, 78], 'GBP/month'],
    ['Rents went from £90 a week to £110.', [90, 110], 'GBP/week'],
    ['Pay is between £11 and £13 an hour.', [11, 13], 'GBP/hour'],
  ])('both sides of a change or range of money share the period either side gives: %s', (text, values, unit) => {
    expect(figuresOf(text).map((f) => [f.value, f.unit])).toEqual(values.map((v) => [v, unit]));
  });
});

describe('sums in pence', () => {
  it.each([
    ['The new fee will be rounded up to the nearest 10p.', 0.1, 'GBP', '10p'],
    ['5p an hour doesn’t seem like a lot.', 0.05, 'GBP/hour', '5p an hour'],
    ['A loaf now costs 95p, up 12.5p per week.', 0.95, 'GBP', '95p'],
  ])('%s', (text, value, unit, written) => {
    expect(brief(text)[0]).toEqual(['money', value, unit, written]);
  });

  it.each(['See p12 and page 3.', 'The A10p road and 1080p video.', 'It was 5pm when 3pc of staff left.', 'Route 12p-x runs.'])('not pence: %s', (text) => {
    expect(brief(text).filter((f) => f[0] === 'money')).toEqual([]);
  });
});
