import pino from 'pino';
import { deliverPersonal, type PersonalStore } from '../../src/reminders/personal.js';
import type { Poster } from '../../src/reminders/poster.js';
import { companionStores } from '../../src/reminders/runtime.js';
import { postgres, sqlite, TEST_DATABASE_URL, type Backend } from '../reminders/backends.js';

/**
 * `npx tsx test/bench/personal.ts`: what the "Remind me" and /follow stores alone allow on each
 * back end, with 1 and 3 connections (as processes would hold) working on one database at once:
 * direct messages claimed, "sent" by a poster that answers at once, and settled, per second; and
 * follow items claimed and marked announced per second. PostgreSQL needs TEST_DATABASE_URL.
 */

const DAY = 86_400_000;
const REMINDERS = 500;
const ITEMS = 1000;
const instant: Poster = { post: async () => ({ ok: true, messageId: '1' }), findPosted: async () => ({ ok: true, messageId: null }) };
const log = pino({ level: 'silent' });

async function personalRun(backend: Backend, connections: number): Promise<number> {
  const db = await backend.create();
  try {
    const stores: PersonalStore[] = [];
    for (let i = 0; i < connections; i++) stores.push(companionStores(await db.open()).personal);
    const closesMs = Date.now() + 30 * DAY;
    for (let i = 0; i < REMINDERS; i++) {
      await stores[0]!.subscribe({ userId: `u${i}`, guildId: 'g', dmChannelId: `dm${i}`, consultationKey: 'k', title: 'T', url: null, closesMs }, Date.now());
    }
    const clock = { now: () => closesMs };
    const start = performance.now();
    let sent = 0;
    await Promise.all(stores.map(async (s) => {
      for (let n = await deliverPersonal(s, instant, clock, log); n > 0; n = await deliverPersonal(s, instant, clock, log)) sent += n;
    }));
    if (sent !== 2 * REMINDERS) throw new Error(`sent ${sent}, expected ${2 * REMINDERS}`);
    return sent / ((performance.now() - start) / 1000);
  } finally {
    await db.cleanup();
  }
}

async function followRun(backend: Backend, connections: number): Promise<number> {
  const db = await backend.create();
  try {
    const stores = [];
    for (let i = 0; i < connections; i++) stores.push(companionStores(await db.open()).follows);
    const { follow } = await stores[0]!.follow('g', 'c', 'P', 'o', [], Date.now());
    const start = performance.now();
    let posted = 0;
    await Promise.all(stores.map(async (s, k) => {
      for (let i = 0; i < ITEMS; i++) {
        if (!(await s.claim(follow.id, `article:${i}`, `p${k}`, Date.now()))) continue;
        await s.markAnnounced(follow.id, `article:${i}`, `p${k}`, '1', Date.now());
        posted += 1;
      }
    }));
    if (posted !== ITEMS) throw new Error(`posted ${posted}, expected ${ITEMS}`);
    return ITEMS / ((performance.now() - start) / 1000);
  } finally {
    await db.cleanup();
  }
}

const fmt = (n: number) => `${Math.round(n).toLocaleString('en-GB')} /s`;
for (const backend of TEST_DATABASE_URL ? [sqlite, postgres] : [sqlite]) {
  const row = [await personalRun(backend, 1), await personalRun(backend, 3), await followRun(backend, 1), await followRun(backend, 3)].map(fmt);
  console.log(`| ${backend.name} | ${row.join(' | ')} |`);
}
if (!TEST_DATABASE_URL) console.log('PostgreSQL not measured: TEST_DATABASE_URL not set');
