import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRest, createRestPoster } from '../../src/reminders/poster.js';
import { createScheduler } from '../../src/reminders/scheduler.js';
import { createAtReminder } from '../../src/reminders/service.js';
import { dbFileIn, openStore, type Store } from '../../src/reminders/store.js';
import { startEmulator, type Emulator } from './emulator.js';

/**
 * Recovering deliveries through discord.js REST and the emulator, with one fake clock for the
 * scheduler and for Discord's nonce memory: a post left unfinished by a crash and retried after
 * Discord forgot its nonce, and posts refused because the token was reset.
 */

const GUILD = '100000000000000001';
const organiser = { userId: '400000000000000001', hasManageEvents: true, roleIds: [] };
const MINUTE = 60_000;

let emulator: Emulator | null = null;
let dir = '';
const stores: Store[] = [];
const holds: (() => void)[] = [];
/** Ticks of "crashed" schedulers: they finish once their held post is released, before the files close. */
const abandoned: Promise<unknown>[] = [];
afterEach(async () => {
  for (const release of holds.splice(0)) release();
  await Promise.allSettled(abandoned.splice(0));
  for (const s of stores.splice(0)) s.close();
  await emulator?.close();
  emulator = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function setup() {
  let now = Date.parse('2026-11-23T10:00:00Z');
  const clock = { now: () => now, advance: (ms: number) => (now += ms) };
  emulator = await startEmulator({ guilds: [{ id: GUILD }], nonceClock: clock.now });
  dir = mkdtempSync(join(tmpdir(), 'cutsbot-recovery-'));
  const open = () => {
    const s = openStore({ file: dbFileIn(dir) });
    stores.push(s);
    return s;
  };
  const store = open();
  const res = await createAtReminder(
    { store, clock, consultations: () => [] },
    { guildId: GUILD, actor: organiser, when: 'tomorrow 9am', message: 'Picket at the civic centre', channelId: emulator.channelId },
  );
  if (!res.ok) throw new Error(res.message);
  now = Date.parse('2026-11-24T09:00:00Z');
  const poster = (token = emulator!.token) => createRestPoster(createRest({ token, apiBase: emulator!.apiBase, timeoutMs: 5_000 }));
  return { clock, store, open, reminderId: res.value.reminder.id, poster };
}

const postsTo = (e: Emulator, channelId: string) =>
  e.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages` && !r.query.has('via'));

describe('a post left unfinished by a crash', () => {
  it('retried ten minutes later, after Discord forgot the nonce, is found in the channel and not posted twice', async () => {
    const { clock, store, open, reminderId, poster } = await setup();
    const e = emulator!;
    const channel = e.channelId;
    // The post reaches Discord and the message is made, but the answer never comes back: the
    // scheduler is as good as dead, holding its claim.
    let reached = false;
    const remove = e.route('POST', new RegExp(`^/channels/${channel}/messages$`), async (req) => {
      remove();
      const res = await fetch(`${e.apiBase}/v10/channels/${channel}/messages?via=test`, {
        method: 'POST',
        headers: { authorization: `Bot ${e.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(req.body),
      });
      expect(res.status).toBe(200);
      reached = true;
      return new Promise((resolve) => holds.push(() => resolve({ status: 500, body: { message: 'gone', code: 0 } })));
    });
    const crashed = createScheduler({ store, poster: poster(), clock, owner: 'crashed', leaseMs: MINUTE });
    abandoned.push(crashed.tick());
    for (let i = 0; i < 200 && !reached; i++) await new Promise((r) => setTimeout(r, 25));
    expect(reached).toBe(true);
    expect(e.channelMessages(channel)).toHaveLength(1);

    // Restarted ten minutes later: the lease has long lapsed and Discord no longer knows the nonce.
    clock.advance(10 * MINUTE);
    const restartedStore = open();
    const restarted = createScheduler({ store: restartedStore, poster: poster(), clock, owner: 'restarted', leaseMs: MINUTE });
    const report = await restarted.tick();
    expect(report.posted).toBe(1);
    const messages = e.channelMessages(channel);
    expect(messages).toHaveLength(1);
    expect(postsTo(e, channel)).toHaveLength(1);
    const d = (await restartedStore.getReminder(GUILD, reminderId))!.deliveries[0]!;
    expect(d.status).toBe('sent');
    expect(d.messageId).toBe(messages[0]!.id);
  });

  it('retried within a minute relies on the nonce and does not read the channel', async () => {
    const { clock, store, open, poster } = await setup();
    const e = emulator!;
    const channel = e.channelId;
    let reached = false;
    const remove = e.route('POST', new RegExp(`^/channels/${channel}/messages$`), async (req) => {
      remove();
      await fetch(`${e.apiBase}/v10/channels/${channel}/messages?via=test`, {
        method: 'POST',
        headers: { authorization: `Bot ${e.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(req.body),
      });
      reached = true;
      return new Promise((resolve) => holds.push(() => resolve({ status: 500, body: { message: 'gone', code: 0 } })));
    });
    abandoned.push(createScheduler({ store, poster: poster(), clock, owner: 'crashed', leaseMs: 20_000 }).tick());
    for (let i = 0; i < 200 && !reached; i++) await new Promise((r) => setTimeout(r, 25));
    clock.advance(30_000);
    await createScheduler({ store: open(), poster: poster(), clock, owner: 'restarted', leaseMs: 20_000 }).tick();
    expect(e.channelMessages(channel)).toHaveLength(1);
    expect(e.requests.filter((r) => r.method === 'GET' && r.path === `/channels/${channel}/messages`)).toHaveLength(0);
  });
});

describe('a reset token (REST 401) during a delivery', () => {
  it('leaves the delivery due, and the process restarted with a valid token posts it once', async () => {
    const { clock, store, open, reminderId, poster } = await setup();
    const e = emulator!;
    const told: string[] = [];
    const stale = createScheduler({ store, poster: poster('MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.resetresetresetresetresetresetresetre'), clock, owner: 'stale', onUnauthorized: (err) => told.push(err) });
    await stale.tick();
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(/^401/);
    const before = (await store.getReminder(GUILD, reminderId))!.deliveries[0]!;
    expect(before.status).toBe('scheduled');
    expect(before.attempts).toBe(0);
    expect(e.channelMessages(e.channelId)).toHaveLength(0);

    const restarted = createScheduler({ store: open(), poster: poster(), clock, owner: 'restarted' });
    await restarted.tick();
    expect(e.channelMessages(e.channelId)).toHaveLength(1);
    expect((await store.getReminder(GUILD, reminderId))!.deliveries[0]!.status).toBe('sent');
  });
});
