import { beforeAll, describe, expect, it } from 'vitest';
import { cutsAnswer } from '../../src/answers/index.js';
import type { Answer } from '../../src/answers/types.js';
import { buildKnowledgeBase } from '../../src/knowledge/build.js';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { parseKnowledgeFile } from '../../src/knowledge/loader.js';
import { testKnowledgeBase } from './kb.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await testKnowledgeBase();
});

const BIRMINGHAM = 'birmingham-enablement-redundancies';
const BLAENAU = 'blaenau-gwent-home-care-outsourcing';
const section = (a: Answer, heading: string) => a.sections.find((s) => s.heading === heading);
const allLines = (a: Answer) => a.sections.flatMap((s) => s.lines);

describe('/cuts', () => {
  it.each([
    ['birmingham', 'Birmingham', BIRMINGHAM],
    ['Birmingham', 'Birmingham', BIRMINGHAM],
    ['birmingam', 'Birmingham', BIRMINGHAM],
    ['brum', 'Birmingham', BIRMINGHAM],
    ['Birmingham City Council', 'Birmingham', BIRMINGHAM],
    ['ebbw vale', 'Blaenau Gwent', BLAENAU],
    ['Abertillery', 'Blaenau Gwent', BLAENAU],
    ['blaenau gwent', 'Blaenau Gwent', BLAENAU],
    ['blaenau gwnet', 'Blaenau Gwent', BLAENAU],
    ['blaena gwnt', 'Blaenau Gwent', BLAENAU],
    ['eastfield', 'Northbridge', 'northbridge-day-centres'],
  ])('%s answers for %s from its article', (query, place, articleId) => {
    const a = cutsAnswer(kb, { place: query });
    expect(a.kind).toBe('cuts');
    expect(a.title).toBe(`Care cuts in ${place}`);
    expect(a.sources.map((s) => s.articleId)).toEqual([articleId]);
    expect(allLines(a).every((l) => l.citation?.articleId === articleId)).toBe(true);
  });

  it('says how a town or typo was understood', () => {
    expect(cutsAnswer(kb, { place: 'ebbw vale' }).summary).toMatch(/^Ebbw Vale is in Blaenau Gwent\./);
    expect(cutsAnswer(kb, { place: 'birmingam' }).summary).toMatch(/Showing Birmingham for “birmingam”/);
  });

  it('gives Birmingham’s figures and quotes, each cited to its paragraph', () => {
    const a = cutsAnswer(kb, { place: 'birmingham' });
    const figures = section(a, 'Key figures')!.lines;
    const jobs = figures.find((l) => l.text.startsWith('more than 150'));
    expect(jobs?.citation?.paragraph).toBe(1);
    const money = figures.find((l) => l.text.startsWith('£4 million'));
    expect(money?.citation?.paragraph).toBe(3);
    expect(figures.some((l) => /^about 40%/.test(l.text))).toBe(true);
    const quotes = section(a, 'Key quotes')!.lines;
    expect(quotes.map((q) => q.speaker).slice(0, 2)).toEqual(['Caroline Johnson', 'Paulette Hamilton']);
    expect(quotes[0]!.citation).toMatchObject({ paragraph: 6, lastParagraph: 9 });
    expect(quotes[0]!.text).toMatch(/^“The enablement service provides valuable support/);
    expect(section(a, 'What is being cut')!.lines[0]!.text).toMatch(/^More than 150 vital care workers are being made redundant/);
  });

  it('lists an open consultation for the place, not a closed one', () => {
    const a = cutsAnswer(kb, { place: 'northbridge', now: new Date('2026-11-23T12:00:00Z') });
    const open = section(a, 'Open consultations')!.lines.map((l) => l.text);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatch(/^Day centres consultation: closes Friday 15 January 2027 at 17:00 GMT/);
  });

  it('never answers a near-miss with the wrong place: Billingham is a real town, not a typo of Birmingham', () => {
    const a = cutsAnswer(kb, { place: 'billingham' });
    expect(a.title).toBe('Care cuts in Stockton-on-Tees');
    expect(a.summary).toMatch(/^Billingham is in Stockton-on-Tees\. No articles about Stockton-on-Tees Borough Council are in the knowledge base yet\./);
    expect(a.sources).toEqual([]);
    expect(cutsAnswer(kb, { place: 'bilingham' }).summary).toMatch(/^Showing Billingham \(in Stockton-on-Tees\) for “bilingham”/);
  });

  it('answers an unknown place with suggestions or the list of places, never an empty answer', () => {
    const a = cutsAnswer(kb, { place: 'atlantis' });
    expect(a.kind).toBe('not-found');
    expect(a.summary).toMatch(/No place called “atlantis”/);
    expect(a.summary).toMatch(/Birmingham, Blaenau Gwent, Northbridge/);
    expect(cutsAnswer(kb, { place: 'ham' }).kind).toBe('not-found');
  });
});

describe('/cuts for a place with several articles', () => {
  const article = (id: string, published: string | null, council: string, body: string) =>
    parseKnowledgeFile(`---\nid: ${id}\ntitle: ${id}\ncouncil: ${council}\n${published ? `published: ${published}\n` : ''}---\n\n${body}\n`, `${id}.md`).article!;

  it('puts articles about the place first, newest first, before articles that only mention it', () => {
    const kb2 = buildKnowledgeBase(
      [
        article('old', '2015', 'Northbridge Council', 'Northbridge Council cut 10 jobs.'),
        article('new', '2020-05', 'Northbridge Council', 'Northbridge Council cut 20 jobs.'),
        article('undated', null, 'Northbridge Council', 'Northbridge Council cut 30 jobs.'),
        article('elsewhere', '2024', 'Southvale Council', 'Southvale Council copied a plan first tried in Northbridge.'),
      ],
      [],
    );
    const lines = cutsAnswer(kb2, { place: 'northbridge' }).sections[0]!.lines.map((l) => l.citation?.articleId);
    expect(lines).toEqual(['new', 'old', 'undated', 'elsewhere']);
  });
});
