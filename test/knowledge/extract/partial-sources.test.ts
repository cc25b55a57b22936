import { describe, it, expect } from 'vitest';
import { quotesOf } from './quotes-of.js';

const who = (...paragraphs: string[]) =>
  quotesOf(...paragraphs).map((q) => [q.text, q.speaker, q.role, q.kind, q.attribution]);

describe('whose words a partial quote is', () => {
  it('gives words quoted from a document the speaker mentions to that document, and the rest of the sentence to the speaker', () => {
    expect(
      who(
        'The writer Philip Pullman backs the campaign.',
        'In October, Pullman said the council’s statement claiming that the closures would help “improve” its library services “ought to be quoted in every anthology of nonsense.”',
      ),
    ).toEqual([
      ['improve', null, 'the council’s statement', 'partial', 'document'],
      ['ought to be quoted in every anthology of nonsense', 'Philip Pullman', 'writer', 'partial', 'named'],
    ]);
  });

  it('reads a second partial quote with no verb of its own as the sentence speaker’s', () => {
    expect(who('Jo Marsh said the plan was “cruel” and “a disgrace”.')).toEqual([
      ['cruel', 'Jo Marsh', null, 'partial', 'named'],
      ['a disgrace', 'Jo Marsh', null, 'partial', 'named'],
    ]);
  });

  it('keeps a second partial quote with its own verb for that verb’s subject', () => {
    expect(who('Jo Marsh said the cuts were “cruel”, but the council called them “necessary”.')).toEqual([
      ['cruel', 'Jo Marsh', null, 'partial', 'named'],
      ['necessary', null, 'council', 'partial', 'document'],
    ]);
  });
});
