import type pg from 'pg';
import { NewerSchemaError } from './db-faults.js';

/**
 * The reminders schema on PostgreSQL, one migration per version, counted in a `schema_version`
 * table (SQLite counts its own in `PRAGMA user_version`, migrations.ts). Same tables, columns and
 * indexes as the SQLite schema at its current version, so records.ts reads rows from either; times
 * are epoch milliseconds in BIGINT. A released migration is never edited: a change is a new entry.
 */

export const PG_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE guild_settings (
    guild_id TEXT PRIMARY KEY,
    zone TEXT NOT NULL,
    organiser_role_id TEXT,
    fallback_channel_id TEXT,
    updated_at BIGINT NOT NULL
  );
  CREATE TABLE reminders (
    id BIGSERIAL PRIMARY KEY,
    guild_id TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    created_by TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('consultation', 'message')),
    consultation_key TEXT,
    title TEXT,
    message TEXT NOT NULL,
    url TEXT,
    role_id TEXT,
    zone TEXT NOT NULL,
    deadline_ms BIGINT,
    repeat_json TEXT,
    status TEXT NOT NULL CHECK (status IN ('active', 'cancelled')),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    cancelled_at BIGINT,
    cancelled_by TEXT,
    scheduled_event_id TEXT,
    failure_notified_at BIGINT,
    wall_time TEXT
  );
  CREATE INDEX reminders_guild ON reminders (guild_id, status);
  CREATE TABLE deliveries (
    id BIGSERIAL PRIMARY KEY,
    reminder_id BIGINT NOT NULL REFERENCES reminders (id),
    due_ms BIGINT NOT NULL,
    lead TEXT,
    nonce TEXT NOT NULL UNIQUE CHECK (length(nonce) <= 25),
    status TEXT NOT NULL CHECK (status IN ('scheduled', 'sending', 'sent', 'skipped', 'failed', 'cancelled')),
    status_at BIGINT NOT NULL,
    lease_owner TEXT,
    lease_expires_ms BIGINT,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_ms BIGINT,
    last_error TEXT,
    message_id TEXT,
    merged_into BIGINT REFERENCES deliveries (id),
    first_attempt_ms BIGINT
  );
  CREATE INDEX deliveries_due ON deliveries (status, due_ms);
  CREATE INDEX deliveries_reminder_status ON deliveries (reminder_id, status, due_ms);
  `,
  // 2: "Remind me" (personal reminders, SQLite's 3) and /follow (SQLite's 4 and 5).
  `
  CREATE TABLE personal_reminders (
    id BIGSERIAL PRIMARY KEY,
    user_id TEXT NOT NULL,
    guild_id TEXT NOT NULL,
    dm_channel_id TEXT NOT NULL,
    consultation_key TEXT NOT NULL,
    title TEXT NOT NULL,
    url TEXT,
    closes_ms BIGINT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('active', 'cancelled')),
    created_at BIGINT NOT NULL,
    cancelled_at BIGINT
  );
  CREATE UNIQUE INDEX personal_one_active ON personal_reminders (user_id, consultation_key) WHERE status = 'active';
  CREATE TABLE personal_deliveries (
    id BIGSERIAL PRIMARY KEY,
    reminder_id BIGINT NOT NULL REFERENCES personal_reminders (id),
    lead TEXT NOT NULL,
    due_ms BIGINT NOT NULL,
    nonce TEXT NOT NULL UNIQUE CHECK (length(nonce) <= 25),
    status TEXT NOT NULL CHECK (status IN ('scheduled', 'sending', 'sent', 'failed', 'cancelled')),
    status_at BIGINT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
  );
  CREATE INDEX personal_due ON personal_deliveries (status, due_ms);
  CREATE TABLE follows (
    id BIGSERIAL PRIMARY KEY,
    guild_id TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    place TEXT NOT NULL,
    created_by TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('active', 'stopped')),
    created_at BIGINT NOT NULL,
    stopped_at BIGINT
  );
  CREATE UNIQUE INDEX follows_one_active ON follows (guild_id, channel_id, place) WHERE status = 'active';
  CREATE TABLE follow_announced (
    follow_id BIGINT NOT NULL REFERENCES follows (id),
    item TEXT NOT NULL,
    message_id TEXT,
    at BIGINT NOT NULL,
    lease_owner TEXT,
    lease_expires_ms BIGINT,
    PRIMARY KEY (follow_id, item)
  );
  `,
];

export const PG_SCHEMA_VERSION = PG_MIGRATIONS.length;

/** Advisory lock keys (namespace, key): bot processes starting together migrate one at a time. */
export const LOCK_NAMESPACE = 0x6375; // "cu"
export const MIGRATE_LOCK = 1;
export const CREATE_LOCK = 2;

export async function migratePg(client: pg.PoolClient): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_NAMESPACE, MIGRATE_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_version');
    const current = rows[0]?.version ?? 0;
    if (current > PG_MIGRATIONS.length) {
      throw new NewerSchemaError(`database schema version ${current} is newer than this code (${PG_MIGRATIONS.length}); refusing to run`);
    }
    for (let v = current; v < PG_MIGRATIONS.length; v++) await client.query(PG_MIGRATIONS[v] ?? '');
    if (rows.length === 0) await client.query('INSERT INTO schema_version (version) VALUES ($1)', [PG_MIGRATIONS.length]);
    else await client.query('UPDATE schema_version SET version = $1', [PG_MIGRATIONS.length]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  }
}
