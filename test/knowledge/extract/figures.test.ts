import { describe, it, expect } from 'vitest';
import { splitParagraphs } from '../../../src/knowledge/paragraphs.js';
import { extractFigures } from '../../../src/knowledge/extract/figures.js';

const figuresOf = (...paragraphs: string[]) => extractFigures(splitParagraphs(paragraphs.join('\n\n')));
/** kind, value, unit, text, qualifier, counts: what a member would see cited. */
const brief = (...paragraphs: string[]) => figuresOf(...paragraphs).map((f) => [f.kind, f.value, f.unit, f.text, f.qualifier, f.counts]);

describe('money', () => {
  it.each([
    ['It costs £4 million.', 4_000_000, '£4 million'],
    ['It costs £2.5m.', 2_500_000, '£2.5m'],
    ['It costs £2.5bn.', 2_500_000_000, '£2.5bn'],
    ['It costs £1.2 billion.', 1_200_000_000, '£1.2 billion'],
    ['It costs £10,000.', 10_000, '£10,000'],
    ['It costs £16.50.', 16.5, '£16.50'],
  ])('%s', (text, value, written) => {
    expect(brief(text)).toEqual([['money', value, 'GBP', written, null, null]]);
  });

  it.each([
    ['Carers get £38 an hour.', 38, 'GBP/hour', '£38 an hour'],
    ['Carers get £38 per hour.', 38, 'GBP/hour', '£38 per hour'],
    ['Carers get £310 a week.', 310, 'GBP/week', '£310 a week'],
    ['Carers get £18,000 per year.', 18_000, 'GBP/year', '£18,000 per year'],
  ])('rates: %s', (text, value, unit, written) => {
    expect(brief(text)).toEqual([['money', value, unit, written, null, null]]);
  });

  it('says what the money is for when the words next to it do', () => {
    expect(
      brief(
        'The plan is designed to save £4 million.',
        'They must find £4 million of savings.',
        'It faces a £10 million deficit.',
        'It must fill a £2.5 million hole in its budget.',
        'It must find around £4 million in cuts.',
        'It gave a £95,000 grant.',
      ).map((f) => f[5]),
    ).toEqual(['savings', 'savings', 'deficit', 'budget gap', 'cuts', null]);
  });
});

describe('a qualifier of several words', () => {
  it('"in the region of £1m per year" is qualified by all of it', () => {
    expect(figuresOf('It costs the council in the region of £1m per year.').map((f) => [f.value, f.unit, f.qualifier])).toEqual([[1e6, 'GBP/year', 'in the region of']]);
  });
});

describe('percentages', () => {
  it.each([
    ['About 40 per cent of the enablement service workforce will go.', 40, '40 per cent', 'about', 'enablement service workforce'],
    ['Only 10% of home care staff are council employees.', 10, '10%', null, 'home care staff'],
    ['Nearly 12.5 percent of its adult social care spending is wasted.', 12.5, '12.5 percent', 'nearly', 'adult social care spending'],
    ['The plan seeks to reduce staffing by 40 per cent.', 40, '40 per cent', null, 'staffing'],
    ['Last year the council cut the rate it pays by 5.5pc.', 5.5, '5.5pc', null, 'cuts'],
    ['Organisers said 60 per cent of staff attended.', 60, '60 per cent', null, 'staff'],
    ['Spending rose by 7 per cent.', 7, '7 per cent', null, 'spending'],
    ['It gave 7 per cent.', 7, '7 per cent', null, null],
    // A qualifier is every word of it: "just over", "well under", "in the region of".
    ['It was just over one per cent of the residents.', 1, 'one per cent', 'just over', 'residents'],
    ['Turnout was well under 30 per cent.', 30, '30 per cent', 'well under', 'turnout'],
  ])('%s', (text, value, written, qualifier, counts) => {
    expect(brief(text)).toEqual([['percent', value, '%', written, qualifier, counts]]);
  });
});

describe('counts', () => {
  it.each([
    ['More than 150 vital care workers face redundancy.', 150, 'people', '150 vital care workers', 'more than', 'vital care workers'],
    ['Up to 140 home care staff may go.', 140, 'people', '140 home care staff', 'up to', 'home care staff'],
    ['It has about 3,000 names on it.', 3000, 'names', '3,000 names', 'about', 'names'],
    ['Over 150 mainly low paid women are affected.', 150, 'people', '150 mainly low paid women', 'over', 'mainly low paid women'],
    ['The council will cut 200 jobs.', 200, 'jobs', '200 jobs', null, 'jobs'],
    ['It will delete 60 posts.', 60, 'jobs', '60 posts', null, 'posts'],
    ['Fewer than 35 permanent roles remain.', 35, 'jobs', '35 permanent roles', 'fewer than', 'permanent roles'],
    ['It closed 12 respite beds.', 12, 'beds', '12 respite beds', null, 'respite beds'],
    ['It helps more than 1,000 older and disabled people.', 1000, 'people', '1,000 older and disabled people', 'more than', 'older and disabled people'],
    ['It helps just under 400 carers.', 400, 'people', '400 carers', 'just under', 'carers'],
  ])('%s', (text, value, unit, written, qualifier, counts) => {
    expect(brief(text)).toEqual([['count', value, unit, written, qualifier, counts]]);
  });

  it('reads a proportion such as "1 in 4 carers" as one percentage, never two counts, nor takes a decade for a year', () => {
    expect(figuresOf('Since the 1990s, 1 in 4 carers have left.').map((f) => [f.kind, f.value, f.text])).toEqual([['percent', 25, '1 in 4']]);
  });

  it('does not count years, money, percentages, ordinals, dates or durations', () => {
    const kinds = figuresOf(
      'In 2015 the council met for the 3rd time on 9 September and spent £40 on 20 per cent of it over 11 years, down from 520 in 2014.',
    ).map((f) => [f.kind, f.value]);
    expect(kinds).toEqual([['date', '2015'], ['date', '--09-09'], ['money', 40], ['percent', 20], ['date', '2014']]);
  });
});

describe('dates', () => {
  it.each([
    ['The protest was in January 2017.', '2017-01', 'month', 'January 2017'],
    ['The council decided on August 2.', '--08-02', 'day', 'August 2'],
    ['The council decided on 2 August.', '--08-02', 'day', '2 August'],
    ['The council decided on 2 August 2013.', '2013-08-02', 'day', '2 August 2013'],
    ['The council decided on August 2, 2013.', '2013-08-02', 'day', 'August 2, 2013'],
    ['It has a deficit for 2014.', '2014', 'year', '2014'],
    ['It closes by 2025, despite a petition.', '2025', 'year', '2025'],
    ['The budget for 2019/20 is set.', '2019/20', 'financial-year', '2019/20'],
    ['The budget for 2019-20 is set.', '2019/20', 'financial-year', '2019-20'],
  ])('%s', (text, value, unit, written) => {
    expect(brief(text)).toEqual([['date', value, unit, written, null, null]]);
  });

  it('reads a span of years that are not consecutive as two years, not a financial year', () => {
    expect(figuresOf('Cuts ran from 2014-2016.').map((f) => [f.value, f.unit])).toEqual([['2014', 'year'], ['2016', 'year']]);
  });

  it('does not take words like "this year" or a month alone as dates', () => {
    expect(figuresOf('This year the grant ends at the end of March.')).toEqual([]);
  });

  it('rejects a day that does not exist', () => {
    expect(figuresOf('They met on 31 February.')).toEqual([]);
  });
});

describe('qualifiers', () => {
  it.each(['about', 'around', 'approximately', 'more than', 'over', 'up to', 'almost', 'nearly', 'at least', 'less than', 'fewer than', 'under'])(
    '%s',
    (q) => {
      const [figure] = figuresOf(`It affects ${q} 40 workers.`);
      expect([figure?.qualifier, figure?.text]).toEqual([q, '40 workers']);
    },
  );

  it('lowercases a qualifier that opens a sentence', () => {
    expect(figuresOf('Fewer than 30 jobs will go.')[0]?.qualifier).toBe('fewer than');
  });
});

describe('where a figure stands', () => {
  it('gives the whole sentence and the paragraph, in paragraph order, captions and quotes included', () => {
    const figures = figuresOf(
      'The council met. It will save £1 million this year.',
      'Caption: Demonstrators in Birmingham in January 2017',
      'Jo Bell said: “Over 150 women will lose their jobs.”',
    );
    expect(figures.map((f) => [f.paragraph, f.text, f.sentence])).toEqual([
      [1, '£1 million', 'It will save £1 million this year.'],
      [2, 'January 2017', 'Demonstrators in Birmingham in January 2017'],
      [3, '150 women', 'Jo Bell said: “Over 150 women will lose their jobs.”'],
    ]);
  });

  it('keeps a titled name’s full stop inside its sentence', () => {
    expect(figuresOf('Dr. Ng spoke. Mr. Lee said 40 staff would go.')[0]?.sentence).toBe('Mr. Lee said 40 staff would go.');
  });
});
