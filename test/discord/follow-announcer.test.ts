import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFollowAnnouncer } from '../../src/discord/follow-announcer.js';
import { loadKnowledgeBase } from '../../src/knowledge/loader.js';
import { createRest } from '../../src/reminders/poster.js';
import { companionStores } from '../../src/reminders/runtime.js';
import { startEmulator, type Emulator } from '../e2e/emulator.js';
import { captureLog } from '../e2e/helpers.js';
import { backends, type Backend, type BackendDb } from '../reminders/backends.js';
import { reportPostgresAvailability } from '../reminders/postgres-availability.js';

/**
 * Several bot processes on one database each announce after their own reload: every new article
 * and consultation still reaches a following channel once. Discord's nonce memory (minutes) is
 * not relied on: here it has always run out, as it has for a process whose reload comes late.
 */

const CLOSES = new Date(Date.now() + 40 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
const ARTICLE = [
  '---',
  'id: birmingham-day-centres-new',
  'title: Birmingham to close three day centres',
  'council: Birmingham City Council',
  'places: [Birmingham]',
  'source: { publisher: Example News, url: "https://news.example.org/bham-day-centres" }',
  `consultations:\n  - { title: Day centres consultation, closes: "${CLOSES}" }`,
  '---',
  '',
  'Birmingham City Council will close three day centres, putting 45 jobs at risk to save £2 million.',
  '',
].join('\n');

let dir: string;
let emulator: Emulator;
let nonceAge = 0;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cutsbot-follow-shared-'));
  await writeFile(path.join(dir, 'birmingham-day-centres-new.md'), ARTICLE);
  emulator = await startEmulator({ nonceClock: () => (nonceAge += 3_600_000) });
});

afterAll(async () => {
  await emulator?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

reportPostgresAvailability();

describe.each(backends)('follow announcements from processes sharing $name', (backend: Backend) => {
  let db: BackendDb | null = null;
  afterEach(async () => {
    await db?.cleanup();
    db = null;
  });

  it('three announcers on three connections post each new item once, and again nothing after', async () => {
    db = await backend.create();
    const { kb } = await loadKnowledgeBase(dir);
    const channelId = emulator.addChannel({ guildId: emulator.guildId, name: `follow-${backend.name}` }).id;
    const log = captureLog();
    const announcers = await Promise.all(
      [1, 2, 3].map(async () => createFollowAnnouncer({ follows: companionStores(await db!.open()).follows, rest: createRest({ token: emulator.token, apiBase: emulator.apiBase }), log: log.logger })),
    );
    const first = companionStores(await db.open()).follows;
    await first.follow(emulator.guildId, channelId, 'Birmingham', '600000000000000001', [], Date.now());

    const posted = await Promise.all(announcers.map((a) => a.announce(kb)));
    const posts = emulator.channelMessages(channelId);
    expect(posts.map((m) => m.content.split('\n')[0])).toEqual([
      '📰 **New article about Birmingham:** Birmingham to close three day centres (Example News)',
      expect.stringContaining('📣 **New consultation in Birmingham:** Day centres consultation'),
    ]);
    expect(posted.reduce((a, b) => a + b, 0)).toBe(2);
    expect(emulator.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`)).toHaveLength(2);

    expect(await Promise.all(announcers.map((a) => a.announce(kb)))).toEqual([0, 0, 0]);
    expect(emulator.channelMessages(channelId)).toHaveLength(2);
  });
});
