import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseKnowledgeFile } from '../../src/knowledge/loader.js';
import type { Paragraph } from '../../src/knowledge/schema.js';
import type { GoldExtraction } from './score.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const GOLD_DIR = path.join(ROOT, 'test/fixtures/gold');
export const KNOWLEDGE_DIR = path.join(ROOT, 'knowledge');
export const REAL_DIR = path.join(ROOT, 'test/eval/real');
/** Git-ignored: the real articles' text, one knowledge file per article in `<split>/<id>.md`. */
export const REAL_TEXT_DIR = path.join(ROOT, 'eval-real');

export interface GoldArticle {
  id: string;
  file: string;
  paragraphs: Paragraph[];
  expected: GoldExtraction;
}

/**
 * `tune2` to `tune9` hold articles added after the tune/report alternation was fixed (later tuning
 * rounds): adding them to that alternation would have moved earlier articles between tune and report.
 * `report2` is a second held-out split, added whole and never tuned on: every round had read `report`'s totals;
 * `report3` a third, labelled while `tune7` was, so the newest rules meet text nobody has tuned on.
 * `tune8` and `tune9` were labelled in the ninth round at the same time, each scored unseen before tuning.
 */
export type RealSplit = 'tune' | 'tune2' | 'tune3' | 'tune4' | 'tune5' | 'tune6' | 'tune7' | 'tune8' | 'tune9' | 'report' | 'report2' | 'report3' | 'final';
export const REAL_SPLITS: RealSplit[] = ['tune', 'tune2', 'tune3', 'tune4', 'tune5', 'tune6', 'tune7', 'tune8', 'tune9', 'report', 'report2', 'report3', 'final'];
/** The splits extractor work may read article by article. */
export const TUNING_SPLITS: RealSplit[] = ['tune', 'tune2', 'tune3', 'tune4', 'tune5', 'tune6', 'tune7', 'tune8', 'tune9'];
/** Splits added whole after the alternation was fixed: outside the tune/report rule. */
export const ADDED_TUNING_SPLITS: RealSplit[] = ['tune2', 'tune3', 'tune4', 'tune5', 'tune6', 'tune7', 'tune8', 'tune9'];
/** Held-out splits added whole after the alternation was fixed: outside the tune/report rule, scored as totals only. */
export const ADDED_HELD_OUT_SPLITS: RealSplit[] = ['report2', 'report3'];

export interface ManifestEntry {
  id: string;
  url: string;
  title: string;
  publisher: string;
  published?: string;
  topic: string;
  split: RealSplit;
}

function load(file: string, expectedFile: string): GoldArticle {
  const parsed = parseKnowledgeFile(readFileSync(file, 'utf8'), path.basename(file));
  if (!parsed.article) throw new Error(`${file}: ${parsed.problems.map((p) => p.message).join('; ')}`);
  const expected = JSON.parse(readFileSync(expectedFile, 'utf8')) as GoldExtraction;
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

export function loadManifest(): ManifestEntry[] {
  return JSON.parse(readFileSync(path.join(REAL_DIR, 'manifest.json'), 'utf8')) as ManifestEntry[];
}

/**
 * One split of the real set: its labelled articles whose text is present locally, and the ids whose
 * text is missing. Nothing present at all (a fresh clone) is `articles: []` with every id missing.
 */
export function loadRealSplit(split: RealSplit, textDir = REAL_TEXT_DIR): { articles: GoldArticle[]; missing: string[] } {
  const articles: GoldArticle[] = [];
  const missing: string[] = [];
  for (const entry of loadManifest().filter((e) => e.split === split)) {
    const file = path.join(textDir, split, `${entry.id}.md`);
    if (!existsSync(file)) {
      missing.push(entry.id);
      continue;
    }
    const article = load(file, path.join(REAL_DIR, 'labels', `${entry.id}.expected.json`));
    if (article.id !== entry.id) throw new Error(`${file}: id ${article.id} does not match the manifest's ${entry.id}`);
    articles.push(article);
  }
  return { articles, missing };
}
