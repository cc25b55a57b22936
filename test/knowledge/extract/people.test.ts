import { describe, it, expect } from 'vitest';
import { findPerson, mention, mentionUnnamed, newPeople, resolvePronoun } from '../../../src/knowledge/extract/people.js';

const at = (paragraph: number, sentence: number, spoke = true) => ({ paragraph, sentence, spoke });

describe('the people registry', () => {
  it('finds a person by surname or first name, and reports two sharing it', () => {
    const people = newPeople();
    mention(people, 'Grace Okafor', at(0, 0));
    expect(findPerson(people, 'Okafor')).toMatchObject({ person: { name: 'Grace Okafor' } });
    mention(people, 'Tom Okafor', at(1, 1));
    expect(findPerson(people, 'Okafor')).toMatchObject({ ambiguous: [{ name: 'Grace Okafor' }, { name: 'Tom Okafor' }] });
  });

  it('lets a caption give a role but no recency for pronouns', () => {
    const people = newPeople();
    mention(people, 'Joan Wick', null, { role: 'Unison steward' });
    expect(findPerson(people, 'Wick')).toMatchObject({ person: { role: 'Unison steward' } });
    expect(resolvePronoun(people, 'she')).toBeNull();
  });
});

describe('resolvePronoun', () => {
  it('takes an unnamed speaker, whose role gives the gender, as someone "he" can mean', () => {
    const people = newPeople();
    mention(people, 'Tom Hale', at(0, 0));
    mentionUnnamed(people, 'company spokesman', 'm', at(1, 1));
    expect(resolvePronoun(people, 'he')).toMatchObject({ person: { name: null, role: 'company spokesman' }, sure: true });
  });

  it('is ambiguous between two people it fits named in one sentence', () => {
    const people = newPeople();
    mention(people, 'Tom Hale', at(0, 5, false));
    mention(people, 'Sam Reid', at(0, 5, false));
    expect(resolvePronoun(people, 'he')).toMatchObject({ ambiguous: [{ name: 'Sam Reid' }, { name: 'Tom Hale' }] });
  });

  it('is ambiguous between two people it fits mentioned since the last speaker, sure once one of them speaks', () => {
    const people = newPeople();
    mention(people, 'Tom Hale', at(0, 1, false));
    mention(people, 'Sam Reid', at(1, 2, false));
    expect(resolvePronoun(people, 'he')).toMatchObject({ ambiguous: [{ name: 'Sam Reid' }, { name: 'Tom Hale' }] });
    mention(people, 'Sam Reid', at(1, 3, true));
    expect(resolvePronoun(people, 'he')).toMatchObject({ person: { name: 'Sam Reid' }, sure: true });
  });

  it('counts everyone mentioned after the last speaker as in play', () => {
    const people = newPeople();
    mention(people, 'Jo Bell', at(0, 0, true));
    mention(people, 'Tom Hale', at(1, 1, false));
    expect(resolvePronoun(people, 'she')).toMatchObject({ ambiguous: [{ name: 'Tom Hale' }, { name: 'Jo Bell' }] });
  });

  it('looks past the people in play only when none fits, sure only of a stated gender', () => {
    const people = newPeople();
    mention(people, 'Jo Bell', at(0, 0, true));
    mentionUnnamed(people, 'council spokesman', 'm', at(1, 1));
    expect(resolvePronoun(people, 'she')).toMatchObject({ person: { name: 'Jo Bell' }, sure: false });
    mention(people, 'Jo Bell', null, { gender: 'f' });
    expect(resolvePronoun(people, 'she')).toMatchObject({ person: { name: 'Jo Bell' }, sure: true });
  });

  it('lets only "they" mean a group', () => {
    const people = newPeople();
    mention(people, 'Ann Cole', at(0, 0), { gender: 'f' });
    mentionUnnamed(people, 'Campaigners', null, at(1, 1));
    expect(resolvePronoun(people, 'she')).toMatchObject({ person: { name: 'Ann Cole' }, sure: true });
    expect(resolvePronoun(people, 'they')).toMatchObject({ person: { role: 'Campaigners' } });
  });

  it('skips a person of the other stated gender', () => {
    const people = newPeople();
    mention(people, 'Tom Hale', at(0, 1), { gender: 'm' });
    mention(people, 'Sam Reid', at(1, 2), { gender: 'f' });
    expect(resolvePronoun(people, 'he')).toMatchObject({ person: { name: 'Tom Hale' }, sure: true });
  });

  it('looks back over a bounded number of people', () => {
    const people = newPeople();
    mention(people, 'Ann Cole', at(0, 0), { gender: 'f' });
    for (let i = 0; i < 100; i++) mention(people, `Mr Man${String.fromCharCode(97 + (i % 26))}x Num${i}`, at(i + 1, i + 1), { gender: 'm' });
    expect(resolvePronoun(people, 'she')).toBeNull();
  });
});
