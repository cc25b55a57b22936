import { afterEach, describe, expect, it } from 'vitest';
import { reminderChoices, listReminders } from '../../src/reminders/service.js';
import { COUNT_ACTIVE_SQL, LIST_UPCOMING_SQL } from '../../src/reminders/store.js';
import { tempDb } from './helpers.js';
import { seedMany } from './many.js';

/**
 * /remind list and its autocomplete with 10,000 reminders across 50 servers: the queries must look
 * up one server's reminders and then each reminder's own deliveries, never walk every server's
 * deliveries (which made a list take 1.7 s). Timings are for `npm run bench`; this checks the plan.
 */

const NOW = Date.parse('2026-11-23T10:00:00Z');
let db: ReturnType<typeof tempDb>;
afterEach(() => db?.cleanup());

describe('listing reminders at 10,000 across 50 servers', () => {
  it('uses the per-reminder index for every look at deliveries', async () => {
    db = tempDb();
    const store = db.open();
    const guilds = seedMany(store, { reminders: 10_000, guilds: 50, now: NOW });
    const queries: [string, unknown[]][] = [
      [LIST_UPCOMING_SQL, [guilds[7], 10, 0]],
      [COUNT_ACTIVE_SQL, [guilds[7]]],
    ];
    for (const [sql, params] of queries) {
      const plan = (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
      const deliveries = plan.filter((d) => /\bd\b/.test(d) || /deliveries/.test(d));
      expect(plan.join('\n')).toMatch(/SEARCH r USING (COVERING )?INDEX reminders_guild \(guild_id=\?/);
      expect(deliveries.length, plan.join('\n')).toBeGreaterThan(0);
      for (const d of deliveries) expect(d, plan.join('\n')).toMatch(/USING (COVERING )?INDEX deliveries_reminder_status \(reminder_id=\? AND status=\?/);
    }
  });

  it('lists only the server’s own 200 reminders, soonest first, with their pending posts', async () => {
    db = tempDb();
    const store = db.open();
    const guilds = seedMany(store, { reminders: 10_000, guilds: 50, now: NOW });
    const deps = { store, clock: { now: () => NOW }, consultations: () => [] };
    const page = await store.listUpcoming(guilds[7]!, { offset: 0, limit: 10 });
    expect(page.total).toBe(200);
    expect(page.items.every((i) => i.reminder.guildId === guilds[7] && i.pending === 3)).toBe(true);
    const next = page.items.map((i) => i.nextMs);
    expect(next).toEqual([...next].sort((a, b) => a - b));
    expect((await listReminders(deps, guilds[7]!, 20)).message).toContain('page 20 of 20');
    expect(await reminderChoices(deps, guilds[7]!, '')).toHaveLength(25);
  });
});
