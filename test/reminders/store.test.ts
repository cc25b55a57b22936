import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../src/reminders/migrations.js';
import { afterEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, dbFileIn, type NewReminder } from '../../src/reminders/store.js';
import { backends, useBackend } from './backends.js';
import { reportPostgresAvailability } from './postgres-availability.js';
import { CHANNEL, GUILD, MEMBER, ORGANISER, OTHER_GUILD, tempDb } from './helpers.js';

const NOW = Date.parse('2026-11-23T10:00:00Z');
const HOUR = 3_600_000;
const LIMITS = { perGuild: 200, perMember: 25 };

const reminder = (over: Partial<NewReminder> = {}): NewReminder => ({
  guildId: GUILD,
  channelId: CHANNEL,
  createdBy: ORGANISER,
  kind: 'message',
  message: 'Branch meeting',
  zone: 'Europe/London',
  ...over,
});

let db: ReturnType<typeof tempDb>;
afterEach(() => db?.cleanup());

reportPostgresAvailability();

describe('the reminder database file', () => {
  it('lives under the data directory as cutsbot.db', async () => {
    expect(dbFileIn('/srv/cutsbot-data')).toBe('/srv/cutsbot-data/cutsbot.db');
  });

  it('is created with WAL, a short busy timeout and the current schema version', async () => {
    db = tempDb();
    const s = db.open();
    expect(existsSync(db.file)).toBe(true);
    expect(s.db.pragma('journal_mode', { simple: true })).toBe('wal');
    // Long enough for another process's millisecond transaction, short enough not to freeze the bot.
    const busy = Number(s.db.pragma('busy_timeout', { simple: true }));
    expect(busy).toBeGreaterThan(0);
    expect(busy).toBeLessThanOrEqual(500);
    expect(s.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  });

  it('brings a version 1 file forward, keeping its reminders', async () => {
    db = tempDb();
    const old = new Database(db.file);
    old.exec(MIGRATIONS[0]!);
    old.pragma('user_version = 1');
    old.prepare(`INSERT INTO reminders (guild_id, channel_id, created_by, kind, message, zone, status, created_at, updated_at)
      VALUES (?, ?, ?, 'message', 'old one', 'Europe/London', 'active', 1, 1)`).run(GUILD, '200000000000000001', '400000000000000001');
    old.prepare(`INSERT INTO deliveries (reminder_id, due_ms, nonce, status, status_at) VALUES (1, ?, 'cbold', 'scheduled', 1)`).run(NOW + 60_000);
    old.close();
    const s = db.open();
    expect(s.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect((await s.listUpcoming(GUILD, { offset: 0, limit: 10 })).items.map((i) => [i.reminder.message, i.reminder.wallTime, i.pending])).toEqual([
      ['old one', null, 1],
    ]);
  });

  it('keeps reminders and settings across a close and reopen, without migrating twice', async () => {
    db = tempDb();
    const a = db.open();
    await a.updateSettings(GUILD, { zone: 'Europe/Dublin' }, NOW);
    const res = await a.createReminder(reminder(), [{ dueMs: NOW + HOUR }], LIMITS, NOW);
    expect(res.ok).toBe(true);
    a.close();
    const b = db.open();
    expect((await b.settings(GUILD)).zone).toBe('Europe/Dublin');
    expect((await b.listUpcoming(GUILD, { offset: 0, limit: 10 })).total).toBe(1);
    expect(b.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  });

  it('refuses to open a file written by a newer version', async () => {
    db = tempDb();
    const a = db.open();
    a.db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    a.close();
    expect(() => db.open()).toThrow(/newer than this code/);
  });

  it('defaults a guild to London time with no organiser role', async () => {
    db = tempDb();
    expect(await db.open().settings(GUILD)).toEqual({ guildId: GUILD, zone: 'Europe/London', organiserRoleId: null, fallbackChannelId: null });
  });
});

describe.each(backends)('reminders and deliveries ($name)', (backend) => {
  const open = useBackend(backend);

  it('gives each delivery its own nonce of at most 25 characters', async () => {
    const s = await open();
    const res = await s.createReminder(reminder(), [{ dueMs: NOW + HOUR }, { dueMs: NOW + 2 * HOUR }, { dueMs: NOW + 3 * HOUR }], LIMITS, NOW);
    if (!res.ok) throw new Error('not created');
    const nonces = res.deliveries.map((d) => d.nonce);
    expect(new Set(nonces).size).toBe(3);
    for (const n of nonces) expect(n.length).toBeLessThanOrEqual(25);
  });

  it('hides one guild’s reminders from another', async () => {
    const s = await open();
    const res = await s.createReminder(reminder(), [{ dueMs: NOW + HOUR }], LIMITS, NOW);
    if (!res.ok) throw new Error('not created');
    expect(await s.getReminder(OTHER_GUILD, res.reminder.id)).toBeNull();
    expect((await s.listUpcoming(OTHER_GUILD, { offset: 0, limit: 10 })).total).toBe(0);
    expect(await s.cancelReminder(OTHER_GUILD, res.reminder.id, MEMBER, NOW)).toBe(false);
    expect(await s.editReminder(OTHER_GUILD, res.reminder.id, { message: 'hijack' }, MEMBER, NOW)).toBe(false);
    expect((await s.getReminder(GUILD, res.reminder.id))?.reminder.message).toBe('Branch meeting');
  });

  it('enforces the per-guild and per-member limits on upcoming reminders only', async () => {
    const s = await open();
    const small = { perGuild: 3, perMember: 2 };
    expect((await s.createReminder(reminder(), [{ dueMs: NOW + HOUR }], small, NOW)).ok).toBe(true);
    expect((await s.createReminder(reminder(), [{ dueMs: NOW + HOUR }], small, NOW)).ok).toBe(true);
    expect(await s.createReminder(reminder(), [{ dueMs: NOW + HOUR }], small, NOW)).toEqual({ ok: false, limit: 'member' });
    expect((await s.createReminder(reminder({ createdBy: MEMBER }), [{ dueMs: NOW + HOUR }], small, NOW)).ok).toBe(true);
    expect(await s.createReminder(reminder({ createdBy: MEMBER }), [{ dueMs: NOW + HOUR }], small, NOW)).toEqual({ ok: false, limit: 'guild' });
    // Another guild has its own allowance.
    expect((await s.createReminder(reminder({ guildId: OTHER_GUILD }), [{ dueMs: NOW + HOUR }], small, NOW)).ok).toBe(true);
    // A cancelled reminder no longer counts.
    const first = (await s.listUpcoming(GUILD, { offset: 0, limit: 10 })).items[0]!;
    await s.cancelReminder(GUILD, first.reminder.id, ORGANISER, NOW);
    expect((await s.createReminder(reminder(), [{ dueMs: NOW + HOUR }], small, NOW)).ok).toBe(true);
  });

  it('organisers creating at the same moment through several connections cannot pass the guild limit', async () => {
    const stores = [await open(), await open(), await open()];
    const small = { perGuild: 3, perMember: 100 };
    const results = await Promise.all(
      Array.from({ length: 9 }, (_, i) => stores[i % 3]!.createReminder(reminder({ createdBy: `4000000000000000${10 + i}` }), [{ dueMs: NOW + HOUR }], small, NOW)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(await stores[0]!.countActive(GUILD)).toBe(3);
  });

  it('cancelling keeps every row and marks the deliveries still to come cancelled', async () => {
    const s = await open();
    const res = await s.createReminder(reminder(), [{ dueMs: NOW + HOUR }, { dueMs: NOW + 2 * HOUR }], LIMITS, NOW);
    if (!res.ok) throw new Error('not created');
    expect(await s.cancelReminder(GUILD, res.reminder.id, ORGANISER, NOW)).toBe(true);
    expect(await s.cancelReminder(GUILD, res.reminder.id, ORGANISER, NOW)).toBe(false);
    const after = (await s.getReminder(GUILD, res.reminder.id))!;
    expect(after.reminder).toMatchObject({ status: 'cancelled', cancelledBy: ORGANISER, cancelledAt: NOW });
    expect(after.deliveries.map((d) => d.status)).toEqual(['cancelled', 'cancelled']);
    expect(await s.claimDue('x', NOW + 3 * HOUR, 60_000)).toEqual([]);
  });

  it('rescheduling replaces the deliveries still to come and keeps the old rows as cancelled', async () => {
    const s = await open();
    const res = await s.createReminder(reminder(), [{ dueMs: NOW + HOUR }], LIMITS, NOW);
    if (!res.ok) throw new Error('not created');
    expect(await s.editReminder(GUILD, res.reminder.id, { message: 'Moved', deliveries: [{ dueMs: NOW + 5 * HOUR }] }, ORGANISER, NOW)).toBe(true);
    const after = (await s.getReminder(GUILD, res.reminder.id))!;
    expect(after.reminder.message).toBe('Moved');
    expect(after.deliveries.map((d) => [d.status, d.dueMs])).toEqual([
      ['cancelled', NOW + HOUR],
      ['scheduled', NOW + 5 * HOUR],
    ]);
  });

  it('lists a guild’s upcoming reminders by next time, a page at a time', async () => {
    const s = await open();
    for (let i = 12; i >= 1; i--) await s.createReminder(reminder({ message: `m${i}` }), [{ dueMs: NOW + i * HOUR }], LIMITS, NOW);
    const p1 = await s.listUpcoming(GUILD, { offset: 0, limit: 5 });
    expect(p1.total).toBe(12);
    expect(p1.items.map((i) => i.reminder.message)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
    const p3 = await s.listUpcoming(GUILD, { offset: 10, limit: 5 });
    expect(p3.items.map((i) => i.reminder.message)).toEqual(['m11', 'm12']);
  });
});

describe.each(backends)('claiming due deliveries ($name)', (backend) => {
  const open = useBackend(backend);

  it('claims only what is due, and not again while the lease holds', async () => {
    const s = await open();
    await s.createReminder(reminder(), [{ dueMs: NOW + HOUR }], LIMITS, NOW);
    expect(await s.claimDue('a', NOW + HOUR - 1, 60_000)).toEqual([]);
    const [g] = await s.claimDue('a', NOW + HOUR, 60_000);
    expect(g?.deliveries).toHaveLength(1);
    expect(g?.deliveries[0]).toMatchObject({ status: 'sending', leaseOwner: 'a', attempts: 1 });
    expect(await s.claimDue('b', NOW + HOUR + 59_999, 60_000)).toEqual([]);
    // The holder died: once the lease lapses another scheduler takes it, with the same nonce.
    const [again] = await s.claimDue('b', NOW + HOUR + 60_000, 60_000);
    expect(again?.deliveries[0]).toMatchObject({ leaseOwner: 'b', attempts: 2, nonce: g?.deliveries[0]?.nonce });
    // The old holder can no longer settle it.
    expect(await s.settle([g!.deliveries[0]!.id], 'a', { status: 'sent', messageId: '1', mergedInto: null }, NOW)).toBe(0);
    expect(await s.settle([g!.deliveries[0]!.id], 'b', { status: 'sent', messageId: '2', mergedInto: null }, NOW)).toBe(1);
  });

  it('two connections to one database never claim the same delivery', async () => {
    const a = await open();
    const b = await open();
    for (let i = 0; i < 30; i++) await a.createReminder(reminder({ message: `m${i}` }), [{ dueMs: NOW }], { perGuild: 100, perMember: 100 }, NOW);
    const claimed: number[] = [];
    // Interleave the two connections the way two processes would.
    for (let i = 0; i < 40; i++) {
      for (const [s, owner] of [[a, 'A'], [b, 'B']] as const) {
        for (const g of await s.claimDue(owner, NOW, 60_000, 1)) claimed.push(...g.deliveries.map((d) => d.id));
      }
    }
    expect(claimed).toHaveLength(30);
    expect(new Set(claimed).size).toBe(30);
  });

  it('claimants racing at once (as processes on other hosts would) never take the same delivery', async () => {
    const stores = [await open(), await open(), await open(), await open()];
    for (let i = 0; i < 40; i++) await stores[0]!.createReminder(reminder({ message: `m${i}` }), [{ dueMs: NOW }], { perGuild: 100, perMember: 100 }, NOW);
    const claimed: number[] = [];
    await Promise.all(
      stores.map(async (s, k) => {
        for (;;) {
          const groups = await s.claimDue(`owner${k}`, NOW, 60_000, 1);
          if (groups.length === 0) return;
          for (const g of groups) claimed.push(...g.deliveries.map((d) => d.id));
        }
      }),
    );
    expect(claimed).toHaveLength(40);
    expect(new Set(claimed).size).toBe(40);
  });

  it('says when it next needs to wake', async () => {
    const s = await open();
    expect(await s.nextWakeMs()).toBeNull();
    await s.createReminder(reminder(), [{ dueMs: NOW + 2 * HOUR }, { dueMs: NOW + HOUR }], LIMITS, NOW);
    expect(await s.nextWakeMs()).toBe(NOW + HOUR);
  });
});
