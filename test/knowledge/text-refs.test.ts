import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleParts, extractForServing } from '../../src/knowledge/article-parts.js';
import { readArticleFile } from '../../src/knowledge/article-file.js';
import { asciiJson } from '../../src/knowledge/extraction-cache.js';
import { reloadKnowledge } from '../../src/knowledge/reload.js';
import type { Article } from '../../src/knowledge/schema.js';
import { partsFromStore, partsToStore } from '../../src/knowledge/text-refs.js';
import { generateKnowledgeBase } from '../bench/generate.js';

/**
 * The cache stores a figure's sentence and a quote's text as where they are in a paragraph: what a
 * warm start serves must be exactly what extraction gave, and the stored record must not hold the
 * text twice.
 */

const KNOWLEDGE = fileURLToPath(new URL('../../knowledge', import.meta.url));
let tmp: string;
let generated: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'cutsbot-refs-'));
  generated = (await generateKnowledgeBase(path.join(tmp, 'kb'), { articles: 40, seed: 3 })).dir;
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function articlesIn(dir: string): Promise<Article[]> {
  const out: Article[] = [];
  for (const name of (await readdir(dir)).filter((n) => n.endsWith('.md') && n !== 'README.md').sort()) {
    const r = await readArticleFile(dir, name);
    if (r?.article) out.push(r.article);
  }
  return out;
}

const ARTICLE = `---
id: two-paragraph-quote
title: Day centre to close
council: Kent County Council
published: 2024-03-01
source:
  publisher: Example News
  url: https://news.example.org/day-centre
---
"We will fight this closure every step of the way," said Jane Roe, Unison branch secretary. "Members have not been consulted.

"The council must think again about cutting £2 million from day care," she added.

The council said 40 jobs were at risk.
`;

describe('figure sentences and quote texts stored as places in a paragraph', () => {
  it('give back exactly what extraction gave, for the real articles and generated ones', async () => {
    const articles = [...(await articlesIn(KNOWLEDGE)), ...(await articlesIn(generated))];
    expect(articles.length).toBeGreaterThan(40);
    let pieces = 0;
    for (const a of articles) {
      const parts = articleParts(a, extractForServing(a));
      const stored = JSON.stringify(partsToStore(a, parts));
      pieces += parts.figures.length + parts.quotes.length;
      // The same JSON (keys in the same order) once read back, and no figure's sentence copied when it is a piece of its paragraph.
      expect(JSON.stringify(partsFromStore(a, JSON.parse(stored)))).toBe(JSON.stringify(parts));
      for (const f of parts.figures) if (a.paragraphs.find((p) => p.n === f.paragraph)!.text.includes(f.sentence) && f.sentence.length > 20) expect(stored).not.toContain(JSON.stringify(f.sentence));
    }
    expect(pieces).toBeGreaterThan(500);
  });

  it('keep a quote over two paragraphs as its text, and serve it the same from the cache in a later start', async () => {
    const dir = path.join(tmp, 'one');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'day-centre.md'), ARTICLE);
    const cacheFile = path.join(tmp, 'one-cache', 'extraction-cache.db');
    const fresh = await reloadKnowledge(dir, null, { cacheFile, workers: 0 });
    const spanning = fresh.kb.quotes.find((q) => q.paragraphs.length > 1);
    expect(spanning, JSON.stringify(fresh.kb.quotes)).toBeDefined();
    expect(fresh.kb.figures.length).toBeGreaterThan(0);
    const warm = await reloadKnowledge(dir, null, { cacheFile, workers: 0 });
    expect(warm.read.extracted).toBe(0);
    expect(JSON.stringify(warm.kb.quotes)).toBe(JSON.stringify(fresh.kb.quotes));
    expect(JSON.stringify(warm.kb.figures)).toBe(JSON.stringify(fresh.kb.figures));
    const db = new Database(cacheFile, { readonly: true });
    const value = (db.prepare('SELECT value FROM record').all() as { value: string }[]).map((r) => r.value).find((v) => v.includes('two-paragraph-quote'))!;
    db.close();
    expect(value).toContain(asciiJson(spanning!.text));
    expect((JSON.parse(value) as { parts: { figures: { sentence: unknown }[] } }).parts.figures.map((f) => Array.isArray(f.sentence))).toEqual(fresh.kb.figures.map(() => true));
  });

  it('a stored place outside its paragraph (a damaged entry) is read afresh, said once', async () => {
    const dir = path.join(tmp, 'one');
    const cacheFile = path.join(tmp, 'one-cache', 'extraction-cache.db');
    const db = new Database(cacheFile);
    db.prepare("UPDATE record SET value = replace(value, '\"sentence\":[', '\"sentence\":[99,') WHERE value LIKE '%two-paragraph-quote%'").run();
    db.close();
    const warnings: string[] = [];
    const again = await reloadKnowledge(dir, null, { cacheFile, workers: 0, onWarning: (m) => warnings.push(m) });
    expect(again.read.extracted).toBe(1);
    expect(warnings).toEqual(['the extraction cache holds an entry that cannot be read; reading those files afresh']);
    expect(again.kb.figures.length).toBeGreaterThan(0);
  });
});
