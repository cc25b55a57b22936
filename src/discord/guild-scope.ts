import { Events, type Client, type Guild } from 'discord.js';
import type { Logger } from '../log.js';

/**
 * With ALLOWED_GUILD_IDS set, the bot stays only in those servers: anyone can invite a public bot
 * to a server of their own, so it leaves any other, when invited (guild create) and at ready (for
 * servers it joined while it was offline).
 */
export function keepToAllowedGuilds(client: Client, allowed: readonly string[] | undefined, log: Logger): void {
  if (!allowed) return;
  const leave = (guild: Guild) => {
    if (allowed.includes(guild.id)) return;
    log.warn({ guildId: guild.id, guildName: guild.name }, 'leaving a server not in ALLOWED_GUILD_IDS');
    guild.leave().catch((err: unknown) => log.error({ err, guildId: guild.id }, 'could not leave a server not in ALLOWED_GUILD_IDS'));
  };
  client.on(Events.GuildCreate, leave);
  client.on(Events.ClientReady, (ready) => {
    for (const guild of ready.guilds.cache.values()) leave(guild);
  });
}
