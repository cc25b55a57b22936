import { describe, it, expect } from 'vitest';
import { quotesOf } from './quotes-of.js';

/**
 * A document's finding leading its sentence ("Council figures show that …", "The research found …", "… but the survey
 * showed residents were …", tune7) is reported speech with the document as its source; a person who "found" or a
 * report that "shows" a thing reports nothing (ninth round).
 */
const all = (...paragraphs: string[]) => quotesOf(...paragraphs).map((q) => [q.kind, q.speaker, q.role, q.attribution, q.text]);

describe('a document that found or shows a clause', () => {
  it.each([
    ['Council figures show that during the first two days of the roll-out, 2,700 calls were made to the department.', 'Council figures', 'during the first two days of the roll-out, 2,700 calls were made to the department'],
    ['The research found more than four in ten (42%) councils no longer operated their own youth centres.', 'the research', 'more than four in ten (42%) councils no longer operated their own youth centres'],
    ['New research conducted by the union has found that funding cuts have led to the closure of two thirds of youth centres.', 'New research conducted by the union', 'funding cuts have led to the closure of two thirds of youth centres'],
    ['The council launched a consultation on the toilets but the survey showed residents were happy to fund the facilities.', 'the survey', 'residents were happy to fund the facilities'],
    ['Latest data suggests that bus use in the county has fallen by a third since 2019.', 'Latest data', 'bus use in the county has fallen by a third since 2019'],
  ])('%s', (text, role, clause) => {
    expect(all(text)).toEqual([['reported', null, role, 'document', clause]]);
  });

  it.each([
    ['Jo Bell found that the library had closed without any notice.'],
    ['The council found a buyer for the site in the spring of last year.'],
    ['The report shows a sharp drop in visitors over the summer months.'],
    ['Some 199 routes were withdrawn in the last year alone, figures show.'],
    ['Residents found the new bins were too small for a family of five.'],
    ['A council report for that period shows the target for repairs was met and surpassed.'],
  ])('reports nothing: %s', (text) => {
    expect(all(text)).toEqual([]);
  });
});
