import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ExtractionCache, PrunedTable } from './extraction-cache.js';
import { fileHash } from './file-hash.js';
import { GAZETTEER_FILE } from './gazetteer.js';
import { recordVersion } from './record-version.js';
import type { Reloaded } from './reload.js';
import { slices } from './sliced.js';

/**
 * The extraction cache holds one record per file version ever read, so without this it grows by one
 * record (about 9 KB at 10,000 generated articles) each time a moderator saves a file, and by a
 * whole folder's worth each time the rules change. After a load that looked at the whole folder
 * (a start, `/kb reload`), what no current file can use is deleted: records and place mentions of
 * contents no file in the folder has now, of another record version, a `places.yaml` other than the
 * current one, and signatures of paths no longer listed. A restart is then still warm for every
 * file as it is now; a file put back to an older version is simply extracted again. SQLite reuses
 * the freed pages, so the file stops growing at about the size of one version of the folder (two
 * while the rules change: the old records go only after the new ones are in).
 *
 * In small steps, each one `SELECT` and one transaction, with the event loop given turns between
 * them; `stop()` ends it early (a reload waits for it), and the next prune finishes the job.
 */

/** Rows looked at per step: records are about 9 KB, so a step reads about 1 MB and deletes what it found in one commit. */
const ROWS_PER_STEP = 128;

export interface Pruned {
  records: number;
  mentions: number;
  signatures: number;
  /** Whether it went through every table (not stopped). */
  complete: boolean;
}

/** What `load` (a look at the whole folder of `dir`) still needs from the cache, and a prune of the rest. */
export async function pruneExtractionCache(cache: ExtractionCache, dir: string, load: Pick<Reloaded, 'files' | 'listing'>, stop: () => boolean = () => false): Promise<Pruned> {
  const turn = slices();
  const version = recordVersion();
  const hashes = new Set<string>();
  for (const r of load.files.values()) {
    await turn();
    if (r.hash) hashes.add(r.hash);
  }
  const gazetteer = await readFile(path.join(dir, GAZETTEER_FILE)).then(
    (bytes) => `${GAZETTEER_FILE}:${fileHash(bytes)}`,
    () => null,
  );
  const paths = new Set<string>();
  for (const f of load.listing.articles) {
    await turn();
    paths.add(path.resolve(dir, f.name));
  }
  const keepContent = (key: string, v: string | null) => v === version && (hashes.has(key) || key === gazetteer);
  const pruned: Pruned = { records: 0, mentions: 0, signatures: 0, complete: false };
  const tables: [PrunedTable, keyof Omit<Pruned, 'complete'>, (key: string, v: string | null) => boolean][] = [
    ['record', 'records', keepContent],
    ['mentions', 'mentions', keepContent],
    ['signature', 'signatures', (key) => paths.has(key)],
  ];
  // Writes gathered by the load go in first: a flush inside a step would commit them with its deletions.
  cache.flush();
  for (const [table, count, keep] of tables) {
    for (let after: string | null = ''; after !== null; ) {
      await turn();
      if (stop()) return pruned;
      const step = cache.pruneStep(table, after, ROWS_PER_STEP, keep);
      pruned[count] += step.deleted;
      after = step.next;
    }
  }
  pruned.complete = true;
  return pruned;
}
