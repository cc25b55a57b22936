import { describe, it, expect } from 'vitest';
import { splitParagraphs } from '../../../src/knowledge/paragraphs.js';
import { extractQuotes } from '../../../src/knowledge/extract/quotes.js';
import { quotesOf } from './quotes-of.js';

/** Ways a narrative sentence hands over to the quote after it that tune6 (real articles, eighth round) showed. */
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

describe('a colon after a clause whose subject is one person hands the quote to them, whatever the verb', () => {
  it.each([
    ['Making his first speech as council leader, Coun Tom Hale introduced the budget for the year: “We meet under the shadow of a crisis.”', 'Tom Hale'],
    ['Jo Bell then turned to the library closures: “They are a disgrace.”', 'Jo Bell'],
    ['On Monday night union organiser Sam Reid summed up the mood: “Nobody is going back.”', 'Sam Reid'],
  ])('%s', (text, speaker) => {
    expect(who(text).map((q) => q[1])).toEqual([speaker]);
  });

  it('takes the subject, not the person addressed, when a trailing pronoun agrees ("X had a message for Y: “…,” she said")', () => {
    expect(
      who('Ms Jo Bell said the park mattered.', 'Ms Bell also had a message for council leader Tom Hale: “Fix the issues you caused,” she said.').map((q) => q[1]),
    ).toEqual(['Jo Bell', 'Jo Bell']);
  });

  it.each([
    ['Jo Bell read out a letter from Tom Hale: “The library will close.”'],
    ['Jo Bell quoted the minister: “The library will close.”'],
    ['Jo Bell shared a post by a resident: “The library will close.”'],
    ['Jo Bell and Tom Hale set out their case: “The library must stay open.”'],
    ['The banner held by Jo Bell read: “Save our library.”'],
  ])('names nobody when the words may be someone else’s: %s', (text) => {
    expect(who(text).map((q) => q[1])).toEqual([null]);
  });
});

describe('", adding: “…”" after a quoted phrase in the same sentence', () => {
  it.each([
    ['Tom Hale is a cabinet member.', 'He criticised his own authority for the "zero advance notice", adding: "Good manners cost nothing."', 'Tom Hale'],
    ['Jo Bell chairs the forum.', 'She called the plan “a shambles”, saying: “Nobody asked us.”', 'Jo Bell'],
  ])('%s %s', (first, second, speaker) => {
    const direct = quotesOf(first, second).filter((q) => q.kind === 'direct');
    expect(direct.map((q) => q.speaker)).toEqual([speaker]);
  });

  it('gives nobody the quote when the quoted phrase’s speaker and the subject differ and nothing says which', () => {
    const direct = quotesOf('Jo Bell and Tom Hale spoke.', 'They called it “a shambles”, adding: “Nobody asked us.”').filter((q) => q.kind === 'direct');
    expect(direct.map((q) => q.speaker)).toEqual([null]);
  });
});

describe('a pronoun closing a noun phrase before its verb ("a situation she described as “…”") is the subject', () => {
  it.each([
    ['a situation she described as “ridiculous” for the UK', 'Jo Bell'],
    ['a move he called “short-sighted”', 'Tom Hale'],
    ['which she branded “a disgrace”', 'Jo Bell'],
  ])('… %s', (tail, speaker) => {
    const first = speaker === 'Jo Bell' ? 'Redcar MP Jo Bell said schools were in a crisis' : 'Council leader Mr Tom Hale said the cuts would go ahead';
    const qs = quotesOf(`Last night, ${first}, ${tail}.`, `${speaker === 'Jo Bell' ? 'She' : 'He'} also added the area will lose £4.3m by 2020.`);
    // A sentence holding a partial quote gets no reported quote as well (the labelling rules).
    expect(qs.map((q) => [q.kind, q.speaker])).toEqual([
      ['partial', speaker],
      ['reported', speaker],
    ]);
    expect(qs.map((q) => q.role)).not.toContainEqual(expect.stringMatching(/\b(?:he|she)$/));
  });

  it('names nobody when the pronoun could be either of two people', () => {
    const qs = quotesOf('Jo Bell met Sam Reid on Monday, a meeting she described as “frank”.');
    expect(qs.filter((q) => q.kind === 'partial').map((q) => q.speaker)).toEqual([null]);
  });
});

describe('an embedded post between two paragraphs of one quote', () => {
  const post = 'Due to budget cuts @westshirecc have this week closed the toilets. Apologies to all park users. pic.twitter.com/Z5qKc21ahG — Tom Hale (@TomHale2) September 27, 2019';
  it.each([
    [post],
    ['The library is closing and nobody told us. — Sam Reid (@samreid) March 3, 2024'],
  ])('does not end the quote: %s', (middle) => {
    const qs = quotesOf('Councillor Jo Bell, lead member for parks, said: "We looked at a number of options to keep the toilets open.', middle, '"However, this has not been possible."');
    expect(qs.map((q) => [q.speaker, q.paragraphs, q.text])).toEqual([
      ['Jo Bell', [1, 3], 'We looked at a number of options to keep the toilets open. However, this has not been possible.'],
    ]);
  });

  it('a narrative paragraph still ends an unclosed quote', () => {
    const qs = quotesOf('Councillor Jo Bell said: "We looked at options.', 'The park was created in 1900 and Tom Hale visited it on 27 September 2019.', '"However, this has not been possible."');
    expect(qs.map((q) => q.paragraphs)).toEqual([[1], [3]]);
  });
});

describe('a middle initial without a full stop', () => {
  it.each([
    ['Councillor David A Bithell, lead member for environment, said: “We looked at options.”', 'David A Bithell'],
    ['Unison steward Jo K Bell said: “We looked at options.”', 'Jo K Bell'],
  ])('%s', (text, speaker) => {
    expect(who(text).map((q) => q[1])).toEqual([speaker]);
  });

  it('is the same person as the name without it, and a capital "A" opening a sentence is no initial', () => {
    expect(who('Councillor David A Bithell said: “We looked.”', 'A council spokesman said: “It closed.”', 'Mr Bithell added: “Sorry.”').map((q) => q[1])).toEqual([
      'David A Bithell', null, 'David A Bithell',
    ]);
  });
});

/** A body opening the sentence is the subject of a verb of speech joined on by "and" (tune7, ninth round). */
describe('"… and says it will “…”" after a body opening the sentence', () => {
  const partialsOf = (text: string) => extractQuotes(splitParagraphs(text)).map((q) => [q.kind, q.speaker, q.role, q.attribution]);
  it.each([
    ['The Independent Alliance argue that the closure is so the council can save money - about £1m a year - and says it will "fight all the way" against it.', 'Independent Alliance'],
    ['Unison has balloted its members and says they will “not stand by” while jobs go.', 'Unison'],
    ['Save Elm Park has written to the council and says it will “fight to the end” for the park.', 'Save Elm Park'],
  ])('%s', (text, body) => {
    expect(partialsOf(text)).toEqual([['partial', null, body, 'document']]);
  });

  it('still names nobody when a person stands between', () => {
    expect(partialsOf('Unison met Jo Bell on Monday and says it will “not stand by” while jobs go.').map((q) => q[1])).toEqual([null]);
  });
});
