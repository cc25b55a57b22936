import { describe, it, expect } from 'vitest';
import { splitParagraphs } from '../../../src/knowledge/paragraphs.js';
import { extractQuotes } from '../../../src/knowledge/extract/quotes.js';

/** Ways a narrative sentence hands over to the quote after it that tune6 (real articles, eighth round) showed. */
const quotesOf = (...paragraphs: string[]) => extractQuotes(splitParagraphs(paragraphs.join('\n\n')));
const who = (...paragraphs: string[]) => quotesOf(...paragraphs).map((q) => [q.kind, q.speaker, q.role]);

describe('"reports, “…”": a verb of report and a comma hand over a quote', () => {
  it.each([
    ['Jo Bell, from the Westshire NUT, reports, “Over 80 schools are closed. Some are shut.”', 'Jo Bell'],
    ['Union rep Tom Hale reported, “The pickets were lively all day.”', 'Tom Hale'],
    ['Sam Reid of the GMB reports: “Nobody crossed the line.”', 'Sam Reid'],
  ])('%s', (text, speaker) => {
    expect(who(text).map((q) => q[1])).toEqual([speaker]);
  });

  it('gives an unnamed reporter as a role, and carries a multi-paragraph quote on', () => {
    expect(who('A teacher in east London reports, “Some 32 members held a picket.', '“Many came to give support.”')).toEqual([
      ['direct', null, 'teacher in east London'],
    ]);
  });

  it.each([['reports,'], ['said:'], ['told the rally:']])('never takes the place an unnamed speaker is in for a name ("A teacher in east London %s")', (verb) => {
    expect(who(`A teacher in east London ${verb} “Some 32 members held a picket.”`)).toEqual([['direct', null, 'teacher in east London']]);
    expect(who(`A nurse from north Wales ${verb} “We were all out.”`).map((q) => q[1])).toEqual([null]);
  });

  it('is a noun anywhere else: "Council reports show “about half” …" names nobody', () => {
    expect(who('Council reports show “about half” of the libraries will close.')).toEqual([]);
  });
});
