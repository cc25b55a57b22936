import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createLeases } from './leases.js';
import { migrate } from './migrations.js';
import { newNonce } from './nonce.js';
import {
  strOrNull,
  str,
  toDelivery,
  toReminder,
  type Delivery,
  type GuildSettings,
  type Limits,
  type NewDelivery,
  type NewReminder,
  type Reminder,
  type Row,
} from './records.js';
import { prepareStatements } from './sqlite-statements.js';
import type { ReminderPatch, Store } from './store-interface.js';
import { DEFAULT_ZONE } from './time.js';

export type * from './records.js';
export type * from './store-interface.js';
export { SCHEMA_VERSION } from './migrations.js';
export { COUNT_ACTIVE_SQL, LIST_UPCOMING_SQL } from './sqlite-statements.js';

/**
 * Reminders in a SQLite file, behind the `Store` interface (store-interface.ts): settings, reminders
 * and their deliveries here, their statements in sqlite-statements.ts, leases in leases.ts, the schema
 * in migrations.ts, row shapes in records.ts. The PostgreSQL back end (pg-store.ts) answers the same interface.
 */

/** The database file inside the configured data directory (`DATA_DIR`, `data` by default). */
export function dbFileIn(dataDir = 'data'): string {
  return resolve(join(dataDir, 'cutsbot.db'));
}

/** The SQLite store also shows its connection and file, for tests and tools on this back end only. */
export type SqliteStore = Store & { db: Database.Database; file: string };

export interface OpenStoreOptions {
  /** The database file; `./data/cutsbot.db` by default (see `dbFileIn`). */
  file?: string;
  busyTimeoutMs?: number;
}

/**
 * How long one statement waits for another connection's lock. better-sqlite3 waits synchronously,
 * freezing the event loop (every command, the gateway heartbeat) for that long, so this stays short:
 * real transactions here take milliseconds, and a longer lock is a fault the scheduler retries later.
 */
export const BUSY_TIMEOUT_MS = 250;
/** Opening runs once, before anything is served, so it may wait longer for a migrating peer. */
const OPEN_BUSY_TIMEOUT_MS = 3_000;

export function openStore(opts: OpenStoreOptions = {}): SqliteStore {
  const file = opts.file ?? dbFileIn();
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma(`busy_timeout = ${OPEN_BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    migrate(db);
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? BUSY_TIMEOUT_MS))}`);
  } catch (err) {
    db.close();
    throw err;
  }

  const q = prepareStatements(db);

  function settings(guildId: string): GuildSettings {
    const r = q.getSettings.get(guildId) as Row | undefined;
    if (!r) return { guildId, zone: DEFAULT_ZONE, organiserRoleId: null, fallbackChannelId: null };
    return {
      guildId,
      zone: str(r.zone),
      organiserRoleId: strOrNull(r.organiser_role_id),
      fallbackChannelId: strOrNull(r.fallback_channel_id),
    };
  }

  function updateSettings(guildId: string, patch: Partial<Omit<GuildSettings, 'guildId'>>, now: number): GuildSettings {
    const next = { ...settings(guildId), ...patch };
    q.upsertSettings.run({ ...next, now });
    return next;
  }

  function addDeliveries(reminderId: number, deliveries: NewDelivery[], now: number): void {
    for (const d of deliveries) {
      q.insertDelivery.run(reminderId, d.dueMs, d.lead ?? null, newNonce(), d.status ?? 'scheduled', now, d.note ?? null);
    }
  }

  /**
   * Creates a reminder with its deliveries, checking the limits inside the same write transaction
   * so two organisers racing cannot both take the last place.
   */
  const createReminder = db.transaction(
    (input: NewReminder, deliveries: NewDelivery[], limits: Limits, now: number):
      | { ok: true; reminder: Reminder; deliveries: Delivery[] }
      | { ok: false; limit: 'guild' | 'member' } => {
      const g = (q.countGuild.get(input.guildId) as { n: number }).n;
      if (g >= limits.perGuild) return { ok: false, limit: 'guild' };
      const m = (q.countMember.get(input.guildId, input.createdBy) as { n: number }).n;
      if (m >= limits.perMember) return { ok: false, limit: 'member' };
      const info = q.insertReminder.run({
        guildId: input.guildId,
        channelId: input.channelId,
        createdBy: input.createdBy,
        kind: input.kind,
        consultationKey: input.consultationKey ?? null,
        title: input.title ?? null,
        message: input.message,
        url: input.url ?? null,
        roleId: input.roleId ?? null,
        zone: input.zone,
        deadlineMs: input.deadlineMs ?? null,
        repeatJson: input.repeat ? JSON.stringify(input.repeat) : null,
        wallTime: input.wallTime ?? null,
        now,
      });
      const id = Number(info.lastInsertRowid);
      addDeliveries(id, deliveries, now);
      const reminder = toReminder(q.getReminderById.get(id) as Row);
      return { ok: true, reminder, deliveries: deliveriesOf(id) };
    },
  );

  function deliveriesOf(reminderId: number): Delivery[] {
    return (q.deliveriesOf.all(reminderId) as Row[]).map(toDelivery);
  }

  /** A reminder of this guild, or null: another guild's ids are indistinguishable from missing ones. */
  function getReminder(guildId: string, id: number): { reminder: Reminder; deliveries: Delivery[] } | null {
    const r = q.getReminder.get(id, guildId) as Row | undefined;
    if (!r) return null;
    return { reminder: toReminder(r), deliveries: deliveriesOf(id) };
  }

  function countActive(guildId: string, memberId?: string): number {
    const row = (memberId === undefined ? q.countGuild.get(guildId) : q.countMember.get(guildId, memberId)) as { n: number };
    return row.n;
  }

  function listUpcoming(guildId: string, page: { offset: number; limit: number }): {
    total: number;
    items: { reminder: Reminder; nextMs: number; pending: number }[];
  } {
    const rows = q.listUpcoming.all(guildId, page.limit, page.offset) as Row[];
    return {
      total: countActive(guildId),
      items: rows.map((r) => ({ reminder: toReminder(r), nextMs: Number(r.next_ms), pending: Number(r.pending) })),
    };
  }

  const cancelReminder = db.transaction((guildId: string, id: number, by: string, now: number): boolean => {
    const changed = q.cancelReminder.run({ id, guildId, by, now }).changes;
    if (changed === 0) return false;
    q.cancelScheduled.run({ id, now, why: `cancelled by ${by}` });
    return true;
  });

  /**
   * Edits what a reminder says, where, and (with `deliveries`) when: the deliveries still to come are
   * marked cancelled and replaced, so the record of the old schedule remains.
   */
  const editReminder = db.transaction(
    (
      guildId: string,
      id: number,
      patch: ReminderPatch,
      by: string,
      now: number,
    ): boolean => {
      const changed = q.updateReminderText.run({
        id,
        guildId,
        message: patch.message ?? null,
        channelId: patch.channelId ?? null,
        now,
      }).changes;
      if (changed === 0) return false;
      if (patch.deliveries) {
        const current = toReminder(q.getReminderById.get(id) as Row);
        q.cancelScheduled.run({ id, now, why: `rescheduled by ${by}` });
        addDeliveries(id, patch.deliveries, now);
        q.setRepeatAndDeadline.run(
          patch.deadlineMs === undefined ? current.deadlineMs : patch.deadlineMs,
          (patch.repeat === undefined ? current.repeat : patch.repeat) ? JSON.stringify(patch.repeat ?? current.repeat) : null,
          patch.wallTime === undefined ? current.wallTime : patch.wallTime,
          id,
        );
      }
      return true;
    },
  );

  function setScheduledEvent(guildId: string, id: number, eventId: string): void {
    q.setScheduledEvent.run(eventId, id, guildId);
  }

  const leases = createLeases(db);
  // better-sqlite3 answers at once; the promises only give both back ends one interface.
  return {
    backend: 'sqlite',
    location: file,
    db,
    file,
    settings: async (guildId) => settings(guildId),
    updateSettings: async (guildId, patch, now) => updateSettings(guildId, patch, now),
    createReminder: async (input, deliveries, limits, now) => createReminder.immediate(input, deliveries, limits, now),
    getReminder: async (guildId, id) => getReminder(guildId, id),
    deliveriesOf: async (reminderId) => deliveriesOf(reminderId),
    countActive: async (guildId, memberId) => countActive(guildId, memberId),
    listUpcoming: async (guildId, page) => listUpcoming(guildId, page),
    cancelReminder: async (guildId, id, by, now) => cancelReminder.immediate(guildId, id, by, now),
    editReminder: async (guildId, id, patch, by, now) => editReminder.immediate(guildId, id, patch, by, now),
    setScheduledEvent: async (guildId, id, eventId) => setScheduledEvent(guildId, id, eventId),
    claimDue: async (owner, now, leaseMs, maxReminders) => leases.claimDue(owner, now, leaseMs, maxReminders),
    settle: async (ids, owner, to, now) => leases.settle(ids, owner, to, now),
    markFailureNotified: async (reminderId, now) => leases.markFailureNotified(reminderId, now),
    nextWakeMs: async () => leases.nextWakeMs(),
    close: async () => {
      db.close();
    },
  };
}
