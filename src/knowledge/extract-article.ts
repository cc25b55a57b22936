import { applyCorrections, type CorrectedExtraction } from './corrections.js';
import { extract } from './extract/index.js';
import type { Article } from './schema.js';

/**
 * What members get from one article: the rules' quotes and figures with the file's moderator
 * corrections applied, plus a problem for each correction that no longer matches. The one place
 * extraction runs for an article, so every caller (the load, a worker, a cache, the review) agrees.
 */
export function extractArticle(article: Article): CorrectedExtraction {
  return applyCorrections(article, extract(article.paragraphs));
}
