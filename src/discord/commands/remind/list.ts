import { listReminders } from '../../../reminders/service.js';
import { reply, subcommand } from './subcommand.js';

export default subcommand({
  name: 'list',
  description: "This server's upcoming reminders",
  options: { page: { kind: 'integer', description: 'Page number', min: 1, max: 100 } },
  execute: (args, { rt, guildId }) => reply(listReminders(rt.deps, guildId, args.page ?? 1)),
});
