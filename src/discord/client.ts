import { Client, GatewayIntentBits, type ClientOptions } from 'discord.js';
import type { Config } from '../config.js';

/**
 * The discord.js client. Slash commands arrive over the gateway with only the Guilds intent; the
 * bot reads no messages and needs no privileged intent.
 */
export function createClient(config: Pick<Config, 'DISCORD_API_BASE'> & Partial<Pick<Config, 'SHARD_COUNT' | 'SHARD_IDS'>>): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds],
    // No message the bot sends may ping anyone, even if a code path forgets to say so.
    allowedMentions: { parse: [] },
    ...(config.DISCORD_API_BASE ? { rest: { api: config.DISCORD_API_BASE } } : {}),
    ...shardOptions(config),
  });
}

/**
 * Sharding across processes: each runs the shards SHARD_IDS names out of SHARD_COUNT (all of them
 * when SHARD_IDS is unset). Reminders need no shard of their own: they are posted over REST, and the
 * shared store's claims make exactly one process post each, whichever shards it runs.
 */
export function shardOptions(config: Partial<Pick<Config, 'SHARD_COUNT' | 'SHARD_IDS'>>): Pick<ClientOptions, 'shards' | 'shardCount'> {
  if (config.SHARD_COUNT === undefined) return {};
  const all = Array.from({ length: config.SHARD_COUNT }, (_, i) => i);
  return { shardCount: config.SHARD_COUNT, shards: config.SHARD_IDS ?? all };
}
