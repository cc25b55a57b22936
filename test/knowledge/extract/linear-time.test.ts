import { describe, it, expect } from 'vitest';
import { splitParagraphs } from '../../../src/knowledge/paragraphs.js';
import { extractQuotes } from '../../../src/knowledge/extract/quotes.js';
import { leastCpuMs } from './cpu-time.js';

/**
 * One knowledge file may be up to 256 KB, and every reload extracts it. Bodies made of one phrase
 * repeated hit each quadratic path the quote extractor once had (~60 s for `Mr. `, 58 s for
 * `x Aaa Bbb `, 38 s for `he said ‘x’ `); each must now take well under a second (`leastCpuMs`: CPU time,
 * the least of up to three runs, so other work on a shared machine does not make the test flaky).
 */
const SIZE = 256 * 1024;
const BODIES = [
  'Mr. ', // every full stop an abbreviation: sentence splitting
  'x Aaa Bbb ', // a name after a lowercase word, over and over: people named in narrative
  'he said ‘x’ ', // single-quoted spans in one endless sentence: partial-quote attribution
  'said: “a” ', // thousands of quotes in one paragraph
  '“a” said Bo. ', // a trailing attribution after each
  '“a.” she said ', // pronouns to resolve, each after a full stop inside the mark
  'Ann Bee said that x ', // reported speech with no sentence end
  'Kaye said the union would ', // reported speech without "that", no sentence end
  'cuts, the council said, ', // trailing attributions, comma after comma
  'it is so and Bo say x ', // a clause, "and", then a subject
  'were accused of ‘x’ by a b ', // passive verbs of speech, each with an agent
  'Cabinet heard ‘x’ ', // partial quotes put to a meeting
  '‘x’\n\n', // crossheads of quoted words
  'Tom Hale and Ann Hale met. ', // people sharing a surname
  'Aaa’s Bbb Ccc ', // possessives before names
  'x, saying: ', // participles with no subject
  'a, , . . ', // punctuation runs that anchored-at-end patterns rescan
  "'a ", // straight single marks that never close
  'Added Bo: ', // inverted attributions
  'In a statement, she said: x. He added: y.\n\n', // many short paragraphs of unmarked speech
  'has been accused of ‘x’ ', // passive verbs of speech with no agent
  'Jo Bell said Tom Hale had told her: “a” ', // a verb of speech whose own subject stands between
  'Kier Starmer in weeks, who said ‘x’ ', // relative "who" before the verb
  'the Union Of Aaa, which says ‘x’ ', // relative "which" after a body
  'and accused it of “a” ', // a second verb of speech joined by "and"
  '“a,” said Jo Bell. Tom Hale left. “b” ', // continuations with someone named between
  'Jo Bell said x. Tom Hale y. She said: “z”\n\n', // pronouns with several people in play
  'Unison say the authority pledged that ', // "that" after another clause's verb
  'Aaa claimed x y z w v u t s r q ', // clause-or-thing verbs looking ahead for a finite verb
];

describe('quote extraction is linear in the body', () => {
  for (const unit of BODIES) {
    it(`extracts a 256 KB body of ${JSON.stringify(unit)} in under 1 s`, () => {
      const paragraphs = splitParagraphs(unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE));
      expect(leastCpuMs(() => extractQuotes(paragraphs), 1000)).toBeLessThan(1000);
    });
  }
});
