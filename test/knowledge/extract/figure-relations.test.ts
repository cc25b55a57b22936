import { describe, it, expect } from 'vitest';
import { splitParagraphs } from '../../../src/knowledge/paragraphs.js';
import { extractFigures } from '../../../src/knowledge/extract/figures.js';

const figuresOf = (text: string) => extractFigures(splitParagraphs(text));
/** What a member would see, plus how the figure relates to its neighbour. */
const brief = (text: string) =>
  figuresOf(text).map((f) => [f.kind, f.value, f.unit, f.text, f.qualifier, f.counts, { range: f.range, change: f.change, outOf: f.outOf }]);
const none = { range: undefined, change: undefined, outOf: undefined };

describe('a number whose noun belongs to its neighbour', () => {
  it('"64 out of 120 home carers" gives both, the part knowing its whole', () => {
    expect(brief('Some 64 out of 120 home carers were moved.')).toEqual([
      ['count', 64, 'people', '64 out of 120 home carers', 'some', 'home carers', { ...none, outOf: 120 }],
      ['count', 120, 'people', '120 home carers', null, 'home carers', none],
    ]);
  });

  it('"12 of the 20 councils" is a part too', () => {
    expect(brief('Only 12 of the 20 councils replied.').map((f) => [f[1], f[5], f[6]])).toEqual([
      [12, 'councils', { ...none, outOf: 20 }],
      [20, 'councils', none],
    ]);
  });

  it.each([
    ['Between 200 and 250 residents are affected.', [null, null], 'residents', ['200', '250 residents']],
    ['Around 30-40 jobs will go.', ['around', null], 'jobs', ['30', '40 jobs']],
    ['Up to 30–40 jobs will go.', ['up to', null], 'jobs', ['30', '40 jobs']],
    ['Anything from 30 to 40 jobs could go.', [null, null], 'jobs', ['30', '40 jobs']],
    ['Two or three care homes may close.', [null, null], 'care homes', ['Two', 'three care homes']],
  ])('both ends of a range are figures, each with the range: %s', (text, qualifiers, counts, written) => {
    const [low, high] = written.map((w) => (/^\d/.test(w) ? Number.parseFloat(w) : w === 'Two' ? 2 : 3)) as [number, number];
    expect(figuresOf(text).map((f) => [f.kind, f.value, f.text, f.qualifier, f.counts, f.range])).toEqual([
      ['count', low, written[0], qualifiers[0], counts, { low, high }],
      ['count', high, written[1], qualifiers[1], counts, { low, high }],
    ]);
  });

  it.each(['Anyone with a 9-5 job will lose the right to visit.', 'Staff on 9–5 shifts were told.', 'It is a 10-4 job now.'])(
    'two numbers joined by a dash, the first the larger, are hours or a score, not a range of counts: %s',
    (text) => {
      expect(figuresOf(text)).toEqual([]);
    },
  );

  it.each([
    ['Places were cut from 90 to 45.', 'places', ['90', '45']],
    ['The council cut places from 90 to 45 last year.', 'places', ['90', '45']],
    ['The number of beds will be cut from 30 to 20.', 'beds', ['30', '20']],
    ['Staff numbers fell from 120 to 80.', 'staff', ['120', '80']],
    ['Respite beds, down from 90 to 45 beds, are full.', 'beds', ['90', '45 beds']],
  ])('a change gives both sides, each with the change: %s', (text, counts, written) => {
    const [from, to] = written.map(Number.parseFloat) as [number, number];
    expect(figuresOf(text).map((f) => [f.kind, f.value, f.text, f.counts, f.change])).toEqual([
      ['count', from, written[0], counts, { from, to }],
      ['count', to, written[1], counts, { from, to }],
    ]);
  });

  it.each([
    ['The housing repairs backlog had gone up from 3,204 to 6,960 this year.', 'repairs', 'housing repairs backlog', [3204, 6960]],
    ['Its planning applications backlog fell from 900 to 450.', 'applications', 'planning applications backlog', [900, 450]],
    ['The repairs queue rose from 200 to 350.', 'repairs', 'repairs queue', [200, 350]],
  ])('a change in a backlog or queue counts the things it holds: %s', (text, unit, counts, values) => {
    expect(figuresOf(text).map((f) => [f.kind, f.value, f.unit, f.counts])).toEqual(values.map((v) => ['count', v, unit, counts]));
  });

  it('a backlog naming nothing it holds gives no count', () => {
    expect(figuresOf('The waiting list grew from 300 to 500.')).toEqual([]);
  });

  it('the subject opening a sentence is what a change counts, whatever follows it', () => {
    expect(figuresOf('Places at Dunleigh’s day centres for adults with learning disabilities will be cut from 90 to 45.').map((f) => [f.value, f.counts])).toEqual([
      [90, 'places'],
      [45, 'places'],
    ]);
  });

  it('"31 votes to 22" and "Of the 820 carers …, 410" count what their neighbour counts', () => {
    expect(figuresOf('The budget was approved by 31 votes to 22. It cut 40 jobs to 20 hours.').map((f) => [f.value, f.counts])).toEqual([
      [31, 'votes'],
      [22, 'votes'],
      [40, 'jobs'],
    ]);
    expect(figuresOf('Of the 820 carers who responded, 410 said their health had suffered.').map((f) => [f.value, f.counts, f.outOf])).toEqual([
      [820, 'carers', undefined],
      [410, 'carers', 820],
    ]);
  });

  it('"up from" gives the earlier side of the count just made', () => {
    expect(figuresOf('Waiting lists have grown to more than 8,000 households, up from 6,500 last year.').map((f) => [f.value, f.counts, f.change])).toEqual([
      [8000, 'households', { from: 6500, to: 8000 }],
      [6500, 'households', { from: 6500, to: 8000 }],
    ]);
  });

  it('a change may name its years between, which stay dates', () => {
    expect(figuresOf('The number of children in care has risen from 450 in 2015 to 720 this year.').map((f) => [f.kind, f.value, f.counts, f.change])).toEqual([
      ['count', 450, 'children in care', { from: 450, to: 720 }],
      ['date', '2015', null, undefined],
      ['count', 720, 'children in care', { from: 450, to: 720 }],
    ]);
  });

  it('a name may stand between number and noun; what is counted is the noun', () => {
    expect(brief('The 2,000 Westshire Council staff were told, and 40 Unison members, of three Nottingham libraries.').map((f) => [f[1], f[2], f[3], f[5]])).toEqual([
      [2000, 'people', '2,000 Westshire Council staff', 'staff'],
      [40, 'people', '40 Unison members', 'members'],
      [3, 'libraries', 'three Nottingham libraries', 'libraries'],
    ]);
  });

  it.each([
    ['It will shut 5 of the council’s remaining day centres.', 5, 'centres', '5 of the council’s remaining day centres', 'council’s remaining day centres'],
    ['It will sell two of its care homes.', 2, 'homes', 'two of its care homes', 'care homes'],
    ['On top of the 900 posts already lost.', 900, 'jobs', '900 posts', 'posts'],
    ['It has a 240-strong workforce.', 240, 'people', '240-strong workforce', 'workforce'],
    ['A 40-strong home care team faces cuts.', 40, 'people', '40-strong home care team', 'home care team'],
  ])('%s', (text, value, unit, written, counts) => {
    expect(brief(text)).toEqual([['count', value, unit, written, null, counts, none]]);
  });
});

describe('ranges and changes of money and percentages', () => {
  it('keeps both ends of a range and both sides of a change, in digits or words', () => {
    expect(
      figuresOf(
        'It costs £2-3 million, between £4m and £5m, 20-30% or between one to three per cent. Spending was cut from £5m to £3m and from 20% to 15%. It saw half a million pounds cut.',
      ).map((f) => [f.kind, f.value, f.text, f.range ?? f.change ?? null]),
    ).toEqual([
      ['money', 2_000_000, '£2', { low: 2_000_000, high: 3_000_000 }],
      ['money', 3_000_000, '3 million', { low: 2_000_000, high: 3_000_000 }],
      ['money', 4_000_000, '£4m', { low: 4_000_000, high: 5_000_000 }],
      ['money', 5_000_000, '£5m', { low: 4_000_000, high: 5_000_000 }],
      ['percent', 20, '20', { low: 20, high: 30 }],
      ['percent', 30, '30%', { low: 20, high: 30 }],
      ['percent', 1, 'one', { low: 1, high: 3 }],
      ['percent', 3, 'three per cent', { low: 1, high: 3 }],
      ['money', 5_000_000, '£5m', { from: 5_000_000, to: 3_000_000 }],
      ['money', 3_000_000, '£3m', { from: 5_000_000, to: 3_000_000 }],
      ['percent', 20, '20%', { from: 20, to: 15 }],
      ['percent', 15, '15%', { from: 20, to: 15 }],
      ['money', 500_000, 'half a million pounds', null],
    ]);
  });

  it('leaves a span of years as two years', () => {
    expect(figuresOf('Cuts ran from 2014 to 2016, and between 2019 and 2021.').map((f) => [f.kind, f.value])).toEqual([
      ['date', '2014'], ['date', '2016'], ['date', '2019'], ['date', '2021'],
    ]);
  });
});
