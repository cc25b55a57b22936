import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autocompletePlaces, cutsAnswer, quoteAnswer, searchAnswer } from '../../src/answers/index.js';
import { editDistance } from '../../src/knowledge/edit-distance.js';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { loadKnowledgeBase, type Problem } from '../../src/knowledge/loader.js';
import { searchPlaceNames } from '../../src/knowledge/places.js';
import { searchSpeakers } from '../../src/knowledge/speakers.js';
import { hasTerm } from '../../src/knowledge/term-index.js';
import { normalize } from '../../src/knowledge/text.js';
import { generateKnowledgeBase, prng, type GeneratedKnowledgeBase } from './generate.js';
import { ukGazetteer } from '../../src/knowledge/uk-gazetteer.js';

/**
 * The benchmark's corpus and query set must be right before its timings mean anything: the corpus
 * loads cleanly and every query finds what the generator says it should. Timing is `npm run bench`.
 */

const NOW = new Date('2026-11-23T12:00:00Z');
const dirs: string[] = [];
let gen: GeneratedKnowledgeBase;
let kb: KnowledgeBase;
let problems: Problem[];

async function freshDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'cutsbot-bench-test-'));
  dirs.push(dir);
  return dir;
}

beforeAll(async () => {
  gen = await generateKnowledgeBase(await freshDir(), { articles: 200, seed: 7 });
  ({ kb, problems } = await loadKnowledgeBase(gen.dir));
});

afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('the generated knowledge base', () => {
  it('loads every article and the gazetteer with no problems', () => {
    expect(problems).toEqual([]);
    expect(kb.articles).toHaveLength(200);
    // The invented areas, and every real council from the shipped gazetteer.
    expect(kb.places.length).toBe(gen.areas.length + ukGazetteer().councils.length);
    expect(kb.articles.every((a) => a.paragraphs.length === 15)).toBe(true);
  });

  it('has what real articles have: captions, direct and reported quotes with speakers, and every kind of figure', () => {
    expect(kb.articles.every((a) => a.paragraphs.some((p) => p.caption))).toBe(true);
    expect(kb.quotes.some((q) => q.kind === 'direct' && q.paragraphs.length > 1)).toBe(true);
    expect(kb.quotes.some((q) => q.kind === 'reported')).toBe(true);
    expect(kb.quotes.some((q) => q.speaker === null && q.role !== null)).toBe(true);
    expect(new Set(kb.figures.map((f) => f.kind))).toEqual(new Set(['money', 'percent', 'count', 'date']));
    expect(kb.index.speakers.speakers.length).toBeGreaterThan(50);
  });

  it('is the same for the same seed', async () => {
    const a = await generateKnowledgeBase(await freshDir(), { articles: 5, seed: 3 });
    const b = await generateKnowledgeBase(await freshDir(), { articles: 5, seed: 3 });
    const files = (await readdir(a.dir)).sort();
    expect((await readdir(b.dir)).sort()).toEqual(files);
    for (const f of files) expect(await readFile(path.join(b.dir, f), 'utf8')).toBe(await readFile(path.join(a.dir, f), 'utf8'));
  });

  it('refuses a folder that already has files, so two corpora never mix', async () => {
    await expect(generateKnowledgeBase(gen.dir, { articles: 1 })).rejects.toThrow(/not empty/);
  });
});

describe('the query set', () => {
  it('has every kind of query', () => {
    const q = gen.queries;
    for (const list of [q.exact, q.typo, q.town, q.alias, q.speakers, q.search, q.autocomplete]) expect(list.length).toBeGreaterThan(20);
    expect(new Set(q.autocomplete.map((a) => a.query.length))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(q.autocomplete.some((a) => a.typo)).toBe(true);
  });

  it('/cuts answers every exact name, town and alias for its own place', () => {
    for (const q of [...gen.queries.exact, ...gen.queries.town, ...gen.queries.alias]) {
      expect(cutsAnswer(kb, { place: q.query, now: NOW }).title, q.query).toBe(`Care cuts in ${q.place}`);
    }
  });

  it('typos are one slip from a place name and not another name; /cuts never answers one for the wrong place', () => {
    const known = new Set(gen.areas.flatMap((a) => [a.name, a.council, ...a.towns, ...a.aliases]).map(normalize));
    const missed: string[] = [];
    for (const q of gen.queries.typo) {
      expect(editDistance(normalize(q.query), normalize(q.place)), q.query).toBe(1);
      expect(known.has(normalize(q.query)), q.query).toBe(false);
      const a = cutsAnswer(kb, { place: q.query, now: NOW });
      if (a.kind === 'cuts') expect(a.title, q.query).toBe(`Care cuts in ${q.place}`);
      else if (!a.suggestions.some((s) => s === q.place || s.endsWith(`(${q.place})`))) missed.push(`${q.query} (${q.place}): ${a.suggestions.join(', ')}`);
    }
    // A typo the resolver neither answers nor suggests is a relevance miss, counted by the benchmark;
    // this bar catches a generator that makes unfair typos (or a resolver that gets much worse).
    expect(missed.length, missed.join('\n')).toBeLessThanOrEqual(gen.queries.typo.length * 0.05);
  });

  it('/quote finds the speaker behind most surnames', () => {
    const speakers = kb.index.speakers.speakers.map((s) => s.name);
    const missed: string[] = [];
    for (const q of gen.queries.speakers) {
      // The generator asks only about people it quoted.
      expect(speakers.some((s) => s.endsWith(q.speaker)), q.speaker).toBe(true);
      const a = quoteAnswer(kb, { query: q.query });
      if (a.title !== `Quotes from ${q.speaker}`) missed.push(`${q.query} → ${a.title}`);
    }
    // Misses come from the extractor splitting one person in two ("Campaigner Iwan Marsh" beside "Iwan Marsh"),
    // which makes the surname ambiguous; the benchmark prints them.
    expect(missed.length, missed.join('\n')).toBeLessThanOrEqual(gen.queries.speakers.length * 0.2);
  });

  it('/search finds paragraphs for every query without a misspelling', () => {
    const known = (w: string) => hasTerm(kb.index.paragraphs, w);
    for (const q of gen.queries.search) {
      const a = searchAnswer(kb, { query: q });
      if (normalize(q).split(' ').some((w) => known(w) || known(w.replace(/s$/, '')))) expect(a.kind, q).toBe('search');
    }
  });

  it('autocomplete offers names that start with what was typed, first', () => {
    for (const q of gen.queries.autocomplete.filter((a) => !a.typo)) {
      const choices = autocompletePlaces(kb, q.query);
      expect(choices.length, q.query).toBeGreaterThan(0);
      expect(` ${normalize(choices[0]!.value)}`.includes(` ${normalize(q.query)}`), `${q.query}: ${choices[0]!.value}`).toBe(true);
    }
  });
});

describe('the fast fuzzy search', () => {
  it('returns exactly what Fuse over every name returns', () => {
    const rng = prng(11);
    const names = kb.index.places.records.map((r) => r.norm);
    const queries = [...gen.queries.typo.slice(0, 60), ...gen.queries.autocomplete.slice(0, 60)].map((q) => normalize(q.query));
    for (let i = 0; i < 80; i++) {
      const name = names[Math.floor(rng() * names.length)]!;
      const at = Math.floor(rng() * name.length);
      queries.push(name.slice(at, at + 1 + Math.floor(rng() * 10)).trim() || 'a');
    }
    const pairs = <T>(hits: { item: T; score?: number }[]) => hits.map((h) => [h.item, h.score]);
    for (const q of queries) {
      // Fuse's top 20 is the first 20 of its top 50, so one full search checks every limit.
      const places = kb.index.places.fuse.search(q, { limit: 50 });
      for (const limit of [2, 20, 50]) expect(pairs(searchPlaceNames(kb.index.places, q, limit)), q).toEqual(pairs(places.slice(0, limit)));
      expect(pairs(searchPlaceNames(kb.index.places, q, 50, 0.4))).toEqual(pairs(places.filter((h) => h.score! <= 0.4)));
      const speakers = kb.index.speakers.fuse.search(q, { limit: 20 });
      for (const limit of [2, 20]) expect(pairs(searchSpeakers(kb.index.speakers, q, limit)), q).toEqual(pairs(speakers.slice(0, limit)));
    }
  });
});
