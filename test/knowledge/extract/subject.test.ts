import { describe, it, expect } from 'vitest';
import { roleOf } from '../../../src/knowledge/extract/roles.js';
import { parseSubject } from '../../../src/knowledge/extract/subject.js';

describe('parseSubject', () => {
  it.each([
    ['Unison spokeswoman Caroline Webb', { type: 'person', name: 'Caroline Webb', role: 'Unison spokeswoman', gender: null }],
    ['Hartley Law’s Sam Price', { type: 'person', name: 'Sam Price', role: 'Hartley Law' }],
    ['Ahead of the meeting, Jo Marsh', { type: 'person', name: 'Jo Marsh', role: null }],
    ['Dawn, a care assistant and GMB member', { type: 'person', name: 'Dawn', role: 'care assistant and GMB member' }],
    ['Assistant Director for Integrated Passenger Transport Richard Owens', { type: 'person', name: 'Richard Owens', role: 'Assistant Director for Integrated Passenger Transport' }],
    ['Ms Culver’s letter', { type: 'person', name: 'Culver', gender: 'f' }],
    ['Coun Rose McNeely', { type: 'person', name: 'Rose McNeely' }],
    ['In a statement, she', { type: 'pronoun', pronoun: 'she' }],
    ['It', { type: 'it' }],
    ['a company spokesman', { type: 'role', role: 'company spokesman', gender: 'm' }],
    ['a council spokeswoman', { type: 'role', role: 'council spokeswoman', gender: 'f' }],
    ['a paper to the cabinet', { type: 'document', role: 'a paper to the cabinet' }],
    ['The council', { type: 'document', role: 'council' }],
    ['Dunmore Council', { type: 'org', name: 'Dunmore Council' }], // resolved as a body: speaker null, role the name
    ['Bus Users Shropshire', { type: 'org', name: 'Bus Users Shropshire' }],
  ])('reads %j', (text, expected) => {
    expect(parseSubject(text)).toMatchObject(expected);
  });

  it('reads "Care agencies in Eastmere" as an unnamed group, never a person called Eastmere', () => {
    expect(parseSubject('Care agencies in Eastmere')).toEqual({ type: 'role', role: 'Care agencies in Eastmere', gender: null });
  });

  it('finds nobody in "Tom Hale, who is a carer, and Ann Hale": two speakers', () => {
    expect(parseSubject('Tom Hale, who is a carer, and Ann Hale')).toBeNull();
  });

  it.each(['Like Jane Smith, Tom Hale', 'Echoing Jane Smith, Tom Hale', 'Alongside Jane Smith, Tom Hale'])('takes the speaker, not the name in a scene-setting phrase, in %j', (text) => {
    expect(parseSubject(text)).toMatchObject({ type: 'person', name: 'Tom Hale' });
  });

  it('reads the people before a "who" clause as the speaker: "Nearly half the unpaid carers who answered a survey"', () => {
    expect(parseSubject('Nearly half the unpaid carers who answered a Jarrow Heath Council survey')).toMatchObject({ type: 'role' });
    expect(parseSubject('Tom Hale who runs the home')).toMatchObject({ type: 'person', name: 'Tom Hale' });
  });

  it('takes no name from an affiliation that runs into a clause', () => {
    expect(parseSubject('The Friends of Bollington Library meanwhile are taking legal advice and have')).toBeNull();
  });

  it.each(['who had worked there for years', 'executive member Adam Ogilvie told the meeting', ''])(
    'finds no speaker in %j',
    (text) => {
      const subject = parseSubject(text);
      expect(subject === null || subject.type === 'person').toBe(true);
      if (subject?.type === 'person') expect(subject.name).toBe('Adam Ogilvie'); // the clause case must never become a role
    },
  );

  it('reads only the words next to the verb of a very long lead', () => {
    expect(parseSubject(`${'and then the meeting went on '.repeat(40)}and finally, Jo Marsh`)).toMatchObject({ type: 'person', name: 'Jo Marsh' });
  });
});

describe('roleOf', () => {
  it('drops an article and a generic possessive but keeps a named one', () => {
    expect(roleOf('The council’s Labour cabinet member for social care')).toBe('Labour cabinet member for social care');
    expect(roleOf('Unison’s regional organiser')).toBe('Unison’s regional organiser');
  });

  it('refuses a clause or an age', () => {
    expect(roleOf('who is to sell the homes')).toBeNull();
    expect(roleOf('54')).toBeNull();
  });
});
