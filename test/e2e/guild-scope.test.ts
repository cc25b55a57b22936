import path from 'node:path';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { vi } from 'vitest';
import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '../../src/discord/commands/index.js';
import { startBot, type RunningBot } from '../../src/main.js';
import { snowflake, startEmulator, type Emulator } from './emulator.js';
import { captureLog, emulatorConfig, expectNoStrayRequests, onlyMessage, visibleText } from './helpers.js';
import { runScript } from './process.js';

/**
 * Which servers the bot serves: /kb only where KB_GUILD_IDS says, nowhere when it is unset, and
 * with ALLOWED_GUILD_IDS the bot leaves every other server. The real bot against the emulator.
 */

const KNOWLEDGE = path.resolve(import.meta.dirname, '../../knowledge');
const ADMIN = { permissions: PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.ManageGuild | PermissionFlagsBits.Administrator };

let emulator: Emulator | null = null;
let bot: RunningBot | null = null;
afterEach(async () => {
  await bot?.stop();
  await emulator?.close();
  bot = null;
  emulator = null;
});

describe('/kb without KB_GUILD_IDS', () => {
  it('is refused in every server, saying how to switch it on', async () => {
    emulator = await startEmulator();
    bot = await startBot(emulatorConfig(emulator, { KNOWLEDGE_DIR: KNOWLEDGE }), { logger: captureLog().logger });
    emulator.registerCommands(commands.map((c) => c.data.toJSON()));
    const reply = onlyMessage(await emulator.sendCommand('kb status', {}, ADMIN));
    expect(reply.ephemeral).toBe(true);
    const text = visibleText(reply);
    expect(text).toContain('/kb is switched off');
    expect(text).toContain('KB_GUILD_IDS');
    expect(text).not.toContain('Knowledge base**');
    expectNoStrayRequests(emulator);
  });
});

describe('ALLOWED_GUILD_IDS', () => {
  it('leaves servers outside the list at ready and when invited to one, and stays in its own', async () => {
    const home = snowflake();
    const stranger = snowflake();
    emulator = await startEmulator({ guilds: [{ id: home }, { id: stranger }] });
    const log = captureLog();
    bot = await startBot(emulatorConfig(emulator, { KNOWLEDGE_DIR: KNOWLEDGE, ALLOWED_GUILD_IDS: home }), { logger: log.logger });
    await vi.waitFor(() => expect(emulator!.guildIds()).toEqual([home]), { timeout: 5_000, interval: 20 });
    const invitedTo = emulator.joinGuild({ name: 'Invited by a stranger' });
    await vi.waitFor(() => expect(emulator!.guildIds()).toEqual([home]), { timeout: 5_000, interval: 20 });
    expect(emulator.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([`/users/@me/guilds/${stranger}`, `/users/@me/guilds/${invitedTo}`]);
    expect(log.lines.filter((l) => l.msg === 'leaving a server not in ALLOWED_GUILD_IDS')).toHaveLength(2);
    expectNoStrayRequests(emulator);
  });

  it('stays in every server when unset', async () => {
    emulator = await startEmulator({ guilds: [{}, {}] });
    bot = await startBot(emulatorConfig(emulator, { KNOWLEDGE_DIR: KNOWLEDGE }), { logger: captureLog().logger });
    emulator.joinGuild();
    await new Promise((r) => setTimeout(r, 200));
    expect(emulator.guildIds()).toHaveLength(3);
    expect(emulator.requests.filter((r) => r.method === 'DELETE')).toEqual([]);
  });
});

describe('deploy-commands with KB_GUILD_IDS', () => {
  it('registers /kb only in the knowledge-base servers and everything else globally', async () => {
    const kbGuild = snowflake();
    emulator = await startEmulator({ guilds: [{}, { id: kbGuild }] });
    const child = runScript('src/discord/deploy-commands.ts', {
      DISCORD_TOKEN: emulator.token,
      DISCORD_APPLICATION_ID: emulator.applicationId,
      DISCORD_API_BASE: emulator.apiBase,
      KB_GUILD_IDS: kbGuild,
    });
    expect(await child.exited).toBe(0);
    const names = commands.map((c) => c.data.name);
    expect(emulator.commands.get('global')?.map((c) => c.name)).toEqual(names.filter((n) => n !== 'kb'));
    expect(emulator.commands.get(kbGuild)?.map((c) => c.name)).toEqual(['kb']);
    expect(emulator.commands.get(emulator.guildId)).toBeUndefined();
    expect(child.output()).toContain(`Deployed /kb to the knowledge-base servers only (KB_GUILD_IDS): ${kbGuild}`);
    expectNoStrayRequests(emulator);
  });

  it('says which setting to fix when the bot is not in a knowledge-base server', async () => {
    emulator = await startEmulator();
    const notJoined = snowflake();
    const child = runScript('src/discord/deploy-commands.ts', {
      DISCORD_TOKEN: emulator.token,
      DISCORD_APPLICATION_ID: emulator.applicationId,
      DISCORD_API_BASE: emulator.apiBase,
      KB_GUILD_IDS: notJoined,
    });
    expect(await child.exited).toBe(1);
    expect(child.output()).toContain(`every server in KB_GUILD_IDS (${notJoined})`);
  });
});

