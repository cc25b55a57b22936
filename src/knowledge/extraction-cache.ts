import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { EXTRACTOR_VERSION } from './extract/index.js';
import type { ServedExtraction as Extraction } from './article-parts.js';

/**
 * Extraction results remembered between runs, so a restart only extracts files that changed. An
 * entry is keyed by the SHA-256 of the file's bytes and stored with `EXTRACTOR_VERSION`; opening the
 * cache drops entries of any other version. A separate SQLite file from the reminders database:
 * it can be deleted at any time and only costs one slower start.
 */
export interface ExtractionCache {
  get(hash: string): Extraction | undefined;
  /** Remembered on `flush` (one transaction), not one write per file. */
  put(hash: string, extraction: Extraction): void;
  flush(): void;
  close(): void;
}

/** The cache's file in `DATA_DIR`. */
export const EXTRACTION_CACHE_FILE = 'extraction-cache.db';

/** Opens (creating if needed) the cache; throws when the file cannot be used, and the caller loads without it. */
export function openExtractionCache(file: string): ExtractionCache {
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 2_000 });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec('CREATE TABLE IF NOT EXISTS extraction (hash TEXT PRIMARY KEY, version TEXT NOT NULL, value TEXT NOT NULL) WITHOUT ROWID');
    db.prepare('DELETE FROM extraction WHERE version <> ?').run(EXTRACTOR_VERSION);
  } catch (error) {
    db.close();
    throw error;
  }
  const select = db.prepare<[string, string], { value: string }>('SELECT value FROM extraction WHERE hash = ? AND version = ?');
  const insert = db.prepare('INSERT OR REPLACE INTO extraction (hash, version, value) VALUES (?, ?, ?)');
  let pending: [string, string][] = [];
  const write = db.transaction((rows: [string, string][]) => {
    for (const [hash, value] of rows) insert.run(hash, EXTRACTOR_VERSION, value);
  });
  const flush = () => {
    if (pending.length === 0) return;
    const rows = pending;
    pending = [];
    write(rows);
  };
  return {
    get: (hash) => {
      const row = select.get(hash, EXTRACTOR_VERSION);
      return row ? (JSON.parse(row.value) as Extraction) : undefined;
    },
    put: (hash, extraction) => {
      pending.push([hash, JSON.stringify(extraction)]);
    },
    flush,
    close: () => {
      try {
        flush();
      } finally {
        db.close();
      }
    },
  };
}
