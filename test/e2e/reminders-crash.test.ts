import { spawn, type ChildProcess } from 'node:child_process';
import { Routes } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createRest } from '../../src/reminders/poster.js';
import { companionStores } from '../../src/reminders/runtime.js';
import type { Store } from '../../src/reminders/store.js';
import { backends, type BackendDb } from '../reminders/backends.js';
import { reportPostgresAvailability } from '../reminders/postgres-availability.js';
import { startEmulator, type Emulator } from './emulator.js';

/**
 * The delivery guarantee with real processes: the scheduler entry script runs under tsx against a
 * real SQLite file or PostgreSQL database and the Discord emulator, and is killed with SIGKILL mid-post.
 */

const GUILD = '100000000000000001';
const AUTHOR = '400000000000000001';
const BIG = { perGuild: 1000, perMember: 1000 };

let emulator: Emulator | null = null;
let database: BackendDb | null = null;
const children: ChildProcess[] = [];
const holds: (() => void)[] = [];

afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const release of holds.splice(0)) release();
  await emulator?.close();
  emulator = null;
  await database?.cleanup();
  database = null;
});

reportPostgresAvailability();

function startScheduler(owner: string): { child: ChildProcess; output: () => string } {
  // node --import tsx rather than npx tsx: one process, so SIGKILL really kills the scheduler.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/reminders/run-scheduler.ts', '--lease-ms', '1500', '--poll-ms', '100', '--owner', owner], {
    env: {
      ...process.env,
      DISCORD_TOKEN: emulator!.token,
      DISCORD_APPLICATION_ID: emulator!.applicationId,
      DISCORD_API_BASE: emulator!.apiBase,
      ...database!.env,
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  children.push(child);
  return { child, output: () => out };
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000, debug: () => string = () => ''): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${debug()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function seed(store: Store, channelId: string, n: number): Promise<number[]> {
  const now = Date.now();
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const res = await store.createReminder(
      { guildId: GUILD, channelId, createdBy: AUTHOR, kind: 'message', message: `reminder ${i}`, zone: 'Europe/London' },
      [{ dueMs: now - 1000 + i }],
      BIG,
      now,
    );
    if (!res.ok) throw new Error('not created');
    ids.push(res.reminder.id);
  }
  return ids;
}

async function deliveryStatuses(store: Store, ids: number[]): Promise<string[]> {
  const found = await Promise.all(ids.map((id) => store.getReminder(GUILD, id)));
  return found.flatMap((r) => r!.deliveries.map((d) => d.status));
}

/** Posts the scheduler made (not the test's own forwarding, marked `?via=test`). */
const messagePosts = (e: Emulator, channelId: string) =>
  e.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages` && !r.query.has('via'));

describe.each(backends)('scheduler processes on $name', (backend) => {
  it('two scheduler processes send each due Remind me direct message once', { timeout: 60_000 }, async () => {
    // Discord's nonce memory has always run out here, so a second send would show as a second message.
    let nonceAge = 0;
    emulator = await startEmulator({ guilds: [{ id: GUILD }], nonceClock: () => (nonceAge += 3_600_000) });
    database = await backend.create();
    const { personal } = companionStores(await database.open());
    const rest = createRest({ token: emulator.token, apiBase: emulator.apiBase });
    const members = Array.from({ length: 6 }, (_, i) => `50000000000000010${i}`);
    const dueMs = Date.now() + 1_500;
    for (const userId of members) {
      const dm = (await rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as { id: string };
      const consultation = { consultationKey: 'pagetown-day-care#1', title: 'Pagetown day care consultation', url: null, closesMs: dueMs + 86_400_000 };
      await personal.subscribe({ userId, guildId: GUILD, dmChannelId: dm.id, ...consultation }, Date.now());
    }
    const a = startScheduler('a');
    const b = startScheduler('b');
    const sent = () => members.every((u) => emulator!.directMessages(u).length > 0);
    await waitFor('every member to get a direct message', sent, 20_000, () => a.output() + b.output());
    // Both keep polling a while longer: nothing more may arrive.
    await new Promise((r) => setTimeout(r, 1_000));
    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    await Promise.all([exited(a.child), exited(b.child)]);
    for (const u of members) expect(emulator.directMessages(u).map((m) => m.content.split('\n')[0])).toEqual([expect.stringContaining('Pagetown day care consultation')]);
  });

  it('killed with SIGKILL while Discord holds a post open, a restarted scheduler posts every due reminder exactly once', { timeout: 60_000 }, async () => {
    emulator = await startEmulator({ guilds: [{ id: GUILD }] });
    const channel = emulator.channelId;
    database = await backend.create();
    const store = await database.open();
    const ids = await seed(store, channel, 3);

    // The first post reaches Discord and the message is made, but the answer never comes back:
    // the worst moment to die, since only the nonce can stop the retry from posting it again.
    let held: { nonce: unknown } | null = null;
    const remove = emulator.route('POST', new RegExp(`^/channels/${channel}/messages$`), async (req) => {
      remove();
      const res = await fetch(`${emulator!.apiBase}/v10/channels/${channel}/messages?via=test`, {
        method: 'POST',
        headers: { authorization: `Bot ${emulator!.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(req.body),
      });
      expect(res.status).toBe(200);
      held = { nonce: (req.body as { nonce?: unknown }).nonce };
      return new Promise((resolve) => holds.push(() => resolve({ status: 500, body: { message: 'gone', code: 0 } })));
    });

    const first = startScheduler('first');
    await waitFor('the first post to be held', () => held !== null, 20_000, first.output);
    expect(emulator.channelMessages(channel)).toHaveLength(1);
    first.child.kill('SIGKILL');
    await exited(first.child);
    // Nothing was recorded as sent: the process died holding the claim.
    expect((await deliveryStatuses(store, ids)).filter((s) => s === 'sent')).toHaveLength(0);
    expect(await deliveryStatuses(store, ids)).toContain('sending');

    const second = startScheduler('second');
    await waitFor('every reminder to be recorded as sent', async () => (await deliveryStatuses(store, ids)).every((s) => s === 'sent'), 20_000, second.output);
    second.child.kill('SIGTERM');
    await exited(second.child);

    const messages = emulator.channelMessages(channel);
    expect(messages.map((m) => m.content.split('\n')[0]).sort()).toEqual(['⏰ **Reminder:** reminder 0', '⏰ **Reminder:** reminder 1', '⏰ **Reminder:** reminder 2']);
    // The held post was sent again after the restart, under the same nonce, and Discord answered
    // with the message it already had.
    const heldNonce = (held as { nonce: unknown } | null)?.nonce;
    expect(messagePosts(emulator, channel).filter((r) => (r.body as { nonce?: unknown }).nonce === heldNonce)).toHaveLength(2);
    const recorded = (await Promise.all(ids.map((id) => store.getReminder(GUILD, id)))).map((r) => r!.deliveries[0]!);
    expect(recorded.map((d) => d.messageId).sort()).toEqual(messages.map((m) => m.id).sort());
    expect(recorded.find((d) => d.nonce === heldNonce)?.attempts).toBe(2);
    store.close();
  });

  it.each([2, 3])('%i scheduler processes on one database post every due reminder exactly once', { timeout: 60_000 }, async (n) => {
    emulator = await startEmulator({ guilds: [{ id: GUILD }] });
    const channel = emulator.channelId;
    database = await backend.create();
    const store = await database.open();
    const ids = await seed(store, channel, 6 * n);
    const schedulers = Array.from({ length: n }, (_, i) => startScheduler(`S${i}`));
    const output = () => schedulers.map((p) => p.output()).join('\n');
    await waitFor('every reminder to be sent', async () => (await deliveryStatuses(store, ids)).every((s) => s === 'sent'), 30_000, output);
    for (const p of schedulers) p.child.kill('SIGTERM');
    await Promise.all(schedulers.map((p) => exited(p.child)));
    const contents = emulator.channelMessages(channel).map((m) => m.content);
    expect(contents).toHaveLength(ids.length);
    expect(new Set(contents).size).toBe(ids.length);
    // Not even a repeated request: each delivery was claimed by exactly one process.
    const nonces = messagePosts(emulator, channel).map((r) => (r.body as { nonce?: unknown }).nonce);
    expect(new Set(nonces).size).toBe(nonces.length);
    const recorded = (await Promise.all(ids.map((id) => store.getReminder(GUILD, id)))).map((r) => r!.deliveries[0]!);
    expect(recorded.map((d) => d.messageId).sort()).toEqual(emulator.channelMessages(channel).map((m) => m.id).sort());
  });
});
