import type { Outcome } from '../../../reminders/service.js';
import type { Delivery, Reminder } from '../../../reminders/store.js';
import type { CommandResult } from '../../command.js';
import { addExtras } from './extras.js';
import { reply, type RemindRequest } from './subcommand.js';

/** After `consultation` or `at`: wake the scheduler, then the optional event and calendar file. */
export async function created(
  outcome: Outcome<{ reminder: Reminder; deliveries: Delivery[] }>,
  extras: { event: boolean | undefined; calendar: boolean | undefined },
  { rt, guildId }: RemindRequest,
): Promise<CommandResult> {
  if (!outcome.ok) return reply(outcome);
  rt.scheduler.poke();
  const wanted = { event: extras.event ?? false, calendar: extras.calendar ?? false };
  if (!wanted.event && !wanted.calendar) return reply(outcome);
  const { lines, files } = await addExtras(rt, guildId, outcome.value.reminder, outcome.value.deliveries, wanted);
  return { message: [outcome.message, ...lines].join('\n'), files, ephemeral: true };
}
