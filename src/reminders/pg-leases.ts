import type pg from 'pg';
import { guard, type inTransaction } from './pg-connection.js';
import { toDelivery, toReminder, type ClaimedGroup, type Row } from './records.js';
import type { Store } from './store-interface.js';

/**
 * Claiming and settling deliveries on PostgreSQL, with the lease rules of leases.ts. Where SQLite
 * serialises claimants with BEGIN IMMEDIATE, here each claim locks the reminder rows it takes with
 * FOR UPDATE SKIP LOCKED inside its transaction: a process on another host skips a reminder being
 * claimed instead of waiting for it or claiming it too, and the UPDATE re-checks each delivery's
 * state after the lock, so a delivery another process has just claimed is never taken twice.
 */

const DUE = `((d.status = 'scheduled' AND d.due_ms <= $1 AND (d.next_attempt_ms IS NULL OR d.next_attempt_ms <= $1))
  OR (d.status = 'sending' AND d.lease_expires_ms <= $1))`;

export function createPgLeases(pool: pg.Pool, tx: ReturnType<typeof inTransaction>): Pick<Store, 'claimDue' | 'settle' | 'markFailureNotified' | 'nextWakeMs'> {
  const claimDue: Store['claimDue'] = (owner, now, leaseMs, maxReminders = 20) =>
    tx(async (c) => {
      const picked = await c.query(
        `SELECT r.* FROM reminders r
         WHERE r.id IN (SELECT d.reminder_id FROM deliveries d WHERE ${DUE})
         ORDER BY (SELECT min(d.due_ms) FROM deliveries d WHERE d.reminder_id = r.id AND ${DUE}), r.id
         LIMIT $2 FOR UPDATE OF r SKIP LOCKED`,
        [now, maxReminders],
      );
      const groups: ClaimedGroup[] = [];
      for (const row of picked.rows as Row[]) {
        const reminder = toReminder(row);
        const claimed = await c.query(
          `UPDATE deliveries d SET status = 'sending', lease_owner = $2, lease_expires_ms = $3,
             attempts = attempts + 1, status_at = $1, first_attempt_ms = coalesce(first_attempt_ms, $1)
           WHERE d.reminder_id = $4 AND ${DUE} RETURNING *`,
          [now, owner, now + leaseMs, reminder.id],
        );
        const deliveries = (claimed.rows as Row[]).map(toDelivery);
        if (deliveries.length === 0) continue;
        deliveries.sort((a, b) => a.dueMs - b.dueMs || a.id - b.id);
        groups.push({ reminder, deliveries });
      }
      return groups;
    });

  const settle: Store['settle'] = async (ids, owner, to, now) => {
    if (ids.length === 0) return 0;
    const held = `WHERE id = ANY($1::bigint[]) AND status = 'sending' AND lease_owner = $2`;
    const run = async (sql: string, params: unknown[]) => (await guard(() => pool.query(sql, [ids, owner, ...params]))).rowCount ?? 0;
    if (to.status === 'sent') {
      return run(
        `UPDATE deliveries SET status = 'sent', status_at = $3, message_id = $4, last_error = NULL,
           merged_into = CASE WHEN id = $5::bigint THEN NULL ELSE $5::bigint END, lease_owner = NULL, lease_expires_ms = NULL ${held}`,
        [now, to.messageId, to.mergedInto],
      );
    }
    if (to.status === 'scheduled') {
      const uncount = to.notAnAttempt
        ? ', attempts = greatest(0, attempts - 1), first_attempt_ms = CASE WHEN attempts <= 1 THEN NULL ELSE first_attempt_ms END'
        : '';
      return run(
        `UPDATE deliveries SET status = 'scheduled', status_at = $3, next_attempt_ms = $4, last_error = $5,
           lease_owner = NULL, lease_expires_ms = NULL${uncount} ${held}`,
        [now, to.nextAttemptMs, to.error],
      );
    }
    return run(
      `UPDATE deliveries SET status = $3, status_at = $4, last_error = $5, lease_owner = NULL, lease_expires_ms = NULL ${held}`,
      [to.status, now, to.error],
    );
  };

  return {
    claimDue,
    settle,
    async markFailureNotified(reminderId, now) {
      const res = await guard(() =>
        pool.query('UPDATE reminders SET failure_notified_at = $1 WHERE id = $2 AND failure_notified_at IS NULL', [now, reminderId]),
      );
      return res.rowCount === 1;
    },
    async nextWakeMs() {
      const res = await guard(() =>
        pool.query(`SELECT min(CASE WHEN status = 'sending' THEN lease_expires_ms
            ELSE greatest(due_ms, coalesce(next_attempt_ms, 0)) END) AS t
          FROM deliveries WHERE status IN ('scheduled', 'sending')`),
      );
      const t = res.rows[0]?.t;
      return t === null || t === undefined ? null : Number(t);
    },
  };
}
