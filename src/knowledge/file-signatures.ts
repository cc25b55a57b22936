import path from 'node:path';
import { SMALL_ROWS_PER_FLUSH, tryOpenCache, type ExtractionCache } from './extraction-cache.js';
import type { FileRecord, FileToRead, ReadOptions, Unchanged } from './file-records.js';
import type { Signature } from './folder.js';
import { MAX_FILE_BYTES } from './limits.js';
import { slices } from './sliced.js';

/**
 * A start that trusts a file's signature (size, modification and change times, inode: `folder.ts`)
 * for its content hash, so a warm start reads no file that has not changed since an earlier run
 * read it: reading and hashing 10,000 files was a fifth of a warm start.
 *
 * The risk is a change the signature does not show. Writing a file always moves its change time
 * (no tool can set it back), so that needs a write within the same tick of the file system's clock
 * as the one before it, with the same size, after the earlier run took the signature (git calls
 * this "racy"). So a signature is only remembered for a file whose change time was at least
 * `SETTLED_MS` before the load listed the folder: any later write has a later change time. What is
 * left: the system clock set back, or a file system that does not keep change times faithfully (a
 * network mount caching attributes). A full reload (`/kb reload`) hashes every file regardless.
 */

/** Longer than the coarsest file-system time stamp in use (FAT's 2 s). */
export const SETTLED_MS = 3_000;

const changeMs = (sig: Signature) => Number(BigInt(sig.split(':')[2] ?? '0') / 1_000_000n);
const sizeOf = (sig: Signature) => Number(sig.split(':')[0]);

/** `path\0sig` already remembered (or found) by this process, so a reload does not write them again. */
const known = new Set<string>();
const MAX_KNOWN = 200_000;
const note = (id: string) => {
  if (known.size >= MAX_KNOWN) known.clear();
  known.add(id);
};

/** The content hash an earlier run read from this very version of the file, if it may be trusted; never for a full reload's re-read (`knownHash`). */
export function trustedHash(cache: ExtractionCache | null, dir: string, f: FileToRead): string | undefined {
  if (!cache || f.knownHash || sizeOf(f.sig) > MAX_FILE_BYTES) return undefined;
  const file = path.resolve(dir, f.name);
  const hash = cache.hashBySignature(file, f.sig);
  if (hash) note(`${file}\u0000${f.sig}`);
  return hash;
}

/** Records taken by their signature in this process, for counting (`Reloaded.unread`). */
const bySignature = new WeakSet<object>();
export const markTakenBySignature = (r: FileRecord) => void bySignature.add(r);
export const takenBySignature = (r: object) => bySignature.has(r);

/** Remembers each valid file's hash by its signature, for files settled before `listedAt` (wall-clock ms, when the folder was listed). */
export async function rememberSignatures(dir: string, records: Iterable<FileRecord | Unchanged>, listedAt: number, options: ReadOptions): Promise<void> {
  const fresh: [string, string, string][] = [];
  // Even a pass over 10,000 records held the loop for 60 ms: it takes turns too.
  const pass = slices();
  for (const r of records) {
    await pass();
    if (takenBySignature(r) || !('hash' in r) || !r.hash || !r.article || changeMs(r.sig) > listedAt - SETTLED_MS) continue;
    const file = path.resolve(dir, r.file);
    if (!known.has(`${file}\u0000${r.sig}`)) fresh.push([file, r.sig, r.hash]);
  }
  if (fresh.length === 0) return;
  const cache = tryOpenCache(options.cacheFile, options.onWarning);
  if (!cache) return;
  try {
    const turn = slices(() => cache.flush(), undefined, () => cache.pending() >= SMALL_ROWS_PER_FLUSH);
    for (const [file, sig, hash] of fresh) {
      await turn();
      cache.putSignature(file, sig, hash);
      note(`${file}\u0000${sig}`);
    }
  } finally {
    cache.close();
  }
}
