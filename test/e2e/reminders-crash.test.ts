import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dbFileIn, openStore, type Store } from '../../src/reminders/store.js';
import { startEmulator, type Emulator } from './emulator.js';

/**
 * The delivery guarantee with real processes: the scheduler entry script runs under tsx against a
 * real SQLite file and the Discord emulator, and is killed with SIGKILL mid-post.
 */

const GUILD = '100000000000000001';
const AUTHOR = '400000000000000001';
const BIG = { perGuild: 1000, perMember: 1000 };

let emulator: Emulator | null = null;
let dir = '';
const children: ChildProcess[] = [];
const holds: (() => void)[] = [];

afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const release of holds.splice(0)) release();
  await emulator?.close();
  emulator = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function startScheduler(owner: string): { child: ChildProcess; output: () => string } {
  // node --import tsx rather than npx tsx: one process, so SIGKILL really kills the scheduler.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/reminders/run-scheduler.ts', '--lease-ms', '1500', '--poll-ms', '100', '--owner', owner], {
    env: {
      ...process.env,
      DISCORD_TOKEN: emulator!.token,
      DISCORD_APPLICATION_ID: emulator!.applicationId,
      DISCORD_API_BASE: emulator!.apiBase,
      DATA_DIR: dir,
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

async function waitFor(what: string, check: () => boolean, timeoutMs = 15_000, debug: () => string = () => ''): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${debug()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function seed(store: Store, channelId: string, n: number): number[] {
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

function deliveryStatuses(store: Store, ids: number[]): string[] {
  return ids.flatMap((id) => (await store.getReminder(GUILD, id))!.deliveries.map((d) => d.status));
}

/** Posts the scheduler made (not the test's own forwarding, marked `?via=test`). */
const messagePosts = (e: Emulator, channelId: string) =>
  e.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages` && !r.query.has('via'));

describe('scheduler processes', () => {
  it('killed with SIGKILL while Discord holds a post open, a restarted scheduler posts every due reminder exactly once', { timeout: 60_000 }, async () => {
    emulator = await startEmulator({ guilds: [{ id: GUILD }] });
    const channel = emulator.channelId;
    dir = mkdtempSync(join(tmpdir(), 'cutsbot-crash-'));
    const store = openStore({ file: dbFileIn(dir) });
    const ids = seed(store, channel, 3);

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
    expect(deliveryStatuses(store, ids).filter((s) => s === 'sent')).toHaveLength(0);
    expect(deliveryStatuses(store, ids)).toContain('sending');

    const second = startScheduler('second');
    await waitFor('every reminder to be recorded as sent', () => deliveryStatuses(store, ids).every((s) => s === 'sent'), 20_000, second.output);
    second.child.kill('SIGTERM');
    await exited(second.child);

    const messages = emulator.channelMessages(channel);
    expect(messages.map((m) => m.content.split('\n')[0]).sort()).toEqual(['⏰ **Reminder:** reminder 0', '⏰ **Reminder:** reminder 1', '⏰ **Reminder:** reminder 2']);
    // The held post was sent again after the restart, under the same nonce, and Discord answered
    // with the message it already had.
    const heldNonce = (held as { nonce: unknown } | null)?.nonce;
    expect(messagePosts(emulator, channel).filter((r) => (r.body as { nonce?: unknown }).nonce === heldNonce)).toHaveLength(2);
    const recorded = ids.map((id) => (await store.getReminder(GUILD, id))!.deliveries[0]!);
    expect(recorded.map((d) => d.messageId).sort()).toEqual(messages.map((m) => m.id).sort());
    expect(recorded.find((d) => d.nonce === heldNonce)?.attempts).toBe(2);
    store.close();
  });

  it('two scheduler processes on one database file never post a reminder twice', { timeout: 60_000 }, async () => {
    emulator = await startEmulator({ guilds: [{ id: GUILD }] });
    const channel = emulator.channelId;
    dir = mkdtempSync(join(tmpdir(), 'cutsbot-two-'));
    const store = openStore({ file: dbFileIn(dir) });
    const ids = seed(store, channel, 12);
    const a = startScheduler('A');
    const b = startScheduler('B');
    await waitFor('every reminder to be sent', () => deliveryStatuses(store, ids).every((s) => s === 'sent'), 30_000, () => a.output() + b.output());
    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    await Promise.all([exited(a.child), exited(b.child)]);
    const contents = emulator.channelMessages(channel).map((m) => m.content);
    expect(contents).toHaveLength(12);
    expect(new Set(contents).size).toBe(12);
    // Not even a repeated request: each delivery was claimed by exactly one process.
    const nonces = messagePosts(emulator, channel).map((r) => (r.body as { nonce?: unknown }).nonce);
    expect(new Set(nonces).size).toBe(nonces.length);
    store.close();
  });
});
