import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { commands } from '../../src/discord/commands/index.js';
import { startBot, type RunningBot } from '../../src/main.js';
import { startReminders, type ReminderRuntime } from '../../src/reminders/runtime.js';
import { startEmulator, type Emulator } from './emulator.js';
import { captureLog, emulatorConfig, expectNoStrayRequests, onlyMessage, visibleText } from './helpers.js';

/**
 * Faults on Discord's side while the bot runs: the connection drops, Discord asks the bot to
 * reconnect (op 7) or drops its session (op 9), or the gateway is down for a while. The real bot and
 * discord.js against the emulator, whose sessions resume with replay as Discord's do.
 */

const KNOWLEDGE = path.resolve(import.meta.dirname, '../../knowledge');
const ORGANISER = { user: { id: '400000000000000001' }, permissions: PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.ManageEvents };

let emulator: Emulator | null = null;
let bot: RunningBot | null = null;
let runtime: ReminderRuntime | null = null;
let release: (() => void) | null = null;
const dirs: string[] = [];

afterEach(async () => {
  release?.();
  await bot?.stop();
  await runtime?.stop();
  await emulator?.close();
  bot = null;
  runtime = null;
  emulator = null;
  release = null;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function setup(withReminders?: { now: () => number }) {
  emulator = await startEmulator();
  const log = captureLog();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cutsbot-faults-'));
  dirs.push(dataDir);
  const config = emulatorConfig(emulator, { KNOWLEDGE_DIR: KNOWLEDGE, DATA_DIR: dataDir });
  if (withReminders) {
    runtime = await startReminders({ config, log: log.logger, consultations: () => [], clock: withReminders, pollMs: 25 });
  }
  bot = await startBot(config, { logger: log.logger, ...(runtime ? { reminders: runtime } : {}) });
  emulator.registerCommands(commands.map((c) => c.data.toJSON()));
  return { emulator, log };
}

const answersCuts = async (emulator: Emulator) => {
  const text = visibleText(onlyMessage(await emulator.sendCommand('cuts', { place: 'birmingham' }, { user: { id: String(BigInt('500000000000000000') + BigInt(Math.floor(Math.random() * 1e9))) } })));
  expect(text).toContain('Care cuts in Birmingham');
};

describe('gateway faults', () => {
  it('resumes after the connection drops mid-session and answers what arrived meanwhile', async () => {
    const { emulator } = await setup();
    await answersCuts(emulator);
    emulator.dropConnections();
    // Sent while the bot is disconnected: Discord keeps it for the session and replays it on RESUME.
    await answersCuts(emulator);
    expect(emulator.resumes).toHaveLength(1);
    expect(emulator.identifies).toHaveLength(1);
    expect(emulator.sessions()).toBe(1);
    await answersCuts(emulator);
    expectNoStrayRequests(emulator);
  });

  it('reconnects and resumes when Discord sends op 7, and identifies afresh after op 9', async () => {
    const { emulator } = await setup();
    emulator.requestReconnect();
    await vi.waitFor(() => expect(emulator.resumes).toHaveLength(1), { timeout: 10_000, interval: 25 });
    await answersCuts(emulator);
    emulator.invalidateSessions(false);
    await vi.waitFor(() => expect(emulator.identifies).toHaveLength(2), { timeout: 15_000, interval: 25 });
    await vi.waitFor(() => expect(emulator.sessions()).toBe(1), { timeout: 5_000, interval: 25 });
    await answersCuts(emulator);
    expectNoStrayRequests(emulator);
  }, 30_000);

  it('posts a due reminder while the gateway is down, and answers again once it is back', async () => {
    let now = Date.parse('2026-11-23T10:00:00Z');
    const { emulator } = await setup({ now: () => now });
    const created = await emulator.sendCommand('remind at', { at: 'tomorrow 9am', message: 'Picket at the town hall', channel: { type: 7, value: emulator.channelId } }, ORGANISER);
    expect(created.messages[0]!.content).toContain('Reminder **#1** set');
    release = emulator.holdGateway();
    await vi.waitFor(() => expect(emulator.sessions()).toBe(0), { timeout: 5_000, interval: 10 });
    now = Date.parse('2026-11-24T09:00:00Z');
    await vi.waitFor(() => expect(emulator.channelMessages(emulator.channelId)).toHaveLength(1), { timeout: 5_000, interval: 25 });
    expect(emulator.sessions()).toBe(0);
    expect(emulator.channelMessages(emulator.channelId)[0]!.content).toMatch(/^⏰ \*\*Reminder:\*\* Picket at the town hall\n-# Reminder #1 · [\w-]+$/);
    release();
    await vi.waitFor(() => expect(emulator.sessions()).toBe(1), { timeout: 20_000, interval: 50 });
    await answersCuts(emulator);
    expectNoStrayRequests(emulator);
  }, 40_000);
});
