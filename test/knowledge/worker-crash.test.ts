import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cutsAnswer, searchAnswer } from '../../src/answers/index.js';
import { reloadKnowledge, type Reloaded } from '../../src/knowledge/reload.js';
import { generateKnowledgeBase, type GeneratedKnowledgeBase } from '../bench/generate.js';

/**
 * A worker thread that dies in the middle of a cold load (here a real worker, really terminated
 * after its first reply, as a crash would end it): every file is still served, exactly as a load
 * without workers serves it, the moderators are told why, and what reached the cache is good.
 */

let tmp: string;
let gen: GeneratedKnowledgeBase;
let reference: Reloaded;

/** More than two workers' first batches (24 files each, two each in flight), so a crash after the first reply is mid-load. */
const ARTICLES = 130;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'cutsbot-crash-'));
  gen = await generateKnowledgeBase(path.join(tmp, 'kb'), { articles: ARTICLES, seed: 7 });
  reference = await reloadKnowledge(gen.dir, null, { workers: 0 });
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

function served(r: Reloaded) {
  const now = new Date('2026-11-23T12:00:00Z');
  return {
    ids: r.articles.map((a) => a.id),
    problems: r.problems.map((p) => `${p.file}:${p.line}: ${p.message}`),
    quotes: r.kb.quotes.length,
    figures: r.kb.figures.length,
    cuts: gen.queries.exact.slice(0, 5).map((q) => cutsAnswer(r.kb, { place: q.query, now })),
    search: gen.queries.search.slice(0, 5).map((q) => searchAnswer(r.kb, { query: q })),
  };
}

describe.each([
  ['a reading worker', 1],
  ['the worker writing the cache', 0],
])('%s crashing mid-load', (_name, crashing) => {
  it('still serves every file, says why, and leaves a cache that serves a warm start exactly', async () => {
    const cacheFile = path.join(tmp, `cache-${crashing}`, 'extraction-cache.db');
    const warnings: string[] = [];
    let crashed = false;
    const cold = await reloadKnowledge(gen.dir, null, {
      workers: 2,
      cacheFile,
      onWarning: (m) => warnings.push(m),
      onWorker: (w, i) => {
        if (i === crashing)
          w.once('message', () => {
            crashed = true;
            void w.terminate();
          });
      },
    });
    expect(crashed).toBe(true);
    expect(reference.articles).toHaveLength(ARTICLES);
    expect(served(cold)).toEqual(served(reference));
    expect(warnings).toContain('worker threads could not read the knowledge files; reading them in the main thread');
    expect(cold.read).toMatchObject({ files: ARTICLES, extracted: ARTICLES, workers: 0 });

    const warm = await reloadKnowledge(gen.dir, null, { workers: 2, cacheFile });
    expect(warm.read).toMatchObject({ files: ARTICLES, extracted: 0, workers: 0 });
    expect(served(warm)).toEqual(served(reference));
  });
});
