import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Poster, PostResult } from './poster.js';
import { dbFaultOf } from './db-faults.js';
import { createFaultBackoff } from './fault-backoff.js';
import { postMarker, renderFailureNote, renderPost } from './render.js';
import type { ClaimedGroup, Delivery, Store } from './store.js';

/**
 * The delivery loop. One loop polls the store; there is no timer per reminder (Node fires timers
 * longer than 24.8 days at once, and timers do not survive a restart anyway). A delivery is claimed
 * with a lease before posting, and posted with its stable nonce, so a crash, a hung request or a
 * second scheduler on the same file can at worst repeat a request, which Discord then answers with
 * the message it already has.
 */

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/**
 * How long Discord can be trusted to remember a nonce. It promises "the past few minutes"; a minute
 * leaves a margin, and looking in the channel after that costs one request on a rare path.
 */
export const NONCE_MEMORY_MS = 60_000;

export interface SchedulerLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLog: SchedulerLog = { info() {}, warn() {}, error() {} };

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

export interface TickReport {
  posted: number;
  retried: number;
  failed: number;
  skipped: number;
}

export type Scheduler = ReturnType<typeof createScheduler>;

export function createScheduler(opts: SchedulerOptions) {
  const store = opts.store;
  const poster = opts.poster;
  const clock = opts.clock ?? systemClock;
  const owner = opts.owner ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const leaseMs = opts.leaseMs ?? 60_000;
  const pollMs = opts.pollMs ?? 5_000;
  const lateAfterMs = opts.lateAfterMs ?? 2 * 60_000;
  const maxAttempts = opts.maxAttempts ?? 12;
  const backoffBaseMs = opts.backoffBaseMs ?? 5_000;
  const backoffMaxMs = opts.backoffMaxMs ?? 10 * 60_000;
  const maxPerTick = opts.maxPerTick ?? 50;
  const faultBackoffBaseMs = opts.faultBackoffBaseMs ?? 1_000;
  const faultBackoffMaxMs = opts.faultBackoffMaxMs ?? 60_000;
  const log = opts.log ?? silentLog;
  let unauthorized: string | null = null;

  const ids = (ds: Delivery[]) => ds.map((d) => d.id);

  async function notifyFailure(group: ClaimedGroup, reason: 'gone' | 'forbidden' | 'rejected' | 'gave-up', error: string, delivery: Delivery) {
    const r = group.reminder;
    log.error({ reminderId: r.id, guildId: r.guildId, channelId: r.channelId, reason, error }, 'reminder could not be posted');
    if (!await store.markFailureNotified(r.id, clock.now())) return;
    // Without the DM intent the bot cannot message the organiser privately; a guild-configured
    // fallback channel is the one place it can reliably say so.
    const fallback = (await store.settings(r.guildId)).fallbackChannelId;
    if (!fallback || fallback === r.channelId) {
      log.warn({ reminderId: r.id, guildId: r.guildId }, 'no fallback channel configured; the failure is only logged');
      return;
    }
    const note = renderFailureNote(r, reason, error);
    const res = await poster.post(fallback, { ...note, nonce: `cbf${delivery.id}`.slice(0, 25), enforce_nonce: true });
    if (!res.ok) log.error({ reminderId: r.id, fallback, error: res.error }, 'could not post the failure note either');
  }

  function backoff(attempts: number, result: Extract<PostResult, { kind: 'transient' }>): number {
    const exp = Math.min(backoffMaxMs, backoffBaseMs * 2 ** Math.max(0, attempts - 1));
    return Math.max(exp, result.retryAfterMs ?? 0);
  }

  /**
   * A delivery claimed before may already be on Discord. Within NONCE_MEMORY_MS of its first try the
   * nonce makes a repeat post harmless; after that Discord has forgotten the nonce, so the channel's
   * recent messages are searched for the post's marker instead, and a post found is recorded, not
   * repeated. If the channel cannot be read, posting is still better than never posting.
   */
  async function postedEarlier(group: ClaimedGroup, pending: Delivery[], first: Delivery, now: number, report: TickReport): Promise<boolean> {
    if (first.attempts <= 1 || first.firstAttemptMs === null || now - first.firstAttemptMs < NONCE_MEMORY_MS) return false;
    const r = group.reminder;
    const found = await poster.findPosted(r.channelId, postMarker(r.id, first.nonce));
    if (!found.ok) {
      log.warn({ reminderId: r.id, error: found.error }, 'could not read the channel to look for an earlier post; posting again, which may repeat it');
      return false;
    }
    if (found.messageId === null) return false;
    const after = clock.now();
    await store.settle(ids(pending), owner, { status: 'sent', messageId: found.messageId, mergedInto: pending.length > 1 ? first.id : null }, after);
    report.posted += 1;
    log.info({ reminderId: r.id, deliveries: ids(pending), messageId: found.messageId }, 'found the earlier post of a reminder in its channel; not posting it again');
    return true;
  }

  async function handle(group: ClaimedGroup, report: TickReport): Promise<void> {
    const now = clock.now();
    const r = group.reminder;
    let pending = group.deliveries;

    if (r.status === 'cancelled') {
      // Cancelled while a claim was outstanding (e.g. a crashed sender's lease).
      report.skipped += await store.settle(ids(pending), owner, { status: 'skipped', error: 'reminder was cancelled' }, now);
      return;
    }

    if (r.kind === 'consultation' && r.deadlineMs !== null && now >= r.deadlineMs) {
      // "Closes in 7 days" after it has closed would mislead; only the deadline notice may go late.
      const stale = pending.filter((d) => d.lead !== '0m');
      if (stale.length) {
        report.skipped += await store.settle(ids(stale), owner, { status: 'skipped', error: 'deadline passed before this notice could be posted' }, now);
        log.warn({ reminderId: r.id, deliveries: ids(stale) }, 'skipped consultation notices that fell due before a deadline now passed');
      }
      pending = pending.filter((d) => d.lead === '0m');
    }

    // A delivery tried before may already be on Discord under its nonce; post it on its own so its
    // nonce is reused as is, and let deliveries that fell due since go in the next post.
    const retried = pending.filter((d) => d.attempts > 1);
    if (retried.length > 0 && retried.length < pending.length) {
      const fresh = pending.filter((d) => d.attempts <= 1);
      await store.settle(ids(fresh), owner, { status: 'scheduled', nextAttemptMs: now, error: 'deferred behind a retried delivery' }, now);
      pending = retried;
    }

    const first = pending[0];
    if (!first) return;
    if (await postedEarlier(group, pending, first, now, report)) return;
    const late = now - first.dueMs > lateAfterMs;
    const body = renderPost(r, pending, { now, late });
    const result = await poster.post(r.channelId, { ...body, nonce: first.nonce, enforce_nonce: true });
    const after = clock.now();

    if (result.ok) {
      const moved = await store.settle(ids(pending), owner, { status: 'sent', messageId: result.messageId, mergedInto: pending.length > 1 ? first.id : null }, after);
      if (moved < pending.length) log.warn({ reminderId: r.id }, 'lease lost while posting; another scheduler will repeat the post under the same nonce');
      report.posted += 1;
      opts.onOutcome?.(late ? 'late' : 'posted');
      log.info({ reminderId: r.id, deliveries: ids(pending), messageId: result.messageId, late }, 'reminder posted');
      return;
    }

    if (result.kind === 'unauthorized') {
      // Not the delivery's fault and nothing reached the channel: it stays due, uncounted, for the
      // process that starts with a working token.
      await store.settle(ids(pending), owner, { status: 'scheduled', nextAttemptMs: after, error: result.error, notAnAttempt: true }, after);
      report.retried += 1;
      if (!unauthorized) {
        unauthorized = result.error;
        log.error({ reminderId: r.id, error: result.error }, 'Discord rejected the bot token (401): reminders stay due and are posted after a restart with a valid DISCORD_TOKEN');
        opts.onUnauthorized?.(result.error);
      }
      return;
    }

    if (result.kind === 'transient' && first.attempts < maxAttempts) {
      const next = after + backoff(first.attempts, result);
      await store.settle(ids(pending), owner, { status: 'scheduled', nextAttemptMs: next, error: result.error }, after);
      report.retried += 1;
      log.warn({ reminderId: r.id, attempts: first.attempts, retryAt: new Date(next).toISOString(), error: result.error }, 'reminder post failed; will retry');
      return;
    }

    await store.settle(ids(pending), owner, { status: 'failed', error: result.error }, after);
    report.failed += 1;
    opts.onOutcome?.('failed');
    await notifyFailure(group, result.kind === 'permanent' ? result.reason : 'gave-up', result.error, first);
  }

  /**
   * Posts whatever is due now. Safe to call from several processes at once. Throws when the
   * database fails, so the loop can back off; an error posting one reminder does not stop the rest.
   */
  async function tick(): Promise<TickReport> {
    const report: TickReport = { posted: 0, retried: 0, failed: 0, skipped: 0 };
    // One reminder per claim keeps each lease short: a lease is taken just before its post.
    for (let i = 0; i < maxPerTick && !unauthorized; i++) {
      const [group] = await store.claimDue(owner, clock.now(), leaseMs, 1);
      if (!group) break;
      try {
        await handle(group, report);
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
          const next = unauthorized ? null : await store.nextWakeMs();
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
