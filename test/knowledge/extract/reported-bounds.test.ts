import { describe, it, expect } from 'vitest';
import { quotesOf } from './quotes-of.js';

/**
 * Where a reported clause starts and ends (test/eval/README.md: the clause after the verb of speech). A member is
 * shown the clause as the source's words: a clause cut short drops what they said, one run on puts the
 * reporter's next sentence in their mouth.
 */
const reported = (...paragraphs: string[]) =>
  quotesOf(...paragraphs)
    .filter((q) => q.kind === 'reported')
    .map((q) => q.text);

describe('where a reported clause starts', () => {
  it('keeps "this" and "last" when they open the clause, not a time', () => {
    expect(reported('A report by council officers said this was due to compensate for lost revenue.')).toEqual(['this was due to compensate for lost revenue']);
    expect(reported('GMB claims this is the real reason for the missed collections.')).toEqual(['this is the real reason for the missed collections']);
    expect(reported('Jo Marsh said last orders would be called at ten from now on.')).toEqual(['last orders would be called at ten from now on']);
  });

  it('still leaves out a time after the verb', () => {
    expect(reported('Jo Marsh said this week the council had not listened.')).toEqual(['the council had not listened']);
    expect(reported('Jo Marsh said last night the council had not listened.')).toEqual(['the council had not listened']);
    expect(reported('Jo Marsh said this morning that the council had not listened.')).toEqual(['the council had not listened']);
    expect(reported('Jo Marsh said on Monday the council had not listened.')).toEqual(['the council had not listened']);
  });

  it('leaves out "that" followed by a comma', () => {
    expect(reported('Councillor Tom Hale said that, ironically, the new pitch was handed over this week.')).toEqual(['ironically, the new pitch was handed over this week']);
    expect(reported('Councillor Tom Hale said that , sadly, the pool would shut.')).toEqual(['sadly, the pool would shut']);
  });
});

describe('where a reported clause ends', () => {
  it('ends before "as they vowed …": the speaker’s next act, not their words', () => {
    expect(reported('Campaigners have said they will consider legal action against the council as they vowed to fight on.')).toEqual([
      'they will consider legal action against the council',
    ]);
    expect(reported('Jo Marsh said the union would ballot its members, as she warned of more strikes.')).toEqual(['the union would ballot its members']);
  });

  it('keeps an "as" clause that is part of what was said', () => {
    expect(reported('Jo Marsh said she would be worried as he would have to walk in the dark.')).toEqual(['she would be worried as he would have to walk in the dark']);
  });

  it('ends before a dash and a new subject, but keeps a pronoun after the dash', () => {
    expect(reported('Mrs Blood said that she would fight on – and the board of governors are understood to be considering an appeal.')).toEqual(['she would fight on']);
    expect(reported('Mrs Blood said she would fight on - and a second school is also considering an appeal.')).toEqual(['she would fight on']);
    expect(reported('Rose Hill said the council was committed to repairs - and they should be happy to pay for that.')).toEqual([
      'the council was committed to repairs - and they should be happy to pay for that',
    ]);
  });

  it('ends before "and now wants": a second predicate of the speaker', () => {
    expect(reported('The developer has argued the council should have decided earlier and now wants an inspector to decide.')).toEqual([
      'the council should have decided earlier',
    ]);
    expect(reported('The developer says the council was slow and still insists on an appeal.')).toEqual(['the council was slow']);
  });

  it('ends before ", but" and the reporter’s clause with its own subject', () => {
    expect(reported('The council has said it is looking for improvements, but the plans have not been altered since May.')).toEqual([
      'it is looking for improvements',
    ]);
    expect(reported('The council said it would listen, but its cabinet has already voted.')).toEqual(['it would listen']);
  });
});
