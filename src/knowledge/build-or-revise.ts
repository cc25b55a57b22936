import { knowledgeBaseSteps } from './build.js';
import type { Gazetteer } from './gazetteer.js';
import { indexKey, indexStoreFile, loadStoredIndexes, storeIndexes } from './index-store.js';
import type { KnowledgeBase } from './knowledge-base.js';
import type { ArticlesReload, PreviousLoad, ReloadOptions } from './reload.js';
import type { Article } from './schema.js';
import { runSliced, slices } from './sliced.js';
import { reviseKnowledgeBaseSteps } from './update.js';

/**
 * The knowledge base for a load: a first load takes the term indexes from the index store when an
 * earlier run stored them for exactly these articles; a reload updates the one served (`update.ts`).
 * Whatever was built afresh is stored for the next start.
 */
export async function buildOrRevise(
  loaded: ArticlesReload & { changedIds?: ReadonlySet<string> },
  previousLoad: PreviousLoad | null,
  sameGazetteer: boolean,
  gazetteer: Gazetteer,
  at: Date,
  options: ReloadOptions,
): Promise<{ kb: KnowledgeBase; rebuilt: boolean; linkedAll: boolean; storedIndexes: boolean }> {
  const previous = previousLoad?.kb ?? null;
  const partsOf = (a: Article) => loaded.parts.get(a)!;
  const textOf = (a: Article) => loaded.texts.get(a) ?? previousLoad?.texts?.get(a);
  const file = options.cacheFile ? indexStoreFile(options.cacheFile) : null;
  // Only a first load or a full build needs the key: a one-file reload never hashes every article's hash.
  const key = file && !previous ? await keyOfLoad(loaded) : null;
  const stored = file && key ? await loadStoredIndexes(file, key, options.onWarning) : null;
  if (stored) {
    const kb = await runSliced(knowledgeBaseSteps(loaded.articles, gazetteer, partsOf, at, textOf, stored));
    return { kb, rebuilt: true, linkedAll: true, storedIndexes: kb.index.paragraphs === stored.paragraphs };
  }
  const { kb, rebuilt, linkedAll } = await runSliced(reviseKnowledgeBaseSteps(previous, sameGazetteer, loaded.articles, gazetteer, partsOf, at, textOf, loaded.changedIds));
  const storeKey = rebuilt && file ? (key ?? (await keyOfLoad(loaded))) : null;
  if (storeKey) {
    const storing = storeIndexes(file!, storeKey, { paragraphs: kb.index.paragraphs, quotes: kb.index.quotes }, options.onWarning);
    // A first load waits (a CLI run may end right after it); a compaction while serving swaps its knowledge base in without waiting for the write.
    if (!previous) await storing;
    else storing.catch((error: unknown) => options.onWarning?.('the built indexes could not be stored; the next start builds them again', error));
  }
  return { kb, rebuilt, linkedAll, storedIndexes: false };
}

/** The index store's key for the articles loaded (sorted by id, as built), or null when one's content hash is not known (then nothing is stored). */
async function keyOfLoad(loaded: ArticlesReload): Promise<string | null> {
  const turn = slices();
  const hashOf = new Map<Article, string>();
  for (const r of loaded.files.values()) {
    await turn();
    if ('article' in r && r.article && r.hash) hashOf.set(r.article, r.hash);
  }
  const hashes: string[] = [];
  for (const a of loaded.articles) {
    await turn();
    const h = hashOf.get(a);
    if (!h) return null;
    hashes.push(h);
  }
  return indexKey(hashes, turn);
}
