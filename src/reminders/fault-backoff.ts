import { dbFaultOf, faultPhrase } from './db-faults.js';
import type { SchedulerLog } from './scheduler.js';

/**
 * How the delivery loop lives through a failing database. One fault episode is reported once, when
 * it starts, and once more when the database works again; every failed look in between only waits
 * longer (doubling, up to `maxMs`). A fault never ends the loop: deliveries stay in the file and go
 * out once it can be read again.
 */
export function createFaultBackoff(opts: { log: SchedulerLog; now: () => number; file: string; baseMs: number; maxMs: number }) {
  let episode: { since: number; failures: number } | null = null;

  /** Records a failed look and returns how long to wait before the next. */
  function failed(err: unknown): number {
    const kind = dbFaultOf(err);
    if (!episode) {
      episode = { since: opts.now(), failures: 0 };
      opts.log.error(
        { err: String(err), fault: kind, file: opts.file },
        `reminders database unavailable${kind ? `: ${faultPhrase(kind, err)}` : ''}; deliveries wait and are retried`,
      );
    }
    episode.failures += 1;
    return Math.min(opts.maxMs, opts.baseMs * 2 ** (episode.failures - 1));
  }

  /** A look succeeded: ends the episode, if there was one, with one line. */
  function recovered(): void {
    if (!episode) return;
    opts.log.info({ failures: episode.failures, downMs: opts.now() - episode.since, file: opts.file }, 'reminders database usable again');
    episode = null;
  }

  return { failed, recovered };
}
