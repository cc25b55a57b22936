import { describe, it, expect } from 'vitest';
import { splitParagraphs } from '../../../src/knowledge/paragraphs.js';
import { extractQuotes } from '../../../src/knowledge/extract/quotes.js';
import { quotesOf } from './quotes-of.js';

/**
 * A clause reported by a participle of speech after the main clause ("… criticised the policy, arguing that less street
 * lighting would lead to …", tune7; "… hit back, stating that no such promise was given", tune3): the main clause's
 * subject reports it (ninth round).
 */
const all = (...paragraphs: string[]) => quotesOf(...paragraphs).map((q) => [q.kind, q.speaker, q.role, q.attribution, q.text]);

describe('", arguing that …" after the main clause', () => {
  it.each([
    ['Road safety and motoring organisations criticised the policy, arguing that less street lighting would lead to more accidents and more crime.', null, 'Road safety and motoring organisations', 'unnamed', 'less street lighting would lead to more accidents and more crime'],
    ['Swansea Council has dismissed the claims and hit back, stating that no such promise on jobs was given.', null, 'Swansea Council', 'document', 'no such promise on jobs was given'],
    ['Jo Bell defended the decision, saying the council had no choice but to close the library.', 'Jo Bell', null, 'named', 'the council had no choice but to close the library'],
  ])('%s', (text, ...expected) => {
    expect(all(text)).toEqual([['reported', ...expected]]);
  });

  it('keeps the name unsure when another person is named before the participle', () => {
    const [q] = extractQuotes(splitParagraphs('Jo Bell met Tom Hale on Monday, saying that the library would have to close.'));
    expect(q?.speaker === 'Tom Hale' || q?.confidence === 'low' || q === undefined).toBe(true);
  });

  it.each([
    ['The council closed the library, saying goodbye to its staff.'],
    ['Jo Bell wrote a report arguing against the cuts to the service.'],
  ])('reports nothing without a clause: %s', (text) => {
    expect(all(text)).toEqual([]);
  });
});
