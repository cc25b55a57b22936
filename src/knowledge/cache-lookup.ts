import { lstat, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ExtractionCache } from './extraction-cache.js';
import { fileHash } from './file-hash.js';
import type { FileRecord, FileToRead, ReadOptions, Unchanged } from './file-records.js';
import { markTakenBySignature, trustedHash } from './file-signatures.js';
import { MAX_FILE_BYTES } from './limits.js';
import { slices } from './sliced.js';
import { cachedRecord } from './stored-record.js';

/**
 * The pass of a load that takes what the extraction cache already holds (`readFileRecords` runs it
 * before parsing anything): each file by the hash an earlier run read for its signature, else read
 * and hashed here, and looked up by that hash.
 */

/** Files read ahead of the one being looked up: the reads wait in the thread pool, never in this thread. */
const READ_AHEAD = 16;

/**
 * This thread's pass over files when the cache may hold them: read and hash each (reads kept
 * `READ_AHEAD` files ahead, the rest in slices), settle those unchanged since the version held or
 * found in the cache, and return the rest. A file that cannot be read plainly is left to the full
 * read, which says why.
 */
export async function lookUpHere(
  dir: string,
  files: { f: FileToRead; i: number }[],
  records: (FileRecord | Unchanged | null)[],
  cache: ExtractionCache | null,
  onWarning: ReadOptions['onWarning'],
  /** Misses past this many go to worker threads, which read for themselves: only the first ones' bytes are kept. */
  keepBytes: number,
) {
  const rest: typeof files = [];
  const turn = slices();
  // Files whose signature an earlier run saw settled are taken by the hash it read then, without reading them (`file-signatures.ts`).
  const toHash: typeof files = [];
  for (const entry of files) {
    await turn();
    const hash = trustedHash(cache, dir, entry.f);
    const hit = hash ? cache?.get(hash) : undefined;
    const record = hit ? cachedRecord(hit, entry.f, hash!, onWarning) : null;
    if (record) {
      records[entry.i] = record;
      markTakenBySignature(record);
    } else toHash.push(entry);
  }
  files = toHash;
  const reads: Promise<Buffer | null>[] = [];
  let next = 0;
  for (const entry of files) {
    while (next < files.length && reads.length < READ_AHEAD) reads.push(plainBytes(path.join(dir, files[next++]!.f.name)));
    const bytes = await reads.shift()!;
    await turn();
    const { f, i } = entry;
    if (!bytes) {
      rest.push(entry);
      continue;
    }
    const hash = fileHash(bytes);
    if (hash === f.knownHash) {
      records[i] = { file: f.name, sig: f.sig, unchanged: true };
      continue;
    }
    const hit = cache?.get(hash);
    const record = hit ? cachedRecord(hit, f, hash, onWarning) : null;
    if (record) records[i] = record;
    else rest.push({ f: { name: f.name, sig: f.sig, ...(rest.length < keepBytes ? { read: { bytes, hash } } : {}) }, i });
  }
  return rest;
}

/** A regular file's bytes within the size limit, else null (a link, too large, unreadable, gone). */
async function plainBytes(full: string): Promise<Buffer | null> {
  try {
    const s = await lstat(full);
    return s.isFile() && s.size <= MAX_FILE_BYTES ? await readFile(full) : null;
  } catch {
    return null;
  }
}
