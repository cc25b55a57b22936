import { describe, it, expect } from 'vitest';
import { isOrgLike, parseName } from '../../../src/knowledge/extract/names.js';
import { findNarrativeNames } from '../../../src/knowledge/extract/narrative-names.js';
import { roleOf } from '../../../src/knowledge/extract/roles.js';

const names = (sentence: string) => findNarrativeNames(sentence, roleOf).map((n) => [n.name, n.role, n.gender]);

describe('findNarrativeNames', () => {
  it('finds a name after a role word, with the role when it opens the sentence', () => {
    expect(names('Home carer Sam Reid has worked here for 11 years.')).toEqual([['Sam Reid', 'Home carer', null]]);
  });

  it('finds a name opening the sentence before its verb, but not a heading of capitalised words', () => {
    expect(names('Maria Okafor accused county chiefs of breaking their word.')).toEqual([['Maria Okafor', null, null]]);
    expect(names('Save Our Care Homes')).toEqual([]);
  });

  it('finds both people joined by "and", without taking the first as the second’s role', () => {
    expect(names('Tom Hale and Ann Hale run the home.')).toEqual([['Tom Hale', null, null], ['Ann Hale', null, null]]);
  });

  it('takes a possessor before a name as whose person it is', () => {
    expect(names('Lawyers at the firm said Hartley Law’s Sam Price would appeal.')).toEqual([['Sam Price', 'Hartley Law', null]]);
  });

  it('reads a gender from a title', () => {
    expect(names('Later Mr Hill left.')).toEqual([['Hill', null, 'm']]);
  });

  it('does not take places for people, even opening a sentence or after "and"', () => {
    expect(names('North Yorkshire has cut its bus budget.')).toEqual([]);
    expect(names('Strikes will include Bath and North East Somerset, and Tower Hamlets.')).toEqual([]);
  });

  it('skips places after "in" and organisations', () => {
    expect(names('Care agencies in Eastmere Vale say the Westshire County Council pays too little.')).toEqual([]);
  });
});

describe('parseName and isOrgLike', () => {
  it('keeps a surname that is a month, but not a month opening a date', () => {
    expect(parseName(['Theresa', 'May'])).toEqual({ name: 'Theresa May', gender: null });
    expect(parseName(['May', 'Jane', 'Smith'])).toBeNull();
  });

  it('treats a plural inside a capitalised phrase as a group', () => {
    expect(isOrgLike(['Bus', 'Users', 'Shropshire'])).toBe(true);
    expect(isOrgLike(['Sam', 'Peters'])).toBe(false);
  });
});
