import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRemindCommand } from '../../src/discord/commands/remind.js';
import { startBot, type RunningBot } from '../../src/main.js';
import { startReminders, type ReminderRuntime } from '../../src/reminders/runtime.js';
import { createAtReminder } from '../../src/reminders/service.js';
import { startEmulator, type Emulator, type SentMessage } from './emulator.js';
import { captureLog, emulatorConfig, expectNoStrayRequests, onlyMessage } from './helpers.js';

/** /remind list pages with buttons, read from the store afresh at each press. */

const GUILD = '100000000000000001';
const ORGANISER = { id: '400000000000000001' };
const MEMBER = { id: '400000000000000002' };
const OTHER = { id: '400000000000000003' };
const BASE = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.UseApplicationCommands;

let emulator: Emulator;
let runtime: ReminderRuntime;
let bot: RunningBot;
let dir: string;

beforeAll(async () => {
  emulator = await startEmulator({ guilds: [{ id: GUILD }], channels: [{ name: 'general' }] });
  dir = mkdtempSync(join(tmpdir(), 'cutsbot-remind-pages-'));
  const now = Date.parse('2026-11-23T10:00:00Z');
  const log = captureLog();
  const config = emulatorConfig(emulator, { DATA_DIR: dir, KNOWLEDGE_DIR: 'knowledge' });
  runtime = await startReminders({ config, log: log.logger, consultations: () => [], clock: { now: () => now }, deliver: false });
  const remind = createRemindCommand();
  bot = await startBot(config, { commands: [remind], logger: log.logger, reminders: runtime });
  emulator.registerCommands([remind.data.toJSON()]);
  const actor = { userId: ORGANISER.id, hasManageEvents: true, roleIds: [] };
  for (let i = 1; i <= 12; i++) {
    const made = await createAtReminder(runtime.deps, { guildId: GUILD, actor, when: `${i} december 2026 18:00`, message: `Branch meeting ${i}`, channelId: emulator.channelId });
    expect(made.ok).toBe(true);
  }
});

afterAll(async () => {
  await bot?.stop();
  await runtime?.stop();
  await emulator?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const labels = (m: SentMessage) => (m.components as { components: { label: string; custom_id: string; disabled?: boolean }[] }[]).flatMap((r) => r.components);

it('/remind list turns its pages with buttons, for the member who listed only', async () => {
  const list = onlyMessage(await emulator.sendCommand('remind list', {}, { user: MEMBER, permissions: BASE }));
  expect(list.ephemeral).toBe(true);
  expect(list.content).toContain('page 1 of 2');
  expect(list.content).toContain('Branch meeting 1');
  const next = labels(list).find((b) => b.label === 'Next ›')!;
  expect(next.disabled).toBeUndefined();

  const turned = await emulator.pressButton(list, next.custom_id, { user: MEMBER });
  expect(turned.messages).toEqual([list]);
  expect(list.content).toContain('page 2 of 2');
  expect(list.content).toContain('Branch meeting 12');
  expect(list.content).not.toContain('Branch meeting 1\n');
  expect(labels(list).find((b) => b.label === 'Next ›')!.disabled).toBe(true);

  const refused = onlyMessage(await emulator.pressUnknownButton({ ...list, viewer: undefined }, labels(list)[0]!.custom_id, { user: OTHER }));
  expect(refused.content).toContain('belong to the member who asked');
  expectNoStrayRequests(emulator);
});
