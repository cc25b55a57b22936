import { Client, GatewayIntentBits } from 'discord.js';
import type { Config } from '../config.js';

/**
 * The discord.js client. Slash commands arrive over the gateway with only the Guilds intent; the
 * bot reads no messages and needs no privileged intent.
 */
export function createClient(config: Pick<Config, 'DISCORD_API_BASE'>): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    // No message the bot sends may ping anyone, even if a code path forgets to say so.
    allowedMentions: { parse: [] },
    ...(config.DISCORD_API_BASE ? { rest: { api: config.DISCORD_API_BASE } } : {}),
  });
}
