import { describe, it, expect } from 'vitest';
import { quotesOf } from './quotes-of.js';

/**
 * "It reads: “…”" after a leaflet, "The petition reads:" (a document speaking), and "X was quoted as saying:" (the
 * speaker quoted by another paper), both met in tune7 (ninth round).
 */
const all = (...paragraphs: string[]) => quotesOf(...paragraphs).map((q) => [q.speaker, q.role, q.attribution]);

describe('a text that "reads:"', () => {
  it.each([
    ['The petition reads: “Closing these centres will lead to more fly-tipping.”', 'the petition'],
    ['A leaflet handed out at the gates reads: “Savaging cuts will result in a loss of skills.”', 'a leaflet handed out at the gates'],
  ])('%s', (text, role) => {
    expect(all(text)).toEqual([[null, role, 'document']]);
  });

  it('leaves a sign’s slogan nobody’s, as before', () => {
    expect(all('The sign on the door read: “This library is closed until further notice.”')).toEqual([[null, null, 'none']]);
  });

  it('gives "It reads:" to the document or body the article named last', () => {
    const qs = all('In a leaflet calling for the museums to be protected, the union raised concerns about the cuts.', 'It reads: “Savaging cuts will result in a loss of skills.”');
    expect(qs.at(-1)?.[0]).toBeNull();
    expect(qs.at(-1)?.[2]).toBe('document');
  });

  it('never gives a banner someone held to that person', () => {
    const qs = all('Jo Bell held up a banner at the meeting.', 'It read: “Save our library.”');
    expect(qs.map(([s]) => s)).toEqual([null]);
    expect(qs[0]![2]).toBe('document');
  });

  it('gives a person’s own letter to that person', () => {
    expect(all('Jo Bell’s letter reads: “We will fight this all the way.”').map(([s]) => s)).toEqual(['Jo Bell']);
  });
});

describe('"was quoted as saying:"', () => {
  it.each([
    ['A spokesman for the Royal Society for the Prevention of Accidents was quoted as saying: "The presence of lighting reduces accidents."', null, 'spokesman for the Royal Society for the Prevention of Accidents', 'unnamed'],
    ['Jo Bell was quoted as saying: “We will fight this all the way.”', 'Jo Bell', null, 'named'],
    ['Council leader Tom Hale is quoted in the paper as saying: “We have no choice.”', 'Tom Hale', 'Council leader', 'named'],
  ])('%s', (text, speaker, role, attribution) => {
    expect(all(text)).toEqual([[speaker, role, attribution]]);
  });

  it('names nobody when the one quoted is not the subject', () => {
    expect(all('The paper quoted Jo Bell as saying: “We will fight.”').map(([s]) => s)).toEqual([null]);
  });
});
