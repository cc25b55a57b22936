import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach } from 'vitest';
import { openPgStore } from '../../src/reminders/pg-store.js';
import type { Store } from '../../src/reminders/store.js';
import { tempDb } from './helpers.js';

/**
 * The reminders store's back ends for tests that must hold on both: a SQLite file in a temp dir,
 * and (when TEST_DATABASE_URL names a PostgreSQL server, as scripts/ci/postgres.sh prints) a fresh
 * database on it per test, dropped afterwards.
 */

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;

export interface BackendDb {
  /** Opens another store (another connection, as another process would) on this test's database. */
  open(): Promise<Store>;
  /** What a child process needs in its environment to use the same database. */
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

export interface Backend {
  name: 'sqlite' | 'postgres';
  create(): Promise<BackendDb>;
}

export const sqlite: Backend = {
  name: 'sqlite',
  async create() {
    const db = tempDb();
    return {
      open: async () => db.open(),
      env: { DATA_DIR: db.dir, DATABASE_URL: '' },
      cleanup: async () => db.cleanup(),
    };
  },
};

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export const postgres: Backend = {
  name: 'postgres',
  async create() {
    const name = `cutsbot_t_${randomBytes(6).toString('hex')}`;
    await admin((c) => c.query(`CREATE DATABASE ${name}`));
    const url = new URL(TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    const opened: Store[] = [];
    return {
      async open() {
        const s = await openPgStore({ url: url.toString() });
        opened.push(s);
        return s;
      },
      env: { DATABASE_URL: url.toString() },
      async cleanup() {
        for (const s of opened.splice(0)) await s.close().catch(() => {});
        await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      },
    };
  },
};

/** Every back end these tests can reach: PostgreSQL only with TEST_DATABASE_URL. */
export const backends: Backend[] = TEST_DATABASE_URL ? [sqlite, postgres] : [sqlite];

/** Each test's own database on `backend`; `open` gives another connection to it. */
export function useBackend(backend: Backend) {
  let current: BackendDb | null = null;
  afterEach(async () => {
    await current?.cleanup();
    current = null;
  });
  return async () => {
    current ??= await backend.create();
    return current.open();
  };
}
