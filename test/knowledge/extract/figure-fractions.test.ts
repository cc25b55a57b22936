import { describe, it, expect } from 'vitest';
import { splitParagraphs } from '../../../src/knowledge/paragraphs.js';
import { extractFigures } from '../../../src/knowledge/extract/figures.js';

const figuresOf = (text: string) => extractFigures(splitParagraphs(text));
/** kind, value, unit, text, qualifier, counts: what a member would see cited. */
const brief = (text: string) => figuresOf(text).map((f) => [f.kind, f.value, f.unit, f.text, f.qualifier, f.counts]);

describe('a fraction of a whole that opens with a name', () => {
  it.each([
    ['More than two thirds of London head teachers have cut their budgets.', 66.7, 'two thirds', 'more than', 'London head teachers'],
    ['Three quarters of Kent schools are full.', 75, 'Three quarters', null, 'Kent schools'],
    ['Nearly a third of the Labour councillors voted against.', 33.3, 'a third', 'nearly', 'Labour councillors'],
    ['Two-fifths of Greater Manchester libraries could shut.', 40, 'Two-fifths', null, 'Greater Manchester libraries'],
  ])('%s', (text, value, written, qualifier, counts) => {
    expect(brief(text)).toEqual([['percent', value, '%', written, qualifier, counts]]);
  });

  it.each([
    // A fraction is never a count of "thirds" or "quarters", whatever follows it.
    'They played two thirds of Manchester.',
    'The first two quarters of the year were slow.',
    'Three quarters in London were sold.',
  ])('no count of thirds or quarters: %s', (text) => {
    expect(figuresOf(text).filter((f) => f.kind === 'count')).toEqual([]);
  });
});

describe('half of a sum', () => {
  it.each([
    ['That only covers about half the cost of moving.', 'about', 'cost'],
    ['Tenants pay half the rent.', null, 'rent'],
    ['Residents will pay half the price.', null, 'price'],
  ])('%s', (text, qualifier, counts) => {
    expect(brief(text)).toEqual([['percent', 50, '%', 'half', qualifier, counts]]);
  });

  it('not half of a thing that is not many or a sum', () => {
    expect(figuresOf('It is half the battle, half the story and half the time.')).toEqual([]);
  });
});

describe('a change by a fraction, with any verb of change', () => {
  it.each([
    ['Council-run cremation costs climb by a third', 33.3, 'a third', 'cremation costs'],
    ['Bus fares soared by a quarter last year.', 25, 'a quarter', 'bus fares'],
    ['Library visits plunged by almost half.', 50, 'half', 'library visits'],
    ['Pitch fees jumped by two-thirds.', 66.7, 'two-thirds', 'pitch fees'],
  ])('%s', (text, value, written, counts) => {
    expect(brief(text).map((f) => [f[1], f[3], f[5]])).toEqual([[value, written, counts]]);
  });

  it('not by a fraction after a verb that is not one of change', () => {
    expect(figuresOf('He won by a third.')).toEqual([]);
  });
});

describe('a fraction cut off a whole', () => {
  it.each([
    ['The county council slashed a third off the ‘vegetation maintenance’ budget last year.', 33.3, 'a third', 'vegetation maintenance budget'],
    ['Ministers cut a quarter off bus subsidies.', 25, 'a quarter', 'bus subsidies'],
    ['It has knocked half off the fees.', 50, 'half', 'fees'],
  ])('%s', (text, value, written, counts) => {
    expect(brief(text).map((f) => [f[1], f[3], f[5]])).toEqual([[value, written, counts]]);
  });

  it.each(['He took a third off the shelf.', 'She saw half off the coast.', 'They cut a third off-licence.'])('not after another verb, nor off a word: %s', (text) => {
    expect(figuresOf(text).filter((f) => f.kind === 'percent')).toEqual([]);
  });
});
