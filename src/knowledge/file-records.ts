import { lstatSync, readFileSync } from 'node:fs';
import { lstat, readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { fromBytes, readArticleFile, readArticleFileSync, type FileResult } from './article-file.js';
import { articleParts, articleText, extractForServing, type ArticleParts, type ArticleText } from './article-parts.js';
import { fromWorker, type StoredRecord, type WorkerRecord } from './stored-record.js';
import { asciiJson, FLUSH_EVERY, useCache, type ExtractionCache } from './extraction-cache.js';
import type { Signature } from './folder.js';
import { slices, turnIfDue } from './sliced.js';
import { lookUpHere } from './cache-lookup.js';
import { BATCH, readInWorkers } from './worker-pool.js';
import { fileHash } from './file-hash.js';
import { recordVersion } from './record-version.js';
import { partsToStore } from './text-refs.js';

/**
 * Reading knowledge files into records: read, parse, validate, extract, or take the whole record
 * from the cache. When the cache has entries, this thread first hashes every file (reads run ahead
 * in the thread pool, the rest in time slices) and takes what the cache holds (`cache-lookup.ts`); only the rest is
 * parsed and extracted, in worker threads when there are many (a cold start), else here. Records
 * cross from a worker as one JSON string each (`stored-record.ts`), the very string the cache stores.
 */

/** One version of one article file, as every later step needs it. */
export interface FileRecord extends FileResult {
  sig: Signature;
  /** The article's cited quotes, figures and consultations; null when the file is not a valid article. */
  parts: ArticleParts | null;
  /** Its text as the indexes read it; null when the file is not a valid article. */
  text: ArticleText | null;
  /** Whether the record came from the cache. */
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
  /**
   * The bytes and hash this thread read when the cache did not have them (`lookUpHere`): parsed as they are
   * instead of read and hashed a second time. Never sent to a worker.
   */
  read?: { bytes: Buffer; hash: string } | undefined;
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
  /** The cache at `cacheFile` already open, kept open by the caller between reloads (the watcher); used in this thread instead of opening the file again. */
  heldCache?: ExtractionCache | null | undefined;
  /** Told of each worker thread as it starts (its index: 0 is the cache's writer), so a test can stop one mid-load as a crash would. */
  onWorker?: ((worker: Worker, index: number) => void) | undefined;
}

/** Below this, the cost of starting a worker (about 0.3 s under tsx) outweighs extracting in slices here. */
const WORKERS_FROM = 64;

export const defaultWorkers = () => Math.max(1, Math.min(2, availableParallelism()));

const utf8 = new TextEncoder();

/** A freshly read file as a worker hands it over: a valid article's record as the JSON the cache stores. */
function freshRecord(r: FileResult | null, sig: Signature): WorkerRecord {
  if (!r) return null;
  if (!r.article) return { ...r, sig, parts: null, text: null, cached: false };
  const { paragraphTerms, normalized } = articleText(r.article);
  const json = asciiJson({ article: r.article, idLine: r.idLine, parts: partsToStore(r.article, articleParts(r.article, extractForServing(r.article))) } satisfies StoredRecord);
  // As bytes (see `ArticleText.normalized`), in an array of their own: a pooled Buffer's whole 8 KB slab would be copied across.
  return { file: r.file, sig, hash: r.hash, json, paragraphTerms: paragraphTerms!, normalized: utf8.encode(normalized as string) };
}

/**
 * Reads, validates and extracts one file in a worker thread (synchronously: it serves no one); null
 * when it vanished. A file whose bytes hash to `knownHash` is only hashed: the version already held
 * stands. Storing it is left to the pool's writer (`worker-pool.ts`).
 */
export function readFileForWorker(dir: string, f: FileToRead): WorkerRecord {
  if (f.knownHash && hashOfSync(path.join(dir, f.name)) === f.knownHash) return { file: f.name, sig: f.sig, unchanged: true };
  return freshRecord(readArticleFileSync(dir, f.name), f.sig);
}

/** The same in this thread, storing a fresh record in the cache. */
export async function readFileRecord(dir: string, f: FileToRead, cache: ExtractionCache | null): Promise<FileRecord | Unchanged | null> {
  if (f.read) return stored(freshRecord(fromBytes(f.name, f.read.bytes, f.read.hash), f.sig), cache);
  if (f.knownHash && (await hashOf(path.join(dir, f.name))) === f.knownHash) return { file: f.name, sig: f.sig, unchanged: true };
  return stored(freshRecord(await readArticleFile(dir, f.name), f.sig), cache);
}

/** A record as this thread keeps it, its JSON written to the cache when it is a fresh article's. */
function stored(r: WorkerRecord, cache: ExtractionCache | null): FileRecord | Unchanged | null {
  if (r && 'json' in r) cache?.put(r.hash, r.json);
  return fromWorker(r);
}

function hashOfSync(full: string): string {
  try {
    return lstatSync(full).isSymbolicLink() ? '' : fileHash(readFileSync(full));
  } catch {
    return '';
  }
}

/** The file's SHA-256, or '' when it cannot be read as a regular file (it is then read in full and reported). */
async function hashOf(full: string): Promise<string> {
  try {
    if ((await lstat(full)).isSymbolicLink()) return '';
    return fileHash(await readFile(full));
  } catch {
    return '';
  }
}

/** Says each message once per load, however many files run into it. */
function once(onWarning: ReadOptions['onWarning']): ReadOptions['onWarning'] {
  const said = new Set<string>();
  return (message, error) => {
    if (!said.has(message)) onWarning?.(message, error);
    said.add(message);
  };
}

/** Records for `files`, in their order (null for a file that vanished), and how many worker threads read them. */
export async function readFileRecords(dir: string, files: readonly FileToRead[], options: ReadOptions = {}): Promise<{ records: (FileRecord | Unchanged | null)[]; workers: number }> {
  // The records' version (every record source read and hashed, 6–17 ms once a process) in a turn of its own, not with opening the cache.
  if (options.cacheFile || options.heldCache) {
    await turnIfDue();
    recordVersion();
  }
  await turnIfDue();
  const { cache, done: doneWithCache } = useCache(options.heldCache, options.cacheFile, options.onWarning);
  const records: (FileRecord | Unchanged | null)[] = new Array(files.length).fill(null);
  let rest = files.map((f, i) => ({ f, i }));
  try {
    await turnIfDue();
    // A cold start (nothing cached, nothing held) skips the look-up: every file is parsed anyway.
    if ((cache && !cache.empty()) || files.some((f) => f.knownHash)) rest = await lookUpHere(dir, rest, records, cache, once(options.onWarning), options.workersFrom ?? WORKERS_FROM);
  } finally {
    doneWithCache();
  }
  if (rest.length === 0) return { records, workers: 0 };
  const todo = rest.map(({ f }) => f);
  const done = await readFresh(dir, todo, { ...options, cacheFile: cache && !cache.failed() ? options.cacheFile : null });
  rest.forEach(({ i }, k) => (records[i] = done.records[k]!));
  return { records, workers: done.workers };
}

async function readFresh(dir: string, files: readonly FileToRead[], options: ReadOptions): Promise<{ records: (FileRecord | Unchanged | null)[]; workers: number }> {
  const workers = Math.min(options.workers ?? defaultWorkers(), Math.ceil(files.length / BATCH));
  if (workers > 0 && files.length >= (options.workersFrom ?? WORKERS_FROM)) {
    try {
      const sent = files.map(({ read: _, ...f }) => f);
      return { records: await readInWorkers(dir, sent, workers, options, fromWorker), workers };
    } catch (error) {
      options.onWarning?.('worker threads could not read the knowledge files; reading them in the main thread', error);
    }
  }
  return { records: await readHere(dir, files, options), workers: 0 };
}

async function readHere(dir: string, files: readonly FileToRead[], options: ReadOptions): Promise<(FileRecord | Unchanged | null)[]> {
  const { cache, done } = useCache(options.heldCache, options.cacheFile, options.onWarning);
  const out: (FileRecord | Unchanged | null)[] = [];
  try {
    const turn = slices(() => cache?.flush(), undefined, () => (cache?.pending() ?? 0) >= FLUSH_EVERY);
    for (const f of files) {
      await turn();
      out.push(await readFileRecord(dir, f, cache));
    }
  } finally {
    done();
  }
  return out;
}
