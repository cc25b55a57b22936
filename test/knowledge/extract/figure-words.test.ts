import { describe, it, expect } from 'vitest';
import { splitParagraphs } from '../../../src/knowledge/paragraphs.js';
import { extractFigures } from '../../../src/knowledge/extract/figures.js';
import { wordsValue } from '../../../src/knowledge/extract/number-words.js';

const figuresOf = (...paragraphs: string[]) => extractFigures(splitParagraphs(paragraphs.join('\n\n')));
/** kind, value, unit, text, qualifier, counts: what a member would see cited. */
const brief = (text: string) => figuresOf(text).map((f) => [f.kind, f.value, f.unit, f.text, f.qualifier, f.counts]);

describe('counts in words', () => {
  it.each([
    ['The council will close eight care homes.', 8, 'homes', 'eight care homes', null, 'care homes'],
    ['Sixty-two full-time posts will go.', 62, 'jobs', 'Sixty-two full-time posts', null, 'full-time posts'],
    ['Only six staff remain.', 6, 'people', 'six staff', null, 'staff'],
    ['About a dozen staff walked out.', 12, 'people', 'a dozen staff', 'about', 'staff'],
    ['Two dozen volunteers helped.', 24, 'people', 'Two dozen volunteers', null, 'volunteers'],
    ['It employs two hundred and fifty carers.', 250, 'people', 'two hundred and fifty carers', null, 'carers'],
    ['It employs a hundred carers.', 100, 'people', 'a hundred carers', null, 'carers'],
    ['Some three thousand five hundred residents signed.', 3500, 'people', 'three thousand five hundred residents', 'some', 'residents'],
    ['Nineteen respite beds closed.', 19, 'beds', 'Nineteen respite beds', null, 'respite beds'],
    ['It will cut twenty two jobs.', 22, 'jobs', 'twenty two jobs', null, 'jobs'],
  ])('%s', (text, value, unit, written, qualifier, counts) => {
    expect(brief(text)).toEqual([['count', value, unit, written, qualifier, counts]]);
  });

  it.each([
    ['Hundreds of carers marched.', 100, 'Hundreds of carers', 'hundreds of', 'carers'],
    ['Dozens of jobs will go.', 12, 'Dozens of jobs', 'dozens of', 'jobs'],
    ['Thousands of residents signed.', 1000, 'Thousands of residents', 'thousands of', 'residents'],
    ['It affects tens of thousands of families.', 10_000, 'tens of thousands of families', 'tens of thousands of', 'families'],
  ])('a vague multiple is the least it stands for, qualified by its words: %s', (text, value, written, qualifier, counts) => {
    expect(brief(text).map((f) => [f[1], f[3], f[4], f[5]])).toEqual([[value, written, qualifier, counts]]);
  });

  it('reads a vague multiple in capitals as in lowercase: "THOUSANDS of street lights"', () => {
    expect(brief('THOUSANDS of street lights are being turned off by local authorities.')).toEqual([
      ['count', 1000, 'lights', 'THOUSANDS of street lights', 'thousands of', 'street lights'],
    ]);
    expect(brief('It took HUNDREDS OF YEARS.')).toEqual([]);
  });

  it.each([
    ['Some councils expect to spend hundreds of thousands of pounds on lights.', 100_000, 'hundreds of thousands of pounds', 'hundreds of thousands of'],
    ['Thousands of pounds were lost over hundreds of years.', 1000, 'Thousands of pounds', 'thousands of'],
    ['It has cost millions of pounds.', 1e6, 'millions of pounds', 'millions of'],
  ])('a vague multiple of pounds is money, the least it stands for: %s', (text, value, written, qualifier) => {
    expect(brief(text).map((f) => [f[0], f[1], f[2], f[3], f[4]])).toEqual([['money', value, 'GBP', written, qualifier]]);
  });

  it('a quoted word between a number and its noun is in the text, not in what is counted: "four “core” sites"', () => {
    expect(brief('It approved a reduction of recycling centres to four “core” sites in Crewe.')).toEqual([
      ['count', 4, 'sites', 'four “core” sites', null, 'sites'],
    ]);
    expect(brief("The council runs 12 'pop-up' libraries.")).toEqual([['count', 12, 'libraries', "12 'pop-up' libraries", null, 'libraries']]);
    // Not a quote that runs on, a quoted name, or a duration.
    for (const text of ['He said four “are enough” for now.', 'They made four “Save Our Sites” banners.', 'It opens two “core” hours a day.']) {
      expect(brief(text).filter((f) => f[0] === 'count' && f[1] === (text.includes('two') ? 2 : 4) && f[5] !== null), text).toEqual([]);
    }
  });

  it('reads "forty per cent" as a percentage', () => {
    expect(brief('Almost forty per cent of staff are agency workers.')).toEqual([['percent', 40, '%', 'forty per cent', 'almost', 'staff']]);
  });

  it('reads "one per cent" as a percentage, "one" being a number before "per cent" whatever stands before it', () => {
    expect(brief('Rents may rise by inflation plus one per cent, or one percent of the budget.')).toEqual([
      ['percent', 1, '%', 'one per cent', null, null],
      ['percent', 1, '%', 'one percent', null, 'budget'],
    ]);
    // Still nothing where "one" is not before "per cent": a percentage point, a pronoun.
    expect(brief('It is one percentage point higher, and one of them said so.')).toEqual([]);
    // A range keeps both ends, as before.
    expect(brief('Between one to three per cent of staff will go.').map((f) => [f[0], f[1], f[3]])).toEqual([
      ['percent', 1, 'one'],
      ['percent', 3, 'three per cent'],
    ]);
  });

  it('does not take "one", number words that are not one number, or hyphenated words as counts', () => {
    expect(
      figuresOf(
        'One of the homes closed one day, and one worker said so.',
        'It is a two-year deal for a three-year-old service with a six-figure sum.',
        'Much was lost over hundreds of years.',
      ),
    ).toEqual([]);
  });
});

describe('a vague multiple standing alone', () => {
  it.each([
    ['They are on track to overspend by millions, they say.', 1e6, 'millions'],
    ['The scheme has cost thousands and achieved nothing.', 1000, 'thousands'],
    ['Residents could save hundreds, the council says.', 100, 'hundreds'],
  ])('after a verb of money it is money: %s', (text, value, written) => {
    expect(brief(text).map((f) => f.slice(0, 5))).toEqual([['money', value, 'GBP', written, written]]);
  });

  it.each([
    ['Empty homes rose despite thousands desperate for a home.', 1000, 'thousands'],
    ['Hundreds left without a bus will lose out.', 100, 'Hundreds'],
    ['There are dozens waiting for a place.', 12, 'dozens'],
  ])('described by what follows it, it is a count of people: %s', (text, value, written) => {
    expect(brief(text)).toEqual([['count', value, 'people', written, written.toLowerCase(), null]]);
  });

  it.each([
    'They came in their thousands waiting for news.',
    'It rose by thousands.',
    'The cost runs into millions of pounds and thousands more.',
    'Millions watched the thousands-strong march.',
    'The hundreds stuck in traffic were late.',
    'It was worth millions to them.',
    // Losing millions may be of anything: viewers, visits, pounds.
    'The service risks losing millions if it fails.',
  ])('otherwise no figure: %s', (text) => {
    expect(brief(text).filter((f) => f[3] === 'thousands' || f[3] === 'millions' || f[3] === 'hundreds' || f[3] === 'Millions')).toEqual([]);
  });
});

describe('fractions', () => {
  it.each([
    ['A third of staff left.', 33.3, 'A third', 'staff'],
    ['Two-thirds of the budget goes on care.', 66.7, 'Two-thirds', 'budget'],
    ['Three quarters of its day centres will shut.', 75, 'Three quarters', 'day centres'],
    ['Half the day centres will shut.', 50, 'Half', 'day centres'],
    ['Nearly half of all care homes are full.', 50, 'half', 'care homes'],
    ['A fifth of the workforce is on zero hours.', 20, 'A fifth', 'workforce'],
  ])('%s', (text, value, written, counts) => {
    expect(brief(text).map((f) => [f[0], f[1], f[2], f[3], f[5]])).toEqual([['percent', value, '%', written, counts]]);
  });

  it('a fraction that is the subject of a verb opening its clause is a share: "One third report that …, and a third have …"', () => {
    expect(brief('One third report that libraries have reduced their opening hours, and a third have introduced charges.')).toEqual([
      ['percent', 33.3, '%', 'One third', null, null],
      ['percent', 33.3, '%', 'a third', null, null],
    ]);
    expect(brief('Two-thirds said they would leave, while half were unsure.').map((f) => [f[1], f[3]])).toEqual([
      [66.7, 'Two-thirds'],
      [50, 'half'],
    ]);
  });

  it.each([
    'For a third time, the council said no.',
    'It came a third in the league and the third have gone.',
    'A third was built in 1960.',
    'Half term starts today, and half past nine is too late.',
    'Staff took a third report to the cabinet.',
  ])('no share where the fraction opens no clause or is no subject of a verb: %s', (text) => {
    expect(brief(text).filter((f) => f[0] === 'percent')).toEqual([]);
  });

  it.each([
    ['Opening hours will be cut by a quarter.', 25, 'a quarter', null, 'opening hours'],
    ['The care workforce will shrink by almost a third.', 33.3, 'a third', 'almost', 'care workforce'],
  ])('a change by a fraction says what changes: %s', (text, value, written, qualifier, counts) => {
    expect(brief(text)).toEqual([['percent', value, '%', written, qualifier, counts]]);
  });

  it('does not read time, idiom or an ordinal as a fraction', () => {
    expect(figuresOf('It took half an hour in the first half of the year, half the battle, a quarter of an hour, the third of five.')).toEqual([]);
    expect(figuresOf('He won by a third.')).toEqual([]);
  });
});

describe('the value of number words', () => {
  it.each([
    ['eight', 8], ['Sixty-two', 62], ['a dozen', 12], ['two dozen', 24], ['a hundred', 100], ['one hundred and five', 105],
    ['fifteen hundred', 1500], ['two thousand and one', 2001], ['three hundred thousand', 300_000], ['a million', 1_000_000],
  ])('%s is %d', (words, value) => {
    expect(wordsValue(words)).toBe(value);
  });

  it.each(['seven eight', 'twenty thirty', 'hundred', 'dozen', 'one thousand million', 'ten five'])('"%s" is not one number', (words) => {
    expect(wordsValue(words)).toBeNull();
  });
});
