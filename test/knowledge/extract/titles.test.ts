import { describe, it, expect } from 'vitest';
import { quotesOf } from './quotes-of.js';

const who = (...paragraphs: string[]) => quotesOf(...paragraphs).map((q) => [q.speaker, q.confidence]);

// A title run into the name made a three-word speaker ("Provost Jo Hale"), which the name-shape
// doubt then showed as "speaker not clear", and the surname later in the article found no one.
describe('titles of office, church, court and police before a name', () => {
  const titles = ['Provost', 'Reverend', 'Judge', 'Pastor', 'Imam', 'Sergeant', 'Constable', 'Superintendent', 'Mx'];

  it.each(titles)('"%s Jo Hale said:" is Jo Hale, sure', (title) => {
    expect(who(`${title} Jo Hale said: “The cuts are wrong and we will fight them.”`)).toEqual([['Jo Hale', 'high']]);
  });

  it.each(titles)('"%s Hale" later in the article is the Jo Hale named before', (title) => {
    expect(
      who(
        'Jo Hale, who chairs the residents’ group, said: “The library is the heart of this town.”',
        'Sam Price, the council’s cabinet member, said: “We have no choice with this budget.”',
        `${title} Hale added: “Nobody asked the people who use it.”`,
      ),
    ).toEqual([
      ['Jo Hale', 'high'],
      ['Sam Price', 'high'],
      ['Jo Hale', 'high'],
    ]);
  });

  it('keeps "Dean" a first name: "Dean Hale said:" is Dean Hale', () => {
    expect(who('Dean Hale said: “The cuts are wrong and we will fight them.”')).toEqual([['Dean Hale', 'high']]);
  });
});
