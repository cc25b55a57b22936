import { describe, it, expect } from 'vitest';
import { quotesOf } from './quotes-of.js';

/**
 * Reported speech whose attribution is not "Subject said …" at the start of the sentence: a verb joined to an
 * earlier one of the same subject, a participle, a subject inside a subordinate clause, an aside between subject
 * and verb, an attribution set off by commas. Each is the source's words by the speech-verb rule
 * (test/eval/README.md), so a member asking what they said should find it.
 */
const reported = (...paragraphs: string[]) =>
  quotesOf(...paragraphs)
    .filter((q) => q.kind === 'reported')
    .map((q) => [q.speaker, q.text]);

describe('a verb of speech joined to an earlier verb of the same subject', () => {
  it('"… and have said", "… and has said that"', () => {
    expect(reported('The Friends of Elm Library meanwhile are taking legal advice and have said they will also write to the minister.')).toEqual([
      [null, 'they will also write to the minister'],
    ]);
    expect(reported('It has instead carried out a consultation and has said that it will work with other operators.')).toEqual([
      [null, 'it will work with other operators'],
    ]);
  });

  it('"… provided funding, but warned …" after an opening phrase', () => {
    expect(reported('Earlier this year, Westshire Council provided the trust with £6.1m, but warned the trust could only expect £2.5m a year.')).toEqual([
      [null, 'the trust could only expect £2.5m a year'],
    ]);
  });

  it('gives the joined verb to the person who opens the sentence', () => {
    expect(reported('Jo Bell backed the petition and has said the library must stay open.')).toEqual([['Jo Bell', 'the library must stay open']]);
  });
});

describe('a participle of speech after the main clause', () => {
  it('", stating that …", " saying that …", ", warning …" take the main clause’s subject', () => {
    expect(reported('Westshire Council has dismissed the claims and hit back, stating that no such promise on jobs was given.')).toEqual([
      [null, 'no such promise on jobs was given'],
    ]);
    expect(reported('But committee chairman Cllr Tom Hale refuted the claim saying that opposition councillors will always blame the administration.')).toEqual([
      ['Tom Hale', 'opposition councillors will always blame the administration'],
    ]);
    expect(reported('Unison has written to the council, warning the service will collapse by the summer.')).toEqual([[null, 'the service will collapse by the summer']]);
  });

  it('reads no clause from "warning of …" or "arguing against …"', () => {
    expect(reported('Unison has written to the council, warning of cuts to come.')).toEqual([]);
    expect(reported('Unison has written to the council, arguing against the cuts.')).toEqual([]);
  });
});

describe('a subject after the sentence’s first clause', () => {
  it('"… are celebrating after Westshire County Council told them …"', () => {
    expect(reported('Campaigners are celebrating after Westshire County Council told them it was looking at new plans.')).toEqual([
      [null, 'it was looking at new plans'],
    ]);
    expect(reported('The issue has come under the spotlight after Banbridge District Council revealed waste would be collected once a month.')).toEqual([
      [null, 'waste would be collected once a month'],
    ]);
  });

  it('"… after the council admitted …": a body by a common noun reports its clause (relabel4\'s ruling, the labelled set\'s farley-gmb-site)', () => {
    expect(reported('GMB members have won back pay after the council admitted it had underpaid sleep-in shifts.')).toEqual([[null, 'it had underpaid sleep-in shifts']]);
  });

  it('"… will come into effect and the council claims …"', () => {
    expect(reported('The changes will come into effect from April and the council claims 91% of passengers will be unaffected.')).toEqual([
      [null, '91% of passengers will be unaffected'],
    ]);
  });
});

describe('a word between subject and verb', () => {
  it('"the council now claims it needs …", "has since claimed"', () => {
    expect(reported('When taking extra help into account, the council now claims it needs to make £87.5m of cuts.')).toEqual([
      [null, 'it needs to make £87.5m of cuts'],
    ]);
    expect(reported('The Labour group, who voted the rise through, has since claimed the walk-out was staged but this has been denied.')).toEqual([
      [null, 'the walk-out was staged'],
    ]);
  });

  it('reads the verb after an aside that holds a verb of its own', () => {
    expect(
      reported('Tory leader Tom Hale, who put forward a budget which he claimed would have saved the libraries, said the report had been too long to read.'),
    ).toEqual([['Tom Hale', 'the report had been too long to read']]);
  });
});

describe('an attribution set off by commas', () => {
  // Ruling (relabel4): an attribution inside a reported clause is cut out and the parts joined by a space.
  it('"This, he said, had not happened": the clause without its attribution, its subject kept, the pronoun’s speaker', () => {
    expect(reported('Tom Hale chairs the bus users’ group.', 'This, he said, had not happened and the operators now ran a cartel.')).toEqual([
      ['Tom Hale', 'This had not happened and the operators now ran a cartel'],
    ]);
    expect(reported('The measures, the authority said, are designed to save another £25m.')).toEqual([[null, 'The measures are designed to save another £25m']]);
    expect(reported('Jo Bell runs the branch.', 'The new rota, she claimed, would leave two carers for forty homes.')).toEqual([
      ['Jo Bell', 'The new rota would leave two carers for forty homes'],
    ]);
    expect(reported('Those plans, Unison warned, will close every day centre by May.')).toEqual([[null, 'Those plans will close every day centre by May']]);
  });

  it('is not an aside when the commas set off a name or a role', () => {
    expect(reported('Tom Hale, the chairman, said the group would meet.')).toEqual([['Tom Hale', 'the group would meet']]);
  });
});

describe('more subjects and verbs a reported clause follows', () => {
  it('a bullet opening the paragraph is not quoted text', () => {
    expect(reported('• Some 199 routes were cut in the last year alone, report says')).toEqual([[null, 'Some 199 routes were cut in the last year alone']]);
    expect(reported('• Jo Bell said the routes would be restored by May.')).toEqual([['Jo Bell', 'the routes would be restored by May']]);
  });

  it('"… by angry parish councillors who said …": the role before "who"', () => {
    expect(reported('Their arguments were shouted down by angry parish councillors who said the school had not been given a fair chance.')).toEqual([
      [null, 'the school had not been given a fair chance'],
    ]);
  });

  it('"insist" with a plural subject', () => {
    expect(reported('But council chiefs insist they cannot afford to keep the sites open.')).toEqual([[null, 'they cannot afford to keep the sites open']]);
  });

  it('never names a place as a person before an aside: "GMB London, which …, says"', () => {
    expect(reported('GMB London, which represents members, says pay has fallen since 2019.').filter((q) => q[0] !== null)).toEqual([]);
  });

  it('reads no clause from a headline verb with a preposition after it: "warns over"', () => {
    expect(reported('Union warns over leisure centre redundancies')).toEqual([]);
    expect(reported('Unison warns against library closures in the county')).toEqual([]);
  });
});

describe('two people or a person told, never the wrong one named', () => {
  it('"… after Jo Bell and Tom Hale said …" is said together: nobody named', () => {
    expect(reported('The plan was approved after Jo Bell and Tom Hale said it was needed.').filter((q) => q[0] !== null)).toEqual([]);
    expect(reported('The library is well used and Tom Hale says it must stay open.')).toEqual([['Tom Hale', 'it must stay open']]);
  });

  it('"The plans, Tom Hale told Jo Bell, are unlawful": the clause without the aside, never "Bell, are …"', () => {
    expect(reported('The plans, Tom Hale told Jo Bell, are unlawful and must go.').map((q) => q[1])).toEqual(['The plans are unlawful and must go']);
    expect(reported('The plans, he told councillors, are unlawful and must go.').map((q) => q[1])).toEqual(['The plans are unlawful and must go']);
  });
});
