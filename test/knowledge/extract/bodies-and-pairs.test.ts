import { describe, it, expect } from 'vitest';
import { quotesOf } from './quotes-of.js';

/** Reports, analyses and bodies as sources, and two people speaking together (tune6, eighth round). */
const all = (...paragraphs: string[]) => quotesOf(...paragraphs).map((q) => [q.kind, q.speaker, q.role, q.attribution, q.text]);

describe('a document trailing its sentence, with a time or "shows"', () => {
  it.each([
    ['Councils are cutting routes with budget cuts, a report warns today.', 'a report'],
    ['Some 199 routes were withdrawn in the last year alone, the analysis shows.', 'the analysis'],
    ['Most libraries lost staff over the decade, the survey showed.', 'the survey'],
    ['Bus use fell by a third in rural areas, a study said yesterday.', 'a study'],
  ])('%s', (text, role) => {
    const [q] = all(text);
    expect(q?.slice(0, 4)).toEqual(['reported', null, role, 'document']);
  });

  it.each([['Some 199 routes were withdrawn in the last year alone, figures show.'], ['Some 199 routes were withdrawn in the last year alone, Tom Hale shows.']])(
    'only a document shows: %s',
    (text) => {
      expect(all(text)).toEqual([]);
    },
  );

  it('gives a partial quote in the sentence to the document trailing it', () => {
    expect(all("Councils are causing the 'slow death' of local buses with budget cuts, a report warns today.")).toEqual([
      ['partial', null, 'a report', 'document', 'slow death'],
    ]);
  });

  it('leaves a scare quote alone when the trailing words are no attribution', () => {
    expect(all("Councils are causing the 'slow death' of local buses, a trend that started in 2010.")).toEqual([]);
  });

  it('reads a body whose verb has an adverb before it ("has consistently said that")', () => {
    expect(all('Westshire Council’s Cabinet has consistently said that leisure services are not a statutory service.').map((q) => q.slice(0, 2))).toEqual([
      ['reported', null],
    ]);
    expect(all('Cllr Jo Bell has repeatedly said that the library will stay open.').map((q) => q[1])).toEqual(['Jo Bell']);
  });
});

describe('two people reporting together: reported speech, nobody named', () => {
  it.each([
    ['Councillors Jo Bell and Tom Hale warned the proposals would have a significant impact on sports teams.'],
    ['Jo Bell and Tom Hale said that the library would have to close in the spring.'],
    ['Unison’s Jo Bell, Tom Hale and Sam Reid told the meeting the cuts would cost 40 jobs.'],
  ])('%s', (text) => {
    const qs = quotesOf(text);
    expect(qs.map((q) => [q.kind, q.speaker, q.attribution])).toEqual([['reported', null, 'none']]);
    expect(qs[0]!.reason).toMatch(/Jo Bell/);
  });

  it.each([['She said:'], ['He added:']])('keeps both in play, so "%s" after them is nobody', (lead) => {
    const qs = quotesOf('Unison’s Jo Bell is a steward.', 'Jo Bell and Tom Hale warned the proposals would hit sports teams.', `${lead} “It is mean.”`);
    expect(qs.map((q) => q.speaker)).toEqual([null, null]);
  });

  it('and a later "Ms Bell" is still Jo Bell', () => {
    const qs = quotesOf('Jo Bell and Tom Hale warned the proposals would hit sports teams.', 'Later Ms Bell said: “It is mean.”');
    expect(qs.map((q) => q.speaker)).toEqual([null, 'Jo Bell']);
  });
});

describe('the subject of a verb of speech joined on by "but" or "and", or of a second clause', () => {
  it.each([
    ['Council officials have apologised for not informing park users, but said the toilets had to be closed to save money.', null, 'Council officials'],
    ['Cllr Jo Bell has backed the plan and said the library would move to the civic centre.', 'Jo Bell', null],
    ['Earlier in the meeting there had been questions about the pools and Tom Hale, cabinet member for customer and support services, revealed that there have been nine bids.', 'Tom Hale', null],
  ])('%s', (text, speaker, role) => {
    const [q] = quotesOf(text);
    expect([q?.kind, q?.speaker, speaker === null ? q?.role : null]).toEqual(['reported', speaker, role]);
  });

  it('names nobody when the first clause names another person', () => {
    const qs = quotesOf('Jo Bell met Tom Hale on Monday but said the library would close.');
    expect(qs.map((q) => q.speaker)).not.toContain('Tom Hale');
  });
});

describe('"X said … and added: “…”": the reported clause before the quote is X’s too', () => {
  it.each([
    ['Mr Tom Hale said there is strong evidence of a link between lighting and crime and added: “What I see as more worrying is the fear.”'],
    ['Mr Tom Hale said that the council had ignored residents and added: “What I see as more worrying is the fear.”'],
  ])('%s', (text) => {
    expect(quotesOf(text).map((q) => [q.kind, q.speaker])).toEqual([
      ['reported', 'Tom Hale'],
      ['direct', 'Tom Hale'],
    ]);
  });

  it('is no reported speech when "said" has no clause ("said no and added:")', () => {
    expect(quotesOf('Mr Tom Hale said no and added: “What I see is the fear.”').map((q) => q.kind)).toEqual(['direct']);
  });
});

describe('"made it clear" reports a clause', () => {
  it('gives the clause to an unnamed speaker', () => {
    const qs = quotesOf('A six-week consultation is now under way, although one opposition member made it clear he thinks it is already a foregone conclusion.');
    expect(qs.map((q) => [q.kind, q.speaker, q.text])).toEqual([['reported', null, 'he thinks it is already a foregone conclusion']]);
  });

  it('not when nothing finite follows ("made it clear to the council")', () => {
    expect(quotesOf('Jo Bell made it clear to the council at its meeting on Monday.')).toEqual([]);
  });
});
