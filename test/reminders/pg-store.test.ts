import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { dbFaultOf, faultPhrase, StoreOpenError } from '../../src/reminders/db-faults.js';
import { PG_SCHEMA_VERSION } from '../../src/reminders/pg-migrations.js';
import { openPgStore } from '../../src/reminders/pg-store.js';
import { openConfiguredStore } from '../../src/reminders/runtime.js';
import { postgres, TEST_DATABASE_URL, type BackendDb } from './backends.js';
import { reportPostgresAvailability } from './postgres-availability.js';
import { CHANNEL, GUILD, ORGANISER } from './helpers.js';

/** What only the PostgreSQL back end has: its schema_version table, and its start-up messages. */

const NOW = Date.parse('2026-11-23T10:00:00Z');
let database: BackendDb | null = null;
afterEach(async () => {
  await database?.cleanup();
  database = null;
});

async function query(url: string, sql: string): Promise<pg.QueryResult> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(sql);
  } finally {
    await c.end();
  }
}

reportPostgresAvailability();

describe('opening a PostgreSQL database that cannot be used', () => {
  it('says so in one line naming DATABASE_URL, without its password', async () => {
    // Port 1 on loopback: nothing listens there.
    const url = 'postgres://cutsbot:hunter2@127.0.0.1:1/cutsbot';
    const err = await openConfiguredStore({ DATA_DIR: 'unused', DATABASE_URL: url }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreOpenError);
    const message = (err as Error).message;
    expect(message).toMatch(/^The reminders database DATABASE_URL=postgres:\/\/cutsbot:\*\*\*@127\.0\.0\.1:1\/cutsbot cannot be used: the server cannot be reached/);
    expect(message).not.toContain('hunter2');
    expect(message.split('\n')).toHaveLength(1);
  });
});

describe.runIf(TEST_DATABASE_URL)('the PostgreSQL schema', () => {
  it('is created at the current version, and a reopen keeps the data without migrating again', async () => {
    database = await postgres.create();
    const a = await database.open();
    await a.updateSettings(GUILD, { zone: 'Europe/Dublin' }, NOW);
    await a.createReminder(
      { guildId: GUILD, channelId: CHANNEL, createdBy: ORGANISER, kind: 'message', message: 'Branch meeting', zone: 'Europe/London' },
      [{ dueMs: NOW + 60_000 }],
      { perGuild: 10, perMember: 10 },
      NOW,
    );
    await a.close();
    const b = await database.open();
    expect((await b.settings(GUILD)).zone).toBe('Europe/Dublin');
    expect((await b.listUpcoming(GUILD, { offset: 0, limit: 10 })).total).toBe(1);
    const { rows } = await query(database.env.DATABASE_URL!, 'SELECT version FROM schema_version');
    expect(rows).toEqual([{ version: PG_SCHEMA_VERSION }]);
  });

  it('is migrated once when several processes start together', async () => {
    database = await postgres.create();
    const url = database.env.DATABASE_URL!;
    const stores = await Promise.all([openPgStore({ url }), openPgStore({ url }), openPgStore({ url })]);
    for (const s of stores) await s.close();
    expect((await query(url, 'SELECT version FROM schema_version')).rows).toEqual([{ version: PG_SCHEMA_VERSION }]);
  });

  it('refuses a database a newer version of the bot migrated', async () => {
    database = await postgres.create();
    const url = database.env.DATABASE_URL!;
    await (await openPgStore({ url })).close();
    await query(url, `UPDATE schema_version SET version = ${PG_SCHEMA_VERSION + 1}`);
    const err = await openConfiguredStore({ DATA_DIR: 'unused', DATABASE_URL: url }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreOpenError);
    expect((err as Error).message).toMatch(/a newer version of the bot migrated it.*newer than this code/);
  });

  it('a database that goes away under a running store fails as a fault the scheduler backs off on, phrased for PostgreSQL', async () => {
    database = await postgres.create();
    const url = database.env.DATABASE_URL!;
    const store = await openPgStore({ url });
    try {
      expect(await store.nextWakeMs()).toBeNull();
      const name = new URL(url).pathname.slice(1);
      await query(TEST_DATABASE_URL!, `DROP DATABASE ${name} WITH (FORCE)`);
      const err = await store.claimDue('probe', NOW, 1000).catch((e: unknown) => e);
      expect(dbFaultOf(err)).toBe('cannot-open');
      expect(faultPhrase(dbFaultOf(err)!, err)).toMatch(/check DATABASE_URL/);
    } finally {
      await store.close().catch(() => {});
    }
  });
});
