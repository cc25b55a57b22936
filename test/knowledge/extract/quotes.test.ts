import { describe, it, expect } from 'vitest';
import { quotesOf } from './quotes-of.js';

/** Paragraphs from blank-line separated text, `Caption:` lines marked as captions. */
const who = (...paragraphs: string[]) => quotesOf(...paragraphs).map((q) => [q.speaker, q.role, q.kind, q.paragraphs]);

describe('speech introduced by "said:"', () => {
  it('takes the name before "said"', () => {
    expect(quotesOf('Jane Smith said: “We will fight this.”')).toMatchObject([
      { speaker: 'Jane Smith', role: null, text: 'We will fight this.', paragraphs: [1], kind: 'direct' },
    ]);
  });

  it('splits a role from the name that follows it', () => {
    expect(who('Unison spokeswoman Caroline Webb said: “The service works.”')).toEqual([['Caroline Webb', 'Unison spokeswoman', 'direct', [1]]]);
  });

  it('drops "the council’s" from the front of a role but keeps the rest', () => {
    expect(who('The council’s Labour cabinet member for social care Pat Lowe said: “We must save money.”')).toEqual([
      ['Pat Lowe', 'Labour cabinet member for social care', 'direct', [1]],
    ]);
  });

  it('reads a role set off by commas after the name', () => {
    expect(who('Lyn Harte, corporate director of social services, said: “Nothing changes yet.”')).toEqual([
      ['Lyn Harte', 'corporate director of social services', 'direct', [1]],
    ]);
  });

  it('reads a role set off by commas before the name', () => {
    expect(who('The council’s director of adult care, Omar Said, told the meeting: “We have no choice.”')).toEqual([
      ['Omar Said', 'director of adult care', 'direct', [1]],
    ]);
  });

  it('reads a surname that is also a month', () => {
    expect(who('Theresa May said: “Strong and stable.”')).toEqual([['Theresa May', null, 'direct', [1]]]);
  });

  it('skips scene-setting before the speaker', () => {
    expect(who('Speaking at the rally, Kim Lau said: “Hands off our homes.”')).toEqual([['Kim Lau', null, 'direct', [1]]]);
  });
});

describe('speech followed by its attribution', () => {
  it('takes "said Name" straight after the closing mark even without a comma', () => {
    expect(who('John Marsh said: “Yes.”', '“We are angry” said Marsh, who has sat on the council for years.').map((q) => q[0])).toEqual(['John Marsh', 'John Marsh']);
  });

  it('leaves out an affiliation after the name', () => {
    expect(who('“It is not enough,” said Dan Price of the GMB.')).toEqual([['Dan Price', null, 'direct', [1]]]);
  });

  it('does not take an affiliation set off by commas as a role', () => {
    expect(who('Professor Linda Kay, of Northmoor University, said: “Delays cost money.”')).toEqual([['Linda Kay', null, 'direct', [1]]]);
  });

  it('ignores a bracketed aside after the name', () => {
    expect(who('Cllr John Marsh (Lab, Northfold) said: “This budget hurts.”')).toEqual([['John Marsh', null, 'direct', [1]]]);
  });


  it('handles “…,” said Name, role.', () => {
    expect(quotesOf('“We lose money on every visit,” said Tom Barr, chair of the care association.')).toMatchObject([
      { speaker: 'Tom Barr', role: 'chair of the care association', text: 'We lose money on every visit', paragraphs: [1], kind: 'direct' },
    ]);
  });

  it('handles “…,” Surname said. by mapping to the full name given earlier', () => {
    expect(who('Tom Barr said: “It is hard.”', '“Some will quit,” Barr said.').map((q) => q[0])).toEqual(['Tom Barr', 'Tom Barr']);
  });

  it('handles “…,” he said. with the last person named', () => {
    expect(who('Tom Barr said: “It is hard.”', '“Some will quit,” he said.').map((q) => q[0])).toEqual(['Tom Barr', 'Tom Barr']);
  });

  it('does not read an attribution across a full stop', () => {
    expect(who('“It is over.” Tom Barr said the council had decided.')).toEqual([[null, null, 'direct', [1]]]);
  });
});

describe('multi-paragraph quotes', () => {
  const paras = ['Ann Cole said: “First part.', '“ Second part, after a stray space.', '“Third part.”', 'The council did not reply.'];

  it('gives one quote listing every paragraph it spans, joined with spaces', () => {
    expect(quotesOf(...paras)).toMatchObject([
      { speaker: 'Ann Cole', role: null, text: 'First part. Second part, after a stray space. Third part.', paragraphs: [1, 2, 3], kind: 'direct' },
    ]);
  });

  it('continues through a caption that interrupts the quote', () => {
    const quotes = quotesOf('Ann Cole said: “First part.', 'Caption: Ann Cole at the rally', '“Second part.”');
    expect(quotes.map((q) => [q.text, q.paragraphs])).toEqual([['First part. Second part.', [1, 3]]]);
  });

  it('works with straight double quotes', () => {
    expect(quotesOf('Ann Cole said: "First part.', '"Second part."').map((q) => [q.speaker, q.text, q.paragraphs])).toEqual([
      ['Ann Cole', 'First part. Second part.', [1, 2]],
    ]);
  });

  it('gives a quote-only paragraph after a closed quote to the same speaker, as a second quote', () => {
    expect(who('“There is a case for change,” Ann Cole said.', '“But we will support our staff.”')).toEqual([
      ['Ann Cole', null, 'direct', [1]],
      ['Ann Cole', null, 'direct', [2]],
    ]);
  });

  it('does not carry a speaker over a narrative paragraph', () => {
    expect(who('Ann Cole said: “Yes.”', 'The vote is in May.', '“No.”').map((q) => q[0])).toEqual(['Ann Cole', null]);
  });

  it('joins a quote interrupted mid-sentence by its attribution', () => {
    expect(quotesOf('Jo Bell said: “Hi.”', '“This is,” she said, “a disgrace.”').at(-1)).toMatchObject({
      speaker: 'Jo Bell', role: null, text: 'This is a disgrace.', paragraphs: [2], kind: 'direct',
    });
  });
});

describe('pronouns and short references', () => {
  it('resolves "he" to a councillor whose gender the article never stated, whatever the first name', () => {
    const quotes = quotesOf(
      'Caption: Unison branch secretary Carol Jones',
      'Carol Jones said: “Cuts hurt.”',
      'Councillor Paulette Hamm said: “We must change.”',
      'Cllr Hamm said that staff would be redeployed.',
      '“There is a clear case,” he said.',
    );
    expect(quotes.map((q) => q.speaker)).toEqual(['Carol Jones', 'Paulette Hamm', 'Paulette Hamm', 'Paulette Hamm']);
  });

  it('skips a person whose gender the article gave by title', () => {
    expect(who('Mr Gareth Pryce said: “Fine.”', 'Ms Sian Moss said: “Not fine.”', '“It is fine,” he said.').map((q) => q[0])).toEqual([
      'Gareth Pryce', 'Sian Moss', 'Gareth Pryce',
    ]);
  });

  it('takes an unstated gender as compatible with any pronoun, unless the first name reads as the other gender', () => {
    // An earlier man whose gender is stated makes it unsure; "Sian" makes "he" contradict it, so nobody is named.
    expect(quotesOf('Mr Gareth Pryce said: “Fine.”', 'Sam Moss said: “Not fine.”', '“It is fine,” he said.').map((q) => [q.speaker, q.confidence])).toEqual([
      ['Gareth Pryce', 'high'], ['Sam Moss', 'high'], ['Sam Moss', 'low'],
    ]);
    expect(who('Mr Gareth Pryce said: “Fine.”', 'Sian Moss said: “Not fine.”', '“It is fine,” he said.').map((q) => q[0])).toEqual([
      'Gareth Pryce', 'Sian Moss', null,
    ]);
  });

  it('learns a gender from an earlier pronoun or a title in narrative', () => {
    const quotes = quotesOf('Alex Rowe said: “One.”', '“Two,” she said.', 'Sam Hill said: “Three.”', 'Mr Hill left.', '“Four,” she said.');
    expect(quotes.map((q) => q.speaker)).toEqual(['Alex Rowe', 'Alex Rowe', 'Sam Hill', 'Alex Rowe']);
  });

  it('resolves "they" to the last person named', () => {
    expect(who('Home carer Sam Reid has worked here for 11 years.', '“I cannot pay my rent,” they said.')).toEqual([
      ['Sam Reid', 'Home carer', 'direct', [2]],
    ]);
  });

  it('maps Ms + surname to the full name and keeps the role given earlier', () => {
    expect(who('Council leader Priya Shah said: “We listen.”', 'Ms Shah added: “We always listen.”').at(-1)).toEqual([
      'Priya Shah', 'Council leader', 'direct', [2],
    ]);
  });

  it('does not resolve a pronoun to an organisation or to nobody', () => {
    // A body is no person: its name is the role (issue 9: documents and bodies have no speaker).
    expect(who('Unison said: “We object.”', '“It is wrong,” he said.')).toEqual([
      [null, 'Unison', 'direct', [1]],
      [null, null, 'direct', [2]],
    ]);
  });
});

describe('unnamed speakers', () => {
  it('reads a group opening the sentence as a description, not a surname', () => {
    expect(who('Campaigners said: “The council is choosing cheap over safe.”')).toEqual([[null, 'Campaigners', 'direct', [1]]]);
  });

  it('does not take an age as a role', () => {
    expect(who('Jane Doe, 54, who has been a carer for 20 years, said: “Morale is low.”')).toEqual([['Jane Doe', null, 'direct', [1]]]);
  });

  it('does not take a place after "in" as a person being introduced', () => {
    // The agencies are an unnamed group (their reported speech is theirs); "he" still refers to nobody.
    expect(who('Care agencies in Eastmere say the council pays too little.', '“We lose money,” he said.')).toEqual([
      [null, 'Care agencies in Eastmere', 'reported', [1]],
      [null, null, 'direct', [2]],
    ]);
  });


  it('keeps the description as the role without its article', () => {
    expect(who('A council spokeswoman said: “No decision has been made.”')).toEqual([[null, 'council spokeswoman', 'direct', [1]]]);
  });

  it('reads an unnamed speaker after the quote', () => {
    expect(who('“We have heard this before,” a Unison spokesman said.')).toEqual([[null, 'Unison spokesman', 'direct', [1]]]);
  });

  it('takes an attribution that ends the paragraph before with a colon', () => {
    expect(who('A GMB spokeswoman says:', '“Every empty post costs double.”')).toEqual([[null, 'GMB spokeswoman', 'direct', [2]]]);
  });

  it('leaves speaker and role null when nobody is said to speak', () => {
    expect(who('Ann Cole said: “Yes.”', 'A protest sign read: “Hands off.”')).toEqual([
      ['Ann Cole', null, 'direct', [1]],
      [null, null, 'direct', [2]],
    ]);
  });
});

describe('partial and scare quotes', () => {
  it('takes a single-quoted phrase as a partial quote when its sentence names the speaker', () => {
    expect(quotesOf('At the meeting in Ebbw Vale, Liz Mair, corporate director of social services reassured staff that there ‘would be no immediate change’ and it is business as usual.')).toMatchObject([
      { speaker: 'Liz Mair', role: 'corporate director of social services', text: 'would be no immediate change', paragraphs: [1], kind: 'partial' },
    ]);
  });

  it('ignores a scare quote, with or without a space inside the mark', () => {
    expect(quotesOf('Home care could become an independent ‘ not for profit’ service.', 'It is a so-called ‘social enterprise’ run by the council’s friends.')).toMatchObject([]);
  });

  it('keeps single-marked phrases inside a direct quote as part of it', () => {
    const quotes = quotesOf('A council spokeswoman said: “Staff welcomed a ‘not for profit service’ as the option.”');
    expect(quotes.map((q) => [q.kind, q.text])).toEqual([['direct', 'Staff welcomed a ‘not for profit service’ as the option.']]);
  });

  it('treats a double-quoted phrase mid-sentence as partial only with a speaker', () => {
    expect(who('Grace Oke called the deal "a betrayal of tenants" at a rally.', 'The council handed its "flexible" contract to a firm.')).toEqual([
      ['Grace Oke', null, 'partial', [1]],
    ]);
  });
});

describe('speech in single quotes', () => {
  it('takes straight single quotes as a partial quote when the sentence has a speaker', () => {
    expect(who("Unite rep Kay Lowe called the cuts 'disgraceful' at the meeting.", "The workers' rights were not discussed.")).toEqual([
      ['Kay Lowe', 'Unite rep', 'partial', [1]],
    ]);
  });

  it('takes a sentence that opens with single-quoted speech and an attribution as a direct quote', () => {
    expect(quotesOf('‘We were never asked,’ said one carer.')).toMatchObject([
      { speaker: null, role: 'one carer', text: 'We were never asked', paragraphs: [1], kind: 'direct' },
    ]);
  });
});

describe('reported speech', () => {
  it('keeps "said that" apart from direct quotes, with the reported clause as text', () => {
    expect(quotesOf('Paul Hale said: “Hi.”', 'Cllr Hale said that they are compiling details of other jobs, while some sought redundancy.').at(-1)).toMatchObject({
      speaker: 'Paul Hale', role: null, text: 'they are compiling details of other jobs, while some sought redundancy', paragraphs: [2], kind: 'reported',
    });
  });

  it('reads "told reporters that", and "says" with no "that" from a body', () => {
    expect(who('Jo Bell told reporters that members backed action.', 'The union Unison says it is a short-sighted move.')).toEqual([
      ['Jo Bell', null, 'reported', [1]],
      [null, 'union Unison', 'reported', [2]],
    ]);
  });
});

describe('captions', () => {
  it('never quotes a caption, even one with quotation marks', () => {
    expect(quotesOf('Caption: A banner reading “Save Elm Lodge” outside the home', 'Caption: Unison steward Joan Wick said: “Enough.”')).toMatchObject([]);
  });

  it('lends a caption role to a quote whose sentence gives none', () => {
    expect(who('Caption: Unison steward Joan Wick at the depot', 'Joan Wick said: “The driver is their only visitor.”')).toEqual([
      ['Joan Wick', 'Unison steward', 'direct', [2]],
    ]);
  });

  it('reads a caption that gives the name first and the role after a comma', () => {
    expect(who('Caption: Jean Cole, Unite rep, outside the civic centre', 'Jean Cole said: “Stop cutting visits.”')).toEqual([
      ['Jean Cole', 'Unite rep', 'direct', [2]],
    ]);
  });

  it('prefers the role in the quote’s own sentence to a caption role', () => {
    expect(who('Caption: Cabinet member Alex Rowe', 'Alex Rowe, cabinet member for adult care, said: “We must save.”')).toEqual([
      ['Alex Rowe', 'cabinet member for adult care', 'direct', [2]],
    ]);
  });

  it('does not let a person met only in a caption answer a pronoun', () => {
    expect(who('Caption: Unison steward Joan Wick', '“Enough,” she said.')).toEqual([[null, null, 'direct', [2]]]);
  });
});

describe('a role word opening the sentence', () => {
  it('is the role, not the first name, so later surname references find the same person', () => {
    expect(
      who('Campaigner Abigail Bryant said: “We will fight every closure.”', '“We have only started,” Bryant said.'),
    ).toEqual([
      ['Abigail Bryant', 'Campaigner', 'direct', [1]],
      ['Abigail Bryant', 'Campaigner', 'direct', [2]],
    ]);
  });
});
