import { describe, it, expect } from 'vitest';
import { splitParagraphs } from '../../../src/knowledge/paragraphs.js';
import { extractQuotes } from '../../../src/knowledge/extract/quotes.js';

/**
 * A source whose verb of speech opens a later clause of the sentence ("… and traders said it would …", "… but the
 * authority said it cost …", "… as the council says it can’t afford it"): the clause after its verb is reported speech
 * (the speech-verb rule, test/eval/README.md); what the reporter says before the conjunction is not.
 */
const reported = (...paragraphs: string[]) =>
  extractQuotes(splitParagraphs(paragraphs.join('\n\n'))).map((q) => [q.kind, q.speaker, q.text]);

describe('a verb of speech after "and", "but" or "as"', () => {
  it('a group, a body or an unnamed person as the source', () => {
    expect(reported('But now rents are being brought back up and traders said it would make it unviable for them to stay.')).toEqual([
      ['reported', null, 'it would make it unviable for them to stay'],
    ]);
    expect(reported('The centre is used by about 20 groups but the authority said it cost about £58,000 each year to run.')).toEqual([
      ['reported', null, 'it cost about £58,000 each year to run'],
    ]);
    expect(reported('UNISON has been informed that a scheme is not an option as the council says it can’t afford it.')).toEqual([
      ['reported', null, 'it can’t afford it'],
    ]);
    expect(reported('A council is facing a £1.5million bill for a new bridge, as an expert warns others may have to close due to cuts.')).toEqual([
      ['reported', null, 'others may have to close due to cuts'],
    ]);
  });

  it('a named person after "but" or "as"', () => {
    expect(reported('The pool shut in May but Cllr Jo Bell said it would reopen by the summer.')).toEqual([['reported', 'Jo Bell', 'it would reopen by the summer']]);
  });

  it('not a pronoun (who "she" is, the sentence does not settle), nor after "such as" or a phrase with no verb', () => {
    expect(reported('Mrs Harrison stood down after the vote as she said she felt it had been decided without consultation.')).toEqual([]);
    expect(reported('Members are striking over pay and conditions as they say the rise is not enough.')).toEqual([]);
    expect(reported('Groups such as the local friends said nothing would change.')).toEqual([]);
    expect(reported('Bus users and local traders said the cuts would hit the town.')).toEqual([['reported', null, 'the cuts would hit the town']]);
  });
});
