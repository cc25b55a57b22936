import { PermissionFlagsBits, type ChatInputCommandInteraction } from 'discord.js';

/** What the bot needs in a channel to post reminders there. */
const NEEDED = [
  [PermissionFlagsBits.ViewChannel, 'View Channel'],
  [PermissionFlagsBits.SendMessages, 'Send Messages'],
  [PermissionFlagsBits.EmbedLinks, 'Embed Links'],
] as const;

const list = (names: string[]) => (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);

/**
 * Why the bot could not post in `channelId`, or null when it can: checked when a reminder is made,
 * so the organiser hears it now rather than the reminder failing at its due time. The channel must
 * be one of this server's (from the server the bot was sent with the interaction), and the bot's
 * permissions there, overwrites included, must allow viewing, sending and embeds.
 */
export async function whyCannotPostIn(interaction: ChatInputCommandInteraction, channelId: string): Promise<string | null> {
  const guild = interaction.guild;
  const channel = guild?.channels.cache.get(channelId);
  if (!guild || !channel || channel.guildId !== interaction.guildId) {
    return 'That channel is not in this server. Reminders are posted in this server’s own channels: pick one of them.';
  }
  const me = guild.members.me ?? (await guild.members.fetchMe().catch(() => null));
  // Without its own member the bot cannot work out its permissions; the due-time check still reports a failure.
  if (!me) return null;
  const permissions = channel.permissionsFor(me);
  // In a thread, Send Messages in Threads is what lets the bot post.
  const needed = channel.isThread() ? NEEDED.map(([flag, name]): readonly [bigint, string] => (flag === PermissionFlagsBits.SendMessages ? [PermissionFlagsBits.SendMessagesInThreads, 'Send Messages in Threads'] : [flag, name])) : NEEDED;
  const missing = needed.filter(([flag]) => !permissions.has(flag)).map(([, name]) => name);
  if (missing.length === 0) return null;
  return (
    `I cannot post reminders in <#${channel.id}>: I am missing ${list(missing)} there. ` +
    `Ask a server admin to allow cutsbot ${list(missing)} in that channel’s permissions, or pick another channel. Nothing was saved.`
  );
}
