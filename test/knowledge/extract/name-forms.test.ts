import { describe, it, expect } from 'vitest';
import { quotesOf } from './quotes-of.js';

/**
 * Issue 9, sixth round: the forms a real article gives a name in, and the words around a quote that name
 * somebody who did not say it. The speaker is the person as the article first gives them, or nobody (or a
 * low-confidence name); never another person.
 */
const quotes = (...paragraphs: string[]) => quotesOf(...paragraphs);
const last = (...paragraphs: string[]) => quotes(...paragraphs).at(-1)!;
const shown = (...paragraphs: string[]) => {
  const q = last(...paragraphs);
  return q.confidence === 'high' ? q.speaker : null;
};

describe('name forms: the full name as the article first gives it', () => {
  it.each([
    [['John F. Smith, the council leader, defended the plan.', '“We have no choice,” Smith said.'], 'John F. Smith'],
    [['John F. Smith said: “We have no choice.”'], 'John F. Smith'],
    [['“We have no choice,” said Cabinet Member for Libraries John F. Smith.'], 'John F. Smith'],
    [['John F. Smith opened the meeting.', '“We have no choice,” said John Smith.'], 'John F. Smith'],
    [['Council leader John Smith spoke first.', 'SMITH said: “We have no choice.”'], 'John Smith'],
    [['Coun. Jane Hill, the cabinet member, opened the debate.', '“The library must stay open,” Coun. Hill said.'], 'Jane Hill'],
    [['Cabinet Member for Libraries Jo Bell said: “It must stay open.”'], 'Jo Bell'],
    [['Cabinet Member for Education Jo Bell said: “It must stay open.”'], 'Jo Bell'],
    [['Tom Hale, the council leader, and Jo Bell, the Unison secretary, met on Monday.', 'Bell said: “It was a good meeting.”'], 'Jo Bell'],
    [['Mary Smith-Jones said: “The library must stay open.”'], 'Mary Smith-Jones'],
    [['Sean O’Brien, a resident, has lived there for years.', '“The library must stay open,” O’Brien said.'], 'Sean O’Brien'],
    [['Jo van der Berg, a resident, said: “It must stay open.”', 'Ms van der Berg added: “We will fight.”'], 'Jo van der Berg'],
    [['Tom de Souza said: “It must stay open.”'], 'Tom de Souza'],
    [['Dawn, a care assistant and GMB member, has worked there for years.', '“We are exhausted,” Dawn said.'], 'Dawn'],
    [['Northfold Friends of the Library chairwoman Jo Bell said: “It must stay open.”'], null],
    [['Speaking to BBC Radio Northfold, Jo Bell said: “It must stay open.”'], 'Jo Bell'],
    [['Campaigners backed Sarah Bell’s petition to save the library.', 'Ms Bell said: “We will not give up.”'], 'Sarah Bell'],
    [['Portfolio Holder Jo Bell said: “It must stay open.”'], 'Jo Bell'],
    [['Parent Jo Bell said: “It must stay open.”'], 'Jo Bell'],
  ])('%j', (paragraphs, speaker) => {
    expect(shown(...paragraphs)).toBe(speaker);
  });

  it('never takes the words before a role and a name for the speaker’s name', () => {
    expect(last('Northfold Friends of the Library chairwoman Jo Bell said: “It must stay open.”').speaker).toBe('Jo Bell');
  });

  it('reads a transcript line in capitals as that person’s speech', () => {
    const q = last('JOHN SMITH: We have no choice but to make these cuts.');
    expect([q.speaker, q.kind, q.text]).toEqual(['John Smith', 'direct', 'We have no choice but to make these cuts.']);
  });

  it('keeps a title glued on as the role, not the name', () => {
    expect([last('Cabinet Member for Libraries Jo Bell said: “It must stay open.”').role]).toEqual(['Cabinet Member for Libraries']);
    expect(last('Council leader Jane Hill said: “The library must stay open.”').role).toBe('Council leader');
  });

  it('gives no role to a thing set off before the name, nor to a sentence adverb', () => {
    expect(last('The library, Tom Hale said, was “no longer viable”.').role).toBeNull();
    expect(last('Tom Hale backed the plan. Jo Bell, however, said: “The cuts are cruel.”').role).toBeNull();
    expect(last('Library closures: Jo Bell warns of “devastating” impact').role).toBeNull();
  });

  it('names nobody for a surname two people share, whichever way they were introduced', () => {
    expect(shown('Jo and Tom Bell run the café next to the library.', '“We will lose customers,” Bell said.')).toBeNull();
    expect(shown('Jo Bell is the council leader. Tom Bell runs the Friends group.', '“It must stay open,” said Mr Bell.')).toBeNull();
    expect(shown('Jo and Tom Bell run the café next to the library.', '“We will lose customers,” Tom Bell said.')).toBe('Tom Bell');
  });
});

describe('nobody: a document, a passive, a name that is not the speaker', () => {
  it.each([
    ['Jo Bell’s petition said the library was “a lifeline for the town”.', 'Jo Bell’s petition'],
    ['Jo Bell’s petition, signed by 2,000 people, said the closure would harm children.', 'Jo Bell’s petition'],
    ['According to Tom Hale’s report, the library is “no longer viable”.', 'Tom Hale’s report'],
    ['According to Tom Hale’s report, the library is no longer viable and must close.', 'Tom Hale’s report'],
  ])('a person’s document speaks as the document: %s', (text, role) => {
    const q = last(text);
    expect([q.speaker, q.role, q.attribution]).toEqual([null, role, 'document']);
  });

  it('keeps a person’s own letter as that person speaking', () => {
    expect(last('Jo Bell, a campaigner, wrote to the council.', 'Ms Bell’s letter adds: “Nobody was invited.”').speaker).toBe('Jo Bell');
  });

  it.each([
    ['The plan was described as “a disgrace” at the meeting.'],
    ['The decision has been branded “short-sighted”.'],
    ['Councillors were told the library was “no longer viable”.'],
    ['The meeting heard that the library was “no longer viable”.'],
    ['Jo Bell: Library must stay open', 'Residents packed the hall on Monday night.', '“It must stay open.”'],
    ['Caption: Jo Bell outside the library', '“It must stay open.”'],
    ['Jo Bell has led the campaign. “Tom Hale and the cabinet must think again.”'],
  ])('%j', (...paragraphs) => {
    expect(shown(...paragraphs)).toBeNull();
  });
});

describe('other: the person told, asked, answered or described is not the speaker', () => {
  it.each([
    ['Tom Hale, who Jo Bell described as “a disgrace”, said the cuts were needed.', 'Tom Hale'],
    ['Cllr Jo Bell asked council leader Tom Hale whether he would think again. “No,” he replied.', 'Jo Bell'],
    ['Jo Bell asked Tom Hale whether he would think again. He said: “No, we will not.”', 'Jo Bell'],
    ['Tom Hale was described by Jo Bell as “a disgrace”.', 'Tom Hale'],
    ['Tom Hale was accused by Jo Bell of “betraying” the town.', 'Tom Hale'],
  ])('never the other person: %s', (text, other) => {
    expect(last(text).speaker).not.toBe(other);
  });

  it.each([
    ['Jo Bell hit back at Tom Hale, saying the cuts were “cruel”.', 'Jo Bell'],
    ['Jo Bell criticised the plans, saying they were “cruel and unnecessary”.', 'Jo Bell'],
    ['“You have let us down,” Jo Bell told Tom Hale.', 'Jo Bell'],
    ['In a letter to Tom Hale, Jo Bell said: “You have let us down.”', 'Jo Bell'],
    ['Speaking after Tom Hale, Jo Bell said: “I agree with him.”', 'Jo Bell'],
    ['Tom Hale’s deputy, Jo Bell, said: “The cuts are cruel.”', 'Jo Bell'],
    ['Tom Hale and Jo Bell disagreed. Hale said: “The cuts are needed.”', 'Tom Hale'],
  ])('the speaker: %s', (text, speaker) => {
    expect(last(text).speaker).toBe(speaker);
  });
});
