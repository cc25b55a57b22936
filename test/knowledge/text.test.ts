import { describe, expect, it } from 'vitest';
import { markedPlaceWords } from '../../src/knowledge/text.js';

/** The words place names are looked for in: plain words take a shorter path than the rest, and both must agree. */
describe('markedPlaceWords', () => {
  it('marks capitals and normalises plain and accented words, apostrophes and ampersands alike', () => {
    expect(markedPlaceWords('Cuts in St Helens & Knowsley hit 2,000 carers')).toBe('^cuts in ^st ^helens and ^knowsley hit 2 000 carers');
    expect(markedPlaceWords('Ynys Môn, B’ham and O’Neill’s Ébène ÅLAND café')).toBe('^ynys ^mon ^bham and ^oneills ^ebene ^aland cafe');
    expect(markedPlaceWords('x² ½ ﬁne İstanbul')).toBe('x2 1 2 fine ^istanbul');
  });
});
