import { PermissionFlagsBits, type ButtonInteraction, type ChatInputCommandInteraction } from 'discord.js';

/** Who may change the knowledge base: the same checks for /kb and for its buttons (a draft's Save). */

/** Manage Guild, or the configured moderator role. */
export function isModerator(interaction: ChatInputCommandInteraction | ButtonInteraction, moderatorRoleId: string | undefined): boolean {
  if (!interaction.inGuild()) return false;
  if (interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild)) return true;
  if (!moderatorRoleId) return false;
  const roles = interaction.member.roles;
  return Array.isArray(roles) ? roles.includes(moderatorRoleId) : roles.cache.has(moderatorRoleId);
}

/**
 * Any server's admin can add a public bot to a server they own and pass the moderator check there,
 * so /kb answers only in the servers named by KB_GUILD_IDS: the union's own.
 */
export function kbRefusal(guildId: string | null, kbGuildIds: readonly string[] | undefined): string | null {
  if (!kbGuildIds) {
    return (
      '/kb is switched off: no server is trusted to keep the knowledge base yet. Whoever runs the bot sets ' +
      'KB_GUILD_IDS in .env to the id of the union’s server (several ids separated by commas) and restarts it.'
    );
  }
  if (!guildId || !kbGuildIds.includes(guildId)) {
    return 'The knowledge base is kept from the union’s own server only, so /kb does not work in this server. Members can still use every other command here.';
  }
  return null;
}

export const NOT_A_MODERATOR = 'Only moderators can manage the knowledge base (Manage Server permission or the moderator role).';
export const NO_KEEPER = 'Knowledge management is not switched on in this bot: the knowledge folder is not being watched.';
