import { describe, it, expect } from 'vitest';
import { splitParagraphs } from '../../../src/knowledge/paragraphs.js';
import { extractQuotes } from '../../../src/knowledge/extract/quotes.js';
import { quotesOf } from './quotes-of.js';

/**
 * Quoted words that are nobody's in particular: a crowd's calls, a crosshead, and a verb of speech used as a noun
 * ("with calls of", "her claims"), which must not hand the words to the sentence's subject.
 */
const quotes = (...paragraphs: string[]) => quotesOf(...paragraphs).map((q) => [q.text, q.kind, q.speaker]);

describe('a crowd’s words', () => {
  it('gives calls of “…” and “…” to nobody, not to the person shouted down', () => {
    expect(quotes('Council leader, Councillor Ann John, was shouted down by supporters of the campaign with calls of “shame on you” and “completely out of touch” at the meeting.')).toEqual([
      ['shame on you', 'partial', null],
      ['completely out of touch', 'partial', null],
    ]);
  });

  it('gives a chant to nobody', () => {
    expect(quotes('Jo Bell watched as protesters outside the town hall were chanting “save our library”.')).toEqual([['save our library', 'partial', null]]);
  });
});

describe('a verb of speech used as a noun', () => {
  it.each([
    ['Council leader, Councillor Ann John, was heckled by residents with calls for her to “resign now”.'],
    ['Council leader, Councillor Ann John, faced repeated calls to “resign now”.'],
  ])('is no attribution, though the words are still someone’s: %s', (text) => {
    expect(quotes(text)).toEqual([['resign now', 'partial', null]]);
  });
});

describe('a crosshead that is only quoted words', () => {
  it('is a partial quote nobody is named for, not the last speaker going on', () => {
    const found = quotes('Cllr Tom Hale added: “I urgently request a plan.”', '“Urgent request”', 'But Cllr Jo Bell defended the council’s record.');
    expect(found[1]).toEqual(['Urgent request', 'partial', null]);
  });

  it('leaves a quote paragraph that is a sentence of speech to its speaker', () => {
    const found = quotes('Cllr Tom Hale said:', '“We need a plan and we need it now.”');
    expect(found).toEqual([['We need a plan and we need it now.', 'direct', 'Tom Hale']]);
  });
});

describe('a verb judging words', () => {
  it('gives “…” after "slammed X as" to whoever slammed it, and nothing after "rejected claims that"', () => {
    expect(quotes('Bus campaigners slammed a decision to reduce bus services as “undemocratic”, claiming it will leave residents isolated.')).toEqual([
      ['undemocratic', 'partial', null],
    ]);
    expect(extractQuotes(splitParagraphs('Bus campaigners slammed a decision to reduce bus services as “undemocratic”.'))[0]!.role).toBe('Bus campaigners');
    expect(quotes('A senior councillor has rejected claims that the roads are “deteriorating”.')).toEqual([['deteriorating', 'partial', null]]);
  });
});

describe('a quote around a crosshead or a full stop', () => {
  it('carries a multi-paragraph quote on past a crosshead', () => {
    const found = quotes('Mr Roberts said: “We are disappointed by this.', '‘Playing with livelihoods’', '“We remain engaged with the unions.”');
    expect(found).toEqual([
      ['We are disappointed by this. We remain engaged with the unions.', 'direct', 'Roberts'],
      ['Playing with livelihoods', 'partial', null],
    ]);
  });

  it('reads a partial quote holding a full stop as one partial, not as reported speech', () => {
    const found = quotes('Mike Jones, the council leader, spoke first.', 'He pointed out that ‘if people used the buses we would not need the subsidy. People need to use them’.');
    expect(found).toEqual([['if people used the buses we would not need the subsidy. People need to use them', 'partial', 'Mike Jones']]);
  });
});
