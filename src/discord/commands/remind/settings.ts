import { configureGuild } from '../../../reminders/service.js';
import { reply, subcommand, TEXT_CHANNELS } from './subcommand.js';

export default subcommand({
  name: 'settings',
  description: 'Who may manage reminders, and where to report reminders that fail (Manage Events only)',
  options: {
    organiser_role: { kind: 'role', description: 'Members with this role may manage reminders' },
    fallback_channel: { kind: 'channel', description: 'Where to report reminders that could not be posted', channelTypes: TEXT_CHANNELS },
  },
  execute: async (args, { rt, guildId, actor }) =>
    reply(
      await configureGuild(rt.deps, {
        guildId,
        actor,
        ...(args.organiser_role !== undefined ? { organiserRoleId: args.organiser_role } : {}),
        ...(args.fallback_channel !== undefined ? { fallbackChannelId: args.fallback_channel } : {}),
      }),
    ),
});
