import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { SlashCommandBuilder } from 'discord.js';
import type { Command } from '../../src/discord/command.js';
import { commands } from '../../src/discord/commands/index.js';
import { privateOption } from '../../src/discord/options.js';
import { startBot, type RunningBot } from '../../src/main.js';
import { startEmulator, type Emulator } from './emulator.js';
import { captureLog, emulatorConfig, cleanUpAfter } from './helpers.js';

/** Handlers that fail or dawdle, run by the real router inside the real bot. */
const failing = (name: string, extra: Partial<Command> = {}): Command => ({
  data: new SlashCommandBuilder().setName(name).setDescription('fails on purpose').addBooleanOption(privateOption),
  execute: () => {
    throw new Error('database on fire');
  },
  ...extra,
});

const boom = failing('boom');
const boomDeferred = failing('boom-deferred', { defer: true });
const boomPrivate = failing('boom-private', { defer: true });
const slow: Command = {
  data: new SlashCommandBuilder().setName('slow').setDescription('takes its time'),
  execute: async () => {
    await sleep(2_300);
    return { message: 'done at last' };
  },
};
const brokenAutocomplete: Command = {
  data: new SlashCommandBuilder()
    .setName('broken-autocomplete')
    .setDescription('autocomplete fails')
    .addStringOption((o) => o.setName('thing').setDescription('thing').setAutocomplete(true)),
  execute: () => ({ message: 'ok' }),
  autocomplete: () => {
    throw new Error('index missing');
  },
};

let emulator: Emulator;
let bot: RunningBot;
const log = captureLog();
const extra = [boom, boomDeferred, boomPrivate, slow, brokenAutocomplete];

beforeAll(async () => {
  emulator = await startEmulator();
  bot = await startBot(emulatorConfig(emulator, { KNOWLEDGE_DIR: path.resolve(import.meta.dirname, '../../knowledge') }), {
    logger: log.logger,
    commands: [...commands, ...extra],
  });
  emulator.registerCommands([...commands, ...extra].map((c) => c.data.toJSON()));
});

cleanUpAfter(() => ({ bot, emulator }));

describe('when a handler fails', () => {
  it('tells the member in plain words, privately, and logs the error with the interaction id', async () => {
    const reply = await emulator.sendCommand('boom');
    expect(reply.messages).toHaveLength(1);
    const message = reply.messages[0]!;
    expect(message.ephemeral).toBe(true);
    expect(message.content).toMatch(/^Sorry — something went wrong on my side/);
    expect(message.content).toContain(reply.id);
    expect(message.content).not.toContain('database on fire');
    expect(message.allowedMentions).toEqual({ parse: [] });
    const entry = log.lines.find((l) => l.interactionId === reply.id && l.msg === 'command failed');
    expect(entry).toMatchObject({ level: 50, command: 'boom', err: { message: 'database on fire' } });
  });

  it('after a public deferral, replaces the "thinking…" message with a private error', async () => {
    const reply = await emulator.sendCommand('boom-deferred');
    expect(reply.callbackType).toBe(5);
    expect(reply.ephemeral).toBe(false);
    expect(reply.history.map((h) => h.kind)).toEqual(['callback', 'delete', 'followup']);
    expect(reply.messages).toHaveLength(1);
    expect(reply.messages[0]!.ephemeral).toBe(true);
    expect(reply.messages[0]!.content).toMatch(/something went wrong/);
    expect(log.lines.some((l) => l.interactionId === reply.id && l.level === 50)).toBe(true);
  });

  it('after a private deferral, edits the error into it', async () => {
    const reply = await emulator.sendCommand('boom-private', { private: true });
    expect(reply.history.map((h) => h.kind)).toEqual(['callback', 'edit']);
    expect(reply.messages[0]!.ephemeral).toBe(true);
    expect(reply.messages[0]!.content).toMatch(/something went wrong/);
  });

  it('answers autocomplete with no choices rather than leaving it hanging', async () => {
    expect(await emulator.sendAutocomplete('broken-autocomplete', 'thing', 'x')).toEqual([]);
    expect(log.lines.some((l) => l.msg === 'autocomplete failed' && l.command === 'broken-autocomplete')).toBe(true);
  });
});

describe('slow answers', () => {
  it('are deferred in time by the router even when the command did not ask for it', async () => {
    const reply = await emulator.sendCommand('slow');
    expect(reply.callbackType).toBe(5);
    expect(reply.messages[0]!.content).toBe('done at last');
  });
});

describe('a command Discord still lists but this version no longer has', () => {
  it('says so instead of failing silently', async () => {
    emulator.registerCommands([...commands, ...extra, failing('retired')].map((c) => c.data.toJSON()));
    const reply = await emulator.sendCommand('retired');
    expect(reply.messages[0]!.ephemeral).toBe(true);
    expect(reply.messages[0]!.content).toMatch(/npm run deploy-commands/);
  });
});
