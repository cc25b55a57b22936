import type pg from 'pg';
import { guard, inTransaction, type Queryable } from './pg-connection.js';
import type { Row } from './records.js';
import { personalNonce, personalTimes, STALE_CLAIM_MS, toClaimed, toPersonal, type PersonalStore } from './personal.js';

/**
 * "Remind me" records in PostgreSQL, for several bot processes sharing one database. Two presses
 * racing on two hosts meet the partial unique index (one active reminder per member and
 * consultation) through ON CONFLICT; a due message is claimed with FOR UPDATE SKIP LOCKED, so a
 * process skips one another is claiming, and each message goes out once.
 */

const DUE = "(status = 'scheduled' AND due_ms <= $1) OR (status = 'sending' AND status_at <= $2)";

export function createPgPersonalStore(pool: pg.Pool): PersonalStore {
  const tx = inTransaction(pool);
  const all = async (sql: string, params: unknown[]): Promise<Row[]> => (await guard(() => pool.query(sql, params))).rows;

  const withPending = async (c: Queryable, r: Row) => {
    const { rows } = await c.query("SELECT due_ms FROM personal_deliveries WHERE reminder_id = $1 AND status IN ('scheduled', 'sending') ORDER BY due_ms", [r.id]);
    return toPersonal(r, rows.map((d: Row) => Number(d.due_ms)));
  };

  return {
    subscribe: (input, now) =>
      tx(async (c) => {
        const inserted = await c.query(
          `INSERT INTO personal_reminders (user_id, guild_id, dm_channel_id, consultation_key, title, url, closes_ms, status, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'active', $8)
           ON CONFLICT (user_id, consultation_key) WHERE status = 'active' DO NOTHING RETURNING *`,
          [input.userId, input.guildId, input.dmChannelId, input.consultationKey, input.title, input.url, input.closesMs, now],
        );
        const row = inserted.rows[0] as Row | undefined;
        if (!row) {
          const existing = await c.query("SELECT * FROM personal_reminders WHERE user_id = $1 AND consultation_key = $2 AND status = 'active'", [input.userId, input.consultationKey]);
          return { created: false, reminder: await withPending(c, existing.rows[0] as Row) };
        }
        for (const { lead, dueMs } of personalTimes(input.closesMs, now)) {
          await c.query("INSERT INTO personal_deliveries (reminder_id, lead, due_ms, nonce, status, status_at) VALUES ($1, $2, $3, $4, 'scheduled', $5)", [row.id, lead, dueMs, personalNonce(), now]);
        }
        return { created: true, reminder: await withPending(c, row) };
      }),
    mine: async (userId, guildId) => {
      const rows = await all("SELECT * FROM personal_reminders WHERE user_id = $1 AND guild_id = $2 AND status = 'active' ORDER BY closes_ms, id", [userId, guildId]);
      return guard(() => Promise.all(rows.map((r) => withPending(pool, r))));
    },
    cancel: (userId, id, now) =>
      tx(async (c) => {
        const res = await c.query("UPDATE personal_reminders SET status = 'cancelled', cancelled_at = $1 WHERE id = $2 AND user_id = $3 AND status = 'active'", [now, id, userId]);
        if (res.rowCount !== 1) return false;
        await c.query("UPDATE personal_deliveries SET status = 'cancelled', status_at = $1 WHERE reminder_id = $2 AND status = 'scheduled'", [now, id]);
        return true;
      }),
    claimNext: async (now) => {
      const rows = await all(
        `WITH picked AS (SELECT id FROM personal_deliveries WHERE ${DUE} ORDER BY due_ms, id LIMIT 1 FOR UPDATE SKIP LOCKED)
         UPDATE personal_deliveries d SET status = 'sending', status_at = $1, attempts = d.attempts + 1
         FROM picked, personal_reminders r WHERE d.id = picked.id AND r.id = d.reminder_id
         RETURNING d.id, d.nonce, d.attempts, r.dm_channel_id, r.title, r.url, r.closes_ms`,
        [now, now - STALE_CLAIM_MS],
      );
      return rows[0] ? toClaimed(rows[0]) : null;
    },
    settle: async (id, status, now, error = null) => {
      await all("UPDATE personal_deliveries SET status = $1, status_at = $2, last_error = $3 WHERE id = $4 AND status = 'sending'", [status, now, error, id]);
    },
  };
}
