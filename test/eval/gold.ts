import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseKnowledgeFile } from '../../src/knowledge/loader.js';
import type { Extraction, Paragraph } from '../../src/knowledge/schema.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const GOLD_DIR = path.join(ROOT, 'test/fixtures/gold');
export const KNOWLEDGE_DIR = path.join(ROOT, 'knowledge');

export interface GoldArticle {
  id: string;
  file: string;
  paragraphs: Paragraph[];
  expected: Extraction;
}

function load(file: string, expectedFile: string): GoldArticle {
  const parsed = parseKnowledgeFile(readFileSync(file, 'utf8'), path.basename(file));
  if (!parsed.article) throw new Error(`${file}: ${parsed.problems.map((p) => p.message).join('; ')}`);
  const expected = JSON.parse(readFileSync(expectedFile, 'utf8')) as Extraction;
  return { id: parsed.article.id, file, paragraphs: parsed.article.paragraphs, expected };
}

/** The labelled invented articles, then the real seed articles labelled in gold/seeds/. */
export function loadGold(): GoldArticle[] {
  const invented = readdirSync(GOLD_DIR)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => load(path.join(GOLD_DIR, f), path.join(GOLD_DIR, f.replace(/\.md$/, '.expected.json'))));
  const seeds = readdirSync(path.join(GOLD_DIR, 'seeds'))
    .filter((f) => f.endsWith('.expected.json'))
    .sort()
    .map((f) => load(path.join(KNOWLEDGE_DIR, f.replace(/\.expected\.json$/, '.md')), path.join(GOLD_DIR, 'seeds', f)));
  return [...invented, ...seeds];
}
