import { editReminder, reminderChoices } from '../../../reminders/service.js';
import { ID_OPTION, reminderId, reply, subcommand, TEXT_CHANNELS } from './subcommand.js';

export default subcommand({
  name: 'edit',
  description: "Change a reminder's time, message or channel",
  options: {
    id: ID_OPTION,
    at: { kind: 'string', description: 'The new time', max: 100 },
    message: { kind: 'string', description: 'The new message', max: 1500 },
    channel: { kind: 'channel', description: 'The new channel', channelTypes: TEXT_CHANNELS },
  },
  execute: async (args, { rt, guildId, actor }) => {
    const outcome = await editReminder(rt.deps, {
      guildId,
      actor,
      id: reminderId(args.id),
      ...(args.at !== undefined ? { when: args.at } : {}),
      ...(args.message !== undefined ? { message: args.message } : {}),
      ...(args.channel !== undefined ? { channelId: args.channel } : {}),
    });
    if (outcome.ok) rt.scheduler.poke();
    return reply(outcome);
  },
  autocomplete: async (focused, typed, rt, guildId) =>
    focused === 'id' ? (await reminderChoices(rt.deps, guildId, typed)).map((c) => ({ name: c.name, value: String(c.value) })) : [],
});
