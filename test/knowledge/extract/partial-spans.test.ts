import { describe, it, expect } from 'vitest';
import { quotesOf } from './quotes-of.js';

/**
 * Partial quotes the sentence presents as someone's words (test/eval/README.md): after a verb that points to the
 * words as theirs, before a trailing attribution that covers every quoted phrase of the sentence, and in a second
 * predicate of the same subject. A scare quote stays unquoted.
 */
const partials = (...paragraphs: string[]) =>
  quotesOf(...paragraphs)
    .filter((q) => q.kind === 'partial')
    .map((q) => [q.speaker, q.text]);

describe('a verb that points to the words as someone’s', () => {
  it('"highlighted the “…”", in curly, straight and single marks', () => {
    expect(partials('Council officers highlighted the “challenging backdrop” the authority faced.')).toEqual([[null, 'challenging backdrop']]);
    expect(partials('Council officers highlighted the "challenging backdrop" the authority faced.')).toEqual([[null, 'challenging backdrop']]);
    expect(partials('Council officers highlighted the ‘challenging backdrop’ the authority faced.')).toEqual([[null, 'challenging backdrop']]);
  });

  it('gives every phrase after the verb to its subject, a named one included', () => {
    expect(partials('Cllr Jo Bell highlighted the “challenging backdrop” with “rising costs” and “falling income”.')).toEqual([
      ['Jo Bell', 'challenging backdrop'],
      ['Jo Bell', 'rising costs'],
      ['Jo Bell', 'falling income'],
    ]);
    expect(partials('Portfolio holder Cllr Jo Bell (Con) referred to a ‘root and branch review’ of bus services.')).toEqual([['Jo Bell', 'root and branch review']]);
  });

  it('"accusing … of a “fraudulent” position", "was today deemed to be “good”"', () => {
    expect(partials('The two have rowed for months, with the council accusing the union of holding a “fraudulent” position.')).toEqual([[null, 'fraudulent']]);
    expect(partials('The school was today deemed to be "good with outstanding features" in its latest Ofsted report.')).toEqual([[null, 'good with outstanding features']]);
  });

  it('leaves a scare quote alone where no such verb stands before it', () => {
    expect(partials('The ‘Caring Together’ strategy was highlighted in the report.')).toEqual([]);
    expect(partials('Residents welcomed the “new collection day” in May.')).toEqual([]);
  });
});

describe('a trailing attribution covers every quoted phrase of its sentence', () => {
  it('"the “terrible impact” of “mean” cuts, two councillors have claimed"', () => {
    expect(partials('Park users could be hit with the “terrible impact” of “mean” council cuts, two councillors have claimed.')).toEqual([
      [null, 'terrible impact'],
      [null, 'mean'],
    ]);
    expect(partials('Park users could be hit with the ‘terrible impact’ of ‘mean’ council cuts, two councillors have claimed.')).toEqual([
      [null, 'terrible impact'],
      [null, 'mean'],
    ]);
    expect(partials('Park users could be hit with the "terrible impact" of "mean" council cuts, Jo Bell said.')).toEqual([
      ['Jo Bell', 'terrible impact'],
      ['Jo Bell', 'mean'],
    ]);
  });

  it('not across a full stop: the attribution belongs to its own sentence', () => {
    expect(partials('The “Caring Together” plan starts in May. The cuts are “mean”, Jo Bell said.')).toEqual([['Jo Bell', 'mean']]);
  });
});

describe('a second predicate of the same subject', () => {
  it('"called the closure “difficult” – but welcomed the end of “inhumane” fears"', () => {
    expect(partials('Unions have called the closure “incredibly difficult” – but welcomed the end of “inhumane” redundancy fears.')).toEqual([
      [null, 'incredibly difficult'],
      [null, 'inhumane'],
    ]);
    expect(partials('Jo Bell called the closure "incredibly difficult", but welcomed the end of "inhumane" redundancy fears.')).toEqual([
      ['Jo Bell', 'incredibly difficult'],
      ['Jo Bell', 'inhumane'],
    ]);
  });

  it('not when the second clause has a subject of its own', () => {
    expect(partials('Jo Bell called the closure “a disgrace” but Tom Hale welcomed the “bold” plan.')).toEqual([['Jo Bell', 'a disgrace']]);
    expect(partials('Jo Bell called the closure “a disgrace” but he welcomed the “bold” plan.')).toEqual([['Jo Bell', 'a disgrace']]);
  });

  it('carries the speaker on through the same reported clause', () => {
    expect(partials('Jo Bell added that it had caused “tremendous stress” and that it was “inhumane to wait”.')).toEqual([
      ['Jo Bell', 'tremendous stress'],
      ['Jo Bell', 'inhumane to wait'],
    ]);
  });
});

describe('words a crowd is calling on someone to do', () => {
  it('"protestors who were calling on them to “save our leisure centres”"', () => {
    expect(partials('Councillors were met by protestors who were calling on them to “save our leisure centres”.')).toEqual([[null, 'save our leisure centres']]);
  });
});

describe('words a sentence says someone named a thing', () => {
  it('a participle of naming opening the sentence: "Referred to as a “bedding in period”, it …"', () => {
    expect(partials('Referred to as a “bedding in period”, it will apply between 12 May and 23 June.')).toEqual([[null, 'bedding in period']]);
    expect(partials('Dubbed "the cuts budget", it passed by one vote.')).toEqual([[null, 'the cuts budget']]);
    expect(partials('Described as ‘a lifeline’, the bus runs twice a week.')).toEqual([[null, 'a lifeline']]);
  });

  it('"a self-proclaimed “brilliant” councillor": the person’s own word', () => {
    expect(partials('A self-proclaimed “brilliant” councillor has proposed to cut the pothole budget.')).toEqual([[null, 'brilliant']]);
    expect(partials('A self-styled ‘people’s champion’ has proposed to cut the pothole budget.')).toEqual([[null, 'people’s champion']]);
  });

  it('"so-called" stays a scare quote', () => {
    expect(partials('The so-called “social enterprise” will run the library.')).toEqual([]);
    expect(partials('The so-called ‘social enterprise’ will run the library.')).toEqual([]);
  });
});
