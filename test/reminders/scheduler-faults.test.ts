import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createScheduler } from '../../src/reminders/scheduler.js';
import { createAtReminder, type ServiceDeps } from '../../src/reminders/service.js';
import { CHANNEL, GUILD, captureLog, fakeClock, fakePoster, organiser, tempDb } from './helpers.js';

/**
 * The database failing under a running scheduler: a real SQLite file that another connection locks
 * or breaks while the real loop (`start()`) runs. Delivery must resume once the file works again,
 * with one report of the fault and one of the recovery.
 */

let db: ReturnType<typeof tempDb>;
const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
  db?.cleanup();
});

async function until(what: string, check: () => boolean, ms = 8_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function setup() {
  db = tempDb();
  const store = db.open();
  const clock = fakeClock('2026-11-23T10:00:00Z');
  const discord = fakePoster();
  const { log, lines } = captureLog();
  const deps: ServiceDeps = { store, clock, consultations: () => [] };
  const scheduler = createScheduler({ store, poster: discord.poster, clock, log, owner: 'test', pollMs: 50, faultBackoffBaseMs: 20, faultBackoffMaxMs: 100 });
  closers.push(() => scheduler.stop());
  const res = await createAtReminder(deps, { guildId: GUILD, actor: organiser, when: 'tomorrow 9am', message: 'Branch meeting', channelId: CHANNEL });
  if (!res.ok) throw new Error(res.message);
  clock.set('2026-11-24T09:00:00Z');
  const other = new Database(db.file);
  closers.push(() => other.close());
  return { store, clock, discord, lines, scheduler, other };
}

const faultReports = (lines: { level: string; obj: object; msg?: string }[]) => lines.filter((l) => l.level === 'error' && /database unavailable/.test(l.msg ?? ''));
const recoveries = (lines: { level: string; obj: object; msg?: string }[]) => lines.filter((l) => /database usable again/.test(l.msg ?? ''));

describe('the scheduler when the database fails', () => {
  it('keeps going through a broken database and posts once it works again, reporting the fault once', async () => {
    const { discord, lines, scheduler, other } = await setup();
    // Every statement on deliveries now fails, reads included, as with a file being restored.
    other.exec('ALTER TABLE deliveries RENAME TO deliveries_away');
    void scheduler.start();
    await new Promise((r) => setTimeout(r, 400));
    expect(discord.messages).toHaveLength(0);
    other.exec('ALTER TABLE deliveries_away RENAME TO deliveries');
    await until('the reminder to be posted', () => discord.messages.length === 1);
    expect(discord.messages[0]!.body.content).toContain('Branch meeting');
    expect(faultReports(lines)).toHaveLength(1);
    expect(recoveries(lines)).toHaveLength(1);
    expect((recoveries(lines)[0]!.obj as { failures: number }).failures).toBeGreaterThan(2);
  });

  it('a locked file fails a statement in a fraction of a second, not 5 s, and the post goes out when the lock is released', async () => {
    const { store, clock, discord, lines, scheduler, other } = await setup();
    // Another process holding the write lock (a long transaction, a backup tool).
    other.exec('BEGIN IMMEDIATE');
    other.exec("INSERT INTO guild_settings VALUES ('1', 'UTC', NULL, NULL, 1)");
    const t = performance.now();
    await expect(store.claimDue('probe', clock.now(), 1000)).rejects.toThrow(/locked|busy/i);
    // better-sqlite3 waits synchronously: every command and the gateway heartbeat stop meanwhile.
    expect(performance.now() - t).toBeLessThan(1_000);
    void scheduler.start();
    await new Promise((r) => setTimeout(r, 600));
    expect(discord.messages).toHaveLength(0);
    other.exec('COMMIT');
    await until('the reminder to be posted', () => discord.messages.length === 1);
    expect(faultReports(lines)).toHaveLength(1);
    expect(faultReports(lines)[0]!.obj).toMatchObject({ fault: 'locked' });
    expect(recoveries(lines)).toHaveLength(1);
  });
});

describe('Discord rejecting the token (401) during a delivery', () => {
  it('keeps the deliveries due, uncounted, stops posting, and a restarted scheduler posts each once', async () => {
    db = tempDb();
    const store = db.open();
    const clock = fakeClock('2026-11-23T10:00:00Z');
    const discord = fakePoster();
    const { log, lines } = captureLog();
    const deps: ServiceDeps = { store, clock, consultations: () => [] };
    const ids: number[] = [];
    for (const [i, when] of ['tomorrow 9am', 'tomorrow 9:30am'].entries()) {
      const res = await createAtReminder(deps, { guildId: GUILD, actor: organiser, when, message: `meeting ${i}`, channelId: CHANNEL });
      if (!res.ok) throw new Error(res.message);
      ids.push(res.value.reminder.id);
    }
    clock.set('2026-11-24T10:00:00Z');
    const told: string[] = [];
    const first = createScheduler({ store, poster: discord.poster, clock, log, owner: 'first', onUnauthorized: (e) => told.push(e) });
    discord.fail({ ok: false, kind: 'unauthorized', error: '401 0: 401: Unauthorized' });
    await first.tick();
    await first.tick();
    expect(discord.calls).toHaveLength(1);
    expect(told).toHaveLength(1);
    expect(lines.filter((l) => /rejected the bot token/.test(l.msg ?? ''))).toHaveLength(1);
    for (const id of ids) {
      const d = (await store.getReminder(GUILD, id))!.deliveries[0]!;
      expect(d.status).toBe('scheduled');
      expect(d.attempts).toBe(0);
    }
    // No "could not be posted" note: the organiser has nothing to fix.
    expect(lines.filter((l) => /could not be posted/.test(l.msg ?? ''))).toHaveLength(0);

    const second = createScheduler({ store, poster: discord.poster, clock, log, owner: 'second' });
    await second.tick();
    expect(discord.messages.map((m) => m.body.content.split('\n')[0]).sort()).toEqual(['⏰ **Reminder:** meeting 0', '⏰ **Reminder:** meeting 1']);
    expect(await Promise.all(ids.map(async (id) => (await store.getReminder(GUILD, id))!.deliveries[0]!.status))).toEqual(['sent', 'sent']);
  });
});
