import { describe, it, expect } from 'vitest';
import { quotesOf } from './quotes-of.js';

/**
 * Issue 9, seventh round: a full name the article first gives inside someone's quote or inside a reported
 * clause. It completes a later "Smith said" or "Mr Smith added" (the full name as the article first gives
 * it), but the person is not in play for "he" or "she": they were talked about, not talking.
 */
const quotes = (...paragraphs: string[]) => quotesOf(...paragraphs);
const last = (...paragraphs: string[]) => quotes(...paragraphs).at(-1)!;
const shown = (...paragraphs: string[]) => {
  const q = last(...paragraphs);
  return q.confidence === 'high' ? q.speaker : null;
};

describe('a full name first said inside a quote or a reported clause', () => {
  it.each([
    // Named inside a direct quote, later speaking by surname or title + surname.
    [['Jo Bell said: “We have asked Tom Hale to meet the families.”', '“We will meet them next week,” Mr Hale said.'], 'Tom Hale'],
    [['Jo Bell said: “We have asked Tom Hale to meet the families.”', '“We will meet them next week,” Hale said.'], 'Tom Hale'],
    [['“Council leader Tom Hale has refused to meet us,” said Jo Bell.', 'Hale said: “My door is open.”'], 'Tom Hale'],
    // Named inside a reported clause.
    [['Jo Bell said the decision had been taken by Tom Hale without a vote.', 'Mr Hale said: “The cabinet agreed it.”'], 'Tom Hale'],
    [['Unison said it had written to Tom Hale about the closures.', '“We will reply in full,” Hale added.'], 'Tom Hale'],
    [['Jo Bell told the meeting that Ann Price had resigned in protest.', 'Ms Price said: “I could not stay.”'], 'Ann Price'],
    // Named elsewhere in a sentence that reports someone's words.
    [['Residents told Tom Hale that the library must stay open.', 'Hale said: “I will reply.”'], 'Tom Hale'],
    [['Speaking after a meeting with Tom Hale, Jo Bell said the library must stay open.', 'Mr Hale said: “I will reply.”'], 'Tom Hale'],
  ])('%j', (paragraphs, speaker) => {
    expect(shown(...paragraphs)).toBe(speaker);
  });

  it('keeps two people with one surname apart when one is named only inside a quote', () => {
    const paragraphs = [
      'Council leader Tom Hale said: “My sister Ann Hale runs the day centre.”',
      'Hale said: “It must stay open.”',
    ];
    // A reader cannot tell which Hale: nobody, never the wrong one shown (first names never choose, so a title neither).
    expect(shown(...paragraphs)).toBeNull();
    expect(shown(paragraphs[0]!, 'Mr Hale said: “It must stay open.”')).toBeNull();
    expect(shown(paragraphs[0]!, 'Ann Hale said: “It must stay open.”')).toBe('Ann Hale');
  });

  it('keeps two people with one surname apart when one is named only inside a reported clause', () => {
    const lead = 'Jo Bell said Tom Hale had promised to keep the library open.';
    expect(shown(lead, 'Ann Hale, a resident, spoke at the meeting.', 'Hale said: “It must stay open.”')).toBeNull();
    expect(shown(lead, '“It must stay open,” said Ann Hale, a resident.', 'Ms Hale added: “We will fight.”')).toBeNull();
    expect(shown(lead, '“It must stay open,” said Ann Hale, a resident.')).toBe('Ann Hale');
  });

  it('never puts a person named inside a quote in play for a pronoun', () => {
    const q = last('Jo Bell said: “We have asked Tom Hale to meet the families.”', 'She added: “They deserve answers.”');
    expect(q.speaker).toBe('Jo Bell');
    expect(q.confidence).toBe('high');
    const he = last('Jo Bell, the Unison secretary, said: “We have asked Tom Hale to meet the families.”', 'He added: “They deserve answers.”');
    expect(he.speaker === 'Tom Hale' && he.confidence === 'high').toBe(false);
    // Completing the name later does not make "she" ambiguous with the person named in the quote.
    const after = last(
      'Jo Bell said: “We have asked Tom Hale to meet the families.”',
      'Mr Hale said: “I will meet them.”',
      'He added: “They deserve answers.”',
    );
    expect([after.speaker, after.confidence]).toEqual(['Tom Hale', 'high']);
  });

  it('never puts a person named inside a reported clause in play for a pronoun', () => {
    const q = last('Jo Bell said Tom Hale had refused to meet the families.', 'She added: “They deserve answers.”');
    expect([q.speaker, q.confidence]).toEqual(['Jo Bell', 'high']);
  });

  it('takes surnames that differ by a letter for different people', () => {
    expect(shown('Jo Bell said: “We have asked Tom Watts to meet the families.”', 'Watt said: “The budget is set.”')).not.toBe('Tom Watts');
    expect(shown('Jo Bell said: “We have asked Tom Watt to meet the families.”', 'Mr Watts said: “The budget is set.”')).not.toBe('Tom Watt');
    expect(shown('Jo Bell said Tom Watt had refused.', 'Tom Watts, the finance chief, spoke next.', 'Mr Watts said: “The budget is set.”')).toBe('Tom Watts');
  });

  it('gives a title and surname nobody when the article gave two people that surname', () => {
    expect(shown('Jo Bell said: “Tom Hale and Sam Hale have both refused to meet us.”', 'Mr Hale said: “That is untrue.”')).toBeNull();
    expect(shown('Jo Bell said Tom Hale and Sam Hale had both refused to meet them.', 'Hale said: “That is untrue.”')).toBeNull();
    expect(shown('Tom Hale, the leader, spoke first.', 'Jo Bell said: “Sam Hale has refused to meet us.”', 'Hale said: “That is untrue.”')).toBeNull();
  });

  it('takes a title of the other gender for someone else with that surname', () => {
    expect(shown('Jane Hale said: “No.”', 'Mr Hale, her husband, said: “Never.”')).toBeNull();
    expect(shown('Jane Hale said: “No.”', 'She added: “Not now.”', 'Mr Hale said: “Never.”')).toBeNull();
    expect(shown('Sam Hale said: “No.”', 'Mr Hale added: “Never.”')).toBe('Sam Hale');
    // A title's gender picks the one of two people it fits when the article stated the other's gender.
    expect(shown('Mr Tom Hale said: “No.”', 'Jane Hale said: “Yes.”', 'Ms Hale added: “Never.”')).toBe('Jane Hale');
    expect(shown('Tom Hale said: “No.”', 'Jane Hale said: “Yes.”', 'Ms Hale added: “Never.”')).toBeNull();
  });

  it('takes a name typed with another apostrophe for the same name', () => {
    expect(shown("Jane O'Hale said: “No.”", 'Ms O’Hale added: “Never.”')).toBe("Jane O'Hale");
    expect(shown('Jo Bell said: “We asked Jane O’Hale.”', "O'Hale said: “Never.”")).toBe('Jane O’Hale');
  });
});
