import type { ArticleParts, ArticleText } from './article-parts.js';
import { asciiJson, SMALL_ROWS_PER_FLUSH, useCache, type CacheEntry } from './extraction-cache.js';
import type { FileRecord, FileToRead, ReadOptions, Unchanged } from './file-records.js';
import type { Signature } from './folder.js';
import type { Article } from './schema.js';
import { slices } from './sliced.js';
import { partsFromStore, type StoredParts } from './text-refs.js';

/**
 * A file's record as the extraction cache stores it and a worker thread hands it over: one JSON
 * string (copied across threads in one piece, not as thousands of objects), parsed back into what
 * every later step reads; and the place names the index build found in each text, written back
 * beside the record so the next start need not look for them.
 */

/** A valid article's record as the cache stores it and a worker hands it over (`article.file` is set again on reading). */
export interface StoredRecord {
  article: Article;
  idLine: number;
  parts: StoredParts;
}

/**
 * A record as a worker sends it: a valid article as JSON (one string to copy, not thousands of
 * objects) with the text the first build needs beside it (not stored: see `ArticleText`), anything else as it is.
 */
export type WorkerRecord = { file: string; sig: Signature; hash: string; json: string; paragraphTerms: string[]; normalized: Uint8Array } | FileRecord | Unchanged | null;

/** The mentions sig each text was last stored with, so the same mentions are not written back again. */
const storedMentions = new WeakMap<ArticleText, string>();

function fromJson(json: string, file: string, sig: Signature, hash: string, cached: boolean, fresh: Pick<ArticleText, 'paragraphTerms' | 'normalized'>, mentions: string | null): FileRecord {
  const s = JSON.parse(json) as StoredRecord;
  // The same bytes under another name (a copy, a rename) are the same record but for the name.
  s.article.file = file;
  for (const p of s.parts.problems) p.file = file;
  const parts = partsFromStore(s.article, s.parts);
  const text: ArticleText = { paragraphTerms: fresh.paragraphTerms, normalized: fresh.normalized, mentions: mentions ? (JSON.parse(mentions) as ArticleText['mentions']) : null };
  if (text.mentions) storedMentions.set(text, text.mentions.sig);
  return { file, article: s.article, problems: [], idLine: s.idLine, hash, sig, parts, text, cached };
}

export function fromWorker(r: WorkerRecord): FileRecord | Unchanged | null {
  return r && 'json' in r ? fromJson(r.json, r.file, r.sig, r.hash, false, r, null) : r;
}

/** A cache entry as a record, or null (read afresh, said once) when it is not what this code wrote: a damaged file, a hand edit. */
export function cachedRecord(hit: CacheEntry, f: FileToRead, hash: string, onWarning: ReadOptions['onWarning']): FileRecord | null {
  try {
    return fromJson(hit.value, f.name, f.sig, hash, true, { paragraphTerms: null, normalized: null }, hit.mentions);
  } catch (error) {
    onWarning?.('the extraction cache holds an entry that cannot be read; reading those files afresh', error);
    return null;
  }
}

/**
 * Stores the place names the build found in each article's text beside its record, so the next
 * start need not look for them again (it is most of what extraction leaves to this thread).
 */
export async function rememberMentions(records: Iterable<FileRecord | Unchanged>, options: ReadOptions): Promise<void> {
  const { cache, done } = useCache(options.heldCache, options.cacheFile, options.onWarning);
  if (!cache) return;
  try {
    const turn = slices(() => cache.flush(), undefined, () => cache.pending() >= SMALL_ROWS_PER_FLUSH);
    for (const r of records) {
      // A turn before the check too: a warm start's pass over 10,000 records, each already stored, held the loop for 17 ms.
      await turn();
      if (!('text' in r) || !r.text?.mentions || !r.hash || storedMentions.get(r.text) === r.text.mentions.sig) continue;
      cache.putMentions(r.hash, asciiJson(r.text.mentions));
      storedMentions.set(r.text, r.text.mentions.sig);
    }
  } finally {
    done();
  }
}
