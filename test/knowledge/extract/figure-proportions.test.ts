import { describe, it, expect } from 'vitest';
import { splitParagraphs } from '../../../src/knowledge/paragraphs.js';
import { extractFigures } from '../../../src/knowledge/extract/figures.js';

/** kind, value, unit, text, qualifier, counts: what a member would see cited. */
const brief = (text: string) => extractFigures(splitParagraphs(text)).map((f) => [f.kind, f.value, f.unit, f.text, f.qualifier, f.counts]);

// Ruling (test/eval/README.md, relabel4): a proportion is one percent figure, class fraction; a real total stays two counts.
describe('a proportion is one percentage', () => {
  it.each([
    ['The council says one in four carers could lose hours.', 25, 'one in four', null, 'carers'],
    ['Nine in 10 tenants want repairs done sooner.', 90, 'Nine in 10', null, 'tenants'],
    ['It found about one in 20 bins were never emptied.', 5, 'one in 20', 'about', 'bins'],
    ['Eight times out of ten the van comes late.', 80, 'Eight times out of ten', null, null],
    ['Seven out of 10 respondents opposed the plan.', 70, 'Seven out of 10', null, 'respondents'],
    ['In the survey, 3 in 5 parents said no.', 60, '3 in 5', null, 'parents'],
    ['Almost one in three libraries have cut hours.', 33.3, 'one in three', 'almost', 'libraries'],
    ['Staff say one in four are stressed at work.', 25, 'one in four', null, null],
  ])('%s', (text, value, written, qualifier, counts) => {
    expect(brief(text)).toEqual([['percent', value, '%', written, qualifier, counts]]);
  });

  it('keeps a percentage written beside the share, each as written: "more than four in ten (42%) councils"', () => {
    expect(brief('It found more than four in ten (42%) councils had shut their centres.').map((f) => f.slice(0, 5))).toEqual([
      ['percent', 40, '%', 'four in ten', 'more than'],
      ['percent', 42, '%', '42%', null],
    ]);
  });

  it('keeps a real total as two counts: "64 out of 120 home carers", "12 out of 30 libraries"', () => {
    expect(brief('Some 64 out of 120 home carers and 12 out of 30 libraries were hit.').map((f) => [f[0], f[1], f[3]])).toEqual([
      ['count', 64, '64 out of 120 home carers'],
      ['count', 120, '120 home carers'],
      ['count', 12, '12 out of 30 libraries'],
      ['count', 30, '30 libraries'],
    ]);
  });

  it('reads no share in a span of time, a year or a larger number: "three in 10 days", "5 in 2019", "one in 1,000"', () => {
    expect(brief('It closed three in 10 days, 5 in 2019 and one in 1,000 homes.').filter((f) => f[0] === 'percent')).toEqual([]);
  });
});
