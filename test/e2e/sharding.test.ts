import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { shardOptions } from '../../src/discord/client.js';
import { backends, type BackendDb } from '../reminders/backends.js';
import { reportPostgresAvailability } from '../reminders/postgres-availability.js';
import { startEmulator, type Emulator } from './emulator.js';
import { ROOT, runScript, type Child } from './process.js';

/**
 * A sharded deployment: one bot process per shard (`SHARD_COUNT=2`, `SHARD_IDS=0` and `1`), each
 * with its own gateway session and its own delivery loop, sharing one reminders database. Each
 * reminder must still be posted once.
 */

const GUILD = '100000000000000001';
const AUTHOR = '400000000000000001';

let emulator: Emulator | null = null;
let database: BackendDb | null = null;
const bots: Child[] = [];

afterEach(async () => {
  for (const b of bots.splice(0)) b.kill('SIGKILL');
  await emulator?.close();
  emulator = null;
  await database?.cleanup();
  database = null;
});

reportPostgresAvailability();

describe('SHARD_COUNT and SHARD_IDS', () => {
  it('become discord.js shard options: this process’s shards out of the deployment’s count', () => {
    const env = { DISCORD_TOKEN: 'a.b.c', DISCORD_APPLICATION_ID: '100000000000000009' };
    expect(shardOptions(loadConfig(env))).toEqual({});
    expect(shardOptions(loadConfig({ ...env, SHARD_COUNT: '3' }))).toEqual({ shardCount: 3, shards: [0, 1, 2] });
    expect(shardOptions(loadConfig({ ...env, SHARD_COUNT: '4', SHARD_IDS: '1, 3' }))).toEqual({ shardCount: 4, shards: [1, 3] });
  });

  it('refuse shard ids without a count, or outside it, naming the setting', () => {
    const env = { DISCORD_TOKEN: 'a.b.c', DISCORD_APPLICATION_ID: '100000000000000009' };
    expect(() => loadConfig({ ...env, SHARD_IDS: '0' })).toThrow(/^SHARD_IDS needs SHARD_COUNT too/);
    expect(() => loadConfig({ ...env, SHARD_COUNT: '2', SHARD_IDS: '0,2' })).toThrow('SHARD_IDS lists shard 2, but SHARD_COUNT=2 numbers them 0 to 1');
    expect(() => loadConfig({ ...env, SHARD_COUNT: '0' })).toThrow(/^SHARD_COUNT must be a whole number of shards/);
    expect(() => loadConfig({ ...env, SHARD_IDS: 'one', SHARD_COUNT: '2' })).toThrow(/^SHARD_IDS must list shard numbers/);
  });
});

describe.each(backends)('two shard processes on one $name database', (backend) => {
  it('each identify as their own shard, and every due reminder is posted exactly once', { timeout: 90_000 }, async () => {
    emulator = await startEmulator({ guilds: [{ id: GUILD }] });
    const channel = emulator.channelId;
    database = await backend.create();
    const store = await database.open();
    const now = Date.now();
    const ids: number[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await store.createReminder(
        { guildId: GUILD, channelId: channel, createdBy: AUTHOR, kind: 'message', message: `reminder ${i}`, zone: 'Europe/London' },
        [{ dueMs: now + 4_000 + i }],
        { perGuild: 100, perMember: 100 },
        now,
      );
      if (!res.ok) throw new Error('not created');
      ids.push(res.reminder.id);
    }
    for (const shard of ['0', '1']) {
      bots.push(
        runScript('src/main.ts', {
          DISCORD_TOKEN: emulator.token,
          DISCORD_APPLICATION_ID: emulator.applicationId,
          DISCORD_API_BASE: emulator.apiBase,
          KNOWLEDGE_DIR: path.join(ROOT, 'knowledge'),
          SHARD_COUNT: '2',
          SHARD_IDS: shard,
          ...database.env,
        }),
      );
    }
    // Each delivery loop starts before its gateway session; both sessions are up before the assertions.
    await Promise.all(bots.map((b) => b.waitFor('"msg":"ready"', 40_000)));
    const end = Date.now() + 40_000;
    const sent = async () => (await Promise.all(ids.map((id) => store.getReminder(GUILD, id)))).every((r) => r!.deliveries[0]!.status === 'sent');
    while (!(await sent())) {
      if (Date.now() > end) throw new Error(`reminders not all sent\n${bots.map((b) => b.output()).join('\n')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(emulator.identifies.map((i) => i.shard).sort()).toEqual([[0, 2], [1, 2]]);
    const contents = emulator.channelMessages(channel).map((m) => m.content.split('\n')[0]);
    expect(contents.sort()).toEqual(ids.map((_, i) => `⏰ **Reminder:** reminder ${i}`).sort());
    const posts = emulator.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channel}/messages`);
    const nonces = posts.map((r) => (r.body as { nonce?: unknown }).nonce);
    expect(new Set(nonces).size).toBe(ids.length);
    expect(nonces).toHaveLength(ids.length);
  });
});
