import pg from 'pg';
import { redactUrl } from './db-faults.js';
import { guard, inTransaction, type Queryable } from './pg-connection.js';
import { createPgLeases } from './pg-leases.js';
import { CREATE_LOCK, LOCK_NAMESPACE, migratePg } from './pg-migrations.js';
import { strOrNull, str, toDelivery, toReminder, type Delivery, type GuildSettings, type NewDelivery, type Row } from './records.js';
import { newNonce } from './nonce.js';
import type { Store } from './store-interface.js';
import { DEFAULT_ZONE } from './time.js';

/**
 * Reminders in PostgreSQL, behind the same `Store` interface as the SQLite file, for several bot
 * processes (on several hosts) sharing one database. The SQL mirrors store.ts statement for
 * statement; where SQLite relies on BEGIN IMMEDIATE serialising writers, this takes row locks or a
 * per-guild advisory lock instead (see createReminder and pg-leases.ts).
 */

export interface OpenPgStoreOptions {
  url: string;
  /** Connections this process keeps; the scheduler needs one, commands a few. */
  maxConnections?: number;
  /** How long a statement waits for a row lock before failing as `locked` (the scheduler retries). */
  lockTimeoutMs?: number;
}

export async function openPgStore(opts: OpenPgStoreOptions): Promise<Store & { pool: pg.Pool }> {
  const lockTimeout = Math.max(1, Math.floor(opts.lockTimeoutMs ?? 2_000));
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.maxConnections ?? 5,
    connectionTimeoutMillis: 5_000,
    // A lock held by a crashed peer's open transaction must not stall this process for long.
    options: `-c lock_timeout=${lockTimeout} -c idle_in_transaction_session_timeout=60000`,
  });
  // An idle connection the server drops emits 'error' on the pool; unhandled, it would end the process.
  pool.on('error', () => {});
  try {
    await guard(async () => {
      const c = await pool.connect();
      try {
        await migratePg(c);
      } finally {
        c.release();
      }
    });
  } catch (err) {
    await pool.end().catch(() => {});
    throw err;
  }

  const tx = inTransaction(pool);
  const one = async (sql: string, params: unknown[] = []): Promise<Row | undefined> => (await guard(() => pool.query(sql, params))).rows[0];
  const all = async (sql: string, params: unknown[] = []): Promise<Row[]> => (await guard(() => pool.query(sql, params))).rows;

  const ACTIVE = `r.status = 'active' AND EXISTS (
    SELECT 1 FROM deliveries d WHERE d.reminder_id = r.id AND d.status IN ('scheduled', 'sending'))`;
  const COUNT_GUILD = `SELECT count(*) AS n FROM reminders r WHERE r.guild_id = $1 AND ${ACTIVE}`;
  const COUNT_MEMBER = `SELECT count(*) AS n FROM reminders r WHERE r.guild_id = $1 AND r.created_by = $2 AND ${ACTIVE}`;
  const CANCEL_SCHEDULED = `UPDATE deliveries SET status = 'cancelled', status_at = $2, last_error = $3
    WHERE reminder_id = $1 AND status = 'scheduled'`;

  async function settings(guildId: string): Promise<GuildSettings> {
    const r = await one('SELECT * FROM guild_settings WHERE guild_id = $1', [guildId]);
    if (!r) return { guildId, zone: DEFAULT_ZONE, organiserRoleId: null, fallbackChannelId: null };
    return { guildId, zone: str(r.zone), organiserRoleId: strOrNull(r.organiser_role_id), fallbackChannelId: strOrNull(r.fallback_channel_id) };
  }

  async function addDeliveries(c: Queryable, reminderId: number, deliveries: NewDelivery[], now: number): Promise<void> {
    for (const d of deliveries) {
      await c.query(
        'INSERT INTO deliveries (reminder_id, due_ms, lead, nonce, status, status_at, last_error) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [reminderId, d.dueMs, d.lead ?? null, newNonce(), d.status ?? 'scheduled', now, d.note ?? null],
      );
    }
  }

  async function deliveriesOn(c: Queryable, reminderId: number): Promise<Delivery[]> {
    return (await c.query('SELECT * FROM deliveries WHERE reminder_id = $1 ORDER BY due_ms, id', [reminderId])).rows.map(toDelivery);
  }

  const deliveriesOf = (reminderId: number) => guard(() => deliveriesOn(pool, reminderId));

  async function countActive(guildId: string, memberId?: string): Promise<number> {
    const r = memberId === undefined ? await one(COUNT_GUILD, [guildId]) : await one(COUNT_MEMBER, [guildId, memberId]);
    return Number(r?.n ?? 0);
  }

  return {
    backend: 'postgres',
    location: redactUrl(opts.url),
    pool,
    settings,
    async updateSettings(guildId, patch, now) {
      const next = { ...(await settings(guildId)), ...patch };
      await one(
        `INSERT INTO guild_settings (guild_id, zone, organiser_role_id, fallback_channel_id, updated_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (guild_id) DO UPDATE SET zone = excluded.zone, organiser_role_id = excluded.organiser_role_id,
           fallback_channel_id = excluded.fallback_channel_id, updated_at = excluded.updated_at`,
        [guildId, next.zone, next.organiserRoleId, next.fallbackChannelId, now],
      );
      return next;
    },
    createReminder: (input, deliveries, limits, now) =>
      tx(async (c) => {
        // Creates in one guild take turns, so the counts below stay true until this commits.
        await c.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_NAMESPACE + CREATE_LOCK, input.guildId]);
        const g = Number((await c.query(COUNT_GUILD, [input.guildId])).rows[0]?.n ?? 0);
        if (g >= limits.perGuild) return { ok: false as const, limit: 'guild' as const };
        const m = Number((await c.query(COUNT_MEMBER, [input.guildId, input.createdBy])).rows[0]?.n ?? 0);
        if (m >= limits.perMember) return { ok: false as const, limit: 'member' as const };
        const { rows } = await c.query(
          `INSERT INTO reminders (guild_id, channel_id, created_by, kind, consultation_key, title, message, url, role_id,
             zone, deadline_ms, repeat_json, wall_time, status, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'active', $14, $14) RETURNING *`,
          [
            input.guildId, input.channelId, input.createdBy, input.kind, input.consultationKey ?? null, input.title ?? null,
            input.message, input.url ?? null, input.roleId ?? null, input.zone, input.deadlineMs ?? null,
            input.repeat ? JSON.stringify(input.repeat) : null, input.wallTime ?? null, now,
          ],
        );
        const reminder = toReminder(rows[0] as Row);
        await addDeliveries(c, reminder.id, deliveries, now);
        return { ok: true as const, reminder, deliveries: await deliveriesOn(c, reminder.id) };
      }),
    async getReminder(guildId, id) {
      const r = await one('SELECT * FROM reminders WHERE id = $1 AND guild_id = $2', [id, guildId]);
      if (!r) return null;
      return { reminder: toReminder(r), deliveries: await deliveriesOf(id) };
    },
    deliveriesOf,
    countActive,
    async listUpcoming(guildId, page) {
      const rows = await all(
        `SELECT r.*,
          (SELECT min(d.due_ms) FROM deliveries d WHERE d.reminder_id = r.id AND d.status IN ('scheduled', 'sending')) AS next_ms,
          (SELECT count(*) FROM deliveries d WHERE d.reminder_id = r.id AND d.status IN ('scheduled', 'sending')) AS pending
         FROM reminders r WHERE r.guild_id = $1 AND ${ACTIVE}
         ORDER BY next_ms, r.id LIMIT $2 OFFSET $3`,
        [guildId, page.limit, page.offset],
      );
      return {
        total: await countActive(guildId),
        items: rows.map((r) => ({ reminder: toReminder(r), nextMs: Number(r.next_ms), pending: Number(r.pending) })),
      };
    },
    cancelReminder: (guildId, id, by, now) =>
      tx(async (c) => {
        const res = await c.query(
          `UPDATE reminders SET status = 'cancelled', cancelled_at = $3, cancelled_by = $4, updated_at = $3
           WHERE id = $1 AND guild_id = $2 AND status = 'active'`,
          [id, guildId, now, by],
        );
        if (res.rowCount === 0) return false;
        await c.query(CANCEL_SCHEDULED, [id, now, `cancelled by ${by}`]);
        return true;
      }),
    editReminder: (guildId, id, patch, by, now) =>
      tx(async (c) => {
        const res = await c.query(
          `UPDATE reminders SET message = coalesce($3, message), channel_id = coalesce($4, channel_id),
             failure_notified_at = CASE WHEN $4::text IS NULL THEN failure_notified_at ELSE NULL END, updated_at = $5
           WHERE id = $1 AND guild_id = $2 AND status = 'active' RETURNING *`,
          [id, guildId, patch.message ?? null, patch.channelId ?? null, now],
        );
        if (res.rowCount === 0) return false;
        if (patch.deliveries) {
          const current = toReminder(res.rows[0] as Row);
          await c.query(CANCEL_SCHEDULED, [id, now, `rescheduled by ${by}`]);
          await addDeliveries(c, id, patch.deliveries, now);
          const repeat = patch.repeat === undefined ? current.repeat : patch.repeat;
          await c.query('UPDATE reminders SET deadline_ms = $1, repeat_json = $2, wall_time = $3 WHERE id = $4', [
            patch.deadlineMs === undefined ? current.deadlineMs : patch.deadlineMs,
            repeat ? JSON.stringify(repeat) : null,
            patch.wallTime === undefined ? current.wallTime : patch.wallTime,
            id,
          ]);
        }
        return true;
      }),
    async setScheduledEvent(guildId, id, eventId) {
      await one('UPDATE reminders SET scheduled_event_id = $1 WHERE id = $2 AND guild_id = $3', [eventId, id, guildId]);
    },
    ...createPgLeases(pool, tx),
    close: () => pool.end(),
  };
}
