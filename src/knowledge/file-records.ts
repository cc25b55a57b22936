import { createHash } from 'node:crypto';
import { lstat, readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { readArticleFile, type FileResult } from './article-file.js';
import { articleParts, articleText, extractForServing, type ArticleParts, type ArticleText } from './article-parts.js';
import { openExtractionCache, type ExtractionCache } from './extraction-cache.js';
import type { Signature } from './folder.js';
import { SLICE_MS } from './sliced.js';
import { BATCH, readInWorkers } from './worker-pool.js';

/**
 * Reading knowledge files into records: read, parse, validate, extract (or take the extraction from
 * the cache). Many files go to worker threads, so the thread answering members only receives
 * finished records; a handful (one edited file) are done in this thread, in time slices.
 */

/** One version of one article file, as every later step needs it. */
export interface FileRecord extends FileResult {
  sig: Signature;
  /** The article's cited quotes, figures and consultations; null when the file is not a valid article. */
  parts: ArticleParts | null;
  /** Its text as the indexes read it; null when the file is not a valid article. */
  text: ArticleText | null;
  /** Whether the extraction came from the cache. */
  cached: boolean;
}

/** A file re-read for a full reload whose bytes turned out the same as the version already held. */
export interface Unchanged {
  file: string;
  sig: Signature;
  unchanged: true;
}

/** A file to read, with the hash of the version already held, if any. */
export interface FileToRead {
  name: string;
  sig: Signature;
  knownHash?: string | undefined;
}

export interface ReadOptions {
  /** The extraction cache's SQLite file; null or absent for none. */
  cacheFile?: string | null | undefined;
  /** Worker threads to use for many files; 0 reads everything in this thread. Default: one per core, at most 2. */
  workers?: number | undefined;
  /** Fewer files than this are read in this thread (starting workers costs more). */
  workersFrom?: number | undefined;
  /** Told when the cache or the workers could not be used; the load goes on without them. */
  onWarning?: ((message: string, error: unknown) => void) | undefined;
}

/** Below this, the cost of starting a worker (about 0.3 s under tsx) outweighs extracting in slices here. */
const WORKERS_FROM = 64;

export const defaultWorkers = () => Math.max(1, Math.min(2, availableParallelism()));

/**
 * Reads, validates and extracts one file; null when it vanished. A file whose bytes hash to
 * `knownHash` is only hashed: the version already held stands. Shared by the workers and this thread.
 */
export async function readFileRecord(dir: string, f: FileToRead, cache: ExtractionCache | null): Promise<FileRecord | Unchanged | null> {
  const { name, sig } = f;
  if (f.knownHash && (await hashOf(path.join(dir, name))) === f.knownHash) return { file: name, sig, unchanged: true };
  const r = await readArticleFile(dir, name);
  if (!r) return null;
  if (!r.article) return { ...r, sig, parts: null, text: null, cached: false };
  let found = cache?.get(r.hash);
  const cached = found !== undefined;
  if (!found) {
    found = extractForServing(r.article);
    cache?.put(r.hash, found);
  }
  return { ...r, sig, parts: articleParts(r.article, found), text: articleText(r.article), cached };
}

/** The file's SHA-256, or '' when it cannot be read as a regular file (it is then read in full and reported). */
async function hashOf(full: string): Promise<string> {
  try {
    if ((await lstat(full)).isSymbolicLink()) return '';
    return createHash('sha256').update(await readFile(full)).digest('hex');
  } catch {
    return '';
  }
}

/** Opens the cache, or says why not and goes on without it. */
export function tryOpenCache(file: string | null | undefined, onWarning?: ReadOptions['onWarning']): ExtractionCache | null {
  if (!file) return null;
  try {
    return openExtractionCache(file);
  } catch (error) {
    onWarning?.(`the extraction cache ${file} cannot be used; extracting every file`, error);
    return null;
  }
}

/** Records for `files`, in their order (null for a file that vanished), and how many worker threads read them. */
export async function readFileRecords(dir: string, files: readonly FileToRead[], options: ReadOptions = {}): Promise<{ records: (FileRecord | Unchanged | null)[]; workers: number }> {
  const workers = Math.min(options.workers ?? defaultWorkers(), Math.ceil(files.length / BATCH));
  if (workers > 0 && files.length >= (options.workersFrom ?? WORKERS_FROM)) {
    // Opened here once first: it creates the table and drops other versions' entries before two workers race to.
    const cache = tryOpenCache(options.cacheFile, options.onWarning);
    cache?.close();
    try {
      return { records: await readInWorkers(dir, files, { ...options, cacheFile: cache ? options.cacheFile : null }, workers), workers };
    } catch (error) {
      options.onWarning?.('worker threads could not read the knowledge files; reading them in the main thread', error);
    }
  }
  return { records: await readHere(dir, files, options), workers: 0 };
}

async function readHere(dir: string, files: readonly FileToRead[], options: ReadOptions): Promise<(FileRecord | Unchanged | null)[]> {
  const cache = tryOpenCache(options.cacheFile, options.onWarning);
  const out: (FileRecord | Unchanged | null)[] = [];
  try {
    let start = performance.now();
    for (const f of files) {
      out.push(await readFileRecord(dir, f, cache));
      if (performance.now() - start >= SLICE_MS) {
        cache?.flush();
        await nextTurn();
        start = performance.now();
      }
    }
  } finally {
    try {
      cache?.close();
    } catch (error) {
      options.onWarning?.('the extraction cache could not be written', error);
    }
  }
  return out;
}

