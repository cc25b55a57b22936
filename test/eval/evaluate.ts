import { readFileSync } from 'node:fs';
import path from 'node:path';
import { extract } from '../../src/knowledge/extract/index.js';
import { loadKnowledgeBase } from '../../src/knowledge/loader.js';
import { resolvePlace } from '../../src/knowledge/places.js';
import { GOLD_DIR, KNOWLEDGE_DIR, loadGold } from './gold.js';
import { headline, placeAccuracy, scoreArticle, totalScore, type ArticleScore, type PlaceQuery } from './score.js';

export interface Evaluation {
  articles: ArticleScore[];
  overall: ArticleScore;
  /** The recorded numbers: overall headline scores plus place-query accuracy. */
  scores: Record<string, number>;
  placeMisses: { query: string; expect: string | null; got: string | null }[];
}

/** Extracts every gold article, scores it against its labels, and resolves the place queries against knowledge/. */
export async function evaluate(): Promise<Evaluation> {
  const articles = loadGold().map((g) => scoreArticle(g.id, extract(g.paragraphs), g.expected));
  const overall = totalScore(articles);
  const queries = JSON.parse(readFileSync(path.join(GOLD_DIR, 'place-queries.json'), 'utf8')) as PlaceQuery[];
  const { kb } = await loadKnowledgeBase(KNOWLEDGE_DIR);
  const places = placeAccuracy(queries, (query) => {
    const r = resolvePlace(kb, query);
    return r.kind === 'found' ? r.place.name : null;
  });
  return {
    articles,
    overall,
    scores: { ...headline(overall), placeAccuracy: places.accuracy },
    placeMisses: places.misses,
  };
}
