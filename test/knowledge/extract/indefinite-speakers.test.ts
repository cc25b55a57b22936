import { describe, it, expect } from 'vitest';
import { quotesOf } from './quotes-of.js';

/**
 * "said one parent from Redgrave, whose children would be …" and "Another parent from Barrow" (tune7): an unnamed
 * speaker with "one" or "another" and a place, and a relative clause after a trailing attribution's subject, which
 * describes the speaker and is no part of who they are (ninth round).
 */
const all = (...paragraphs: string[]) => quotesOf(...paragraphs).map((q) => [q.speaker, q.role, q.attribution]);

describe('a relative clause after the speaker of a trailing attribution', () => {
  it.each([
    ['“It is a huge one,” said one parent from Redgrave, whose children would be provided transport to Diss under the new scheme.', 'one parent from Redgrave'],
    ['“It is a huge one,” said a parent from Redgrave, whose children would be provided transport to Diss under the new scheme.', 'parent from Redgrave'],
    ['“It is a huge one,” said another parent from Barrow, who has two children at the school and works nights in town.', 'another parent from Barrow'],
    ['“We were never asked,” says a carer from Hove, which is to lose both of its day centres by the end of next year.', 'carer from Hove'],
  ])('%s', (text, role) => {
    expect(all(text)).toEqual([[null, role, 'unnamed']]);
  });

  it('keeps a named speaker whose relative clause runs long', () => {
    expect(all('“It is a huge one,” said Jo Bell, who chairs the parents’ forum and has two children at the school in town.')).toEqual([
      ['Jo Bell', null, 'named'],
    ]);
  });

  it('still names nobody when the relative clause holds the other person', () => {
    expect(all('“It is a huge one,” said Jo Bell, who Tom Hale had asked to speak for the parents at the meeting.').map(([s]) => s)).not.toContain('Tom Hale');
  });
});

describe('"one" or "another" before an unnamed speaker from a place', () => {
  it.each([
    ['One parent from Redgrave said: “It is a huge one.”', 'One parent from Redgrave'],
    ['“It is a huge one,” said one parent from Redgrave.', 'one parent from Redgrave'],
    ['Another resident from Hove said the bins had not been emptied for a month.', 'Another resident from Hove'],
  ])('%s', (text, role) => {
    expect(all(text)).toEqual([[null, role, 'unnamed']]);
  });


  it('keeps two such speakers apart, so "she" after both names nobody', () => {
    const qs = all('“It is a huge one,” said one parent from Redgrave.', 'Another parent from Barrow raised a concern about feeder schools.', '“It is rubbish,” she said.');
    expect(qs.at(-1)).toEqual([null, null, 'pronoun']);
  });

  it.each([
    ['A parent from Barrow raised a concern about feeder schools.'],
    ['Another resident, from Hove, complained about the missed collections.'],
    ['A woman living nearby was shocked by the closure.'],
  ])('an unnamed person opening a sentence is in play for "she" after a named speaker: %s', (sentence) => {
    const qs = all('“It is a huge one,” said Jo Bell.', sentence, '“It is rubbish,” she said.');
    expect(qs.at(-1)?.[0]).toBeNull();
  });

  it('leaves a sentence opening with a thing alone', () => {
    const qs = all('“It is a huge one,” said Jo Bell.', 'A bus service between the towns was scrapped in May.', '“It is rubbish,” she said.');
    expect(qs.at(-1)?.[0]).toBe('Jo Bell');
  });
});
