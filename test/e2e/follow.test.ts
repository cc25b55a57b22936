import { copyFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { beforeAll, expect, it } from 'vitest';
import { commands } from '../../src/discord/commands/index.js';
import { startBot, type RunningBot } from '../../src/main.js';
import { dbFileIn } from '../../src/reminders/store.js';
import { startEmulator, type Emulator } from './emulator.js';
import { captureLog, emulatorConfig, onlyMessage, cleanUpAfter } from './helpers.js';

/** /follow: new articles and consultations about a place, posted once each, across reloads and restarts. */

const KNOWLEDGE = path.resolve(import.meta.dirname, '../../knowledge');
const ORGANISER = { id: '600000000000000001' };
const MEMBER = { id: '600000000000000002' };
const BASE = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.UseApplicationCommands;
const ORGANISER_PERMS = BASE | PermissionFlagsBits.ManageEvents;
const CLOSES = new Date(Date.now() + 40 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, '+00:00');

const article = (extra = '') =>
  [
    '---',
    'id: birmingham-day-centres-new',
    'title: Birmingham to close three day centres',
    'council: Birmingham City Council',
    'places: [Birmingham]',
    'source: { publisher: Example News, url: "https://news.example.org/bham-day-centres" }',
    ...(extra ? [extra] : []),
    '---',
    '',
    'Birmingham City Council will close three day centres, putting 45 jobs at risk to save £2 million.',
    '',
  ].join('\n');

let dir: string;
let dataDir: string;
let emulator: Emulator;
let bot: RunningBot;
const log = captureLog();
let config: ReturnType<typeof emulatorConfig>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cutsbot-follow-'));
  await copyFile(path.join(KNOWLEDGE, 'birmingham-enablement-redundancies.md'), path.join(dir, 'birmingham-enablement-redundancies.md'));
  emulator = await startEmulator();
  config = emulatorConfig(emulator, { KNOWLEDGE_DIR: dir });
  dataDir = config.DATA_DIR;
  bot = await startBot(config, { logger: log.logger });
  emulator.registerCommands(commands.map((c) => c.data.toJSON()));
});

cleanUpAfter(() => ({ bot, emulator, dir }));

const posts = () => emulator.channelMessages(emulator.channelId);
const reload = async () => {
  await bot.keeper!.reload();
  await bot.follows!.announce(bot.knowledge.current());
};

it('only organisers may follow; the articles already known are not posted', async () => {
  const refused = onlyMessage(await emulator.sendCommand('follow place', { place: 'birmingham', channel: { type: 7, value: emulator.channelId } }, { user: MEMBER, permissions: BASE }));
  expect(refused.content).toContain('Only organisers');
  const made = onlyMessage(await emulator.sendCommand('follow place', { place: 'birmingham', channel: { type: 7, value: emulator.channelId } }, { user: ORGANISER, permissions: ORGANISER_PERMS }));
  expect(made.ephemeral).toBe(true);
  expect(made.content).toContain('Following Birmingham');
  await bot.follows!.announce(bot.knowledge.current());
  expect(posts()).toEqual([]);
  expect(onlyMessage(await emulator.sendCommand('follow list', {}, { user: MEMBER, permissions: BASE })).content).toContain('Birmingham in <#');
});

it('posts a new article once, with key figures and a pointer to /cuts; a re-save and a reload that changes nothing post nothing', async () => {
  await writeFile(path.join(dir, 'birmingham-day-centres-new.md'), article());
  await reload();
  expect(posts()).toHaveLength(1);
  const post = posts()[0]!;
  expect(post.content).toMatch(/^📰 \*\*New article about Birmingham:\*\* Birmingham to close three day centres \(Example News\)/);
  expect(post.content).toContain('45 jobs');
  expect(post.content).toContain('`/cuts Birmingham`');
  expect(post.allowedMentions).toEqual({ parse: [] });
  await writeFile(path.join(dir, 'birmingham-day-centres-new.md'), `${article()}\nA sentence added later.\n`);
  await reload();
  await reload();
  expect(posts()).toHaveLength(1);
});

it('posts a consultation added to the article once, with Remind me, and nothing twice after a restart', async () => {
  await writeFile(path.join(dir, 'birmingham-day-centres-new.md'), article(`consultations:\n  - { title: Day centres consultation, closes: "${CLOSES}" }`));
  await reload();
  expect(posts()).toHaveLength(2);
  expect(posts()[1]!.content).toContain('📣 **New consultation in Birmingham:** Day centres consultation');
  expect(JSON.stringify(posts()[1]!.components)).toContain('Remind me: Day centres consultation');

  await bot.stop();
  bot = await startBot({ ...config, DATA_DIR: dataDir }, { logger: log.logger });
  await bot.follows!.announce(bot.knowledge.current());
  expect(posts()).toHaveLength(2);

  const stopped = onlyMessage(await emulator.sendCommand('follow stop', { follow: '1' }, { user: ORGANISER, permissions: ORGANISER_PERMS }));
  expect(stopped.content).toContain('Follow 1 stopped');
  await writeFile(path.join(dir, 'birmingham-more.md'), article().replace('birmingham-day-centres-new', 'birmingham-more').replace('three day centres', 'two libraries'));
  await reload();
  expect(posts()).toHaveLength(2);
});

it('while the reminders database is locked: told plainly that nothing changed; the follow is made once it is free', async () => {
  const other = new Database(dbFileIn(dataDir));
  other.exec('BEGIN IMMEDIATE');
  const follow = () => emulator.sendCommand('follow place', { place: 'birmingham', channel: { type: 7, value: emulator.channelId } }, { user: ORGANISER, permissions: ORGANISER_PERMS });
  try {
    const refused = onlyMessage(await follow());
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toContain('another process has it locked), so nothing was read or changed. Try again in a minute.');
  } finally {
    other.exec('ROLLBACK');
    other.close();
  }
  expect(onlyMessage(await follow()).content).toContain('Following Birmingham');
});
