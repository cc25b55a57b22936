import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChannelType, PermissionFlagsBits } from 'discord-api-types/v10';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRemindCommand } from '../../src/discord/commands/remind.js';
import { startBot, type RunningBot } from '../../src/main.js';
import { createRest, createRestPoster } from '../../src/reminders/poster.js';
import { startReminders, type ReminderRuntime } from '../../src/reminders/runtime.js';
import { startEmulator, type Emulator } from './emulator.js';
import { captureLog, emulatorConfig, expectNoStrayRequests, onlyMessage } from './helpers.js';

/** Reminders posted into a thread (organisers keep one per campaign) and into a forum, as a new post. */

const GUILD = '100000000000000001';
const GENERAL = '100000000000000010';
const THREAD = '100000000000000011';
const FORUM = '100000000000000012';
const ORGANISER = { id: '400000000000000001' };
const PERMS = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.UseApplicationCommands | PermissionFlagsBits.ManageEvents;

let emulator: Emulator;
let runtime: ReminderRuntime;
let bot: RunningBot;
let dir: string;
let now = Date.parse('2026-11-23T10:00:00Z');

beforeAll(async () => {
  emulator = await startEmulator({
    guilds: [{ id: GUILD }],
    channels: [
      { id: GENERAL, name: 'general' },
      { id: THREAD, name: 'picket-planning', type: ChannelType.PublicThread, parentId: GENERAL },
      { id: FORUM, name: 'campaigns', type: ChannelType.GuildForum },
    ],
  });
  dir = mkdtempSync(join(tmpdir(), 'cutsbot-remind-threads-'));
  const log = captureLog();
  const config = emulatorConfig(emulator, { DATA_DIR: dir, KNOWLEDGE_DIR: 'knowledge' });
  runtime = await startReminders({ config, log: log.logger, consultations: () => [], clock: { now: () => now }, deliver: false });
  const remind = createRemindCommand();
  bot = await startBot(config, { commands: [remind], logger: log.logger, reminders: runtime });
  emulator.registerCommands([remind.data.toJSON()]);
});

afterAll(async () => {
  await bot?.stop();
  await runtime?.stop();
  await emulator?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('a reminder can be set for a thread and is posted in the thread', async () => {
  const made = onlyMessage(
    await emulator.sendCommand('remind at', { at: 'tomorrow 9am', message: 'Picket rota', channel: { type: 7, value: THREAD } }, { user: ORGANISER, permissions: PERMS }),
  );
  expect(made.content).toContain(`<#${THREAD}>`);
  now = Date.parse('2026-11-24T09:00:00Z');
  await runtime.scheduler.tick();
  const posted = emulator.channelMessages(THREAD);
  expect(posted).toHaveLength(1);
  expect(posted[0]!.content.split('\n')[0]).toBe('⏰ **Reminder:** Picket rota');
  expect(emulator.channelMessages(GENERAL)).toEqual([]);
  expectNoStrayRequests(emulator);
});

it('refuses a thread whose channel denies the bot Send Messages in Threads, naming that permission', async () => {
  const closed = emulator.addChannel({ guildId: GUILD, name: 'announcements-only', overwrites: [{ id: emulator.botRoleId, type: 0, deny: PermissionFlagsBits.SendMessagesInThreads }] });
  const thread = emulator.addChannel({ guildId: GUILD, name: 'closed-thread', type: ChannelType.PublicThread, parentId: closed.id });
  await new Promise((r) => setTimeout(r, 50));
  const refused = onlyMessage(
    await emulator.sendCommand('remind at', { at: 'tomorrow 9am', message: 'x', channel: { type: 7, value: thread.id } }, { user: ORGANISER, permissions: PERMS }),
  );
  expect(refused.content).toContain('Send Messages in Threads');
  expect(refused.content).toContain('Nothing was saved');
});

it('a reminder for a forum is a new forum post titled with its first line, which the bot can find again by its marker', async () => {
  now = Date.parse('2026-11-24T10:00:00Z');
  const made = onlyMessage(
    await emulator.sendCommand('remind at', { at: 'tomorrow 9am', message: 'Lobby day: meet at the civic centre', channel: { type: 7, value: FORUM } }, { user: ORGANISER, permissions: PERMS }),
  );
  expect(made.content).toContain(`<#${FORUM}>`);
  now = Date.parse('2026-11-25T09:00:00Z');
  await runtime.scheduler.tick();
  const threads = emulator.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${FORUM}/threads`);
  expect(threads).toHaveLength(1);
  expect((threads[0]!.body as { name: string }).name).toBe('⏰ Reminder: Lobby day: meet at the civic centre');
  const marker = (threads[0]!.body as { message: { content: string } }).message.content.split('\n').at(-1)!;
  expect(marker).toMatch(/^-# Reminder #\d+ · cb/);
  // After a crash, past any nonce memory, the delivery looks for its own post among the forum's threads.
  const poster = createRestPoster(createRest({ token: emulator.token, apiBase: emulator.apiBase }));
  const found = await poster.findPosted(FORUM, marker);
  expect(found.ok && found.messageId).toMatch(/^\d+$/);
  expect(emulator.channelMessages(found.ok ? found.messageId! : '')[0]!.content.split('\n')[0]).toBe('⏰ **Reminder:** Lobby day: meet at the civic centre');
  expect(await poster.findPosted(FORUM, '-# Reminder #999 · cbnotthere')).toEqual({ ok: true, messageId: null });
  expectNoStrayRequests(emulator);
});
