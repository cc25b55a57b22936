import { describe, it, expect } from 'vitest';
import { splitParagraphs } from '../../../src/knowledge/paragraphs.js';
import { extractQuotes } from '../../../src/knowledge/extract/quotes.js';

/**
 * Issue 9, sixth round: the clause-split rule ("Jo Bell backed the plan but Tom Hale said") gives the subject
 * after the last conjunction. These cases try to break it: an "and" inside an aside, a person set off by commas
 * before "and", a list of people. The speaker is the one the sentence names as speaking, or nobody.
 */
const speaker = (text: string) => extractQuotes(splitParagraphs(text)).at(-1)!.speaker;

describe('an "and" that joins no clause', () => {
  it.each([
    ['Jo Bell, backed by union members and Tom Hale, said: “We will fight.”', 'Jo Bell'],
    ['Jo Bell, supported by residents and councillor Tom Hale, said: “We will fight.”', 'Jo Bell'],
    ['Jo Bell, flanked by residents and Tom Hale, told the rally: “We will fight.”', 'Jo Bell'],
    ['Jo Bell, joined by Tom Hale and Sam Reid, said: “We will fight.”', 'Jo Bell'],
    ['“We will fight,” said Jo Bell, backed by union members and Tom Hale.', 'Jo Bell'],
    ['Jo Bell, speaking with residents and Tom Hale, said: “We will fight.”', 'Jo Bell'],
    ['Coun Kim Snape, Labour and Co-operative member for Chorley, said: “We will fight.”', 'Kim Snape'],
    ['Sarah Owen, Labour’s prospective parliamentary candidate for Hastings and Rye who organised the petition, said: “We won.”', 'Sarah Owen'],
  ])('%s', (text, right) => {
    expect(speaker(text)).toBe(right);
  });

  it.each([
    ['Jo Bell, the newly appointed chair, and Tom Hale said: “We will fight.”'],
    ['Jo Bell, a retired teacher, and Tom Hale said: “We will fight.”'],
    ['Jo Bell, Tom Hale and Sam Reid said: “We will fight.”'],
    ['Jo Bell, who chairs the committee and Tom Hale, who leads the council, said: “We agree.”'],
    ['People like Jo Bell and Tom Hale said: “We will fight.”'],
  ])('two or more speakers: nobody: %s', (text) => {
    expect(speaker(text)).toBeNull();
  });

  it.each([
    ['Jo Bell welcomed the news and Tom Hale, the leader, said: “We will fight.”', 'Tom Hale'],
    ['Jo Bell is a campaigner and Tom Hale said: “We will fight.”', 'Tom Hale'],
    ['Tom Hale left the meeting, and Jo Bell, the chair, said: “It will close.”', 'Jo Bell'],
  ])('a clause of its own before the speaker’s still splits: %s', (text, right) => {
    expect(speaker(text)).toBe(right);
  });
});
