import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pruned } from '../../src/knowledge/cache-prune.js';
import { recordVersion } from '../../src/knowledge/record-version.js';
import { reloadKnowledge, type Reloaded } from '../../src/knowledge/reload.js';
import { watchKnowledge } from '../../src/knowledge/watch.js';
import { generateKnowledgeBase } from '../bench/generate.js';

/**
 * The extraction cache is pruned after a load of the whole folder: a moderator saving one file 50
 * times leaves one record for it, not 51; a restart after the prune is still warm for every file;
 * a file put back to an old version is extracted again; the file stops growing. A real SQLite file
 * and the real watcher, which prunes after its start and after `/kb reload`.
 */

const ARTICLES = 30;
let tmp: string;
let dir: string;
let cacheFile: string;
let edited: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'cutsbot-prune-'));
  dir = (await generateKnowledgeBase(path.join(tmp, 'kb'), { articles: ARTICLES, seed: 9 })).dir;
  cacheFile = path.join(tmp, 'data', 'extraction-cache.db');
  edited = (await reloadKnowledge(dir, null, { workers: 0 })).articles[0]!.file;
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const rows = (table: string, where = '') => {
  const db = new Database(cacheFile, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table} ${where}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

/** A watcher over the folder with a start's load, and each prune it tells of; file events never fire in the test's time (reloads are asked for by name). */
async function watched() {
  const initial = await reloadKnowledge(dir, null, { cacheFile, workers: 0 });
  const pruned: Pruned[] = [];
  let told: (() => void) | null = null;
  const watcher = watchKnowledge({
    dir,
    initial,
    debounceMs: 600_000,
    read: { cacheFile, workers: 0 },
    onReload: () => undefined,
    onPruned: (p) => {
      pruned.push(p);
      told?.();
    },
    onError: (error) => {
      throw error;
    },
  });
  const nextPrune = () => new Promise<void>((resolve) => (told = resolve));
  return { initial, watcher, pruned, nextPrune };
}

/** The text of the edited article, `n` times changed (a sentence added at the end). */
const version = (original: string, n: number) => (n === 0 ? original : `${original.trimEnd()}\n\nThe council met again for the ${n}th time about the cuts.\n`);

const served = (r: Reloaded) => JSON.stringify([r.kb.articles.map((a) => [a.id, a.paragraphs.length]), r.kb.quotes, r.kb.figures]);

describe('pruning the extraction cache', () => {
  it('keeps one record per current file after 50 saves of one file, stays warm on restart, and extracts a file put back to an old version', async () => {
    const original = await readFile(path.join(dir, edited), 'utf8');
    const first = await watched();
    await first.nextPrune();
    const articleRows = rows('record', "WHERE key NOT LIKE 'places.yaml:%'");
    expect(articleRows).toBe(ARTICLES);
    let last: Reloaded = first.initial;
    for (let n = 1; n <= 50; n++) {
      await writeFile(path.join(dir, edited), version(original, n));
      last = await first.watcher.reload({ names: [edited] });
      expect(last.read).toMatchObject({ files: 1, extracted: 1 });
    }
    expect(last.kb.articles.find((a) => a.file === edited)!.paragraphs.at(-1)!.text).toContain('50th time');
    // 50 saved versions: each left a record until a look at the whole folder.
    expect(rows('record', "WHERE key NOT LIKE 'places.yaml:%'")).toBe(ARTICLES + 50);
    const pruning = first.nextPrune();
    await first.watcher.reload({ full: true });
    await pruning;
    expect(first.pruned.at(-1)).toMatchObject({ records: 50, complete: true });
    expect(rows('record', "WHERE key NOT LIKE 'places.yaml:%'")).toBe(ARTICLES);
    expect(rows('record', "WHERE key LIKE 'places.yaml:%'")).toBe(1);
    expect(rows('mentions')).toBeLessThanOrEqual(ARTICLES);
    first.watcher.close();

    // A restart: every file from the cache, and what it serves is what a load without a cache serves.
    const restart = await reloadKnowledge(dir, null, { cacheFile, workers: 0 });
    expect(restart.read.extracted).toBe(0);
    expect(served(restart)).toBe(served(await reloadKnowledge(dir, null, { workers: 0 })));

    // Put back as it was at first: that record was pruned, so it is extracted again, and right.
    await writeFile(path.join(dir, edited), original);
    const reverted = await reloadKnowledge(dir, null, { cacheFile, workers: 0 });
    expect(reverted.read.extracted).toBe(1);
    expect(served(reverted)).toBe(served(await reloadKnowledge(dir, null, { workers: 0 })));
  }, 120_000);

  it('deletes other versions and vanished paths, and the file stops growing across rounds of edits', async () => {
    const db = new Database(cacheFile);
    // What an older extractor left, and the signature of a file since deleted.
    db.prepare("INSERT INTO record (key, version, value) SELECT 'old-' || key, 'older-version', value FROM record").run();
    db.prepare("INSERT INTO mentions (key, version, value) SELECT 'old-' || key, 'older-version', value FROM mentions").run();
    db.prepare("INSERT INTO signature (path, sig, hash) VALUES (?, '1:2:3:4', 'gone')").run(path.join(dir, 'deleted-long-ago.md'));
    db.close();
    const original = await readFile(path.join(dir, edited), 'utf8');
    const sizes: number[] = [];
    for (let round = 0; round < 3; round++) {
      const w = await watched();
      await w.nextPrune();
      expect(rows('record', 'WHERE version <> ?'.replace('?', `'${recordVersion()}'`))).toBe(0);
      expect(rows('mentions', `WHERE version <> '${recordVersion()}'`)).toBe(0);
      expect(rows('signature', "WHERE hash = 'gone'")).toBe(0);
      for (let n = 1; n <= 20; n++) {
        await writeFile(path.join(dir, edited), version(original, 100 * round + n));
        await w.watcher.reload({ names: [edited] });
      }
      const pruning = w.nextPrune();
      await w.watcher.reload({ full: true });
      await pruning;
      w.watcher.close();
      await new Promise((resolve) => setTimeout(resolve, 50));
      const check = new Database(cacheFile);
      check.pragma('wal_checkpoint(TRUNCATE)');
      check.close();
      sizes.push((await stat(cacheFile)).size);
    }
    // Freed pages are used again: the second and third rounds of 20 saves do not make the file larger.
    expect(sizes[2]!, sizes.join(', ')).toBeLessThanOrEqual(sizes[0]!);
    expect(rows('record', "WHERE key NOT LIKE 'places.yaml:%'")).toBe(ARTICLES);
  }, 120_000);
});
