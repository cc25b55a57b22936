import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScheduler } from '../../src/reminders/scheduler.js';
import type { Poster } from '../../src/reminders/poster.js';
import type { Store } from '../../src/reminders/store.js';
import { startEmulator } from '../e2e/emulator.js';
import { postgres, sqlite, TEST_DATABASE_URL, type Backend } from '../reminders/backends.js';

/**
 * `npm run bench:reminders [-- --reminders 1000]`: deliveries per second on each back end.
 *
 * processes: 1 and 3 real scheduler processes (src/reminders/run-scheduler.ts) on one database,
 *   posting 45 reminders through discord.js's REST client to the Discord emulator on loopback, timed
 *   from the moment they fall due until the last is recorded as sent (start-up is not counted).
 * store only: the same schedulers in this process with a poster that answers at once, i.e. what
 *   claiming and settling alone allow.
 * PostgreSQL needs TEST_DATABASE_URL (scripts/ci/postgres.sh prints one).
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const GUILD = '100000000000000001';
const AUTHOR = '400000000000000001';
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
/** Store-only runs: enough reminders that a run lasts long enough to time. */
const COUNT = Number(arg('reminders') ?? 1000);
/**
 * Process runs stay under discord.js's own limit of 50 requests a second per REST client (Discord's
 * global limit per bot): past it the client refuses requests itself and the scheduler backs off.
 */
const PROCESS_COUNT = 45;

async function seed(store: Store, channelId: string, dueMs: number, count = COUNT): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const res = await store.createReminder(
      { guildId: GUILD, channelId, createdBy: AUTHOR, kind: 'message', message: `reminder ${i}`, zone: 'Europe/London' },
      [{ dueMs }],
      { perGuild: count, perMember: count },
      Date.now(),
    );
    if (!res.ok) throw new Error('not created');
    ids.push(res.reminder.id);
  }
  return ids;
}

async function allSent(store: Store, ids: number[]): Promise<boolean> {
  // One query's worth: the last reminder created is checked first, since it tends to go last.
  for (let i = ids.length - 1; i >= 0; i--) {
    const r = await store.getReminder(GUILD, ids[i]!);
    if (r!.deliveries[0]!.status !== 'sent') return false;
  }
  return true;
}

async function untilSent(store: Store, ids: number[], dueMs: number, what: () => string): Promise<number> {
  while (Date.now() < dueMs) await new Promise((r) => setTimeout(r, 5));
  const limit = Date.now() + 120_000;
  while (!(await allSent(store, ids))) {
    if (Date.now() > limit) throw new Error(`not all sent within 2 minutes\n${what()}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return ids.length / ((Date.now() - dueMs) / 1000);
}

async function processes(backend: Backend, n: number): Promise<number> {
  // Discord's own global limit (50 requests a second per bot) would be the figure otherwise; see README.
  const emulator = await startEmulator({ guilds: [{ id: GUILD }], globalLimitPerSecond: 1_000_000 });
  const db = await backend.create();
  const children: ChildProcess[] = [];
  let out = '';
  try {
    const store = await db.open();
    for (let i = 0; i < n; i++) {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/reminders/run-scheduler.ts', '--poll-ms', '100', '--owner', `bench${i}`], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          DISCORD_TOKEN: emulator.token,
          DISCORD_APPLICATION_ID: emulator.applicationId,
          DISCORD_API_BASE: emulator.apiBase,
          LOG_LEVEL: 'warn',
          ...db.env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
      children.push(child);
    }
    // Long enough for every process to have started and be polling before anything falls due.
    const dueMs = Date.now() + 6_000;
    const ids = await seed(store, emulator.channelId, dueMs, PROCESS_COUNT);
    const rate = await untilSent(store, ids, dueMs, () => out);
    const posts = emulator.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/messages')).length;
    if (posts !== ids.length) throw new Error(`expected ${ids.length} posts, saw ${posts}`);
    return rate;
  } finally {
    for (const c of children) c.kill('SIGKILL');
    await emulator.close();
    await db.cleanup();
  }
}

async function storeOnly(backend: Backend, n: number): Promise<number> {
  const db = await backend.create();
  let seq = 0;
  const poster: Poster = {
    post: async () => ({ ok: true, messageId: String(900000000000000000n + BigInt(++seq)) }),
    findPosted: async () => ({ ok: true, messageId: null }),
  };
  try {
    const seeder = await db.open();
    const dueMs = Date.now() + 500;
    const ids = await seed(seeder, '200000000000000001', dueMs);
    const schedulers = await Promise.all(
      Array.from({ length: n }, async (_, i) => createScheduler({ store: await db.open(), poster, owner: `mem${i}`, pollMs: 50, maxPerTick: 1_000 })),
    );
    while (Date.now() < dueMs) await new Promise((r) => setTimeout(r, 5));
    const t = performance.now();
    await Promise.all(schedulers.map((s) => s.tick()));
    const rate = ids.length / ((performance.now() - t) / 1000);
    if (!(await allSent(seeder, ids))) throw new Error('store-only run left reminders unsent');
    return rate;
  } finally {
    await db.cleanup();
  }
}

const f = (x: number) => `${x.toFixed(0).padStart(5)} /s`;
console.log(`reminder deliveries per second, all due at once, one post each (processes: ${PROCESS_COUNT} reminders; store only: ${COUNT})`);
for (const backend of TEST_DATABASE_URL ? [sqlite, postgres] : [sqlite]) {
  const p1 = await processes(backend, 1);
  const p3 = await processes(backend, 3);
  const s1 = await storeOnly(backend, 1);
  const s3 = await storeOnly(backend, 3);
  console.log(`  ${backend.name.padEnd(9)} processes via REST: 1 → ${f(p1)}   3 → ${f(p3)}    store only: 1 → ${f(s1)}   3 → ${f(s3)}`);
}
if (!TEST_DATABASE_URL) console.log('  postgres  skipped: TEST_DATABASE_URL not set (scripts/ci/postgres.sh starts a server and prints one)');
