import { describe, it, expect } from 'vitest';
import { splitParagraphs } from '../../../src/knowledge/paragraphs.js';
import { extractQuotes } from '../../../src/knowledge/extract/quotes.js';
import { quotesOf } from './quotes-of.js';

/** Reported speech as real articles write it: no "that", and the attribution trailing as often as leading. */
const reported = (...paragraphs: string[]) =>
  quotesOf(...paragraphs)
    .filter((q) => q.kind === 'reported')
    .map((q) => [q.speaker, q.role, q.text, q.attribution]);

describe('reported speech without "that"', () => {
  it('takes the clause after "said" and gives it to the person named earlier', () => {
    expect(reported('Unison steward Linda Kaye has called a meeting.', 'Kaye said the union would ballot its 180 home care members.')).toEqual([
      ['Linda Kaye', 'Unison steward', 'the union would ballot its 180 home care members', 'named'],
    ]);
  });

  it('leaves out the person told: "told councillors", "told the committee"', () => {
    expect(reported('The council’s finance director, Owen Marsh, told councillors the gap could double by 2027.')).toEqual([
      ['Owen Marsh', 'finance director', 'the gap could double by 2027', 'named'],
    ]);
    expect(reported('Cllr Pat Lowe told the committee there were 2,979 responses.').map((q) => q[2])).toEqual(['there were 2,979 responses']);
  });

  it('reads an unnamed speaker and a body as the source, never a person', () => {
    expect(reported('A council spokeswoman said alternative places had been found for all of them.')).toEqual([
      [null, 'council spokeswoman', 'alternative places had been found for all of them', 'unnamed'],
    ]);
  });

  it('leaves out a time after the verb: "said this week"', () => {
    expect(reported('Jo Marsh said this week the council had not listened.').map((q) => q[2])).toEqual(['the council had not listened']);
  });

  it('ends the clause where the speaker goes on to do something else after a dash', () => {
    expect(reported('Romney Bell, secretary of the tenants’ association, said rent rises will heap pressure on people - and predicts the situation will get worse.').map((q) => q[2])).toEqual([
      'rent rises will heap pressure on people',
    ]);
  });

  it('is not speech when the verb takes a thing, a phrase or a name, not a clause', () => {
    expect(reported('Penrose Council has today confirmed changes to its respite service for carers.')).toEqual([]);
    expect(reported('The union has called for an urgent review of the plans.')).toEqual([]);
    expect(reported('The council said in a statement.')).toEqual([]);
    expect(reported('Jo Bell said no.')).toEqual([]);
  });

  it('is not speech when "said" is inside a relative clause', () => {
    expect(reported('The decision, which Jane Smith said was taken in secret, angered parents.')).toEqual([]);
    expect(reported('The plans Jane Smith said were unlawful will go to the cabinet next month.')).toEqual([]);
  });

  it('does not take a clause before "and have said" for a name: the group that opens the sentence said it', () => {
    expect(
      reported('The Friends of Bollington Library meanwhile are taking legal advice and have said they will also be contacting the department.').map((q) => [q[0], q[2]]),
    ).toEqual([[null, 'they will also be contacting the department']]);
  });

  it('gives "He said the council…" to nobody when two men fit', () => {
    expect(
      quotesOf('Tom Hale and Rob Kerr met the council leader.', 'He said the council had broken its promise to families.').map((q) => [q.speaker, q.attribution, q.confidence]),
    ).toEqual([[null, 'pronoun', 'low']]);
  });
});

describe('a trailing attribution', () => {
  it('takes the sentence before ", the council said" as the council’s', () => {
    expect(reported('Half the current respite budget will be spent on the new hub, the council said.')).toEqual([
      [null, 'council', 'Half the current respite budget will be spent on the new hub', 'document'],
    ]);
  });

  it('reads "has confirmed", "have warned", "says" and an inverted "said a paper to the cabinet"', () => {
    expect(
      reported(
        'The Hawthorn day centre will close at the end of March, the council has confirmed.',
        'More than 2,000 staff face a 12% cut in pay, union leaders have warned.',
        'A third of the service’s carers have left in the past year, the branch says.',
        'Adult social care will overspend by £4.2 million this year, said a paper to the cabinet.',
      ).map((q) => [q[1], q[2]]),
    ).toEqual([
      ['council', 'The Hawthorn day centre will close at the end of March'],
      ['union leaders', 'More than 2,000 staff face a 12% cut in pay'],
      ['branch', 'A third of the service’s carers have left in the past year'],
      ['a paper to the cabinet', 'Adult social care will overspend by £4.2 million this year'],
    ]);
  });

  it('keeps a leading clause with its own commas and lets only a document have "found"', () => {
    expect(reported('Of the 820 carers who responded, 410 said their own health had suffered, the survey found.')).toEqual([
      [null, 'the survey', 'Of the 820 carers who responded, 410 said their own health had suffered', 'document'],
    ]);
    expect(reported('The home was not safe for residents, inspectors found.')).toEqual([]);
  });

  it('gives "it added" to the body quoted before it', () => {
    expect(reported('Bus routes will be cut, the authority has announced.', 'The move would only affect routes which were not used very often, it added.').map((q) => q[1])).toEqual([
      'authority',
      'authority',
    ]);
  });

  it('reads a union branch or a union by name as a body, which "she" never means', () => {
    expect(
      quotesOf('Jo Bell runs the depot.', 'A third of carers have left, the branch says.', '“We are losing staff every week,” she said.').map((q) => [
        q.speaker, q.role, q.attribution,
      ]),
    ).toEqual([
      [null, 'branch', 'document'],
      ['Jo Bell', null, 'pronoun'],
    ]);
    expect(reported('The union Unison says it is a short-sighted move.').map((q) => q[3])).toEqual(['document']);
  });

  it('is not a passive "it has been announced"', () => {
    expect(reported('Three care homes will close next year, it has been announced.')).toEqual([]);
  });
});

describe('"According to …," leading the sentence', () => {
  it('takes the rest of the sentence as the document’s', () => {
    expect(reported('According to a report to the cabinet, hundreds of visits a week are already being handed to private agencies.')).toEqual([
      [null, 'a report to the cabinet', 'hundreds of visits a week are already being handed to private agencies', 'document'],
    ]);
  });
});

describe('a trailing attribution with a role after its own comma', () => {
  it('reads "…, said Kay Hoskins, chairwoman of Friends of Wiveliscombe Library."', () => {
    expect(
      reported('Under the new proposals, the library would open three days a week but keep its librarian, said Kay Hoskins, chairwoman of Friends of Wiveliscombe Library.'),
    ).toEqual([
      ['Kay Hoskins', 'chairwoman of Friends of Wiveliscombe Library', 'Under the new proposals, the library would open three days a week but keep its librarian', 'named'],
    ]);
  });

  it('does not reach past a comma that opens no verb of report', () => {
    expect(reported('The library, which opened in 1904, will close, residents fear.')).toEqual([]);
  });
});

describe('reported speech in tune3’s copy', () => {
  const reported = (text: string) => extractQuotes(splitParagraphs(text)).map((q) => [q.role ?? q.speaker, q.text]);

  it('reads "claimed" or "pledged" without "that" only when a clause follows', () => {
    expect(reported('Coleraine Borough Council claimed cutting back to one collection every four weeks was an opportunity.')).toEqual([
      ['Coleraine Borough Council', 'cutting back to one collection every four weeks was an opportunity'],
    ]);
    expect(reported('The council confirmed changes to its bin service.')).toEqual([]);
  });

  it('takes "that" only when no other verb stands between it and the verb of speech', () => {
    expect(reported('Unison say the authority pledged that staff would be re-employed.')).toEqual([['Unison', 'the authority pledged that staff would be re-employed']]);
  });

  it('ends the clause at a second predicate with no subject of its own', () => {
    expect(reported('Unions said that nobody wanted to see any centres close – but called for an end to the saga.').map((q) => q[1])).toEqual([
      'nobody wanted to see any centres close',
    ]);
    expect(reported('KAL said it had submitted notice of redundancies and gave a figure of 235 posts.').map((q) => q[1])).toEqual([
      'it had submitted notice of redundancies',
    ]);
  });
});
