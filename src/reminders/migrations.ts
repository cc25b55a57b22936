import type Database from 'better-sqlite3';
import { NewerSchemaError } from './db-faults.js';

/**
 * The reminders schema, one migration per version (`PRAGMA user_version` counts them). A migration is
 * never edited once released: a change is a new entry, so every existing file is brought forward.
 */

export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE guild_settings (
    guild_id TEXT PRIMARY KEY,
    zone TEXT NOT NULL,
    organiser_role_id TEXT,
    fallback_channel_id TEXT,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE reminders (
    id INTEGER PRIMARY KEY,
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
    deadline_ms INTEGER,
    repeat_json TEXT,
    status TEXT NOT NULL CHECK (status IN ('active', 'cancelled')),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    cancelled_at INTEGER,
    cancelled_by TEXT,
    scheduled_event_id TEXT,
    failure_notified_at INTEGER
  );
  CREATE INDEX reminders_guild ON reminders (guild_id, status);
  CREATE TABLE deliveries (
    id INTEGER PRIMARY KEY,
    reminder_id INTEGER NOT NULL REFERENCES reminders (id),
    due_ms INTEGER NOT NULL,
    lead TEXT,
    nonce TEXT NOT NULL UNIQUE CHECK (length(nonce) <= 25),
    status TEXT NOT NULL CHECK (status IN ('scheduled', 'sending', 'sent', 'skipped', 'failed', 'cancelled')),
    status_at INTEGER NOT NULL,
    lease_owner TEXT,
    lease_expires_ms INTEGER,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_ms INTEGER,
    last_error TEXT,
    message_id TEXT,
    merged_into INTEGER REFERENCES deliveries (id)
  );
  CREATE INDEX deliveries_due ON deliveries (status, due_ms);
  CREATE INDEX deliveries_reminder ON deliveries (reminder_id);
  `,
  // 2: /remind list looked up each reminder's pending deliveries through the (status, due) index and
  // so walked every server's; (reminder, status, due) answers it per reminder. Also the time of day
  // a repeat keeps, and when a delivery was first claimed (for Discord's nonce window).
  `
  CREATE INDEX deliveries_reminder_status ON deliveries (reminder_id, status, due_ms);
  DROP INDEX deliveries_reminder;
  ALTER TABLE reminders ADD COLUMN wall_time TEXT;
  ALTER TABLE deliveries ADD COLUMN first_attempt_ms INTEGER;
  `,
  // 3: "Remind me": a member's own direct-message reminders of a consultation (personal.ts).
  `
  CREATE TABLE personal_reminders (
    id INTEGER PRIMARY KEY,
    user_id TEXT NOT NULL,
    guild_id TEXT NOT NULL,
    dm_channel_id TEXT NOT NULL,
    consultation_key TEXT NOT NULL,
    title TEXT NOT NULL,
    url TEXT,
    closes_ms INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('active', 'cancelled')),
    created_at INTEGER NOT NULL,
    cancelled_at INTEGER
  );
  CREATE UNIQUE INDEX personal_one_active ON personal_reminders (user_id, consultation_key) WHERE status = 'active';
  CREATE TABLE personal_deliveries (
    id INTEGER PRIMARY KEY,
    reminder_id INTEGER NOT NULL REFERENCES personal_reminders (id),
    lead TEXT NOT NULL,
    due_ms INTEGER NOT NULL,
    nonce TEXT NOT NULL UNIQUE CHECK (length(nonce) <= 25),
    status TEXT NOT NULL CHECK (status IN ('scheduled', 'sending', 'sent', 'failed', 'cancelled')),
    status_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
  );
  CREATE INDEX personal_due ON personal_deliveries (status, due_ms);
  `,
  // 4: /follow: a channel that hears once of each new article and consultation about a place.
  `
  CREATE TABLE follows (
    id INTEGER PRIMARY KEY,
    guild_id TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    place TEXT NOT NULL,
    created_by TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('active', 'stopped')),
    created_at INTEGER NOT NULL,
    stopped_at INTEGER
  );
  CREATE UNIQUE INDEX follows_one_active ON follows (guild_id, channel_id, place) WHERE status = 'active';
  CREATE TABLE follow_announced (
    follow_id INTEGER NOT NULL REFERENCES follows (id),
    item TEXT NOT NULL,
    message_id TEXT,
    at INTEGER NOT NULL,
    PRIMARY KEY (follow_id, item)
  );
  `,
  // 5: an item being posted to a following channel is claimed first (a lease on its row), so
  // processes sharing the database post it once; a row without a lease was announced.
  `
  ALTER TABLE follow_announced ADD COLUMN lease_owner TEXT;
  ALTER TABLE follow_announced ADD COLUMN lease_expires_ms INTEGER;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function migrate(db: Database.Database): void {
  const apply = db.transaction(() => {
    const current = Number(db.pragma('user_version', { simple: true }));
    if (current > MIGRATIONS.length) {
      throw new NewerSchemaError(`database schema version ${current} is newer than this code (${MIGRATIONS.length}); refusing to run`);
    }
    for (let v = current; v < MIGRATIONS.length; v++) {
      db.exec(MIGRATIONS[v] ?? '');
      db.pragma(`user_version = ${v + 1}`);
    }
  });
  apply.immediate();
}
