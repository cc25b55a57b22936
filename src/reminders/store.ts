import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_ZONE, type Repeat } from './time.js';

/**
 * Reminders on disk. One row per reminder and one per delivery (each post it will make); rows are
 * never deleted, only their status moves on, so the history of what was posted where stays
 * answerable. Times are UTC instants in epoch milliseconds.
 */

export type DeliveryStatus = 'scheduled' | 'sending' | 'sent' | 'skipped' | 'failed' | 'cancelled';
export type ReminderKind = 'consultation' | 'message';

export interface GuildSettings {
  guildId: string;
  zone: string;
  organiserRoleId: string | null;
  /** Where to tell organisers that a reminder could not be posted. */
  fallbackChannelId: string | null;
}

export interface Reminder {
  id: number;
  guildId: string;
  channelId: string;
  createdBy: string;
  kind: ReminderKind;
  consultationKey: string | null;
  title: string | null;
  message: string;
  url: string | null;
  roleId: string | null;
  zone: string;
  deadlineMs: number | null;
  repeat: Repeat | null;
  status: 'active' | 'cancelled';
  createdAt: number;
  updatedAt: number;
  cancelledAt: number | null;
  cancelledBy: string | null;
  scheduledEventId: string | null;
  failureNotifiedAt: number | null;
}

export interface Delivery {
  id: number;
  reminderId: number;
  dueMs: number;
  /** For consultation reminders, the lead code (`7d`, `0m`); null for a plain message. */
  lead: string | null;
  nonce: string;
  status: DeliveryStatus;
  statusAt: number;
  leaseOwner: string | null;
  leaseExpiresMs: number | null;
  attempts: number;
  nextAttemptMs: number | null;
  lastError: string | null;
  messageId: string | null;
  /** The delivery whose post also carried this one, when overdue deliveries were merged. */
  mergedInto: number | null;
}

export interface NewReminder {
  guildId: string;
  channelId: string;
  createdBy: string;
  kind: ReminderKind;
  consultationKey?: string | null;
  title?: string | null;
  message: string;
  url?: string | null;
  roleId?: string | null;
  zone: string;
  deadlineMs?: number | null;
  repeat?: Repeat | null;
}

export interface NewDelivery {
  dueMs: number;
  lead?: string | null;
  /** `skipped` records a lead that had already passed when the reminder was made. */
  status?: 'scheduled' | 'skipped';
  note?: string;
}

export interface Limits {
  perGuild: number;
  perMember: number;
}

export interface ClaimedGroup {
  reminder: Reminder;
  deliveries: Delivery[];
}

const MIGRATIONS: string[] = [
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
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** The database file inside the configured data directory (`DATA_DIR`, `data` by default). */
export function dbFileIn(dataDir = 'data'): string {
  return resolve(join(dataDir, 'cutsbot.db'));
}

/** Discord allows nonces of up to 25 characters; 18 random url-safe characters do not collide. */
function newNonce(): string {
  return `cb${randomBytes(12).toString('base64url')}`;
}

type Row = Record<string, unknown>;

const str = (v: unknown): string => String(v);
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function toReminder(r: Row): Reminder {
  return {
    id: Number(r.id),
    guildId: str(r.guild_id),
    channelId: str(r.channel_id),
    createdBy: str(r.created_by),
    kind: str(r.kind) as ReminderKind,
    consultationKey: strOrNull(r.consultation_key),
    title: strOrNull(r.title),
    message: str(r.message),
    url: strOrNull(r.url),
    roleId: strOrNull(r.role_id),
    zone: str(r.zone),
    deadlineMs: numOrNull(r.deadline_ms),
    repeat: r.repeat_json ? (JSON.parse(str(r.repeat_json)) as Repeat) : null,
    status: str(r.status) as Reminder['status'],
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    cancelledAt: numOrNull(r.cancelled_at),
    cancelledBy: strOrNull(r.cancelled_by),
    scheduledEventId: strOrNull(r.scheduled_event_id),
    failureNotifiedAt: numOrNull(r.failure_notified_at),
  };
}

function toDelivery(r: Row): Delivery {
  return {
    id: Number(r.id),
    reminderId: Number(r.reminder_id),
    dueMs: Number(r.due_ms),
    lead: strOrNull(r.lead),
    nonce: str(r.nonce),
    status: str(r.status) as DeliveryStatus,
    statusAt: Number(r.status_at),
    leaseOwner: strOrNull(r.lease_owner),
    leaseExpiresMs: numOrNull(r.lease_expires_ms),
    attempts: Number(r.attempts),
    nextAttemptMs: numOrNull(r.next_attempt_ms),
    lastError: strOrNull(r.last_error),
    messageId: strOrNull(r.message_id),
    mergedInto: numOrNull(r.merged_into),
  };
}

const ACTIVE = `r.status = 'active' AND EXISTS (
  SELECT 1 FROM deliveries d WHERE d.reminder_id = r.id AND d.status IN ('scheduled', 'sending'))`;

export type Store = ReturnType<typeof openStore>;

export interface OpenStoreOptions {
  /** The database file; `./data/cutsbot.db` by default (see `dbFileIn`). */
  file?: string;
  busyTimeoutMs?: number;
}

export function openStore(opts: OpenStoreOptions = {}) {
  const file = opts.file ?? dbFileIn();
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // Another scheduler or the bot may hold the write lock for a moment; wait rather than fail.
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 5000))}`);
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  migrate(db);

  const q = {
    getSettings: db.prepare('SELECT * FROM guild_settings WHERE guild_id = ?'),
    upsertSettings: db.prepare(`
      INSERT INTO guild_settings (guild_id, zone, organiser_role_id, fallback_channel_id, updated_at)
      VALUES (@guildId, @zone, @organiserRoleId, @fallbackChannelId, @now)
      ON CONFLICT (guild_id) DO UPDATE SET zone = excluded.zone, organiser_role_id = excluded.organiser_role_id,
        fallback_channel_id = excluded.fallback_channel_id, updated_at = excluded.updated_at`),
    insertReminder: db.prepare(`
      INSERT INTO reminders (guild_id, channel_id, created_by, kind, consultation_key, title, message, url, role_id,
        zone, deadline_ms, repeat_json, status, created_at, updated_at)
      VALUES (@guildId, @channelId, @createdBy, @kind, @consultationKey, @title, @message, @url, @roleId,
        @zone, @deadlineMs, @repeatJson, 'active', @now, @now)`),
    insertDelivery: db.prepare(`
      INSERT INTO deliveries (reminder_id, due_ms, lead, nonce, status, status_at, last_error)
      VALUES (?, ?, ?, ?, ?, ?, ?)`),
    countGuild: db.prepare(`SELECT count(*) AS n FROM reminders r WHERE r.guild_id = ? AND ${ACTIVE}`),
    countMember: db.prepare(`SELECT count(*) AS n FROM reminders r WHERE r.guild_id = ? AND r.created_by = ? AND ${ACTIVE}`),
    getReminder: db.prepare('SELECT * FROM reminders WHERE id = ? AND guild_id = ?'),
    getReminderById: db.prepare('SELECT * FROM reminders WHERE id = ?'),
    deliveriesOf: db.prepare('SELECT * FROM deliveries WHERE reminder_id = ? ORDER BY due_ms, id'),
    listUpcoming: db.prepare(`
      SELECT r.*, (SELECT min(d.due_ms) FROM deliveries d WHERE d.reminder_id = r.id AND d.status IN ('scheduled', 'sending')) AS next_ms
      FROM reminders r WHERE r.guild_id = ? AND ${ACTIVE}
      ORDER BY next_ms, r.id LIMIT ? OFFSET ?`),
    cancelReminder: db.prepare(`
      UPDATE reminders SET status = 'cancelled', cancelled_at = @now, cancelled_by = @by, updated_at = @now
      WHERE id = @id AND guild_id = @guildId AND status = 'active'`),
    cancelScheduled: db.prepare(`
      UPDATE deliveries SET status = 'cancelled', status_at = @now, last_error = @why
      WHERE reminder_id = @id AND status = 'scheduled'`),
    updateReminderText: db.prepare(`
      UPDATE reminders SET message = coalesce(@message, message), channel_id = coalesce(@channelId, channel_id),
        failure_notified_at = CASE WHEN @channelId IS NULL THEN failure_notified_at ELSE NULL END, updated_at = @now
      WHERE id = @id AND guild_id = @guildId AND status = 'active'`),
    setRepeatAndDeadline: db.prepare('UPDATE reminders SET deadline_ms = ?, repeat_json = ? WHERE id = ?'),
    setScheduledEvent: db.prepare('UPDATE reminders SET scheduled_event_id = ? WHERE id = ? AND guild_id = ?'),
    dueReminders: db.prepare(`
      SELECT DISTINCT d.reminder_id AS id FROM deliveries d
      WHERE (d.status = 'scheduled' AND d.due_ms <= @now AND (d.next_attempt_ms IS NULL OR d.next_attempt_ms <= @now))
         OR (d.status = 'sending' AND d.lease_expires_ms <= @now)
      ORDER BY d.due_ms LIMIT @max`),
    claimForReminder: db.prepare(`
      UPDATE deliveries SET status = 'sending', lease_owner = @owner, lease_expires_ms = @expires,
        attempts = attempts + 1, status_at = @now
      WHERE reminder_id = @id AND (
        (status = 'scheduled' AND due_ms <= @now AND (next_attempt_ms IS NULL OR next_attempt_ms <= @now))
        OR (status = 'sending' AND lease_expires_ms <= @now))
      RETURNING *`),
    failureNotified: db.prepare(
      'UPDATE reminders SET failure_notified_at = ? WHERE id = ? AND failure_notified_at IS NULL',
    ),
    nextDue: db.prepare(`SELECT min(CASE WHEN status = 'sending' THEN lease_expires_ms
        ELSE max(due_ms, coalesce(next_attempt_ms, 0)) END) AS t
      FROM deliveries WHERE status IN ('scheduled', 'sending')`),
  };

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
      items: rows.map((r) => {
        const reminder = toReminder(r);
        const pending = deliveriesOf(reminder.id).filter((d) => d.status === 'scheduled' || d.status === 'sending').length;
        return { reminder, nextMs: Number(r.next_ms), pending };
      }),
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
      patch: { message?: string; channelId?: string; deliveries?: NewDelivery[]; deadlineMs?: number | null; repeat?: Repeat | null },
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
          id,
        );
      }
      return true;
    },
  );

  function setScheduledEvent(guildId: string, id: number, eventId: string): void {
    q.setScheduledEvent.run(eventId, id, guildId);
  }

  /**
   * Claims due deliveries for `owner` until `now + leaseMs`: scheduled ones that are due, and ones
   * whose sender's lease ran out (it crashed or hung). All due deliveries of one reminder are claimed
   * together so they can go out as one post. BEGIN IMMEDIATE takes the write lock before reading, so
   * two schedulers on one file serialise here and never claim the same row.
   */
  const claimTx = db.transaction((owner: string, now: number, leaseMs: number, maxReminders: number): ClaimedGroup[] => {
    const ids = (q.dueReminders.all({ now, max: maxReminders }) as { id: number }[]).map((r) => r.id);
    const groups: ClaimedGroup[] = [];
    for (const id of ids) {
      const rows = (q.claimForReminder.all({ id, owner, now, expires: now + leaseMs }) as Row[]).map(toDelivery);
      if (rows.length === 0) continue;
      rows.sort((a, b) => a.dueMs - b.dueMs || a.id - b.id);
      groups.push({ reminder: toReminder(q.getReminderById.get(id) as Row), deliveries: rows });
    }
    return groups;
  });

  function claimDue(owner: string, now: number, leaseMs: number, maxReminders = 20): ClaimedGroup[] {
    return claimTx.immediate(owner, now, leaseMs, maxReminders);
  }

  /** Moves claimed deliveries on, only while `owner` still holds them; returns how many moved. */
  function settle(
    ids: number[],
    owner: string,
    to: { status: 'sent'; messageId: string; mergedInto: number | null } | { status: 'scheduled'; nextAttemptMs: number; error: string } | { status: 'failed' | 'skipped'; error: string },
    now: number,
  ): number {
    if (ids.length === 0) return 0;
    const marks = ids.map(() => '?').join(',');
    const where = `WHERE id IN (${marks}) AND status = 'sending' AND lease_owner = ?`;
    if (to.status === 'sent') {
      return db
        .prepare(
          `UPDATE deliveries SET status = 'sent', status_at = ?, message_id = ?, last_error = NULL,
             merged_into = CASE WHEN id = ? THEN NULL ELSE ? END, lease_owner = NULL, lease_expires_ms = NULL ${where}`,
        )
        .run(now, to.messageId, to.mergedInto, to.mergedInto, ...ids, owner).changes;
    }
    if (to.status === 'scheduled') {
      return db
        .prepare(
          `UPDATE deliveries SET status = 'scheduled', status_at = ?, next_attempt_ms = ?, last_error = ?,
             lease_owner = NULL, lease_expires_ms = NULL ${where}`,
        )
        .run(now, to.nextAttemptMs, to.error, ...ids, owner).changes;
    }
    return db
      .prepare(
        `UPDATE deliveries SET status = ?, status_at = ?, last_error = ?, lease_owner = NULL, lease_expires_ms = NULL ${where}`,
      )
      .run(to.status, now, to.error, ...ids, owner).changes;
  }

  /** True only the first time, so an organiser hears about a broken reminder once. */
  function markFailureNotified(reminderId: number, now: number): boolean {
    return q.failureNotified.run(now, reminderId).changes === 1;
  }

  /** The earliest time anything could become claimable, for the scheduler to sleep until. */
  function nextWakeMs(): number | null {
    const r = q.nextDue.get() as { t: number | null };
    return r.t === null ? null : Number(r.t);
  }

  return {
    db,
    file,
    settings,
    updateSettings,
    createReminder: (input: NewReminder, deliveries: NewDelivery[], limits: Limits, now: number) =>
      createReminder.immediate(input, deliveries, limits, now),
    getReminder,
    deliveriesOf,
    countActive,
    listUpcoming,
    cancelReminder: (guildId: string, id: number, by: string, now: number) => cancelReminder.immediate(guildId, id, by, now),
    editReminder: (
      guildId: string,
      id: number,
      patch: { message?: string; channelId?: string; deliveries?: NewDelivery[]; deadlineMs?: number | null; repeat?: Repeat | null },
      by: string,
      now: number,
    ) => editReminder.immediate(guildId, id, patch, by, now),
    setScheduledEvent,
    claimDue,
    settle,
    markFailureNotified,
    nextWakeMs,
    close: () => db.close(),
  };
}

function migrate(db: Database.Database): void {
  const apply = db.transaction(() => {
    const current = Number(db.pragma('user_version', { simple: true }));
    if (current > MIGRATIONS.length) {
      throw new Error(`database schema version ${current} is newer than this code (${MIGRATIONS.length}); refusing to run`);
    }
    for (let v = current; v < MIGRATIONS.length; v++) {
      db.exec(MIGRATIONS[v] ?? '');
      db.pragma(`user_version = ${v + 1}`);
    }
  });
  apply.immediate();
}
