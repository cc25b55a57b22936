import Fuse, { type IFuseOptions } from 'fuse.js';
import type { Steps } from './sliced.js';

/** Documents Fuse indexes between two chances to yield (about a millisecond's work). */
const DOCS_PER_STEP = 256;

/**
 * `new Fuse(docs, options)` as steps (see `sliced.ts`): Fuse's index of the same documents, made a
 * slice at a time with its own `add` rather than in one call (over the place names, towns and
 * nicknames, 5,603 at 10,000 generated articles, that held the loop for 20–45 ms). Each document
 * gets the record and number Fuse's own build gives it, so searches rank exactly alike.
 */
export function* fuseSteps<T>(docs: readonly T[], options: IFuseOptions<T>): Steps<Fuse<T>> {
  const index = Fuse.createIndex<T>(options.keys ?? [], [], { ...(options.getFn ? { getFn: options.getFn } : {}), ...(options.fieldNormWeight !== undefined ? { fieldNormWeight: options.fieldNormWeight } : {}) });
  for (const [i, doc] of docs.entries()) {
    if (i % DOCS_PER_STEP === DOCS_PER_STEP - 1) yield;
    index.add(doc, i);
  }
  return new Fuse(docs, options, index);
}
