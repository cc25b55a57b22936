import { describe, it, expect } from 'vitest';
import { splitParagraphs } from '../../../src/knowledge/paragraphs.js';
import { extractQuotes } from '../../../src/knowledge/extract/quotes.js';

/**
 * Clauses after verbs that are not saying (test/eval/README.md, speech-verb rulings): shown to a member as
 * "(reported) …" they would put words in someone's mouth, and a denial would say the opposite of what was said.
 * Each sentence also has a named or bodily source, so only the verb keeps it out.
 */
const reported = (text: string) => extractQuotes(splitParagraphs(text)).filter((q) => q.kind === 'reported');

describe('clauses that are not reported speech', () => {
  it.each([
    ['a denial', 'The council strongly denies that any final decision has been made on Elm Lodge library.'],
    ['a denial in the past', 'Councillor Jane Hill denied that the library would close in March.'],
    ['an indirect question', 'Councillor Jane Hill asked whether the council could keep the library open.'],
    ['a question with if', 'Tom Hale asked if the savings of £2m would be enough.'],
    ['a reason explained', 'She explained why it was vital that tenants paid more.'],
    ['a prediction', 'The leader, Tom Hale, predicts the situation will get worse next year.'],
    ['a belief', 'Jo Bell believes the council has made the wrong choice.'],
    ['an agentless passive', 'Campaigners were told that the library would close in March.'],
    ['a non-finite complement', 'Unison accused the council of cutting the service by stealth.'],
    ['an urging', 'Jo Bell urged the council to think again about the closure.'],
  ])('%s gives no reported quote', (_, text) => {
    expect(reported(text)).toEqual([]);
  });

  it('while the same sentences with a verb of saying give one, so the cases above test the verb', () => {
    expect(reported('Councillor Jane Hill said that the library would close in March.').map((q) => q.speaker)).toEqual(['Jane Hill']);
    expect(reported('The council said that no final decision had been made on Elm Lodge library.')).toHaveLength(1);
  });
});
