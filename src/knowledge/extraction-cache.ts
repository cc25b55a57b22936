import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { recordVersion } from './record-version.js';

/**
 * What reading a file gave, remembered between runs, so a restart neither parses nor extracts a
 * file whose bytes it has seen: each valid article's record (article, cited quotes, figures and
 * consultations) as JSON, keyed by the SHA-256 of the file's bytes and stored with
 * `recordVersion()`; entries of any other version are never read, and deleted by the next prune
 * (`cache-prune.ts`). Beside it, the place names found in the article's text, which the index
 * build works out and writes back. A separate
 * SQLite file from the reminders database: it can be deleted at any time and only costs one slower
 * start. A cache that fails (a corrupt file, a full disk) is said once and then left alone: it
 * never costs a file, only the time to read it afresh.
 */
export interface ExtractionCache {
  /** Whether it holds nothing of this version (a cold start: looking every file up first would be wasted). */
  empty(): boolean;
  get(key: string): CacheEntry | undefined;
  /** Remembered on `flush` (one transaction), not one write per file. */
  put(key: string, value: string): void;
  putMentions(key: string, mentions: string): void;
  /** The content hash last read from the file at `path` when it had signature `sig` (see `file-signatures.ts`). */
  hashBySignature(path: string, sig: string): string | undefined;
  /** Remembered on `flush`, like `put`. */
  putSignature(path: string, sig: string, hash: string): void;
  /** How many writes wait for `flush`: a flush of hundreds of 10 KB records takes tens of milliseconds. */
  pending(): number;
  flush(): void;
  close(): void;
  /** Whether it failed (and so stopped answering) since it was opened. */
  failed(): boolean;
  /**
   * One step of a prune (`cache-prune.ts`): the next `limit` rows of `table` after `after` (in key
   * order), those `keep` refuses deleted in one transaction. `next` is where the following step
   * starts, null at the table's end (or when the cache failed).
   */
  pruneStep(table: PrunedTable, after: string, limit: number, keep: (key: string, version: string | null) => boolean): { next: string | null; deleted: number };
}

/** The tables a prune walks: records and mentions by content hash (with their version), signatures by path. */
export type PrunedTable = 'record' | 'mentions' | 'signature';

export interface CacheEntry {
  value: string;
  mentions: string | null;
}

/** The cache's file in `DATA_DIR`. */
export const EXTRACTION_CACHE_FILE = 'extraction-cache.db';

const PAGE_SIZE = 65_536;

/** Writes to gather before a flush in the thread serving members: each flush a few milliseconds. */
export const FLUSH_EVERY = 64;

/**
 * Small rows (place mentions, signatures) to gather before a flush. A commit rewrites every page
 * it touches, and rows keyed by hash land on every page of their table: 10,000 rows 64 at a time
 * wrote 66 MB to the WAL (0.9 s of flushes), 1,024 at a time 6 MB (0.2 s), each flush still 5–20 ms.
 */
export const SMALL_ROWS_PER_FLUSH = 1024;

const WAL_CHECKPOINT_BYTES = 4 * 1024 * 1024;

/**
 * JSON with every character past ASCII escaped (`\u2019`): better-sqlite3 and `postMessage` then
 * carry one-byte strings, and reading 10,000 records from the cache took half the time.
 */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Told the first time the cache fails; the cache then answers nothing and stores nothing. */
export type CacheFault = (message: string, error: unknown) => void;

/** Opens (creating if needed) the cache; throws when the file cannot be used, and the caller loads without it. */
export function openExtractionCache(file: string, onFault: CacheFault = () => {}): ExtractionCache {
  const version = recordVersion();
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 2_000 });
  try {
    // A new file gets its page size before its first table (no VACUUM below) and is in WAL before
    // it is written (no wait on the disk per table made): a cold start's first open held the loop 30–75 ms.
    if (db.pragma('page_count', { simple: true }) === 0) db.pragma(`page_size = ${PAGE_SIZE}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // The layout before whole records were kept.
    db.exec('DROP TABLE IF EXISTS extraction');
    db.exec('CREATE TABLE IF NOT EXISTS record (key TEXT PRIMARY KEY, version TEXT NOT NULL, value TEXT NOT NULL) WITHOUT ROWID');
    // Apart from the records: updating a column of a 10 KB row rewrites the row.
    db.exec('CREATE TABLE IF NOT EXISTS mentions (key TEXT PRIMARY KEY, version TEXT NOT NULL, value TEXT NOT NULL) WITHOUT ROWID');
    // A file's content hash by its signature: about the bytes, not the records, so kept across versions.
    db.exec('CREATE TABLE IF NOT EXISTS signature (path TEXT PRIMARY KEY, sig TEXT NOT NULL, hash TEXT NOT NULL) WITHOUT ROWID');
    // Which version the entries are, so an open neither scans 100 MB of records for other versions nor writes (and so waits on another process's write).
    db.exec('CREATE TABLE IF NOT EXISTS meta (version TEXT NOT NULL)');
    // Other versions' rows are never read (every query names the version) and are deleted by the next prune, in steps: deleting 10,000 records here held the loop in one piece.
    if (db.prepare<[], { version: string }>('SELECT version FROM meta').get()?.version !== version) {
      db.transaction(() => {
        db.exec('DELETE FROM meta');
        db.prepare('INSERT INTO meta (version) VALUES (?)').run(version);
      })();
    }
    // Records of about 10 KB spill over 4 KB pages into chains of overflow pages: reading 10,000 took twice as long.
    if (db.pragma('page_size', { simple: true }) !== PAGE_SIZE && !db.prepare('SELECT 1 FROM record LIMIT 1').get()) {
      db.pragma('journal_mode = DELETE');
      db.pragma(`page_size = ${PAGE_SIZE}`);
      db.exec('VACUUM');
    }
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // The WAL copied back into the file every 4 MB rather than SQLite's 1,000 pages (64 MB of ours):
    // one commit that crossed that line held the loop for 80 ms, and closing after a cold start's
    // writes, which copies and syncs what is left, 40–120 ms.
    db.pragma(`wal_autocheckpoint = ${Math.round(WAL_CHECKPOINT_BYTES / PAGE_SIZE)}`);
  } catch (error) {
    db.close();
    throw error;
  }
  const select = db.prepare<[string, string], CacheEntry>(
    'SELECT r.value AS value, m.value AS mentions FROM record r LEFT JOIN mentions m ON m.key = r.key AND m.version = r.version WHERE r.key = ? AND r.version = ?',
  );
  const any = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM record WHERE version = ? LIMIT 1');
  const insert = db.prepare('INSERT OR REPLACE INTO record (key, version, value) VALUES (?, ?, ?)');
  const mention = db.prepare('INSERT OR REPLACE INTO mentions (key, version, value) VALUES (?, ?, ?)');
  const signed = db.prepare<[string, string], { hash: string }>('SELECT hash FROM signature WHERE path = ? AND sig = ?');
  const sign = db.prepare('INSERT OR REPLACE INTO signature (path, sig, hash) VALUES (?, ?, ?)');
  const walk = {
    record: db.prepare<[string, number], { key: string; version: string }>('SELECT key, version FROM record WHERE key > ? ORDER BY key LIMIT ?'),
    mentions: db.prepare<[string, number], { key: string; version: string }>('SELECT key, version FROM mentions WHERE key > ? ORDER BY key LIMIT ?'),
    signature: db.prepare<[string, number], { key: string; version: null }>('SELECT path AS key, NULL AS version FROM signature WHERE path > ? ORDER BY path LIMIT ?'),
  };
  const remove = {
    record: db.prepare('DELETE FROM record WHERE key = ?'),
    mentions: db.prepare('DELETE FROM mentions WHERE key = ?'),
    signature: db.prepare('DELETE FROM signature WHERE path = ?'),
  };
  const removeAll = db.transaction((table: PrunedTable, keys: string[]) => {
    for (const key of keys) remove[table].run(key);
  });
  let values: [string, string][] = [];
  let mentions: [string, string][] = [];
  let signatures: [string, string, string][] = [];
  const write = db.transaction(() => {
    for (const [key, value] of values) insert.run(key, version, value);
    for (const [key, found] of mentions) mention.run(key, version, found);
    for (const [file, sig, hash] of signatures) sign.run(file, sig, hash);
  });

  let broken = false;
  /** Runs one use of the database; the first failure is told and turns the cache off. */
  const guard = <T>(what: string, use: () => T, otherwise: T): T => {
    if (broken) return otherwise;
    try {
      return use();
    } catch (error) {
      broken = true;
      values = [];
      mentions = [];
      signatures = [];
      onFault(`the extraction cache ${file} failed (${what}); going on without it`, error);
      return otherwise;
    }
  };
  const flush = () =>
    guard(
      'writing',
      () => {
        if (values.length === 0 && mentions.length === 0 && signatures.length === 0) return;
        write();
        values = [];
        mentions = [];
        signatures = [];
      },
      undefined,
    );
  return {
    empty: () => guard('reading', () => any.get(version) === undefined, true),
    get: (key) => guard('reading', () => select.get(key, version), undefined),
    put: (key, value) => void (broken || values.push([key, value])),
    putMentions: (key, found) => void (broken || mentions.push([key, found])),
    hashBySignature: (file, sig) => guard('reading', () => signed.get(file, sig)?.hash, undefined),
    putSignature: (file, sig, hash) => void (broken || signatures.push([file, sig, hash])),
    flush,
    failed: () => broken,
    pending: () => values.length + mentions.length + signatures.length,
    pruneStep: (table, after, limit, keep) =>
      guard(
        'pruning',
        () => {
          const rows = walk[table].all(after, limit);
          const gone = rows.filter((r) => !keep(r.key, r.version)).map((r) => r.key);
          if (gone.length > 0) removeAll(table, gone);
          return { next: rows.length < limit ? null : rows[rows.length - 1]!.key, deleted: gone.length };
        },
        { next: null, deleted: 0 },
      ),
    close: () => {
      flush();
      try {
        db.close();
      } catch {
        // Closing a database that already failed adds nothing to what was said.
      }
    },
  };
}

/** What has been said about caches in this process: a broken cache is retried at every load (it may have been fixed) but said once. */
const said = new Set<string>();

/** Opens the cache, or says why not (once a process) and goes on without it; later failures are said the same way. */
export function tryOpenCache(file: string | null | undefined, onWarning?: CacheFault): ExtractionCache | null {
  if (!file) return null;
  const once: CacheFault = (message, error) => {
    if (said.has(message)) return;
    said.add(message);
    onWarning?.(message, error);
  };
  try {
    return openExtractionCache(file, once);
  } catch (error) {
    once(`the extraction cache ${file} cannot be used; extracting every file`, error);
    return null;
  }
}

/**
 * The cache one use needs: `held` when the caller keeps one open (the watcher does, between
 * reloads: opening, first writing and closing the file took 20–30 ms each time, held on the thread
 * serving members), else `file` opened for this use alone. `done()` writes what waits, and closes
 * the cache only if it was opened here.
 */
export function useCache(held: ExtractionCache | null | undefined, file: string | null | undefined, onWarning?: CacheFault): { cache: ExtractionCache | null; done(): void } {
  if (held) return { cache: held, done: () => held.flush() };
  const cache = tryOpenCache(file, onWarning);
  return { cache, done: () => cache?.close() };
}
