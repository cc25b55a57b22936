import { describe, it, expect } from 'vitest';
import { quotesOf } from './quotes-of.js';

/** Partial quotes as real articles print them: in headlines and crossheads, put to a meeting, after a passive verb. */
const partials = (...paragraphs: string[]) =>
  quotesOf(...paragraphs).map((q) => [q.speaker, q.text, q.kind, q.paragraphs[0], q.attribution]);

describe('quoted words in a headline or crosshead', () => {
  it('are a partial quote with no speaker, single or double marks', () => {
    expect(partials('Worry over council housing rent hike being ‘tough’ on tenants', 'Rents will rise by 7% in April.')).toEqual([
      [null, 'tough', 'partial', 1, 'none'],
    ]);
    expect(partials('Pool campaigner’s anger as councillors "behave like children"', 'The pool will close.')).toEqual([
      [null, 'behave like children', 'partial', 1, 'none'],
    ]);
  });

  it('holds for a crosshead that is only the quoted words, which is not the last speaker’s speech', () => {
    expect(partials('Jo Bell said: “We will not give up.”', '‘Very dismayed’', 'The plans go to the cabinet in May.').slice(1)).toEqual([
      [null, 'Very dismayed', 'partial', 2, 'none'],
    ]);
  });

  it('leaves a scare quote in a sentence alone', () => {
    expect(partials('The ‘Caring Together’ strategy promised more support at home.')).toEqual([]);
  });
});

describe('quoted words put to a meeting', () => {
  it('are a partial quote whose speaker the sentence does not name', () => {
    expect(partials('Cabinet heard if the council failed to follow the rules, it could have ‘significant financial implications’.')).toEqual([
      [null, 'significant financial implications', 'partial', 1, 'none'],
    ]);
  });
});

describe('a passive verb of speech with its agent after the quote', () => {
  it('gives "were accused of ‘…’ by a campaigner" to the campaigner', () => {
    expect(
      quotesOf('Members of a council watchdog were accused of ‘behaving like children’ by a campaigner fighting to save his pool.').map((q) => [
        q.speaker, q.role, q.text, q.kind, q.attribution,
      ]),
    ).toEqual([[null, 'campaigner', 'behaving like children', 'partial', 'unnamed']]);
  });
});

describe('the full stop of the sentence inside a partial quote’s closing mark', () => {
  it('is not part of the quoted words', () => {
    expect(partials('Bus Users Shropshire said plans were "short-sighted."').map((q) => q[1])).toEqual(['short-sighted']);
  });

  it('stays in a direct quote, and an ellipsis stays in a partial one', () => {
    expect(partials('Jo Bell said: “We are angry.”').map((q) => q[1])).toEqual(['We are angry.']);
    expect(partials('Jo Bell called the offer “a start, but…”').map((q) => q[1])).toEqual(['a start, but…']);
  });
});

describe('reported speech from the second of two clauses', () => {
  it('takes the subject after "and" when what comes before is a clause', () => {
    expect(
      quotesOf('The library is well used and FOBL say 40 per cent of residents were members in 2023.').map((q) => [q.speaker, q.role, q.text]),
    ).toEqual([[null, 'FOBL', '40 per cent of residents were members in 2023']]);
  });
});

describe('partial quotes under the settled labelling rule (test/eval/README.md)', () => {
  it('takes words after a passive verb of speech with no agent as a partial quote with no speaker', () => {
    expect(partials('A council has been accused of a ‘rubbish’ service after bins were switched.')).toEqual([[null, 'rubbish', 'partial', 1, 'none']]);
    expect(partials('The council was accused of a “shambolic” switch.')).toEqual([[null, 'shambolic', 'partial', 1, 'none']]);
  });

  it('carries a speaker to a second partial quote in the same clause, never past a comma to a scare quote', () => {
    expect(partials('Cllr Thake said operators had failed to make routes “commercially viable” and the cost had become an “ever increasing burden” on the council.').map((q) => q[0])).toEqual([
      'Thake',
      'Thake',
    ]);
    expect(partials('Judges rejected claims by campaigners that the closure was “unlawful”, leading to fears that the “treasured” buildings will close.').map((q) => q[1])).toEqual([
      'unlawful',
    ]);
  });
});

describe('a second verb of speech joined by "and"', () => {
  it('gives its partial quote to the sentence’s subject', () => {
    expect(partials('In a statement, the council argued that the union’s position is “fraudulent” and accused it of “showboating for likes”.').map((q) => [q[1], q[4]])).toEqual([
      ['fraudulent', 'document'],
      ['showboating for likes', 'document'],
    ]);
  });
});
