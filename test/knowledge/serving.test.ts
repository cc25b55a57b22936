import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cutsAnswer, searchAnswer } from '../../src/answers/index.js';
import { reloadKnowledge, type Reloaded } from '../../src/knowledge/reload.js';
import { generateKnowledgeBase, type GeneratedKnowledgeBase } from '../bench/generate.js';

/**
 * Serving a folder of many articles: extraction remembered across restarts, worker threads giving
 * exactly what this thread gives, and a reload after one edit reading only that file.
 */

let tmp: string;
let gen: GeneratedKnowledgeBase;
let cacheFile: string;
const WORKERS = { workers: 2, workersFrom: 1 } as const;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'cutsbot-serving-'));
  gen = await generateKnowledgeBase(path.join(tmp, 'kb'), { articles: 60, seed: 3 });
  cacheFile = path.join(tmp, 'data', 'extraction-cache.db');
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** What members would see for a spread of questions: the answers themselves, not internals. */
function answers(r: Reloaded) {
  const places = gen.queries.exact.slice(0, 5).map((q) => cutsAnswer(r.kb, { place: q.query, now: new Date('2026-11-23T12:00:00Z') }));
  const searches = gen.queries.search.slice(0, 5).map((q) => searchAnswer(r.kb, { query: q }));
  return { places, searches, quotes: r.kb.quotes.length, figures: r.kb.figures.length };
}

describe('serving many articles', () => {
  let inThread: Reloaded;
  it('reads with worker threads exactly what this thread reads', async () => {
    inThread = await reloadKnowledge(gen.dir, null, { workers: 0 });
    const inWorkers = await reloadKnowledge(gen.dir, null, WORKERS);
    expect(inThread.read.workers).toBe(0);
    expect(inWorkers.read.workers).toBe(2);
    expect(inWorkers.problems).toEqual([]);
    expect(inWorkers.kb.articles).toEqual(inThread.kb.articles);
    expect(inWorkers.kb.quotes).toEqual(inThread.kb.quotes);
    expect(inWorkers.kb.figures).toEqual(inThread.kb.figures);
    expect(answers(inWorkers)).toEqual(answers(inThread));
  });

  it('remembers extraction across restarts, keyed by file content, and answers the same from it', async () => {
    const cold = await reloadKnowledge(gen.dir, null, { ...WORKERS, cacheFile });
    expect(cold.read).toMatchObject({ files: 60, extracted: 60 });
    // A restart: nothing carried over in memory, only the cache file.
    const warm = await reloadKnowledge(gen.dir, null, { ...WORKERS, cacheFile });
    expect(warm.read).toMatchObject({ files: 60, extracted: 0 });
    expect(answers(warm)).toEqual(answers(inThread));

    const edited = gen.queries.exact[0]!;
    const file = cold.kb.articles.find((a) => cold.kb.places.find((p) => p.name === edited.place)?.articleIds.includes(a.id))!.file;
    await appendFile(path.join(gen.dir, file), '\n“We will fight the closure of every day centre,” said Cllr Quentin Zebedee, the opposition leader.\n');
    const afterEdit = await reloadKnowledge(gen.dir, null, { ...WORKERS, cacheFile });
    expect(afterEdit.read).toMatchObject({ files: 60, extracted: 1 });
    expect(afterEdit.kb.quotes.some((q) => q.speaker === 'Quentin Zebedee')).toBe(true);
  });

  it('after one file is edited, reads only that file, and serves its new text with every other article as it was', async () => {
    const before = await reloadKnowledge(gen.dir, null, { workers: 0 });
    const file = before.kb.articles[7]!.file;
    await appendFile(path.join(gen.dir, file), '\nThe council also plans to close the Quillbrook respite unit.\n');
    const after = await reloadKnowledge(gen.dir, before, { workers: 0 });
    expect(after.read.files).toBe(1);
    expect(after.diff).toMatchObject({ added: [], updated: [before.kb.articles[7]!.id], removed: [] });
    const hit = searchAnswer(after.kb, { query: 'quillbrook' });
    expect(hit.kind).toBe('search');
    expect(JSON.stringify(hit)).toContain('Quillbrook respite unit');
    // Unchanged articles are the very objects served before: a reload does not hold two copies of them.
    expect(after.kb.articles.filter((a) => a.file !== file).every((a) => before.kb.byId.get(a.id) === a)).toBe(true);
    // A full reload reads every file again, finds nothing else changed, and says so.
    const full = await reloadKnowledge(gen.dir, after, { workers: 0, full: true });
    expect(full.read.files).toBe(60);
    expect(full.diff).toMatchObject({ added: [], updated: [], removed: [] });
  });

  it('loads without the cache, and says why, when the cache file is not a database', async () => {
    const bad = path.join(tmp, 'bad-cache.db');
    await writeFile(bad, 'this is not an SQLite file '.repeat(100));
    const warnings: string[] = [];
    const r = await reloadKnowledge(gen.dir, null, { workers: 0, cacheFile: bad, onWarning: (m) => warnings.push(m) });
    expect(r.problems).toEqual([]);
    expect(r.kb.articles).toHaveLength(60);
    expect(warnings).toEqual([`the extraction cache ${bad} cannot be used; extracting every file`]);
  });
});
