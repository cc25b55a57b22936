import { describe, it, expect } from 'vitest';
import { quotesOf } from './quotes-of.js';

/**
 * A partial quote in a sentence that ends by citing its source ("The closure of museums ‘must be considered’ …, says a
 * Kirklees officer."; "… a “lost generation” …, UNISON says today (Saturday).", tune7) is that source's; the sentence
 * holds a partial quote, so it is not reported speech as well (ninth round).
 */
const all = (...paragraphs: string[]) => quotesOf(...paragraphs).map((q) => [q.kind, q.speaker, q.role, q.attribution, q.text]);

describe('a partial quote before a trailing citation', () => {
  it.each([
    ['The closure of museums ‘must be considered’ in the face of budget cuts, says a Kirklees officer.', 'partial', null, 'Kirklees officer', 'unnamed', 'must be considered'],
    ['The closure of museums “must be considered” in the face of budget cuts, says a Kirklees officer.', 'partial', null, 'Kirklees officer', 'unnamed', 'must be considered'],
    ['Huge cuts to youth services risk creating a “lost generation” of young people, UNISON says today (Saturday).', 'partial', null, 'UNISON', 'document', 'lost generation'],
    ['The plans are ‘short-sighted’ and will cost the town dear, Jo Bell said.', 'partial', 'Jo Bell', null, 'named', 'short-sighted'],
    ['Bus users face a “bleak winter” as routes are withdrawn, the operator warned on Monday.', 'partial', null, 'operator', 'unnamed', 'bleak winter'],
  ])('%s', (text, ...expected) => {
    expect(all(text)).toEqual([expected]);
  });

  it.each([
    ['The ‘Caring Together’ strategy was launched in May, a year after the review.'],
    ['The “Caring Together” strategy was launched in May, a year after the review.'],
    ['The “Caring Together” strategy was launched in May, and Jo Bell chaired it.'],
  ])('leaves a name or a scare quote alone when the sentence cites nobody: %s', (text) => {
    expect(all(text)).toEqual([]);
  });

  it('keeps the speaker before the quote when there is one', () => {
    expect(all('Jo Bell called the plans “short-sighted” at the meeting, the paper reported.').map((q) => q.slice(0, 4))).toEqual([['partial', 'Jo Bell', null, 'named']]);
  });
});
