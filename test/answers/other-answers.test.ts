import { beforeAll, describe, expect, it } from 'vitest';
import {
  autocompletePlaces,
  autocompleteSpeakersOrTopics,
  consultationsAnswer,
  figuresAnswer,
  helpAnswer,
  quoteAnswer,
  searchAnswer,
  sourcesAnswer,
} from '../../src/answers/index.js';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { testKnowledgeBase } from './kb.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await testKnowledgeBase();
});

describe('/quote', () => {
  it.each(['hamilton', 'Cllr Hamilton', 'Paulette Hamilton', 'paulette hamiltn'])('%s finds Paulette Hamilton’s quotes', (query) => {
    const a = quoteAnswer(kb, { query });
    expect(a.title).toBe('Quotes from Paulette Hamilton');
    const lines = a.sections[0]!.lines;
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.every((l) => l.speaker === 'Paulette Hamilton')).toBe(true);
    expect(lines.some((l) => l.text.includes('There is a clear case for change'))).toBe(true);
  });

  it('finds quotes by topic words when no speaker matches', () => {
    const a = quoteAnswer(kb, { query: 'not for profit' });
    expect(a.kind).toBe('quotes');
    expect(a.sections[0]!.lines[0]!.citation?.articleId).toBe('blaenau-gwent-home-care-outsourcing');
  });

  it('gives every quote of a place when asked by place', () => {
    const a = quoteAnswer(kb, { query: 'blaenau gwent' });
    expect(a.title).toBe('Quotes about Blaenau Gwent');
    expect(a.sections[0]!.lines.some((l) => l.speaker === 'Liz Majer')).toBe(true);
  });

  it('says so when nothing matches', () => {
    expect(quoteAnswer(kb, { query: 'zzqx' }).kind).toBe('not-found');
  });
});

describe('/figures', () => {
  it('groups Blaenau Gwent’s figures by kind with the sentence and paragraph', () => {
    const a = figuresAnswer(kb, { place: 'blaenau gwent' });
    expect(a.sections.map((s) => s.heading)).toEqual(['Jobs and people', 'Money', 'Percentages', 'Dates']);
    const money = a.sections[1]!.lines.map((l) => l.text);
    expect(money.some((t) => t.startsWith('£2.5 million'))).toBe(true);
    expect(a.sections[0]!.lines[0]!.text).toMatch(/^up to 140 /);
    expect(a.sections[0]!.lines[0]!.citation?.paragraph).toBe(2);
  });

  it('refers an unknown place to suggestions', () => {
    expect(figuresAnswer(kb, { place: 'blainau gwent' }).title).toBe('Figures for Blaenau Gwent');
    expect(figuresAnswer(kb, { place: 'narnia' }).kind).toBe('not-found');
  });
});

describe('/search', () => {
  it('ranks the paragraphs that contain every word first, and cites them', () => {
    const a = searchAnswer(kb, { query: 'petition names' });
    const top = a.sections[0]!.lines[0]!;
    expect(top.text).toMatch(/petition of about 3,000 names/);
    expect(top.citation).toMatchObject({ articleId: 'birmingham-enablement-redundancies', paragraph: 4 });
  });

  it('corrects a misspelt word from the vocabulary', () => {
    const a = searchAnswer(kb, { query: 'enablment' });
    expect(a.summary).toMatch(/“enablment” → “enablement”/);
    expect(a.sections[0]!.lines.length).toBeGreaterThan(0);
  });

  it('explains an empty or unmatched query', () => {
    expect(searchAnswer(kb, { query: 'the of' }).title).toBe('Nothing to search for');
    expect(searchAnswer(kb, { query: 'xylophones' }).kind).toBe('not-found');
  });
});

describe('/sources and /consultations', () => {
  it('lists every article with what is unknown about it', () => {
    const a = sourcesAnswer(kb, {});
    expect(a.sections[0]!.lines).toHaveLength(3);
    const bham = a.sections[0]!.lines.find((l) => l.citation?.articleId === 'birmingham-enablement-redundancies')!;
    expect(bham.text).toMatch(/publisher unknown; date unknown/);
    const nb = a.sections[0]!.lines.find((l) => l.citation?.articleId === 'northbridge-day-centres')!;
    expect(nb.citation?.url).toBe('https://example.org/northbridge-day-centres');
    expect(sourcesAnswer(kb, { place: 'ebbw vale' }).sources.map((s) => s.articleId)).toEqual(['blaenau-gwent-home-care-outsourcing']);
  });

  it('shows only consultations still open at the time asked', () => {
    const before = consultationsAnswer(kb, { now: new Date('2026-05-01T00:00:00Z') });
    expect(before.sections[0]!.lines.map((l) => l.text.split(':')[0])).toEqual(['Earlier respite consultation', 'Day centres consultation']);
    const after = consultationsAnswer(kb, { now: new Date('2027-02-01T00:00:00Z') });
    expect(after.sections).toEqual([]);
    expect(after.summary).toMatch(/No open consultations are recorded\. 2 closed consultations are not shown/);
  });
});

describe('autocomplete', () => {
  it('offers places by any word prefix, towns with their council area', () => {
    expect(autocompletePlaces(kb, 'bir')[0]!.value).toBe('Birmingham');
    const vale = autocompletePlaces(kb, 'vale');
    expect(vale[0]).toEqual({ name: 'Ebbw Vale (Blaenau Gwent) · 1 article', value: 'Ebbw Vale (Blaenau Gwent)' });
  });

  it('offers every UK council, town, region and nation, places with articles first', () => {
    expect(autocompletePlaces(kb, 'crosb')[0]).toEqual({ name: 'Crosby (Sefton) · no articles yet', value: 'Crosby (Sefton)' });
    expect(autocompletePlaces(kb, 'scot')[0]!.name).toBe('Scotland (nation) · no articles yet');
    expect(autocompletePlaces(kb, 'north w').map((c) => c.name)).toContain('North West (region) · no articles yet');
    expect(autocompletePlaces(kb, 'wal')[0]!.name).toBe('Wales (nation) · 1 article');
    const newport = autocompletePlaces(kb, 'newport').map((c) => c.value);
    expect(newport).toEqual(expect.arrayContaining(['Newport', 'Newport (Isle of Wight)', 'Newport (Telford and Wrekin)']));
  });

  it('offers the right place for a typo', () => {
    expect(autocompletePlaces(kb, 'birmingam').map((c) => c.value)).toContain('Birmingham');
  });

  it('offers places with articles when nothing is typed, within Discord’s limits', () => {
    const choices = autocompletePlaces(kb, '');
    expect(choices.map((c) => c.value)).toEqual(expect.arrayContaining(['Birmingham', 'Blaenau Gwent', 'Northbridge']));
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const c of autocompletePlaces(kb, 'x'.repeat(500))) expect(c.value.length).toBeLessThanOrEqual(100);
  });

  it('offers speakers, then places and topics', () => {
    const choices = autocompleteSpeakersOrTopics(kb, 'ham');
    expect(choices[0]!.value).toBe('Paulette Hamilton');
    expect(autocompleteSpeakersOrTopics(kb, 'day').map((c) => c.value)).toContain('day centres');
  });
});

it('help lists every command', () => {
  expect(helpAnswer().sections[0]!.lines.map((l) => l.text.split(':')[0])).toEqual([
    '/cuts <place>',
    '/quote <speaker or topic>',
    '/figures <place>',
    '/search <words>',
    '/sources [place]',
    '/consultations [place]',
    '/remind …',
    '/follow …',
    '/kb …',
  ]);
});
