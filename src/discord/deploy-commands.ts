import { DiscordAPIError, REST, Routes, type RESTPutAPIApplicationCommandsResult } from 'discord.js';
import { loadConfigOrExit, type Config } from '../config.js';
import type { Command } from './command.js';
import { commands as allCommands } from './commands/index.js';
import kb from './commands/kb.js';
import { isEntryPoint } from './entry.js';

export type DeployConfig = Pick<Config, 'DISCORD_TOKEN' | 'DISCORD_APPLICATION_ID' | 'DISCORD_GUILD_ID' | 'DISCORD_API_BASE'> &
  Partial<Pick<Config, 'KB_GUILD_IDS'>>;

export interface DeployResult {
  scope: 'guild' | 'global';
  names: string[];
  /** Servers that got /kb as a server command because KB_GUILD_IDS names them. */
  kbGuilds: string[];
}

/**
 * Replaces the application's slash commands with exactly this list in one bulk overwrite, so a
 * command removed from the code disappears from Discord too. A guild deploy shows at once (for
 * development); a global one can take up to an hour to reach every server.
 */
export async function deployCommands(config: DeployConfig, commands: readonly Command[] = allCommands): Promise<DeployResult> {
  const rest = new REST(config.DISCORD_API_BASE ? { api: config.DISCORD_API_BASE } : {}).setToken(config.DISCORD_TOKEN);
  const app = config.DISCORD_APPLICATION_ID;
  // With KB_GUILD_IDS set, /kb is a server command of those servers only: no other server's admin
  // even sees it. (The bot refuses it elsewhere all the same.)
  const kbGuilds = config.KB_GUILD_IDS ?? [];
  const scoped = (c: Command) => kbGuilds.length > 0 && c.data.name === kb.data.name;
  const everywhere = commands.filter((c) => !scoped(c));
  const kbOnly = commands.filter(scoped);
  const put = async (route: `/${string}`, list: readonly Command[]) =>
    (await rest.put(route, { body: list.map((c) => c.data.toJSON()) })) as RESTPutAPIApplicationCommandsResult;

  const dev = config.DISCORD_GUILD_ID;
  const saved = dev
    ? await put(Routes.applicationGuildCommands(app, dev), kbGuilds.includes(dev) ? commands : everywhere)
    : await put(Routes.applicationCommands(app), everywhere);
  const others = kbOnly.length > 0 ? kbGuilds.filter((g) => g !== dev) : [];
  for (const guild of others) await put(Routes.applicationGuildCommands(app, guild), kbOnly);
  return { scope: dev ? 'guild' : 'global', names: saved.map((c) => c.name), kbGuilds: kbOnly.length > 0 ? kbGuilds : [] };
}

/** Turns the errors people actually hit into what to do about them. */
export function explainDeployError(error: unknown, config: DeployConfig): string {
  if (error instanceof DiscordAPIError || (error instanceof Error && 'status' in error)) {
    const status = (error as { status?: number }).status;
    if (status === 401) return 'Discord rejected DISCORD_TOKEN (401 Unauthorized). Reset the token in the Developer Portal → Bot → Reset Token and put the new one in .env.';
    if (status === 403 && config.KB_GUILD_IDS)
      return `Discord refused (403) to register commands in a server: invite the bot with the applications.commands scope to every server in KB_GUILD_IDS (${config.KB_GUILD_IDS.join(', ')})${config.DISCORD_GUILD_ID ? ` and DISCORD_GUILD_ID (${config.DISCORD_GUILD_ID})` : ''}, or correct the ids.`;
    if (status === 403 && config.DISCORD_GUILD_ID)
      return `Discord refused (403) to register commands in server ${config.DISCORD_GUILD_ID}: invite the bot to that server with the applications.commands scope, or check DISCORD_GUILD_ID.`;
    if (status === 404) return 'Discord does not know DISCORD_APPLICATION_ID (404); copy it again from the Developer Portal → General Information.';
    if (status === 400) return `Discord rejected the command definitions (400): ${error.message}`;
  }
  return `Could not deploy the commands: ${error instanceof Error ? error.message : String(error)}`;
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  try {
    const result = await deployCommands(config);
    const where =
      result.scope === 'guild'
        ? `to server ${config.DISCORD_GUILD_ID} (they show at once)`
        : 'globally (they can take up to an hour to show in every server)';
    console.log(`Deployed ${result.names.length} commands ${where}: ${result.names.map((n) => `/${n}`).join(' ')}`);
    if (result.kbGuilds.length > 0) console.log(`Deployed /kb to the knowledge-base servers only (KB_GUILD_IDS): ${result.kbGuilds.join(', ')}`);
  } catch (error) {
    console.error(explainDeployError(error, config));
    process.exit(1);
  }
}

if (isEntryPoint(import.meta.url)) await main();
