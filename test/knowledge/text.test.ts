import { describe, expect, it } from 'vitest';
import { clip, markedPlaceWords, normalize, terms } from '../../src/knowledge/text.js';

/** The words place names are looked for in: plain words take a shorter path than the rest, and both must agree. */
describe('markedPlaceWords', () => {
  it('marks capitals and normalises plain and accented words, apostrophes and ampersands alike', () => {
    expect(markedPlaceWords('Cuts in St Helens & Knowsley hit 2,000 carers')).toBe('^cuts in ^st ^helens and ^knowsley hit 2 000 carers');
    expect(markedPlaceWords('Ynys Môn, B’ham and O’Neill’s Ébène ÅLAND café')).toBe('^ynys ^mon ^bham and ^oneills ^ebene ^aland cafe');
    expect(markedPlaceWords('x² ½ ﬁne İstanbul')).toBe('x2 1 2 fine ^istanbul');
  });

  it('reads astral letters, lone surrogates and apostrophes at the edges of words as the pattern /[\\p{L}\\p{N}’]+/u does', () => {
    expect(markedPlaceWords('𝐀bc 😀Leeds \uD800York ’Tis Bury’ `Ayr`')).toBe('^abc ^leeds ^york tis ^bury ayr');
  });
});

/** What a member types and what every index holds are normalised by one function, in one pass for ASCII text. */
describe('normalize and terms', () => {
  it('drops apostrophes inside a word, spells "&" as "and" and collapses punctuation, ASCII or not', () => {
    expect(normalize("  B'ham&Solihull -- A&E, don’t  ")).toBe('bham and solihull a and e dont');
    expect(normalize('&')).toBe('and');
    expect(normalize("'’`")).toBe('');
    expect(normalize('Ysbyty Gwynedd’s Zürich-İstanbul ½')).toBe('ysbyty gwynedds zurich istanbul 1 2');
    expect(terms("The council's carers & libraries' cuts")).toEqual(['council', 'carer', 'library', 'cut']);
  });
});

describe('clip, the one clip for answers, Discord and reminders', () => {
  it('never leaves a backslash that would escape its ellipsis, nor half a surrogate pair', () => {
    expect(clip('ab\\*cd efgh', 4)).toBe('ab…');
    expect(clip(`${'a'.repeat(8)}😀 and more`, 10)).toBe(`${'a'.repeat(8)}…`);
    expect(clip('short', 10)).toBe('short');
    expect(clip('anything', 1)).toBe('…');
    for (const text of ['Families are frightened, said Jo Marsh, chair of the forum.', 'x'.repeat(300)]) {
      for (const max of [5, 20, 40, 100]) expect(clip(text, max).length).toBeLessThanOrEqual(max);
    }
  });
});
