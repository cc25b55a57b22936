import { describe, it, expect } from 'vitest';
import { splitParagraphs } from '../../../src/knowledge/paragraphs.js';
import { extractQuotes } from '../../../src/knowledge/extract/quotes.js';

/**
 * Quoted words in the clause of a participle of speech ("…, saying it amounted to ‘…’", "calling the rises an “…”",
 * "with a spokesperson saying the price was ‘…’") are presented as someone's words: partial quotes
 * (test/eval/README.md), whoever the sentence's subject is, named or not.
 */
const partials = (...paragraphs: string[]) =>
  extractQuotes(splitParagraphs(paragraphs.join('\n\n'))).map((q) => [q.kind, q.speaker, q.text]);

describe('a partial quote in a participle clause of speech', () => {
  it('after ", saying", in single curly, double curly and straight marks, a group as the subject', () => {
    expect(partials('Opposition councillors challenged the decision, saying it amounted to ‘selling off the family silver’.')).toEqual([
      ['partial', null, 'selling off the family silver'],
    ]);
    expect(partials('Traders hit back at the rises, saying the market felt “abandoned” by the town.')).toEqual([['partial', null, 'abandoned']]);
    expect(partials('But readers have voiced their anger, saying the city looks "untidy" and "messy" due to the lack of cutting.')).toEqual([
      ['partial', null, 'untidy'],
      ['partial', null, 'messy'],
    ]);
  });

  it('after "calling", "branding" and "describing", a named subject keeps the words', () => {
    expect(partials('Natasha Ahmed, of Grove Hill, echoed the concerns, calling the price increases an “attack on the daily lives of residents”.')).toEqual([
      ['partial', 'Natasha Ahmed', 'attack on the daily lives of residents'],
    ]);
    expect(partials('Tom Hale rejected the plan, branding it ‘a slap in the face’ for parents.')).toEqual([['partial', 'Tom Hale', 'a slap in the face']]);
    expect(partials('Parents packed the hall, describing the cuts as "a betrayal".')).toEqual([['partial', null, 'a betrayal']]);
  });

  it('after a participle with its own subject ("with a spokesperson saying")', () => {
    expect(partials('Fees rose from £407 to £695, with a county council spokesperson saying the price had been brought ‘more in line’ with others.')).toEqual([
      ['partial', null, 'more in line'],
    ]);
  });

  it('not past a comma after the participle’s clause, nor without a participle of speech', () => {
    expect(partials('Residents spoke for an hour, saying little, while the “new collection day” was set.')).toEqual([]);
    expect(partials('Staff were busy preparing the “winter plan” for the site.')).toEqual([]);
    expect(partials('The council is planning a ‘community hub’ for the town.')).toEqual([]);
  });
});
