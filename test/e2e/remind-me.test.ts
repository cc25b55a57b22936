import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../src/discord/commands/index.js';
import { createRemindCommand } from '../../src/discord/commands/remind.js';
import { startBot, type RunningBot } from '../../src/main.js';
import { startReminders, type ReminderRuntime } from '../../src/reminders/runtime.js';
import { startEmulator, type Emulator, type SentMessage } from './emulator.js';
import { captureLog, emulatorConfig, expectNoStrayRequests, onlyMessage } from './helpers.js';

/** "Remind me": a member's own direct messages 7 days and 1 day before a consultation closes. */

const DAY = 86_400_000;
const MEMBER = { id: '500000000000000001' };
const CLOSED = { id: '500000000000000002' };
const THIRD = { id: '500000000000000003' };
const ORGANISER = { id: '500000000000000009' };
const BASE = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.UseApplicationCommands;
const TITLE = 'Pagetown day care consultation';

let now = Math.floor(Date.now() / 60_000) * 60_000;
const closesMs = now + 30 * DAY;
let emulator: Emulator;
let runtime: ReminderRuntime;
let bot: RunningBot;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cutsbot-remind-me-'));
  const knowledge = join(dir, 'knowledge');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(knowledge);
  writeFileSync(
    join(knowledge, 'pagetown-day-care.md'),
    [
      '---',
      'id: pagetown-day-care',
      'title: Pagetown asks about its day care centres',
      'council: Pagetown Council',
      'places: [Pagetown]',
      'consultations:',
      `  - { title: ${TITLE}, closes: "${new Date(closesMs).toISOString().replace(/\.\d{3}Z$/, '+00:00')}", url: "https://example.org/pagetown" }`,
      '---',
      '',
      'Pagetown Council has opened a consultation on closing two day care centres.',
      '',
    ].join('\n'),
  );
  emulator = await startEmulator();
  const log = captureLog();
  const config = emulatorConfig(emulator, { DATA_DIR: dir, KNOWLEDGE_DIR: knowledge });
  let consultations: () => readonly import('../../src/knowledge/knowledge-base.js').ConsultationEntry[] = () => [];
  runtime = await startReminders({ config, log: log.logger, consultations: () => consultations(), clock: { now: () => now }, deliver: false });
  const remind = createRemindCommand();
  const all = [...commands.filter((c) => c.data.name !== 'remind'), remind];
  bot = await startBot(config, { commands: all, logger: log.logger, reminders: runtime });
  consultations = () => bot.knowledge.current().consultations;
  emulator.registerCommands(all.map((c) => c.data.toJSON()));
});

afterAll(async () => {
  await bot?.stop();
  await runtime?.stop();
  await emulator?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// The one request Discord refuses here is the direct message to the member who closed them (50007).
afterEach(() =>
  expectNoStrayRequests({ ...emulator, rejectedRequests: emulator.rejectedRequests.filter((r) => (r.error as { code?: number } | undefined)?.code !== 50007) }),
);

const remindButton = (m: SentMessage) =>
  (m.components as { components: { label: string; custom_id: string }[] }[]).flatMap((r) => r.components).find((b) => b.label.startsWith('Remind me'))!;
const t = (ms: number) => `<t:${Math.floor(ms / 1000)}:F>`;
let consultations: SentMessage;

describe('Remind me on /consultations', () => {
  it('DMs a confirmation at once and saves direct messages 7 days and 1 day before the deadline', async () => {
    consultations = onlyMessage(await emulator.sendCommand('consultations', {}, { user: MEMBER }));
    const button = remindButton(consultations);
    expect(button.label).toBe(`Remind me: ${TITLE}`);
    const reply = onlyMessage(await emulator.pressButton(consultations, button.custom_id, { user: MEMBER }));
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain(`${t(closesMs - 7 * DAY)} and ${t(closesMs - DAY)}`);
    expect(emulator.directMessages(MEMBER.id).map((m) => m.content)).toEqual([`I will remind you here 7 days and 1 day before ${TITLE} closes (${t(closesMs)}).`]);
    const again = onlyMessage(await emulator.pressButton(consultations, button.custom_id, { user: MEMBER }));
    expect(again.content).toContain('You already have a reminder');
    const mine = onlyMessage(await emulator.sendCommand('remind mine', {}, { user: MEMBER, permissions: BASE }));
    expect(mine.content).toContain(TITLE);
  });

  it('a member with closed DMs is told privately in the channel, and nothing is saved', async () => {
    emulator.closeDms(CLOSED.id);
    const reply = onlyMessage(await emulator.pressButton(consultations, remindButton(consultations).custom_id, { user: CLOSED }));
    expect(emulator.rejectedRequests.map((r) => (r.error as { code?: number }).code)).toEqual([50007]);
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain('I cannot send you direct messages');
    expect(reply.content).toContain('Nothing was saved');
    expect(onlyMessage(await emulator.sendCommand('remind mine', {}, { user: CLOSED, permissions: BASE })).content).toMatch(/^You have no Remind me reminders/);
  });

  it('while the reminders database is locked: told plainly that nothing changed, and no direct message promises anything', async () => {
    const locked = { id: '500000000000000005' };
    const other = new Database(runtime.store.location);
    other.exec('BEGIN IMMEDIATE');
    try {
      const reply = onlyMessage(await emulator.pressButton(consultations, remindButton(consultations).custom_id, { user: locked }));
      expect(reply.ephemeral).toBe(true);
      expect(reply.content).toContain('another process has it locked), so nothing was read or changed. Try again in a minute.');
      expect(emulator.directMessages(locked.id)).toEqual([]);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    const after = onlyMessage(await emulator.pressButton(consultations, remindButton(consultations).custom_id, { user: locked }));
    expect(after.content).toMatch(/^Done: I will message you/);
    expect(emulator.directMessages(locked.id)).toHaveLength(1);
    // Cancelled again, so the deliveries counted below are the other members' only.
    const listed = onlyMessage(await emulator.sendCommand('remind mine', {}, { user: locked, permissions: BASE })).content;
    const id = /\*\*(\d+)\.\*\*/.exec(listed)![1]!;
    expect(onlyMessage(await emulator.sendCommand('remind mine', { cancel: id }, { user: locked, permissions: BASE })).content).toContain(`Reminder ${id} cancelled`);
  });

  it('sends each direct message once when due, and none after /remind mine cancel', async () => {
    onlyMessage(await emulator.pressButton(consultations, remindButton(consultations).custom_id, { user: THIRD }));
    const listed = onlyMessage(await emulator.sendCommand('remind mine', {}, { user: THIRD, permissions: BASE })).content;
    const id = /\*\*(\d+)\.\*\*/.exec(listed)![1]!;
    expect(onlyMessage(await emulator.sendCommand('remind mine', { cancel: id }, { user: THIRD, permissions: BASE })).content).toContain(`Reminder ${id} cancelled`);

    now = closesMs - 7 * DAY + 1_000;
    expect(await runtime.tickPersonal()).toBe(1);
    expect(await runtime.tickPersonal()).toBe(0);
    const dms = emulator.directMessages(MEMBER.id);
    expect(dms).toHaveLength(2);
    expect(dms[1]!.content).toContain(`Consultation closes <t:${Math.floor(closesMs / 1000)}:R>:** ${TITLE}`);
    expect(dms[1]!.allowedMentions).toEqual({ parse: [] });
    now = closesMs - DAY + 1_000;
    expect(await runtime.tickPersonal()).toBe(1);
    expect(emulator.directMessages(MEMBER.id)).toHaveLength(3);
    // The cancelled member got only the confirmation.
    expect(emulator.directMessages(THIRD.id)).toHaveLength(1);
  });
});

describe('Remind me on reminder posts', () => {
  it('a consultation reminder post carries the button, and it works there too', async () => {
    now = closesMs - 10 * DAY;
    const key = bot.knowledge.current().consultations[0]!.key;
    const made = await emulator.sendCommand(
      'remind consultation',
      { consultation: key, channel: { type: 7, value: emulator.channelId }, lead: '3d' },
      { user: ORGANISER, permissions: BASE | PermissionFlagsBits.ManageEvents },
    );
    expect(onlyMessage(made).content).toContain('Consultation reminder');
    now = closesMs - 3 * DAY + 1_000;
    await runtime.scheduler.tick();
    const post = emulator.channelMessages(emulator.channelId).at(-1)!;
    expect(post.content).toContain(TITLE);
    const reply = onlyMessage(await emulator.pressButton(post, remindButton(post).custom_id, { user: { id: '500000000000000004' } }));
    // Only the 1-day message is still ahead.
    expect(reply.content).toContain(`Done: I will message you ${t(closesMs - DAY)}, before`);
  });
});
