import { cancelReminder, reminderChoices } from '../../../reminders/service.js';
import { ID_OPTION, reminderId, reply, subcommand } from './subcommand.js';

export default subcommand({
  name: 'cancel',
  description: 'Cancel a reminder',
  options: { id: ID_OPTION },
  execute: async (args, { rt, guildId, actor }) => reply(await cancelReminder(rt.deps, { guildId, actor, id: reminderId(args.id) })),
  autocomplete: async (_focused, typed, rt, guildId) => (await reminderChoices(rt.deps, guildId, typed)).map((c) => ({ name: c.name, value: String(c.value) })),
});
