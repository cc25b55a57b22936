import { describe, it, expect } from 'vitest';
import { splitParagraphs } from '../../../src/knowledge/paragraphs.js';
import { extractQuotes } from '../../../src/knowledge/extract/quotes.js';

/**
 * Issue 9, tenth round (tune8/tune9, scored unseen): the words around a name that made the rules miss a person or
 * take a place or a party for one. An age before a name ("25-year-old Joel Herga"), an address after it ("Mr Herga,
 * of Horn Lane, Woodford Green,"), a party's name ("Liberal Democrat MP Helen Morgan"), a body's name run into the
 * person's ("the leader of the Clifton Independents Kevin Clarke"), the ward a councillor represents ("who represents
 * Clifton East") and a scene before the name with no comma ("In a statement Joan Beck, the …, said"). The speaker is
 * the person as the article first gives them; where two people stay in play, nobody.
 */
const quotes = (...paragraphs: string[]) => extractQuotes(splitParagraphs(paragraphs.join('\n\n')));
const last = (...paragraphs: string[]) => quotes(...paragraphs).at(-1)!;
const shown = (...paragraphs: string[]) => {
  const q = last(...paragraphs);
  return q.confidence === 'high' ? q.speaker : null;
};

describe('an age before a name introduces the person', () => {
  it.each([
    [['Last week 25-year-old Joel Herga quizzed councillors on the charges.', 'Mr Herga described the response as “disappointing”.'], 'Joel Herga'],
    [['On Monday 71-year-old Ann Price wrote to the council.', '“Nobody listened,” Mrs Price said.'], 'Ann Price'],
    [['The 40-year-old Sam Reid runs a stall.', 'Reid said: “The rent has doubled.”'], 'Sam Reid'],
  ])('%j', (paragraphs, speaker) => {
    expect(last(...paragraphs).speaker).toBe(speaker);
  });
});

describe('an address after a name is where they live, not a role or another person', () => {
  it.each([
    [['Joel Herga quizzed councillors.', 'Mr Herga, of Horn Lane, Woodford Green, described the response as “disappointing to say the least”.'], 'Joel Herga', null],
    [['Natasha Ahmed, of Grove Hill, South Woodford, called the rises an “attack on daily lives”.'], 'Natasha Ahmed', null],
    [['Tom Hale, from Elm Road, North Walsham, said: “The car park is empty.”'], 'Tom Hale', null],
  ])('%j', (paragraphs, speaker, role) => {
    const q = last(...paragraphs);
    expect([q.speaker, q.role, q.confidence]).toEqual([speaker, role, 'high']);
  });

  it('still reads a person set off after a body’s name', () => {
    const q = last('The chair of Unison, Jo Bell, said: “We will ballot.”');
    expect([q.speaker, q.confidence]).toEqual(['Jo Bell', 'high']);
  });
});

describe('a party, a body or a ward is not someone a pronoun may mean', () => {
  it.each([
    [['North Shropshire’s Liberal Democrat MP Helen Morgan has backed the traders.', '“It would be a dire shame,” she said.'], 'Helen Morgan'],
    [["Westshire's Lib Dem leader Jo Bell backed the campaign.", '“It would be a shame,” she said.'], 'Jo Bell'],
    [['The leader of the Clifton Independents Kevin Clarke, who represents Clifton East, called for a consultation.', 'He said: “Let’s learn from the past month.”'], 'Kevin Clarke'],
    [['During the meeting, the leader of the Northfold Greens Sam Reid called for a vote.', 'He said: “Let’s learn from this.”'], 'Sam Reid'],
    [['Councillor Tom Hale, who represents Eastfield North, opposed the plan.', 'He said: “This is wrong.”'], 'Tom Hale'],
  ])('%j', (paragraphs, speaker) => {
    expect(shown(...paragraphs)).toBe(speaker);
  });

  it('keeps two real people in play ambiguous', () => {
    const q = last('Liberal Democrat councillor Tom Hale met Labour councillor Sam Reid.', 'He said: “We agreed.”');
    expect(q.speaker).toBeNull();
  });

  it('keeps a person whose surname is a colour', () => {
    expect(shown('Jo Green, a resident, met the council.', '“Nobody listened,” she said.')).toBe('Jo Green');
  });
});

describe('a scene before the name with no comma', () => {
  it.each([
    [['In a statement Joan Beck, the council’s communities director, said the rents were too low.'], 'Joan Beck'],
    [['At the meeting Tom Hale, the council leader, said: “We have no choice.”'], 'Tom Hale'],
    [['In a brief statement Mrs Ann Price, the chair, said the hall would close.'], 'Ann Price'],
  ])('%j', (paragraphs, speaker) => {
    expect(shown(...paragraphs)).toBe(speaker);
  });

  it('never takes the one a scene is addressed to for the speaker', () => {
    expect(last('In a letter to Mrs Ann Price, the chair, said the hall would close.').speaker).toBeNull();
    expect(last('In a reply to Tom Hale, the council leader, said: “We have no choice.”').speaker).toBeNull();
    expect(last('In a letter to council leader Jo Bell, Unison secretary Tom Hale said the cuts were needed.').speaker).toBe('Tom Hale');
  });

  it('carries the speaker on to the quote paragraphs that follow', () => {
    const q = last('In a statement Joan Beck, the council’s communities director, said the rents were too low.', '“We cannot afford subsidised rents any longer.');
    expect(q.speaker).toBe('Joan Beck');
  });
});
