import { readFileSync } from 'node:fs';
import path from 'node:path';
import { extract } from '../../src/knowledge/extract/index.js';
import { loadKnowledgeBase } from '../../src/knowledge/loader.js';
import { resolvePlace } from '../../src/knowledge/places.js';
import { GOLD_DIR, KNOWLEDGE_DIR, REAL_SPLITS, TUNING_SPLITS, loadGold, loadRealSplit, type GoldArticle, type RealSplit } from './gold.js';
import { accuracy, headline, placeAccuracy, scoreArticle, totalScore, type ArticleScore, type PlaceQuery } from './score.js';

export interface SetResult {
  name: 'labelled' | `real ${RealSplit}`;
  /** Per-article scores; empty for the report and final splits, so nobody tunes on them article by article. */
  articles: ArticleScore[];
  overall: ArticleScore;
  articleCount: number;
  /** Manifest ids whose text is not in eval-real/ on this machine. */
  missing: string[];
}

export interface Evaluation {
  articles: ArticleScore[];
  overall: ArticleScore;
  /** The recorded numbers for the committed labelled set: headline scores plus place-query accuracy. */
  scores: Record<string, number>;
  /** Counts that thresholds.json caps rather than floors. */
  counts: { wrongNamedSpeakers: number; wrongNamedShown: number };
  /** Recall of the committed set's gold figures, by the class their label names. */
  figureRecallByClass: Record<string, number>;
  placeMisses: { query: string; expect: string | null; got: string | null }[];
  /** The committed labelled set first, then each real split. */
  sets: SetResult[];
}

function scoreSet(name: SetResult['name'], gold: GoldArticle[], missing: string[], perArticle: boolean): SetResult {
  const articles = gold.map((g) => scoreArticle(g.id, extract(g.paragraphs), g.expected));
  return { name, articles: perArticle ? articles : [], overall: totalScore(articles), articleCount: gold.length, missing };
}

/** Scores the committed labelled set and the place queries; with `real`, also every real split present locally. */
export async function evaluate(options: { real?: boolean; realTextDir?: string } = {}): Promise<Evaluation> {
  const labelled = scoreSet('labelled', loadGold(), [], true);
  const queries = JSON.parse(readFileSync(path.join(GOLD_DIR, 'place-queries.json'), 'utf8')) as PlaceQuery[];
  const { kb } = await loadKnowledgeBase(KNOWLEDGE_DIR);
  const places = placeAccuracy(queries, (query) => {
    const r = resolvePlace(kb, query);
    return r.kind === 'found' ? r.place.name : null;
  });
  const real = options.real
    ? REAL_SPLITS.map((split) => {
        const { articles, missing } = loadRealSplit(split, options.realTextDir);
        return scoreSet(`real ${split}`, articles, missing, TUNING_SPLITS.includes(split));
      })
    : [];
  return {
    articles: labelled.articles,
    overall: labelled.overall,
    scores: { ...headline(labelled.overall), placeAccuracy: places.accuracy },
    counts: { wrongNamedSpeakers: labelled.overall.wrongNamedSpeakers, wrongNamedShown: labelled.overall.wrongNamedShown },
    figureRecallByClass: Object.fromEntries(Object.entries(labelled.overall.figureClasses).map(([c, r]) => [c, accuracy(r)])),
    placeMisses: places.misses,
    sets: [labelled, ...real],
  };
}
