import type { Poster, PostResult } from './poster.js';
import { postMarker, renderFailureNote, renderPost } from './render.js';
import type { ClaimedGroup, Delivery, Store } from './store.js';

/**
 * Posting one claimed reminder and settling its deliveries with what Discord answered: sent, retried
 * later, skipped or failed (with a note to the server's fallback channel). The loop that claims them
 * is scheduler.ts.
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

export interface TickReport {
  posted: number;
  retried: number;
  failed: number;
  skipped: number;
}

export interface DeliveryOptions {
  store: Store;
  poster: Poster;
  clock: Clock;
  owner: string;
  lateAfterMs: number;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  log: SchedulerLog;
  onUnauthorized?: (error: string) => void;
  onOutcome?: (outcome: 'posted' | 'late' | 'failed') => void;
}

export function createDelivery(opts: DeliveryOptions) {
  const { store, poster, clock, owner, lateAfterMs, maxAttempts, backoffBaseMs, backoffMaxMs, log } = opts;
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

  /** The first 401 seen, after which nothing more can be posted until a restart with a new token. */
  const unauthorizedError = () => unauthorized;

  return { handle, unauthorizedError };
}
