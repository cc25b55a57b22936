import type Database from 'better-sqlite3';
import type { Row } from './records.js';
import { personalNonce, personalTimes, STALE_CLAIM_MS, toClaimed, toPersonal, type NewPersonal, type PersonalStore } from './personal.js';

/** "Remind me" records in the SQLite reminders file (schema 3); BEGIN IMMEDIATE serialises writers. */

const DUE = "(status = 'scheduled' AND due_ms <= @now) OR (status = 'sending' AND status_at <= @stale)";

export function createPersonalStore(db: Database.Database): PersonalStore {
  const q = {
    active: db.prepare("SELECT * FROM personal_reminders WHERE user_id = ? AND consultation_key = ? AND status = 'active'"),
    insert: db.prepare(`INSERT INTO personal_reminders (user_id, guild_id, dm_channel_id, consultation_key, title, url, closes_ms, status, created_at)
      VALUES (@userId, @guildId, @dmChannelId, @consultationKey, @title, @url, @closesMs, 'active', @now)`),
    insertDelivery: db.prepare("INSERT INTO personal_deliveries (reminder_id, lead, due_ms, nonce, status, status_at) VALUES (?, ?, ?, ?, 'scheduled', ?)"),
    mine: db.prepare("SELECT * FROM personal_reminders WHERE user_id = ? AND guild_id = ? AND status = 'active' ORDER BY closes_ms, id"),
    pending: db.prepare("SELECT due_ms FROM personal_deliveries WHERE reminder_id = ? AND status IN ('scheduled', 'sending') ORDER BY due_ms"),
    cancel: db.prepare("UPDATE personal_reminders SET status = 'cancelled', cancelled_at = ? WHERE id = ? AND user_id = ? AND status = 'active'"),
    cancelDeliveries: db.prepare("UPDATE personal_deliveries SET status = 'cancelled', status_at = ? WHERE reminder_id = ? AND status = 'scheduled'"),
    claim: db.prepare(`UPDATE personal_deliveries SET status = 'sending', status_at = @now, attempts = attempts + 1
      WHERE id = (SELECT id FROM personal_deliveries WHERE ${DUE} ORDER BY due_ms, id LIMIT 1) RETURNING id, reminder_id, nonce, attempts`),
    claimedWith: db.prepare('SELECT dm_channel_id, title, url, closes_ms FROM personal_reminders WHERE id = ?'),
    settle: db.prepare("UPDATE personal_deliveries SET status = @status, status_at = @now, last_error = @error WHERE id = @id AND status = 'sending'"),
  };

  const withPending = (r: Row) => toPersonal(r, (q.pending.all(r.id) as Row[]).map((d) => Number(d.due_ms)));

  const subscribe = db.transaction((input: NewPersonal, now: number) => {
    const existing = q.active.get(input.userId, input.consultationKey) as Row | undefined;
    if (existing) return { created: false, reminder: withPending(existing) };
    const id = Number(q.insert.run({ ...input, now }).lastInsertRowid);
    for (const { lead, dueMs } of personalTimes(input.closesMs, now)) q.insertDelivery.run(id, lead, dueMs, personalNonce(), now);
    return { created: true, reminder: withPending(q.active.get(input.userId, input.consultationKey) as Row) };
  });

  const cancel = db.transaction((userId: string, id: number, now: number): boolean => {
    if (q.cancel.run(now, id, userId).changes === 0) return false;
    q.cancelDeliveries.run(now, id);
    return true;
  });

  const claimNext = db.transaction((now: number) => {
    const d = q.claim.get({ now, stale: now - STALE_CLAIM_MS }) as Row | undefined;
    return d ? toClaimed({ ...d, ...(q.claimedWith.get(d.reminder_id) as Row) }) : null;
  });

  return {
    subscribe: async (input, now) => subscribe.immediate(input, now),
    mine: async (userId, guildId) => (q.mine.all(userId, guildId) as Row[]).map(withPending),
    cancel: async (userId, id, now) => cancel.immediate(userId, id, now),
    claimNext: async (now) => claimNext.immediate(now),
    settle: async (id, status, now, error = null) => void q.settle.run({ id, status, now, error }),
  };
}
