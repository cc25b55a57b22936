import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDEX_STORE_FILE } from '../../src/knowledge/index-store.js';
import { generateKnowledgeBase } from '../bench/generate.js';

/**
 * A warm start that takes the term indexes an earlier start stored (`index-store.ts`), each start a
 * fresh process as `npm start` is: members get exactly what a build gives (every ranked hit and
 * score, /search, /quote, /cuts for every place, the knowledge base), and other articles, other
 * build code or a damaged file are never loaded: the start builds, answers right, and says so once.
 */

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = fileURLToPath(new URL('./load-child.ts', import.meta.url));
const ARTICLES = 80;
/** A word no generated article has, put into one paragraph by the "changed file" test. */
const MARKER = 'qxzvplorbit';

let tmp: string;
let source: string;

interface Start {
  read: { files: number; extracted: number; workers: number };
  warnings: string[];
  problems: string[];
  storedIndexes: boolean;
  indexDigest: string;
  ranked: { q: string; paragraphs: { hits: unknown[] } }[];
  quoteTopics: unknown;
  everyPlace: unknown[];
  answers: unknown;
  digest: string;
}

/** One start in a fresh process over `dir`, with the sources in `src` (default: the real ones). */
async function start(dir: string, cacheFile: string, src = path.join(ROOT, 'src')): Promise<Start> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', CHILD, src, dir, cacheFile], {
    cwd: ROOT,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, EXTRA_QUERIES: JSON.stringify([MARKER, 'redundancys day centre', 'home care']) },
  });
  return JSON.parse(stdout) as Start;
}

/** What members get from a start, and what its indexes hold. */
const served = (s: Start) => ({ indexDigest: s.indexDigest, ranked: s.ranked, quoteTopics: s.quoteTopics, everyPlace: s.everyPlace, answers: s.answers, digest: s.digest });

/** Its own copy of the generated folder and an empty `DATA_DIR`. */
async function fresh(name: string): Promise<{ dir: string; cacheFile: string; store: string }> {
  const dir = path.join(tmp, name, 'kb');
  await cp(source, dir, { recursive: true });
  const cacheFile = path.join(tmp, name, 'data', 'extraction-cache.db');
  return { dir, cacheFile, store: path.join(path.dirname(cacheFile), INDEX_STORE_FILE) };
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'cutsbot-indexes-'));
  source = (await generateKnowledgeBase(path.join(tmp, 'source'), { articles: ARTICLES, seed: 7 })).dir;
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('a warm start from stored indexes', () => {
  it('loads the indexes the first start built and answers exactly as that build did', async () => {
    const { dir, cacheFile } = await fresh('same');
    const cold = await start(dir, cacheFile);
    expect(cold.storedIndexes).toBe(false);
    expect(cold.warnings).toEqual([]);
    expect(cold.everyPlace.length).toBeGreaterThan(3);
    expect(cold.ranked.some((r) => r.paragraphs.hits.length > 0)).toBe(true);
    const warm = await start(dir, cacheFile);
    expect(warm.read).toEqual({ files: ARTICLES, extracted: 0, workers: 0 });
    expect(warm.storedIndexes).toBe(true);
    expect(warm.warnings).toEqual([]);
    expect(served(warm)).toEqual(served(cold));
  }, 90_000);

  it('a file changed since: builds (the changed text is found), says so once, and stores the new indexes', async () => {
    const { dir, cacheFile } = await fresh('changed');
    const before = await start(dir, cacheFile);
    // One word of one paragraph: the same number of paragraphs and quotes, so only the key can tell.
    const file = path.join(dir, (await readdir(dir)).filter((n) => n.endsWith('.md')).sort()[3]!);
    const text = await readFile(file, 'utf8');
    const edited = text.replace(/\n\n([A-Z][a-z]+) /, `\n\n${MARKER} `);
    expect(edited).not.toBe(text);
    await writeFile(file, edited);
    const after = await start(dir, cacheFile);
    expect(after.storedIndexes).toBe(false);
    expect(after.warnings).toEqual([expect.stringMatching(/^the stored indexes .* are for other articles or other code; building them$/)]);
    const marker = after.ranked.find((r) => r.q === MARKER)!;
    expect(marker.paragraphs.hits).toHaveLength(1);
    expect(served(after)).not.toEqual(served(before));
    // What a start with nothing stored gives over the same folder.
    const built = await start(dir, path.join(tmp, 'changed', 'other-data', 'extraction-cache.db'));
    expect(served(after)).toEqual(served(built));
    const next = await start(dir, cacheFile);
    expect(next.storedIndexes).toBe(true);
    expect(next.warnings).toEqual([]);
    expect(served(next)).toEqual(served(built));
  }, 120_000);

  it('build code changed since (not the record code: nothing is extracted again): builds with the new code, says so once', async () => {
    const { dir, cacheFile } = await fresh('code');
    const before = await start(dir, cacheFile);
    // A term's frequency in a document no longer counts past 1: other postings, other scores; no version bumped by hand.
    const src = await changedSources('code', 'knowledge/term-index.ts', (t) => t.replace('if (tf[id]! < 7) tf[id]!++;', 'if (tf[id]! < 1) tf[id]!++;'));
    const after = await start(dir, cacheFile, src);
    expect(after.read.extracted).toBe(0);
    expect(after.storedIndexes).toBe(false);
    expect(after.warnings).toEqual([expect.stringMatching(/are for other articles or other code; building them$/)]);
    expect(after.indexDigest).not.toBe(before.indexDigest);
    const built = await start(dir, path.join(tmp, 'code', 'other-data', 'extraction-cache.db'), src);
    expect(served(after)).toEqual(served(built));
  }, 120_000);

  it.each([
    ['damaged in the middle', async (file: string) => {
      const bytes = await readFile(file);
      bytes.fill(0x5a, Math.floor(bytes.length / 2), Math.floor(bytes.length / 2) + 64);
      await writeFile(file, bytes);
    }],
    ['truncated', async (file: string) => truncate(file, Math.floor((await readFile(file)).length * 0.6))],
    ['cut inside its header', async (file: string) => truncate(file, 20)],
  ])('a stored file %s: builds, answers exactly as before, says so once', async (_, damage) => {
    const { dir, cacheFile, store } = await fresh(`damage-${Math.random().toString(36).slice(2)}`);
    const cold = await start(dir, cacheFile);
    await damage(store);
    const after = await start(dir, cacheFile);
    expect(after.storedIndexes).toBe(false);
    expect(after.problems).toEqual([]);
    expect(after.warnings).toEqual([expect.stringMatching(/^the stored indexes .* are damaged; building them$/)]);
    expect(served(after)).toEqual(served(cold));
    // And the build stored them again.
    expect((await start(dir, cacheFile)).storedIndexes).toBe(true);
  }, 120_000);
});

describe('an index store that cannot be used', () => {
  it('a folder where the file should be: every start builds and answers right, and says so once', async () => {
    const { dir, cacheFile, store } = await fresh('unusable');
    const plain = await start(dir, path.join(tmp, 'unusable', 'plain-data', 'extraction-cache.db'));
    await mkdir(path.join(store, 'in-the-way'), { recursive: true });
    for (let i = 0; i < 2; i++) {
      const s = await start(dir, cacheFile);
      expect(s.storedIndexes).toBe(false);
      expect(s.warnings).toEqual([expect.stringMatching(/^the stored indexes .* cannot be read \(EISDIR\); building them, and storing none$/)]);
      expect(served(s)).toEqual(served(plain));
    }
  }, 120_000);
});

/** A copy of the sources with `file` changed by `edit`, that finds the project's packages. */
async function changedSources(name: string, file: string, edit: (text: string) => string): Promise<string> {
  const copy = path.join(tmp, name, 'sources');
  await cp(path.join(ROOT, 'src'), path.join(copy, 'src'), { recursive: true });
  for (const shared of ['node_modules', 'gazetteer']) await symlink(path.join(ROOT, shared), path.join(copy, shared));
  const target = path.join(copy, 'src', file);
  const before = await readFile(target, 'utf8');
  const after = edit(before);
  expect(after, `the edit of ${file} changed nothing`).not.toBe(before);
  await writeFile(target, after);
  return path.join(copy, 'src');
}
