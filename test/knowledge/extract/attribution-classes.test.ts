import { describe, it, expect } from 'vitest';
import { quotesOf } from './quotes-of.js';

/** The ways real articles attribute speech that the first rules missed (issue 9, "Speakers"). */
const how = (...paragraphs: string[]) => quotesOf(...paragraphs).map((q) => [q.speaker, q.role, q.attribution, q.confidence]);

describe('attribution earlier in the article, or with another verb', () => {
  it('resolves "He said:" to a person who opened an earlier sentence with another verb', () => {
    expect(how('Unite convenor Dev Patel accused county chiefs of breaking their word.', 'He said: “They promised no cuts.”')).toEqual([
      ['Dev Patel', 'Unite convenor', 'pronoun', 'high'],
    ]);
  });

  it('takes "accused … of “…”" as a partial quote, and the accuser as the "He" who then speaks', () => {
    expect(
      quotesOf('GMB organiser Huw Pritchard accused county chiefs of “running the service into the ground”. He said: “Our members kept it going.”').map(
        (q) => [q.speaker, q.kind, q.attribution, q.confidence],
      ),
    ).toEqual([
      ['Huw Pritchard', 'partial', 'named', 'high'],
      ['Huw Pritchard', 'direct', 'pronoun', 'high'],
    ]);
  });

  it('resolves "In a statement, she said:" two paragraphs after the name', () => {
    expect(
      how('Council leader Ann Foley defended the budget on Monday.', 'The cuts take effect in April.', 'In a statement, she said: “We had no choice.”').map((q) => q[0]),
    ).toEqual(['Ann Foley']);
  });

  it('takes the subject of the main clause before ", saying:"', () => {
    expect(how('Maria Okafor defended the decision, saying: “It protects frontline staff.”')).toEqual([['Maria Okafor', null, 'named', 'high']]);
  });

  it('reads "she told the BBC" after a quote', () => {
    expect(how('Jo Marsh chairs the forum.', '“We are frightened,” she told the BBC.')).toEqual([['Jo Marsh', null, 'pronoun', 'high']]);
  });

  it('reads "She also points out that" as reported speech', () => {
    expect(quotesOf('Jo Marsh chairs the forum.', 'She also points out that the centre is full.').map((q) => [q.speaker, q.kind, q.text])).toEqual([
      ['Jo Marsh', 'reported', 'the centre is full'],
    ]);
  });

  it('gives a quote paragraph to the person who "said this week" in the paragraph before', () => {
    // The narrative sentence is her reported speech too (no "that" needed), then the quote is hers.
    expect(how('Jo Marsh said this week the council had not listened.', '“Nobody asked the families.”').map((q) => q.slice(0, 3))).toEqual([
      ['Jo Marsh', null, 'named'],
      ['Jo Marsh', null, 'named'],
    ]);
  });
});

describe('one speaker for a quote split by its attribution', () => {
  it('gives the second part the same speaker, as a continuation', () => {
    expect(
      how('“Families are frightened,” said Jo Marsh, chair of the carers’ forum. “If these cuts go ahead, people will suffer.”'),
    ).toEqual([
      ['Jo Marsh', 'chair of the carers’ forum', 'named', 'high'],
      ['Jo Marsh', 'chair of the carers’ forum', 'continued', 'high'],
    ]);
  });
});

describe('pronouns across organisations', () => {
  const article = [
    'Unison branch secretary Tom Hale said: “Members are angry.”',
    'A company spokesman said: “We are consulting staff.”',
    'He added: “No jobs will go this year.”',
  ];

  it('gives "He added:" after a company spokesman to the spokesman, not the union secretary named earlier', () => {
    expect(how(...article).at(-1)).toEqual([null, 'company spokesman', 'pronoun', 'high']);
  });

  it('leaves the speaker null, with the reason, when two people fit the pronoun equally', () => {
    const q = quotesOf('Tom Hale met Sam Reid at the depot.', '“It is over,” he said.').at(-1)!;
    expect([q.speaker, q.attribution, q.confidence]).toEqual([null, 'pronoun', 'low']);
    expect(q.reason).toMatch(/Sam Reid or Tom Hale|Tom Hale or Sam Reid/);
  });

  it('names nobody for a pronoun when two people it fits were named since the last speaker', () => {
    const q = quotesOf('Tom Hale chairs the branch. Sam Reid joined in May.', '“It is over,” he said.').at(-1)!;
    expect([q.speaker, q.confidence, q.reason]).toEqual([null, 'low', '“he” could be Sam Reid or Tom Hale']);
  });

  it('uses a gender the article stated to choose between two people', () => {
    expect(how('Mr Tom Hale met Ms Sam Reid at the depot.', '“It is over,” she said.').map((q) => q[0])).toEqual(['Sam Reid']);
  });
});

describe('documents and bodies', () => {
  it('credits a paper to the cabinet as a document, not a person', () => {
    expect(how('Tom Hale said: “No.”', '“Savings of this size cannot be found elsewhere,” said a paper to the cabinet.').at(-1)).toEqual([
      null, 'a paper to the cabinet', 'document', 'high',
    ]);
  });

  it('credits "according to a report"', () => {
    expect(how('“Demand will double by 2030,” according to a report by the county.').map((q) => q.slice(0, 3))).toEqual([
      [null, 'a report by the county', 'document'],
    ]);
  });

  it('credits "the council said in a statement" to the council as a body', () => {
    expect(how('“The grant was temporary,” the council said in a statement.')).toEqual([[null, 'council', 'document', 'high']]);
  });

  it('gives "they" straight after a body to the body, not to a person named before it', () => {
    expect(how('Jo Marsh said: “No.”', 'Unison said: “We object.”', '“It is wrong,” they said.').map((q) => q.slice(0, 3))).toEqual([
      ['Jo Marsh', null, 'named'],
      [null, 'Unison', 'document'],
      [null, 'Unison', 'document'],
    ]);
  });

  it('never lets "she" after a document go to anyone but a woman named before it', () => {
    expect(how('Jo Marsh said: “No.”', 'A report to the cabinet said: “Demand is rising.”', '“It must be met,” she said.').map((q) => q[0])).toEqual([
      'Jo Marsh', null, 'Jo Marsh',
    ]);
  });
});

describe('quotation marks', () => {
  it('takes speech with no marks after "She added:"', () => {
    expect(quotesOf('Jo Marsh said: “No.”', 'She added: The council must think again about these cuts.').at(-1)).toMatchObject({
      speaker: 'Jo Marsh', text: 'The council must think again about these cuts.', kind: 'direct', attribution: 'pronoun',
    });
  });

  it('reads an attribution after a full stop inside the closing mark', () => {
    expect(how('Jo Marsh said: “No.”', '“We will fight this.” she said.').map((q) => q[0])).toEqual(['Jo Marsh', 'Jo Marsh']);
    expect(how('“We will fight this.” Jo Marsh said.').map((q) => q[0])).toEqual(['Jo Marsh']);
  });

  it('takes single-quoted speech after "She added:" as direct speech', () => {
    expect(quotesOf('Nadia Hussain said: “Pay up.”', 'She added: ‘Every employer should check their sleep-in pay.’').at(-1)).toMatchObject({
      speaker: 'Nadia Hussain', kind: 'direct', attribution: 'pronoun',
    });
  });

  it('takes a straight opening mark closed by a curly one', () => {
    expect(quotesOf('Jo Marsh said: "We will fight this.” The vote is on Monday.').map((q) => [q.speaker, q.text])).toEqual([
      ['Jo Marsh', 'We will fight this.'],
    ]);
  });
});

describe('names', () => {
  it('maps a surname to the full name given earlier', () => {
    expect(how('Unison’s Grace Okafor spoke at the rally.', '“We will not stop,” Okafor said.')).toEqual([['Grace Okafor', 'Unison', 'named', 'high']]);
  });

  it('leaves a surname two people share unresolved, with the reason', () => {
    const q = quotesOf('Tom Hale and Ann Hale run the home.', '“It is over,” Hale said.').at(-1)!;
    expect([q.speaker, q.confidence, q.reason]).toEqual([null, 'low', '“Hale” could be Tom Hale or Ann Hale']);
  });

  it('reads "Hartley Law’s Sam Price" as Sam Price of Hartley Law', () => {
    expect(how('“The contract is unlawful,” said Hartley Law’s Sam Price.')).toEqual([['Sam Price', 'Hartley Law', 'named', 'high']]);
  });

  it('does not take a leading phrase as a role', () => {
    expect(how('Ahead of the meeting, Jo Marsh said: “We are ready.”')).toEqual([['Jo Marsh', null, 'named', 'high']]);
  });

  it('reads "Dawn, a care assistant and GMB member" as Dawn with that role', () => {
    expect(how('Dawn, a care assistant and GMB member, said: “I love this job.”')).toEqual([['Dawn', 'care assistant and GMB member', 'named', 'high']]);
  });
});

describe('no attribution', () => {
  it('says there is nobody, with a reason, rather than guessing', () => {
    const [q] = quotesOf('A protest sign read: “Hands off.”');
    expect([q!.speaker, q!.attribution, q!.confidence, q!.reason]).toEqual([null, 'none', 'low', 'the article does not say who said it']);
  });
});
