import { describe, it, expect } from 'vitest';
import { findDoubleQuotes } from '../../../src/knowledge/extract/text.js';
import { quotesOf } from './quotes-of.js';

const who = (...paragraphs: string[]) =>
  quotesOf(...paragraphs).map((q) => [q.text, q.speaker, q.paragraphs, q.attribution]);

describe('a quote whose opening mark the page lost', () => {
  it('runs from the paragraph start when the first mark closes speech', () => {
    const text = 'We must draw a line," he said. "We must balance the budget," said Cllr Thake.';
    expect(findDoubleQuotes(text).map((s) => text.slice(s.start, s.end))).toEqual(['We must draw a line,', 'We must balance the budget,']);
    // An opening mark after a space is still an opening mark.
    const called = 'He called it "fine," and left.';
    expect(findDoubleQuotes(called).map((s) => called.slice(s.start, s.end))).toEqual(['fine,']);
  });

  it('attributes both quotes, and the next quote paragraph, to the speaker', () => {
    expect(
      who(
        'Cllr Richard Thake is the transport portfolio holder.',
        'As a council we have little power. We have to draw a line somewhere," he said. "As hard as it is we have to balance the budget," said Cllr Thake.',
        '"It may be the only way to bring the operators to heel."',
      ),
    ).toEqual([
      ['As a council we have little power. We have to draw a line somewhere', 'Richard Thake', [2], 'pronoun'],
      ['As hard as it is we have to balance the budget', 'Richard Thake', [2], 'named'],
      ['It may be the only way to bring the operators to heel.', 'Richard Thake', [3], 'continued'],
    ]);
  });
});
