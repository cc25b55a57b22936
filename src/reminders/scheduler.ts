import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Poster } from './poster.js';
import { dbFaultOf } from './db-faults.js';
import { createDelivery, silentLog, systemClock, type Clock, type SchedulerLog, type TickReport } from './deliver.js';
import { createFaultBackoff } from './fault-backoff.js';
import type { Store } from './store.js';

export { NONCE_MEMORY_MS, silentLog, systemClock, type Clock, type SchedulerLog, type TickReport } from './deliver.js';

/**
 * The delivery loop (posting one claimed reminder is deliver.ts). One loop polls the store; there is
 * no timer per reminder (Node fires timers longer than 24.8 days at once, and timers do not survive a
 * restart anyway). A delivery is claimed
 * with a lease before posting, and posted with its stable nonce, so a crash, a hung request or a
 * second scheduler on the same file can at worst repeat a request, which Discord then answers with
 * the message it already has.
 */

export interface SchedulerOptions {
  store: Store;
  poster: Poster;
  clock?: Clock;
  /** Identifies this process in leases; unique per start so a restarted process never trusts an old lease. */
  owner?: string;
  /** How long a claim stays ours; must exceed one request's timeout. */
  leaseMs?: number;
  /** Longest sleep between looks at the store. */
  pollMs?: number;
  /** A post going out this long after it was due carries a "late" note. */
  lateAfterMs?: number;
  /** Transient failures in a row before giving up on a delivery. */
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Reminders handled per tick, so one tick cannot run for ever. */
  maxPerTick?: number;
  /** After the database fails (locked, corrupt, gone), the first wait before trying again; doubles up to the max. */
  faultBackoffBaseMs?: number;
  faultBackoffMaxMs?: number;
  /** Called once when Discord rejects the token (401): nothing more can be posted until a restart with a new one. */
  onUnauthorized?: (error: string) => void;
  log?: SchedulerLog;
  /** Told of every post that went out (on time or late) and every delivery that failed for good (`/metrics`). */
  onOutcome?: (outcome: 'posted' | 'late' | 'failed') => void;
}

export type Scheduler = ReturnType<typeof createScheduler>;

export function createScheduler(opts: SchedulerOptions) {
  const store = opts.store;
  const clock = opts.clock ?? systemClock;
  const owner = opts.owner ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const leaseMs = opts.leaseMs ?? 60_000;
  const pollMs = opts.pollMs ?? 5_000;
  const maxPerTick = opts.maxPerTick ?? 50;
  const faultBackoffBaseMs = opts.faultBackoffBaseMs ?? 1_000;
  const faultBackoffMaxMs = opts.faultBackoffMaxMs ?? 60_000;
  const log = opts.log ?? silentLog;
  const delivery = createDelivery({
    store,
    poster: opts.poster,
    clock,
    owner,
    lateAfterMs: opts.lateAfterMs ?? 2 * 60_000,
    maxAttempts: opts.maxAttempts ?? 12,
    backoffBaseMs: opts.backoffBaseMs ?? 5_000,
    backoffMaxMs: opts.backoffMaxMs ?? 10 * 60_000,
    log,
    onUnauthorized: opts.onUnauthorized,
    onOutcome: opts.onOutcome,
  });
  const unauthorized = delivery.unauthorizedError;

  /**
   * Posts whatever is due now. Safe to call from several processes at once. Throws when the
   * database fails, so the loop can back off; an error posting one reminder does not stop the rest.
   */
  async function tick(): Promise<TickReport> {
    const report: TickReport = { posted: 0, retried: 0, failed: 0, skipped: 0 };
    // One reminder per claim keeps each lease short: a lease is taken just before its post.
    for (let i = 0; i < maxPerTick && !unauthorized(); i++) {
      const [group] = await store.claimDue(owner, clock.now(), leaseMs, 1);
      if (!group) break;
      try {
        await delivery.handle(group, report);
      } catch (err) {
        // The lease will lapse and the delivery be retried under the same nonce.
        if (dbFaultOf(err)) throw err;
        log.error({ reminderId: group.reminder.id, err: String(err) }, 'unexpected error while delivering a reminder');
      }
    }
    return report;
  }

  let running = false;
  // Real time, not the clock: the health check asks whether this loop is alive.
  let tickedAt: number | null = null;
  let wake: (() => void) | null = null;
  let loop: Promise<void> | null = null;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(t);
        resolve();
      };
    }).finally(() => {
      wake = null;
    });

  const faults = createFaultBackoff({ log, now: () => clock.now(), file: store.location, baseMs: faultBackoffBaseMs, maxMs: faultBackoffMaxMs });

  /** Starts the loop once; later calls return the same loop. */
  function start(): Promise<void> {
    if (loop) return loop;
    running = true;
    loop = (async () => {
      while (running) {
        let wait: number;
        try {
          await tick();
          const next = unauthorized() ? null : await store.nextWakeMs();
          faults.recovered();
          tickedAt = Date.now();
          wait = Math.max(50, Math.min(pollMs, next === null ? pollMs : next - clock.now()));
        } catch (err) {
          wait = faults.failed(err);
        }
        if (!running) break;
        await sleep(wait);
      }
    })();
    return loop;
  }

  /** Stops after the current post; resolves when the loop has ended. */
  async function stop(): Promise<void> {
    running = false;
    wake?.();
    await loop;
    loop = null;
  }

  /** Looks at the store now rather than at the next poll (e.g. after a reminder was created). */
  function poke(): void {
    wake?.();
  }

  /** When the loop last finished a look at the store (ms since the epoch), or null before the first. */
  const lastTickAt = () => tickedAt;

  return { owner, tick, start, stop, poke, lastTickAt, pollMs };
}
