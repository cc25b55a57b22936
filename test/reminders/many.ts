import type { SqliteStore } from '../../src/reminders/store.js';

/**
 * A store at the size organisers reach: `reminders` spread over `guilds` servers, each with one post
 * already sent and `pending` still to come. Written with plain inserts in one transaction (the
 * store's own create checks limits per call, which would take minutes at this size).
 */
export function seedMany(store: SqliteStore, opts: { reminders: number; guilds: number; pending?: number; now: number }): string[] {
  const guilds = Array.from({ length: opts.guilds }, (_, i) => String(100000000000000000n + BigInt(i + 1)));
  const pending = opts.pending ?? 3;
  const insertReminder = store.db.prepare(`INSERT INTO reminders (guild_id, channel_id, created_by, kind, message, zone, repeat_json,
      status, created_at, updated_at) VALUES (?, '200000000000000001', ?, 'message', ?, 'Europe/London', '{"unit":"weekly"}', 'active', ?, ?)`);
  const insertDelivery = store.db.prepare('INSERT INTO deliveries (reminder_id, due_ms, nonce, status, status_at) VALUES (?, ?, ?, ?, ?)');
  const HOUR = 3_600_000;
  store.db.transaction(() => {
    for (let i = 0; i < opts.reminders; i++) {
      const guild = guilds[i % guilds.length]!;
      const author = String(400000000000000000n + BigInt(i % 40));
      const id = Number(insertReminder.run(guild, author, `meeting ${i}`, opts.now, opts.now).lastInsertRowid);
      insertDelivery.run(id, opts.now - 7 * 24 * HOUR + i, `cbs${i}`, 'sent', opts.now);
      for (let k = 0; k < pending; k++) insertDelivery.run(id, opts.now + (i % 500) * HOUR + k * 7 * 24 * HOUR, `cbp${i}x${k}`, 'scheduled', opts.now);
    }
  })();
  return guilds;
}
