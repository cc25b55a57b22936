import type { Skipped } from './folder.js';
import type { KnowledgeBase } from './knowledge-base.js';
import type { Problem } from './problems.js';
import { reloadArticles, reloadKnowledge, type ReloadOptions } from './reload.js';
import type { Article } from './schema.js';

/** Loading a knowledge folder once, for the CLI, the evaluation and the benchmark: a reload with nothing before it. */

export { formatProblem, type Problem } from './problems.js';
export { MAX_FILE_BYTES } from './limits.js';
export { duplicateIdProblem, parseKnowledgeFile, parseKnowledgeText, type FileResult, type ParseResult } from './article-file.js';
export { readGazetteer, type Skipped } from './folder.js';

export interface LoadResult {
  kb: KnowledgeBase;
  problems: Problem[];
  /** Folder entries that were not loaded, with why. */
  skipped: Skipped[];
}

/**
 * Reads every article in a knowledge folder. One bad file never hides the good ones: the caller gets
 * the good set plus the list of problems. Of two files with one id, the first by name wins.
 */
export async function loadArticles(dir: string, options?: ReloadOptions): Promise<{ articles: Article[]; problems: Problem[] }> {
  const { articles, problems } = await reloadArticles(dir, null, options);
  return { articles, problems };
}

/** Loads the folder's articles and gazetteer and builds the knowledge base with its indexes. */
export async function loadKnowledgeBase(dir: string, options?: ReloadOptions): Promise<LoadResult> {
  const { kb, problems, skipped } = await reloadKnowledge(dir, null, options);
  return { kb, problems, skipped };
}
