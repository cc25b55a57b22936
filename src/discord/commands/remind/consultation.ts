import { consultationChoices, createConsultationReminder } from '../../../reminders/service.js';
import { created } from './create.js';
import { subcommand, TEXT_CHANNELS } from './subcommand.js';

export default subcommand({
  name: 'consultation',
  description: 'Remind a channel before a consultation closes (7 days, 1 day and at the deadline)',
  options: {
    consultation: { kind: 'string', description: 'Start typing a council or title', required: true, autocomplete: true, max: 100 },
    channel: { kind: 'channel', description: 'Where to post', required: true, channelTypes: TEXT_CHANNELS },
    lead: { kind: 'string', description: 'When to post, e.g. "7d, 1d, 0" (0 = at the deadline)', max: 60 },
    role: { kind: 'role', description: 'A role to mention in each post' },
    event: { kind: 'boolean', description: 'Also create a Discord event for the deadline' },
    calendar: { kind: 'boolean', description: 'Also give me an .ics file for my calendar' },
  },
  execute: async (args, req) =>
    created(
      await createConsultationReminder(req.rt.deps, {
        guildId: req.guildId,
        actor: req.actor,
        consultationKey: args.consultation,
        channelId: args.channel,
        ...(args.lead !== undefined ? { leads: args.lead } : {}),
        ...(args.role !== undefined ? { roleId: args.role } : {}),
      }),
      args,
      req,
    ),
  autocomplete: (focused, typed, rt) => (focused === 'consultation' ? consultationChoices(rt.deps, typed) : []),
});
