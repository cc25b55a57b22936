import { readFile } from 'node:fs/promises';
import { buildKnowledgeBase } from '../../src/knowledge/build.js';
import { loadGazetteer } from '../../src/knowledge/gazetteer.js';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { loadArticles, parseKnowledgeFile } from '../../src/knowledge/loader.js';

/** The committed knowledge base plus an invented test article with consultations and a source. */
export async function testKnowledgeBase(): Promise<KnowledgeBase> {
  const { articles } = await loadArticles('knowledge');
  const extra = parseKnowledgeFile(await readFile('test/fixtures/answers/northbridge-day-centres.md', 'utf8'), 'northbridge-day-centres.md');
  if (!extra.article) throw new Error(JSON.stringify(extra.problems));
  const { gazetteer } = loadGazetteer(await readFile('knowledge/places.yaml', 'utf8'));
  return buildKnowledgeBase([...articles, extra.article], gazetteer);
}
