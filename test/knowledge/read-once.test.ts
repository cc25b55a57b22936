import { cp, mkdtemp, readdir, readFile as realReadFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Counts the reads of each file, through the same module the reader uses.
const reads = vi.hoisted(() => new Map<string, number>());
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const readFile = ((file: Parameters<typeof fs.readFile>[0], ...rest: unknown[]) => {
    if (typeof file === 'string') reads.set(path.basename(file), (reads.get(path.basename(file)) ?? 0) + 1);
    return (fs.readFile as (...a: unknown[]) => unknown)(file, ...rest);
  }) as typeof fs.readFile;
  return { ...fs, readFile, default: { ...fs, readFile } };
});

const { readFileRecords } = await import('../../src/knowledge/file-records.js');
const { listKnowledgeFolder } = await import('../../src/knowledge/folder.js');

let tmp: string;
let dir: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'cutsbot-read-once-'));
  dir = path.join(tmp, 'kb');
  await cp('knowledge', dir, { recursive: true, filter: (src) => !src.endsWith('README.md') && !src.endsWith('places.yaml') });
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('a file the cache does not hold', () => {
  it('is read once, not once to look it up and again to parse it', async () => {
    const cacheFile = path.join(tmp, 'data', 'extraction-cache.db');
    const first = await listKnowledgeFolder(dir);
    await readFileRecords(dir, first.articles, { cacheFile, workers: 0 });
    const name = (await readdir(dir)).filter((f) => f.endsWith('.md')).sort()[0]!;
    const full = path.join(dir, name);
    await writeFile(full, `${await realReadFile(full, 'utf8')}\nOne more paragraph about the cuts.\n`);
    const edited = (await listKnowledgeFolder(dir)).articles.filter((a) => a.name === name);
    reads.clear();
    const { records } = await readFileRecords(dir, edited, { cacheFile, workers: 0 });
    expect(records[0] && 'article' in records[0] ? records[0].article?.paragraphs.at(-1)?.text : null).toBe('One more paragraph about the cuts.');
    expect(reads.get(name)).toBe(1);
  });
});
