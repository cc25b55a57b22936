import type { KnowledgeBase } from './knowledge-base.js';
import type { LayeredMap } from './layered-map.js';
import type { Problem } from './problems.js';

/**
 * What an update (`update.ts`) needs of a knowledge base beyond what answers read, kept beside it:
 * where each article's documents start in the term indexes, and the problems of the few articles
 * that have any. A build records them as it walks the articles anyway, so an update never walks
 * them all to find out.
 */
export interface UpdateState {
  /** Article id → its first paragraph's (and first quote's) document: an article's documents are numbered together, in order. */
  paragraphs: ReadonlyMap<string, number> | LayeredMap<string, number>;
  quotes: ReadonlyMap<string, number> | LayeredMap<string, number>;
  /** Article id → its problems, for the articles that have some. */
  problems: ReadonlyMap<string, readonly Problem[]> | LayeredMap<string, readonly Problem[]>;
}

export const updateStates = new WeakMap<KnowledgeBase, UpdateState>();
