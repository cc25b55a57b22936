import { describe, it, expect } from 'vitest';
import { splitParagraphs } from '../../../src/knowledge/paragraphs.js';
import { extractFigures } from '../../../src/knowledge/extract/figures.js';

const countsOf = (text: string) => extractFigures(splitParagraphs(text)).map((f) => [f.text, f.counts]);

describe('what a figure counts', () => {
  it.each([
    ['Staff face a 12% cut in pay.', '12%', 'pay'],
    ['Their hours were slashed by up to 30%.', '30%', 'hours'],
    ['Hours slashed by up to 30% have hit carers.', '30%', 'hours'],
    ['It will cut its home care budget by 5%.', '5%', 'home care budget'],
    ['Carers took a 5% pay cut.', '5%', 'pay'],
    ['There will be a 10% reduction in the number of carers.', '10%', 'carers'],
    ['About 40 per cent of the council’s adult social care budget goes on agencies.', '40 per cent', 'council’s adult social care budget'],
    ['Rents are set to rise by an average of six per cent.', 'six per cent', 'rents'],
    ['Inflation is around 11%.', '11%', 'inflation'],
    ['It was a massive investment of £300million.', '£300million', 'investment'],
    ['It offered pay rises of between 6 and 12.7 per cent.', '12.7 per cent', 'pay rises'],
    ['The closures would save the authority £233,000.', '£233,000', 'savings'],
    ['Rent is due to rise by more than £150 a year.', '£150 a year', 'rent'],
    ['It will raise the hourly rate it pays from £19.20 to £21.40.', '£19.20', 'hourly rate'],
    ['Spending on home care was cut by 8%.', '8%', 'spending on home care'],
    ['It follows a 4.99% council tax rise.', '4.99%', 'council tax'],
    ['It is a 5% real-terms cut.', '5%', null],
    ['It will build 312 homes, 30% of them affordable.', '30%', null],
  ])('%s', (text, written, counts) => {
    expect(countsOf(text).filter(([w]) => w === written)).toEqual([[written, counts]]);
  });

  it('a rate named before money is its unit', () => {
    expect(extractFigures(splitParagraphs('It will raise the hourly rate it pays from £19.20 to £21.40.')).map((f) => [f.value, f.unit])).toEqual([
      [19.2, 'GBP/hour'],
      [21.4, 'GBP/hour'],
    ]);
  });

  it('says "cuts" only when the words name no other thing cut', () => {
    expect(countsOf('Last year the council cut the rate it pays by 5.5pc.')).toEqual([['5.5pc', 'cuts']]);
  });

  it.each([
    ['The council plans 200 job cuts.', '200 job cuts', 'job cuts'],
    ['It has 40 home care staff members.', '40 home care staff members', 'home care staff members'],
    ['It lost 12 staff nurses.', '12 staff nurses', 'staff nurses'],
    ['It has 2 post offices.', '2 post offices', 'post offices'],
    ['It employs around 151 refuse workers and street cleaners.', '151 refuse workers and street cleaners', 'refuse workers and street cleaners'],
  ])('never clips a label mid-phrase: %s', (text, written, counts) => {
    expect(countsOf(text)).toEqual([[written, counts]]);
  });

  it('gives no label rather than one cut off at six words', () => {
    expect(countsOf('Some 40% of the very big old adult social care budget line went.')).toEqual([['40%', null]]);
  });
});

describe('what a percentage counts, said without "by"', () => {
  it.each([
    ['Spending on libraries fell 20%.', 'spending on libraries'],
    ['Recycling rates fell to 39%.', 'recycling rates'],
    ['Usage is down 15% on last year.', 'usage'],
    ['There was a 40% rise in complaints.', 'complaints'],
    ['It says occupancy has fallen to 71%.', 'occupancy'],
    ['It is financed by a 1.49 per cent increase in council tax.', 'council tax'],
  ])('%s', (text, counts) => {
    expect(extractFigures(splitParagraphs(text)).map((f) => [f.kind, f.counts])).toEqual([['percent', counts]]);
  });
});
