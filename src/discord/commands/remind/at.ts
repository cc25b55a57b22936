import { createAtReminder } from '../../../reminders/service.js';
import { created } from './create.js';
import { subcommand, TEXT_CHANNELS } from './subcommand.js';

export default subcommand({
  name: 'at',
  description: 'Post a message at a time, e.g. for a meeting or a protest',
  options: {
    at: { kind: 'string', description: 'e.g. "next tuesday 6pm", "15/12 17:00", "tomorrow 9am"', required: true, max: 100 },
    message: { kind: 'string', description: 'What to post', required: true, max: 1500 },
    channel: { kind: 'channel', description: 'Where to post', required: true, channelTypes: TEXT_CHANNELS },
    repeat: { kind: 'string', description: 'e.g. "weekly x4", "weekly until 31/12", "monthly 6 times"', max: 60 },
    event: { kind: 'boolean', description: 'Also create a Discord event at that time' },
    calendar: { kind: 'boolean', description: 'Also give me an .ics file for my calendar' },
  },
  execute: async (args, req) =>
    created(
      await createAtReminder(req.rt.deps, {
        guildId: req.guildId,
        actor: req.actor,
        when: args.at,
        message: args.message,
        channelId: args.channel,
        ...(args.repeat !== undefined ? { repeat: args.repeat } : {}),
      }),
      args,
      req,
    ),
});
