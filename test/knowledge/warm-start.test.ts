import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reloadKnowledge } from '../../src/knowledge/reload.js';
import { generateKnowledgeBase } from '../bench/generate.js';

/**
 * A restart with the extraction cache, each start a fresh process as `npm start` is: nothing is
 * parsed or extracted again, no worker is started, and members get exactly the answers the first
 * start gave; a change to the code that makes a record (the schema, the rules) is never served
 * from records the old code made; a damaged cache costs time, never a file.
 */

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = fileURLToPath(new URL('./load-child.ts', import.meta.url));
/** More than the 64 files from which a cold load uses worker threads. */
const ARTICLES = 80;

let tmp: string;
let dir: string;

/** One start in a fresh process with the sources in `src` (default: the real ones). */
async function start(cacheFile: string, src = path.join(ROOT, 'src')) {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', CHILD, src, dir, cacheFile], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as {
    read: { files: number; extracted: number; workers: number };
    warnings: string[];
    problems: string[];
    titles: string[];
    quotes: number;
    figures: number;
    answers: unknown;
    digest: string;
  };
}

/** A copy of the sources, with `file` changed by `edit` if given, that finds the project's packages. */
async function changedSources(name: string, file?: string, edit?: (text: string) => string): Promise<string> {
  const copy = path.join(tmp, name);
  await cp(path.join(ROOT, 'src'), path.join(copy, 'src'), { recursive: true });
  // What the sources read beside them: the packages and the shipped national gazetteer.
  for (const shared of ['node_modules', 'gazetteer']) await symlink(path.join(ROOT, shared), path.join(copy, shared));
  if (!file || !edit) return path.join(copy, 'src');
  const target = path.join(copy, 'src', file);
  const before = await readFile(target, 'utf8');
  const after = edit(before);
  expect(after, `the edit of ${file} changed nothing`).not.toBe(before);
  await writeFile(target, after);
  return path.join(copy, 'src');
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'cutsbot-warm-'));
  dir = (await generateKnowledgeBase(path.join(tmp, 'kb'), { articles: ARTICLES, seed: 5 })).dir;
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('a warm start', () => {
  it('reads everything from the cache in a fresh process, starts no worker, and answers exactly as the cold start did', async () => {
    const cacheFile = path.join(tmp, 'same', 'extraction-cache.db');
    const cold = await start(cacheFile);
    expect(cold.read).toEqual({ files: ARTICLES, extracted: ARTICLES, workers: 2 });
    expect(cold.problems).toEqual([]);
    const warm = await start(cacheFile);
    expect(warm.read).toEqual({ files: ARTICLES, extracted: 0, workers: 0 });
    expect(warm.warnings).toEqual([]);
    expect(warm.answers).toEqual(cold.answers);
    expect(warm.digest).toBe(cold.digest);
    // And what the cache gave is what a load without any cache gives.
    const uncached = await reloadKnowledge(dir, null, { workers: 0 });
    expect(uncached.kb.quotes.length).toBe(warm.quotes);
    expect(uncached.kb.figures.length).toBe(warm.figures);
  }, 60_000);

  it('never serves a record made by other code: a schema change or a rule change re-reads every file', async () => {
    const cacheFile = path.join(tmp, 'versions', 'extraction-cache.db');
    const cold = await start(cacheFile);
    expect(cold.quotes).toBeGreaterThan(0);
    // The same sources elsewhere are the same version: the cache is used.
    const copy = await changedSources('copy');
    expect((await start(cacheFile, copy)).read.extracted).toBe(0);

    // A schema that now changes what a title becomes, with nothing else touched (no version bumped by hand).
    const schema = await changedSources('schema', 'knowledge/schema.ts', (t) => t.replace('title: text(256),', 'title: text(256).transform((t) => `${t} (checked again)`),'));
    const afterSchema = await start(cacheFile, schema);
    expect(afterSchema.read.extracted).toBe(ARTICLES);
    expect(afterSchema.titles.every((t) => t.endsWith(' (checked again)'))).toBe(true);

    // A rule change that forgot to bump EXTRACTOR_VERSION: quotes are no longer found, and none is served from the cache.
    const rules = await changedSources('rules', 'knowledge/extract/index.ts', (t) => t.replace('quotes: extractQuotes(paragraphs),', 'quotes: [],'));
    const afterRules = await start(cacheFile, rules);
    expect(afterRules.read.extracted).toBe(ARTICLES);
    expect(afterRules.quotes).toBe(0);
    expect(afterRules.digest).not.toBe(cold.digest);
  }, 120_000);
});

describe('a damaged cache', () => {
  it('a cache file damaged in the middle (a bad disk block): every article still loads with the same answers, and it is said once', async () => {
    const cacheFile = path.join(tmp, 'damaged', 'extraction-cache.db');
    const cold = await start(cacheFile);
    const db = new Database(cacheFile);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    // The header and first pages intact, so the file opens; records behind them unreadable.
    const bytes = await readFile(cacheFile);
    bytes.fill(0xa5, Math.floor(bytes.length / 3), Math.floor((2 * bytes.length) / 3));
    await writeFile(cacheFile, bytes);
    const after = await start(cacheFile);
    expect(after.problems).toEqual([]);
    expect(after.answers).toEqual(cold.answers);
    expect(after.digest).toBe(cold.digest);
    expect(after.warnings).toHaveLength(1);
    // Found when the cache is opened or when an entry is read, depending on where the damage lies.
    expect(after.warnings[0]).toMatch(/^the extraction cache .* (failed \(reading\); going on without it|cannot be used; extracting every file)$/);
  }, 60_000);

  it('a cache another process keeps locked: the load stores nothing, loses nothing, and says so once', async () => {
    const cacheFile = path.join(tmp, 'locked', 'extraction-cache.db');
    const cold = await start(cacheFile);
    const db = new Database(cacheFile);
    db.exec('DELETE FROM record; DELETE FROM mentions');
    db.exec('BEGIN IMMEDIATE');
    try {
      const locked = await start(cacheFile);
      expect(locked.read).toMatchObject({ files: ARTICLES, extracted: ARTICLES });
      expect(locked.problems).toEqual([]);
      expect(locked.answers).toEqual(cold.answers);
      expect(locked.digest).toBe(cold.digest);
      expect(locked.warnings).toEqual([`the extraction cache ${cacheFile} failed (writing); going on without it`]);
    } finally {
      db.exec('ROLLBACK');
      db.close();
    }
  }, 60_000);

  it('an entry that is not what the cache wrote: that file is read afresh, and it is said once', async () => {
    const cacheFile = path.join(tmp, 'edited', 'extraction-cache.db');
    const cold = await start(cacheFile);
    const db = new Database(cacheFile);
    db.prepare("UPDATE record SET value = '{\"article\": ' WHERE key IN (SELECT key FROM record LIMIT 3)").run();
    db.close();
    const after = await start(cacheFile);
    expect(after.read).toMatchObject({ files: ARTICLES, extracted: 3 });
    expect(after.warnings).toEqual(['the extraction cache holds an entry that cannot be read; reading those files afresh']);
    expect(after.answers).toEqual(cold.answers);
    expect(after.digest).toBe(cold.digest);
  }, 60_000);
});
