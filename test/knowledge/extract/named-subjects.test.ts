import { describe, it, expect } from 'vitest';
import { splitParagraphs } from '../../../src/knowledge/paragraphs.js';
import { extractQuotes } from '../../../src/knowledge/extract/quotes.js';
import { quotesOf } from './quotes-of.js';

/**
 * Issue 9, fifth round: every way the subject of a verb of speech is chosen, with two people in view. The
 * rules must give the person who spoke, or nobody; never the other person.
 */
const who = (...paragraphs: string[]) => quotesOf(...paragraphs).map((q) => q.speaker);
const speakerAndRole = (...paragraphs: string[]) => quotesOf(...paragraphs).map((q) => [q.speaker, q.role]);

describe('the speaker, not the other person named around the verb', () => {
  it.each([
    ['Tom Hale, Jo Bell’s boss, said: “We will fight the cuts.”', 'Tom Hale'],
    ['Jo Bell’s deputy Tom Hale said: “We will fight the cuts.”', 'Tom Hale'],
    ['Jo Bell, who replaced Tom Hale last year, said: “We will fight the cuts.”', 'Jo Bell'],
    ['“We will fight the cuts,” said Jo Bell, who replaced Tom Hale last year.', 'Jo Bell'],
    ['Jo Bell told Tom Hale: “We will fight the cuts.”', 'Jo Bell'],
    ['“We will fight the cuts,” Jo Bell told Tom Hale.', 'Jo Bell'],
    ['“He has let us down,” said Jo Bell of Tom Hale.', 'Jo Bell'],
    ['Jo Bell, speaking for Tom Hale, said: “We will fight the cuts.”', 'Jo Bell'],
    ['“We will fight the cuts,” said Tom Hale, responding to Jo Bell.', 'Tom Hale'],
    ['Responding to Jo Bell, Tom Hale said: “We will fight the cuts.”', 'Tom Hale'],
    ['“Jo Bell has let us down,” said Tom Hale.', 'Tom Hale'],
    ['In a letter to Jo Bell, Tom Hale said: “The cuts are needed.”', 'Tom Hale'],
    ['In a letter to council leader Jo Bell, Unison secretary Tom Hale said the cuts were needed.', 'Tom Hale'],
    ['Asked by Jo Bell whether the cuts were needed, Tom Hale said: “They are.”', 'Tom Hale'],
    ['After Tom Hale spoke, Jo Bell said: “We will fight the cuts.”', 'Jo Bell'],
    ['Jo Bell, the daughter of former leader Tom Hale, said: “The cuts are wrong.”', 'Jo Bell'],
    ['Jo Bell, whose husband Tom Hale died last year, said: “The cuts are wrong.”', 'Jo Bell'],
    ['While Jo Bell backed the plan, Tom Hale said: “The cuts are wrong.”', 'Tom Hale'],
    ['Tom Hale said the cuts were needed. “They are wrong,” said Jo Bell.', 'Jo Bell'],
  ])('%s', (text, right) => {
    expect(who(text).at(-1)).toBe(right);
  });

  it.each([
    ['Jo Bell and Tom Hale said: “We will fight the cuts.”'],
    ['“We will fight the cuts,” said Jo Bell and Tom Hale.'],
    ['Jo Bell was told by Tom Hale: “The cuts are needed.”'],
    ['Tom Hale was asked by Jo Bell whether the cuts were needed. “They are,” he said.'],
    ['Jo Bell said Tom Hale had said: “The cuts are needed.”'],
    ['Jo Bell said Tom Hale had called the plans “reckless”.'],
    ['Tom Hale met Jo Bell on Monday. She said: “We will fight the cuts.”'],
  ])('names nobody when a reader cannot tell: %s', (text) => {
    expect(who(text).at(-1)).toBeNull();
  });
});

describe('a clause before the speaker’s own', () => {
  it.each([
    ['Jo Bell backed the plan, whereas Tom Hale said: “The cuts are wrong.”', 'Tom Hale'],
    ['Jo Bell backed the plan but Tom Hale said: “The cuts are wrong.”', 'Tom Hale'],
    ['Tom Hale announced the cuts on Monday and Jo Bell said: “We will fight them.”', 'Jo Bell'],
    ['Tom Hale, the council leader, announced the cuts and Jo Bell said: “We will fight them.”', 'Jo Bell'],
    ['Jo Bell backed the plan but Tom Hale called it “reckless”.', 'Tom Hale'],
    ['Jo Bell backed the plan but Tom Hale called it ‘reckless’.', 'Tom Hale'],
    ['Jo Bell backed the plan but Tom Hale said it would cost jobs.', 'Tom Hale'],
  ])('%s', (text, right) => {
    expect(who(text)).toEqual([right]);
  });

  it('gives a pronoun after another clause nobody when both people named before it fit', () => {
    expect(extractQuotes(splitParagraphs('Jo Bell met Tom Hale on Monday and he said: “The cuts are needed.”')).map((q) => [q.speaker, q.confidence])).toEqual([
      [null, 'low'],
    ]);
  });

  it('leaves two people when the first clause is a relative one', () => {
    expect(who('Jo Bell, who has led the group since 2019 and Tom Hale said: “We will fight.”')).toEqual([null]);
  });
});

describe('words set off around a name', () => {
  it('reads spaced dashes as commas', () => {
    expect(speakerAndRole('Jo Bell – Tom Hale’s deputy – said: “The cuts are wrong.”')).toEqual([['Jo Bell', 'Tom Hale’s deputy']]);
    expect(who('Jo Bell - who Tom Hale appointed - said: “The cuts are wrong.”')).toEqual(['Jo Bell']);
  });

  it.each([
    ['Jo Bell, speaking for Tom Hale, said: “We will fight the cuts.”'],
    ['Jo Bell, quoting Tom Hale, said: “The cuts are needed.”'],
    ['Jo Bell, joined by Tom Hale, said: “We will fight the cuts.”'],
    ['Jo Bell, with Tom Hale, said: “We will fight the cuts.”'],
  ])('gives no role that names what the speaker was doing with someone else: %s', (text) => {
    expect(speakerAndRole(text)).toEqual([['Jo Bell', null]]);
  });

  it('keeps a participle that is part of a role', () => {
    expect(speakerAndRole('Jo Bell, acting chief executive, said: “We will fight the cuts.”')).toEqual([['Jo Bell', 'acting chief executive']]);
  });
});

describe('a trailing attribution after the end of the reported words', () => {
  it('takes the part next to the verb when the first part is no subject', () => {
    const quotes = extractQuotes(
      splitParagraphs('The union plans to “escalate the action”, meaning coordinated strikes, longer walkouts and more members joining, the union said.'),
    );
    expect(quotes.map((q) => [q.speaker, q.role, q.attribution])).toEqual([[null, 'union', 'document']]);
  });

  it('gives a partial quote after a verb of speech whose subject cannot be read to nobody, not to the words before the verb', () => {
    const quotes = extractQuotes(splitParagraphs('Judges rejected claims by campaigners that the closure was “unlawful”.'));
    expect(quotes.map((q) => [q.speaker, q.role, q.kind])).toEqual([[null, null, 'partial']]);
  });
});

describe('names the article gave in full before (tune4)', () => {
  it('knows people introduced after a plural role word, so a later "Coun Lane" is the full name', () => {
    expect(
      who('Councillors Ruth Lane and Peter Dunn tabled motions against the closures.', 'Northfield’s Coun Lane said the plans would be ‘fatal’ to the service.'),
    ).toEqual(['Ruth Lane']);
  });

  it('reads "Clr" as a title, never as part of the name', () => {
    expect(who('“This consultation is a sham,” said Clr Ruth Lane (LD – Eastfield).')).toEqual(['Ruth Lane']);
  });
});

describe('a verb of speech joined by "and" with no subject of its own', () => {
  it('is the sentence subject’s, never the person who asked', () => {
    const quotes = extractQuotes(splitParagraphs('She was asked by parish councillor Ian Reed whether the school would close, and replied: “No.”'));
    expect(quotes.map((q) => q.speaker)).not.toContain('Ian Reed');
    expect(quotes.map((q) => q.role)).toEqual([null]);
  });

  it('gives it to a named sentence subject', () => {
    expect(who('Ruth Lane was asked by Ian Reed whether the school would close, and replied: “Not this year.”')).toEqual(['Ruth Lane']);
  });
});

describe('high confidence for a named speaker needs positive evidence', () => {
  const how = (...paragraphs: string[]) => quotesOf(...paragraphs).map((q) => [q.speaker, q.confidence]);

  it.each([
    ['Jo Bell, Unison branch secretary, said: “We will fight the cuts.”'],
    ['“We will fight the cuts,” said Jo Bell, chair of the carers’ forum.'],
    ['Tom Hale, Jo Bell’s boss, said: “We will fight the cuts.”'],
    ['Jo Bell said the cuts would hurt families badly.'],
    ['Unison branch secretary Jo Bell called the plans “reckless”.'],
  ])('keeps high confidence when the name is the only person in its attribution: %s', (text) => {
    expect(how(text)[0]![1]).toBe('high');
  });

  it.each([
    ['In a letter to Jo Bell, Tom Hale said: “The cuts are needed.”', 'Tom Hale'],
    ['“We will fight the cuts,” said Tom Hale, responding to Jo Bell.', 'Tom Hale'],
    ['Jo Bell told Tom Hale: “We will fight the cuts.”', 'Jo Bell'],
    ['Jo Bell told Tom Hale the cuts would hurt families.', 'Jo Bell'],
    ['Jo Bell said Tom Hale was “reckless”.', 'Jo Bell'],
    ['Jo Bell said Tom Hale was ‘reckless’.', 'Jo Bell'],
  ])('keeps the name but with low confidence when another person is named in the attribution: %s', (text, speaker) => {
    expect(how(text)).toEqual([[speaker, 'low']]);
  });

  it('is low when the name is in the paragraph before with nothing handing over, high after a colon', () => {
    expect(how('Jo Bell said the cuts were wrong.', '“We will fight them.”').at(-1)).toEqual(['Jo Bell', 'low']);
    expect(how('Jo Bell, of Unison, said:', '“We will fight them.”').at(-1)).toEqual(['Jo Bell', 'high']);
  });
});

describe('words around a name that are not part of it', () => {
  it.each([
    ['Liberal Democrat Jo Bell said: “The cuts are needed.”'],
    ['Labour Jo Bell said: “The cuts are needed.”'],
    ['“The cuts are needed,” said Alderman Jo Bell.'],
    ['“The cuts are needed,” said Jo Bell MP.'],
    ['“The cuts are needed,” said Jo Bell OBE.'],
  ])('%s', (text) => {
    expect(who(text)).toEqual(['Jo Bell']);
  });
});

describe('a full name introduced before "Mrs Bell said"', () => {
  it.each([
    ['Jo Bell, 45, has run the club for years.'],
    ['Jo Bell (45) has run the club for years.'],
    ['Mother-of-two Jo Bell has run the club for years.'],
    ['Among them is Jo Bell, who has run the club for years.'],
    ['It was Jo Bell who started the petition.'],
  ])('is the speaker’s name: %s', (intro) => {
    expect(who(intro, 'The club has 40 members.', 'Mrs Bell said: “The cuts are wrong.”')).toEqual(['Jo Bell']);
  });
});
