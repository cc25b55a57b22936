import { listReminders } from '../../../reminders/service.js';
import { reply, subcommand } from './subcommand.js';

/** The listing name its page buttons carry (button-router.ts turns the pages). */
export const REMIND_LIST = 'remind-list';

export default subcommand({
  name: 'list',
  description: "This server's upcoming reminders",
  options: { page: { kind: 'integer', description: 'Page number', min: 1, max: 100 } },
  execute: async (args, { rt, guildId }) => {
    const page = args.page ?? 1;
    const outcome = await listReminders(rt.deps, guildId, page);
    return outcome.ok ? { ...reply(outcome), pager: { listing: REMIND_LIST, page, count: outcome.value.pages } } : reply(outcome);
  },
});
