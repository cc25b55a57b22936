import { dbFaultOf } from '../reminders/db-faults.js';
import { UserFacingError, type Command } from './command.js';

/**
 * A reminders database that is locked, broken or read-only fails the command fast (the store's
 * busy timeout is short) and the member is told plainly that nothing changed, not given an error id.
 * /remind, /follow and the Remind me button all keep their data there, so they all say the same.
 */
export function storeFaultMessage(err: unknown): string | null {
  const fault = dbFaultOf(err);
  if (!fault) return null;
  return fault === 'locked'
    ? 'The reminders database is busy (another process has it locked), so nothing was read or changed. Try again in a minute.'
    : 'The reminders database cannot be used right now, so nothing was read or changed. Whoever runs the bot can see why in its log; try again later.';
}

/** The command, with store faults turned into `storeFaultMessage` and autocomplete offering nothing meanwhile. */
export function withStoreFaults(command: Command): Command {
  const explain = (err: unknown): never => {
    const message = storeFaultMessage(err);
    throw message ? new UserFacingError(message) : err;
  };
  return {
    ...command,
    execute: (interaction, ctx) => Promise.resolve(command.execute(interaction, ctx)).catch(explain),
    ...(command.autocomplete
      ? {
          autocomplete: (interaction, ctx) =>
            Promise.resolve()
              .then(() => command.autocomplete!(interaction, ctx))
              .catch((err: unknown) => (dbFaultOf(err) ? [] : Promise.reject(err))),
        }
      : {}),
  };
}
