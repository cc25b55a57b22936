import { beforeAll, describe, expect, it } from 'vitest';
import { cutsAnswer, figuresAnswer, sourcesAnswer } from '../../src/answers/index.js';
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
const lines = (a: Answer) => a.sections.flatMap((s) => s.lines);
const article = (id: string, council: string, body: string, extra = '') =>
  parseKnowledgeFile(`---\nid: ${id}\ntitle: ${id}\ncouncil: ${council}\n${extra}---\n\n${body}\n`, `${id}.md`).article!;

describe('/cuts for a real place with no articles', () => {
  it('names the council, says there are no articles yet, and is never "no such place"', () => {
    for (const [q, summary] of [
      ['manchester', /^No articles about Manchester City Council are in the knowledge base yet\. No other council in the North West has articles yet\.$/],
      ['cardiff', /^No articles about City of Cardiff Council are in the knowledge base yet\./],
      ['penrith', /^Penrith is in Westmorland and Furness\. No articles about Westmorland and Furness Council/],
      ['leeds', /^No articles about Leeds City Council/],
    ] as const) {
      const a = cutsAnswer(kb, { place: q });
      expect(a.kind, q).toBe('cuts');
      expect(a.summary, q).toMatch(summary);
    }
  });

  it('says who runs adult social care when it is not the council', () => {
    expect(cutsAnswer(kb, { place: 'sevenoaks' }).summary).toBe(
      'No articles about Sevenoaks District Council are in the knowledge base yet. Adult social care there is run by Kent County Council (the county council, not the district). No other council in the South East has articles yet.',
    );
    expect(cutsAnswer(kb, { place: 'inverness' }).summary).toMatch(/Inverness is in Highland\. .*Adult social care there is run by NHS Highland/);
    expect(cutsAnswer(kb, { place: 'belfast' }).summary).toMatch(/run by Northern Ireland's Health and Social Care Trusts \(not the council; which of the five trusts covers this council is not in the gazetteer's sources\)/);
    expect(cutsAnswer(kb, { place: 'glasgow' }).summary).toMatch(/Glasgow City Council runs adult social care there, with its health and social care partnership\./);
  });

  it('offers the nearest places in the same region that have articles, each cited', () => {
    const a = cutsAnswer(kb, { place: 'solihull' });
    expect(a.sections.map((s) => s.heading)).toEqual(['Nearest places with articles in the West Midlands']);
    expect(lines(a).map((l) => [l.text.split('.')[0], l.citation?.articleId, l.citation?.paragraph])).toEqual([['Birmingham City Council: 1 article', BIRMINGHAM, 1]]);
    expect(cutsAnswer(kb, { place: 'caerphilly' }).sections[0]!.lines[0]!.citation?.articleId).toBe(BLAENAU);
  });

  it('answers a district with the county’s articles, since the county runs its care, and says so', () => {
    const kb2 = buildKnowledgeBase([article('kent-respite', 'Kent County Council', 'Kent County Council will cut 30 respite beds in Sevenoaks.')], []);
    const a = cutsAnswer(kb2, { place: 'sevenoaks' });
    expect(a.title).toBe('Care cuts in Kent');
    expect(a.summary).toMatch(/^Adult social care there is run by Kent County Council \(the county council, not the district\)\. 1 article about Kent County Council\.$/);
    expect(a.sources.map((s) => s.articleId)).toEqual(['kent-respite']);
  });
});

describe('/cuts for a region or nation', () => {
  it('summarises the councils there that have articles: counts and key figures, each cited', () => {
    const a = cutsAnswer(kb, { place: 'wales' });
    expect(a.title).toBe('Care cuts in Wales');
    expect(a.summary).toBe('1 article about 1 council in Wales (nation).');
    const councils = a.sections.find((s) => s.heading === 'Councils with articles')!;
    expect(councils.lines.map((l) => l.text.split('.')[0])).toEqual(['Blaenau Gwent County Borough Council: 1 article']);
    const figures = a.sections.find((s) => s.heading === 'Key figures')!;
    expect(figures.lines[0]!.text).toMatch(/^Blaenau Gwent: up to 140 home care staff: /);
    expect(lines(a).every((l) => l.citation?.articleId === BLAENAU && l.citation.paragraph)).toBe(true);
  });

  it('counts an invented council by its articles’ region, and England by every English council', () => {
    const a = cutsAnswer(kb, { place: 'england' });
    expect(a.summary).toBe('2 articles about 2 councils in England (nation).');
    expect(a.sections[0]!.lines.map((l) => l.text.split(':')[0]).sort()).toEqual(['Birmingham City Council', 'Northbridge Borough Council']);
    expect(cutsAnswer(kb, { place: 'west midlands' }).sources.map((s) => s.articleId)).toEqual([BIRMINGHAM]);
  });

  it('says so when no council there has articles', () => {
    expect(cutsAnswer(kb, { place: 'north west' }).summary).toBe('No articles about councils in the North West are in the knowledge base yet.');
    expect(cutsAnswer(kb, { place: 'scotland' }).summary).toBe('No articles about councils in Scotland are in the knowledge base yet.');
  });

  it('works for the other answers too: /figures and /sources over a nation', () => {
    expect(figuresAnswer(kb, { place: 'wales' }).sections.flatMap((s) => s.lines).every((l) => l.citation?.articleId === BLAENAU)).toBe(true);
    expect(sourcesAnswer(kb, { place: 'wales' }).sections.flatMap((s) => s.lines).length).toBe(1);
  });
});
