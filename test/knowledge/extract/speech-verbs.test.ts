import { describe, it, expect } from 'vitest';
import { splitParagraphs } from '../../../src/knowledge/paragraphs.js';
import { extractQuotes } from '../../../src/knowledge/extract/quotes.js';
import { firstVerb, lastVerb } from '../../../src/knowledge/extract/verbs.js';

/**
 * The settled speech-verb rule (test/eval/README.md, 2026-12-01): any verb of saying followed by a finite clause
 * reports that clause; a non-finite complement, a verb of belief and a noun that looks like a verb do not.
 */
const reported = (text: string) => extractQuotes(splitParagraphs(text)).filter((q) => q.kind === 'reported').map((q) => [q.speaker ?? q.role, q.text]);

describe('verbs of saying with a finite clause are reported speech', () => {
  it.each([
    ['Cllr Jo Bell explained the authority was facing a funding gap of £118m.', 'the authority was facing a funding gap of £118m'],
    ['Cllr Jo Bell argued the decision had been contrary to the criteria.', 'the decision had been contrary to the criteria'],
    ['Cllr Jo Bell admitted the council had made mistakes over the closures.', 'the council had made mistakes over the closures'],
    ['Cllr Jo Bell wrote that the council had failed its residents.', 'the council had failed its residents'],
    ['Cllr Jo Bell vowed that the library would stay open.', 'the library would stay open'],
    ['Cllr Jo Bell stated the library would stay open until March.', 'the library would stay open until March'],
    ['Cllr Jo Bell emphasised that the library would stay open.', 'the library would stay open'],
  ])('%s', (text, clause) => {
    expect(reported(text)).toEqual([['Jo Bell', clause]]);
  });
});

describe('no clause of theirs: not reported', () => {
  it.each([
    ['Cllr Jo Bell vowed to fight the closure of the library.'],
    ['Cllr Jo Bell urged the council to think again about the library.'],
    ['Cllr Jo Bell accused the council of cutting services by stealth.'],
    ['Cllr Jo Bell called for the library to stay open.'],
    ['Cllr Jo Bell believes that the library will close next year.'],
    ['The cabinet agreed that the library should close next year.'],
    ['Ukip MLA David McNarry, who is calling for weekly bin collections, welcomed the pledges.'],
    ['Jo Bell, a campaigner, wrote to the council.'],
  ])('%s', (text) => {
    expect(reported(text)).toEqual([]);
  });
});

describe('the subject and the clause around a verb of saying', () => {
  it('drops a time before the subject and an affiliation after the name', () => {
    const q = extractQuotes(splitParagraphs('This week petition organiser Samantha Warrington for the Preston Library campaign said: “We will keep going.”'))[0]!;
    expect([q.speaker, q.role]).toEqual(['Samantha Warrington', 'petition organiser']);
  });

  it('keeps a role with "for" whole before a name', () => {
    expect(extractQuotes(splitParagraphs('Cabinet Member for Libraries Jo Bell said: “It must stay open.”'))[0]!.role).toBe('Cabinet Member for Libraries');
  });

  it('ends a reported clause at a full stop with no space after it', () => {
    expect(reported('Last week the council vowed the centre would be reopened by the end of the year.It closed suddenly in 2003.')).toEqual([
      ['council', 'the centre would be reopened by the end of the year'],
    ]);
  });
});

describe('more of the forms tune5 showed', () => {
  const all = (text: string) => extractQuotes(splitParagraphs(text)).map((q) => [q.kind, q.speaker ?? q.role, q.text]);

  it('reads the subject after a scene with no comma, when it has an article', () => {
    expect(reported('In a report to the scrutiny committee the council said an analysis of repairs showed few cases of mould.')).toEqual([
      ['council', 'an analysis of repairs showed few cases of mould'],
    ]);
  });

  it('counts "concluded" as a verb of saying', () => {
    expect(all('There had been “severe maladministration” in how the complaint was handled, the ombudsman concluded.')).toEqual([
      ['partial', 'ombudsman', 'severe maladministration'],
    ]);
  });

  it('closes a quote at two straight apostrophes typed for the closing mark', () => {
    expect(all('Mr McDade said: "Strike action can be averted if the council withdraws the notices.\'\'')).toEqual([
      ['direct', 'McDade', 'Strike action can be averted if the council withdraws the notices.'],
    ]);
  });
});

describe('two clauses reported in one sentence', () => {
  it('gives a second verb of saying joined by "and" its own reported quote, the same speaker’s', () => {
    expect(reported('The council, which employs 10,000 workers, said it was trying to plug a £14m gap and said that hundreds of jobs were at risk if the plans were delayed.')).toEqual([
      ['council', 'it was trying to plug a £14m gap'],
      ['council', 'hundreds of jobs were at risk if the plans were delayed'],
    ]);
  });
});

describe('a verb of saying glued to a letter or a hyphen is part of another word', () => {
  // The letter before is checked by hand, not by a lookbehind (verbs.ts): accented and astral letters count too.
  it.each([
    ['Cllr Jo Bell re-said the library would stay open until March.'],
    ['Cllr Jo Bell ésaid the library would stay open until March.'],
    ['Cllr Jo Bell 𝐀said the library would stay open until March.'],
  ])('%s', (text) => {
    expect(reported(text)).toEqual([]);
  });

  it('after a lone surrogate (not a letter) it is a verb again', () => {
    expect(reported('Cllr Jo Bell \uDC00said the library would stay open until March.')).toEqual([['Cllr Jo Bell \uDC00', 'the library would stay open until March']]);
  });

  it('a word that only ends in one ("unsaid") is skipped, and the verb after it is found', () => {
    expect(firstVerb('she unsaid it and said no')).toEqual({ index: 18, text: 'said' });
    expect(lastVerb('the claims, unsaid')).toBeNull();
  });
});

/** "one in four are stressed at work ‘most of the time’" (tune7, ninth round): an adjective after a copula, not speech. */
describe('"stressed" after a copula describes a state', () => {
  const partials = (text: string) => extractQuotes(splitParagraphs(text)).map((q) => [q.kind, q.speaker ?? q.role, q.attribution]);
  it.each([
    ['The union says library staff are stressed at work ‘most of the time’.', 'union'],
    ['Jo Bell says her staff feel stressed at work ‘most of the time’.', 'Jo Bell'],
    ['Unison says one in four workers were very stressed by the “constant” cuts.', 'Unison'],
  ])('%s', (text, source) => {
    expect(partials(text)[0]?.slice(0, 2)).toEqual(['partial', source]);
  });

  it('keeps "stressed that" a verb of speech', () => {
    expect(reported('Jo Bell stressed that the library would stay open all summer.')).toEqual([['Jo Bell', 'the library would stay open all summer']]);
    expect(lastVerb('staff are stressed at work')).toBeNull();
  });
});
