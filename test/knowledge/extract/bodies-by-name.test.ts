import { describe, it, expect } from 'vitest';
import { parseSubject } from '../../../src/knowledge/extract/subject.js';
import { quotesOf } from './quotes-of.js';

const who = (...paragraphs: string[]) => quotesOf(...paragraphs).map((q) => [q.speaker, q.role, q.attribution, q.confidence]);

describe('names that are not people', () => {
  it('never makes a person of one capitalised word the article introduced as nobody ("Stagecoach has said")', () => {
    expect(
      who(
        'Travel giant Stagecoach has said it will keep running the routes.',
        'But now Stagecoach has said it is continuing to operate them on a commercial basis.',
      ),
    ).toEqual([
      [null, 'Stagecoach', 'document', 'low'],
      [null, 'Stagecoach', 'document', 'low'],
    ]);
  });

  it('still reads a surname the article gave in full, and a first name after a role a person has', () => {
    expect(who('Jane Marsh runs the campaign.', 'Marsh said the council had not listened.')).toEqual([['Jane Marsh', null, 'named', 'high']]);
    expect(who('Care worker Dawn said the cuts would hurt residents.')).toEqual([['Dawn', 'Care worker', 'named', 'high']]);
  });

  it('reads a campaign named by what it wants done as a body ("Save Aberdeen Libraries said")', () => {
    expect(parseSubject('Save Aberdeen Libraries')).toMatchObject({ type: 'org', name: 'Save Aberdeen Libraries' });
    expect(who('Save Aberdeen Libraries said it had not seen the document.')).toEqual([[null, 'Save Aberdeen Libraries', 'document', 'high']]);
  });

  it('reads "a spokesperson for the group X" as an unnamed spokesperson, never a person called X', () => {
    expect(parseSubject('A spokesperson for the grassroots group Save Aberdeen Libraries')).toMatchObject({ type: 'role' });
    expect(parseSubject('A spokesman for Hartley Transport')).toMatchObject({ type: 'role', role: 'spokesman for Hartley Transport', gender: 'm' });
    expect(who('A spokesperson for the grassroots group Save Aberdeen Libraries said it was “extremely disappointed”.')).toEqual([
      [null, 'spokesperson for the grassroots group Save Aberdeen Libraries', 'unnamed', 'high'],
    ]);
  });

  it('starts the name at a title inside a capitalised run ("Local Councillor Tony McMahon")', () => {
    expect(parseSubject('Local Councillor Tony McMahon')).toMatchObject({ type: 'person', name: 'Tony McMahon' });
    expect(who('Local Councillor Tony McMahon said he did not want to comment.')[0]![0]).toBe('Tony McMahon');
  });

  it('reads an address set off by commas as where the speakers live, never a person ("…, Wilbury Avenue, Hove, say")', () => {
    expect(
      who(
        'Home owners in Champions Row, Wilbury Avenue, Hove, say their bins were taken without them being consulted.',
        'They say the communal bins in their street are filthy and broken.',
      ),
    ).toEqual([
      [null, 'Home owners in Champions Row', 'unnamed', 'high'],
      [null, 'Home owners in Champions Row', 'pronoun', 'high'],
    ]);
    // A two-word name after a place is still a person set off by commas.
    expect(parseSubject('A resident of Hove, Jane Smith')).toMatchObject({ type: 'person', name: 'Jane Smith' });
  });

  it('reads one word set off by a company description or a "which" clause as a body, and by a person description as a person', () => {
    expect(who('Stagecoach, which runs the route, said it would withdraw the service.')).toEqual([[null, 'Stagecoach', 'document', 'low']]);
    expect(who('Arriva, the operator, said: “We have no choice.”')).toEqual([[null, 'Arriva', 'document', 'low']]);
    expect(who('Jo, a mother of two from Hove, said: “I rely on the bus.”')).toEqual([['Jo', 'mother of two from Hove', 'named', 'high']]);
    expect(who('Jane, who works at the library, said: “It matters.”')).toEqual([['Jane', null, 'named', 'high']]);
    expect(who('Jo, the group chair, said: “We will fight.”')).toEqual([['Jo', 'group chair', 'named', 'high']]);
  });

  it('reads "The Lib Dems" and service companies ("First Bus") as bodies, and two people joined by "and" as nobody', () => {
    expect(who('The Lib Dems said the cuts would hit the poorest families.')).toEqual([[null, 'Lib Dems', 'document', 'high']]);
    expect(who('First Bus said it would run fewer services from May.')).toEqual([[null, 'First Bus', 'document', 'high']]);
    expect(parseSubject('The Rev Jane Smith')).toMatchObject({ type: 'person', name: 'Jane Smith', role: null });
    expect(parseSubject('Council leader Jane Smith and deputy Tom Hale')).toBeNull();
  });
});
