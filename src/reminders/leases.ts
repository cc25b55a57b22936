import type Database from 'better-sqlite3';
import { toDelivery, toReminder, type ClaimedGroup, type Row } from './records.js';
import type { Settlement } from './store-interface.js';

/**
 * Claiming due deliveries with a lease, and settling them after a post. A claim is a write inside
 * BEGIN IMMEDIATE, so two schedulers on one file serialise here and never claim the same row; a
 * settle only moves rows the caller still holds. Synchronous, like better-sqlite3; store.ts puts the
 * asynchronous `Store` face on it.
 */

export type { Settlement };

export function createLeases(db: Database.Database) {
  const q = {
    dueReminders: db.prepare(`
      SELECT DISTINCT d.reminder_id AS id FROM deliveries d
      WHERE (d.status = 'scheduled' AND d.due_ms <= @now AND (d.next_attempt_ms IS NULL OR d.next_attempt_ms <= @now))
         OR (d.status = 'sending' AND d.lease_expires_ms <= @now)
      ORDER BY d.due_ms LIMIT @max`),
    claimForReminder: db.prepare(`
      UPDATE deliveries SET status = 'sending', lease_owner = @owner, lease_expires_ms = @expires,
        attempts = attempts + 1, status_at = @now, first_attempt_ms = coalesce(first_attempt_ms, @now)
      WHERE reminder_id = @id AND (
        (status = 'scheduled' AND due_ms <= @now AND (next_attempt_ms IS NULL OR next_attempt_ms <= @now))
        OR (status = 'sending' AND lease_expires_ms <= @now))
      RETURNING *`),
    getReminderById: db.prepare('SELECT * FROM reminders WHERE id = ?'),
    failureNotified: db.prepare('UPDATE reminders SET failure_notified_at = ? WHERE id = ? AND failure_notified_at IS NULL'),
    nextDue: db.prepare(`SELECT min(CASE WHEN status = 'sending' THEN lease_expires_ms
        ELSE max(due_ms, coalesce(next_attempt_ms, 0)) END) AS t
      FROM deliveries WHERE status IN ('scheduled', 'sending')`),
  };

  /**
   * Claims due deliveries for `owner` until `now + leaseMs`: scheduled ones that are due, and ones
   * whose sender's lease ran out (it crashed or hung). All due deliveries of one reminder are claimed
   * together so they can go out as one post.
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

  /**
   * Moves claimed deliveries on, only while `owner` still holds them; returns how many moved.
   * `notAnAttempt` gives back the attempt the claim counted, for a request Discord refused before
   * posting anything (a revoked token): it neither nears the retry limit nor marks the delivery as
   * possibly posted.
   */
  function settle(ids: number[], owner: string, to: Settlement, now: number): number {
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
      const uncount = to.notAnAttempt
        ? ', attempts = max(0, attempts - 1), first_attempt_ms = CASE WHEN attempts <= 1 THEN NULL ELSE first_attempt_ms END'
        : '';
      return db
        .prepare(
          `UPDATE deliveries SET status = 'scheduled', status_at = ?, next_attempt_ms = ?, last_error = ?,
             lease_owner = NULL, lease_expires_ms = NULL${uncount} ${where}`,
        )
        .run(now, to.nextAttemptMs, to.error, ...ids, owner).changes;
    }
    return db
      .prepare(`UPDATE deliveries SET status = ?, status_at = ?, last_error = ?, lease_owner = NULL, lease_expires_ms = NULL ${where}`)
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

  return { claimDue, settle, markFailureNotified, nextWakeMs };
}
