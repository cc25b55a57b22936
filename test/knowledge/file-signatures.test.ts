import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SETTLED_MS } from '../../src/knowledge/file-signatures.js';
import { generateKnowledgeBase } from '../bench/generate.js';

/**
 * A warm start takes a file that has not changed since an earlier start read it by its signature,
 * without reading it, and never trusts a signature that could hide a change: an edit that keeps the
 * size and puts the modification time back is read, and so is a file saved just before a start.
 * Each start is a fresh process, as `npm start` is.
 */

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = fileURLToPath(new URL('./load-child.ts', import.meta.url));
const ARTICLES = 70;
const WHEN = new Date('2026-11-20T09:00:00Z');

let tmp: string;
let dir: string;
let cacheFile: string;

interface Start {
  read: { files: number; extracted: number };
  unread: number;
  warnings: string[];
  ranked: { q: string; paragraphs: { hits: unknown[] } }[];
  answers: unknown;
  digest: string;
}

async function start(queries: string[] = []): Promise<Start> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', CHILD, path.join(ROOT, 'src'), dir, cacheFile], {
    cwd: ROOT,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, EXTRA_QUERIES: JSON.stringify(queries) },
  });
  return JSON.parse(stdout) as Start;
}

const found = (s: Start, word: string) => s.ranked.find((r) => r.q === word)!.paragraphs.hits.length;

/** Replaces a paragraph's first word by a word no article has, of the same length, so the size stays the same; returns the new word. */
async function sameSizeEdit(file: string, mark: string): Promise<string> {
  const text = await readFile(file, 'utf8');
  const m = /\n\n([A-Za-z]{6,})/.exec(text)!;
  const word = m[1]!;
  const replacement = `${mark}qzx`.padEnd(word.length, 'q');
  const edited = text.slice(0, m.index + 2) + replacement + text.slice(m.index + 2 + word.length);
  expect(Buffer.byteLength(edited)).toBe(Buffer.byteLength(text));
  await writeFile(file, edited);
  return replacement;
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'cutsbot-signatures-'));
  dir = (await generateKnowledgeBase(path.join(tmp, 'kb'), { articles: ARTICLES, seed: 11 })).dir;
  cacheFile = path.join(tmp, 'data', 'extraction-cache.db');
  // Whole seconds, so a test can put a modification time back exactly (utimes takes no nanoseconds).
  for (const name of await readdir(dir)) await utimes(path.join(dir, name), WHEN, WHEN);
  // Only files settled before a start are trusted by their signature.
  await sleep(SETTLED_MS + 200);
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('a warm start trusting file signatures', () => {
  let names: string[];
  it('reads none of the files an earlier start read, and answers exactly as it did', async () => {
    const cold = await start();
    expect(cold.unread).toBe(0);
    const warm = await start();
    expect(warm.read.extracted).toBe(0);
    expect(warm.unread).toBe(ARTICLES);
    expect(warm.warnings).toEqual([]);
    expect(warm.answers).toEqual(cold.answers);
    expect(warm.digest).toBe(cold.digest);
    names = (await readdir(dir)).filter((n) => n.endsWith('.md')).sort();
  }, 90_000);

  it('an edit that keeps the size and puts the modification time back is still read', async () => {
    const file = path.join(dir, names[5]!);
    const before = await stat(file, { bigint: true });
    const word = await sameSizeEdit(file, 'a');
    await utimes(file, WHEN, WHEN);
    const after0 = await stat(file, { bigint: true });
    expect([after0.size, after0.mtimeNs, after0.ino]).toEqual([before.size, before.mtimeNs, before.ino]);
    const after = await start([word]);
    expect(after.unread).toBe(ARTICLES - 1);
    expect(after.read.extracted).toBe(1);
    expect(found(after, word)).toBe(1);
  }, 60_000);

  it('a file saved just before a start is read again at the next start, not trusted by its signature', async () => {
    // The file edited above settles, so this start remembers it.
    await sleep(SETTLED_MS + 200);
    const file = path.join(dir, names[9]!);
    const word = await sameSizeEdit(file, 'b');
    const first = await start([word]);
    expect(first.read.extracted).toBe(1);
    expect(first.unread).toBe(ARTICLES - 2);
    // Settled by now, but its signature was taken too soon after the save to be trusted: only it is read.
    const next = await start([word]);
    expect(next.unread).toBe(ARTICLES - 1);
    expect(found(first, word)).toBe(1);
    expect(found(next, word)).toBe(1);
  }, 60_000);
});
