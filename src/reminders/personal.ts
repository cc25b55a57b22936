import { randomBytes } from 'node:crypto';
import { escapeText, safeUrl } from '../discord/escape.js';
import type { Logger } from '../log.js';
import type { Poster } from './poster.js';
import { strOrNull, type Row } from './records.js';
import type { Clock } from './scheduler.js';

/**
 * "Remind me": a member's own reminders of a consultation, sent as direct messages 7 days and 1
 * day before it closes. Apart from the server's reminders (no organiser needed, never in
 * /remind list); one active reminder per member and consultation. Kept with the reminders, in the
 * SQLite file (personal-sqlite.ts) or PostgreSQL (pg-personal.ts).
 */

const DAY = 86_400_000;
export const PERSONAL_LEADS = [
  { lead: '7d', ms: 7 * DAY },
  { lead: '1d', ms: DAY },
] as const;
/** A claim older than this is taken to be a crashed sender's; the nonce keeps the retry from posting twice. */
export const STALE_CLAIM_MS = 60_000;
const MAX_ATTEMPTS = 5;
/** Direct messages one delivery pass sends at most; the rest wait for the next poll. */
const PER_PASS = 20;

export interface PersonalReminder {
  id: number;
  userId: string;
  guildId: string;
  dmChannelId: string;
  consultationKey: string;
  title: string;
  url: string | null;
  closesMs: number;
  /** Times of the direct messages still to come. */
  pendingMs: number[];
}

export type NewPersonal = Omit<PersonalReminder, 'id' | 'pendingMs'>;

/** A direct message claimed for sending, with what it needs to say. */
export interface ClaimedPersonal {
  id: number;
  nonce: string;
  /** Counting this one. */
  attempts: number;
  dmChannelId: string;
  title: string;
  url: string | null;
  closesMs: number;
}

export interface PersonalStore {
  /** Records the reminder and its messages still in the future; an existing active one is returned as is. */
  subscribe(input: NewPersonal, now: number): Promise<{ created: boolean; reminder: PersonalReminder }>;
  mine(userId: string, guildId: string): Promise<PersonalReminder[]>;
  cancel(userId: string, id: number, now: number): Promise<boolean>;
  /**
   * Claims the earliest due message (or one whose sender's claim went stale), or null. No two
   * claimants, in this process or another on the same database, hold the same message.
   */
  claimNext(now: number): Promise<ClaimedPersonal | null>;
  settle(id: number, status: 'scheduled' | 'sent' | 'failed', now: number, error?: string | null): Promise<void>;
}

export const personalNonce = () => `pm${randomBytes(12).toString('base64url')}`;

/** The messages a new reminder gets: the leads still in the future. */
export const personalTimes = (closesMs: number, now: number) =>
  PERSONAL_LEADS.map(({ lead, ms }) => ({ lead, dueMs: closesMs - ms })).filter((d) => d.dueMs > now);

export const toPersonal = (r: Row, pendingMs: number[]): PersonalReminder => ({
  id: Number(r.id),
  userId: String(r.user_id),
  guildId: String(r.guild_id),
  dmChannelId: String(r.dm_channel_id),
  consultationKey: String(r.consultation_key),
  title: String(r.title),
  url: strOrNull(r.url),
  closesMs: Number(r.closes_ms),
  pendingMs,
});

/** A claimed personal_deliveries row joined with its reminder's dm_channel_id, title, url, closes_ms. */
export const toClaimed = (r: Row): ClaimedPersonal => ({
  id: Number(r.id),
  nonce: String(r.nonce),
  attempts: Number(r.attempts),
  dmChannelId: String(r.dm_channel_id),
  title: String(r.title),
  url: strOrNull(r.url),
  closesMs: Number(r.closes_ms),
});

const discordTime = (ms: number, style: 'F' | 'R') => `<t:${Math.floor(ms / 1000)}:${style}>`;

/** The direct message itself: what closes, when, and where to have a say. */
export function personalMessage(title: string, url: string | null, closesMs: number): string {
  const link = safeUrl(url);
  return [
    `📣 **Consultation closes ${discordTime(closesMs, 'R')}:** ${escapeText(title)}`,
    `Deadline: ${discordTime(closesMs, 'F')}. Have your say before it closes.${link ? `\n<${link}>` : ''}`,
    '-# You asked for this with Remind me; `/remind mine` in the server lists and cancels your reminders.',
  ].join('\n');
}

/**
 * Sends the direct messages that are due. A member who has since closed their DMs (Discord answers
 * 403) is not tried again; Discord's 5xx and rate limits are retried on the next tick, a few times.
 */
export async function deliverPersonal(store: PersonalStore, poster: Poster, clock: Clock, log: Logger): Promise<number> {
  let sent = 0;
  for (let i = 0; i < PER_PASS; i++) {
    const d = await store.claimNext(clock.now());
    if (!d) break;
    const content = personalMessage(d.title, d.url, d.closesMs);
    const res = await poster.post(d.dmChannelId, { content, allowed_mentions: { parse: [] }, nonce: d.nonce, enforce_nonce: true });
    if (res.ok) {
      await store.settle(d.id, 'sent', clock.now());
      sent += 1;
    } else if (res.kind === 'transient' && d.attempts < MAX_ATTEMPTS) {
      // Back to scheduled, for the next pass: this one stops, or it would claim it straight back.
      await store.settle(d.id, 'scheduled', clock.now(), res.error);
      break;
    } else {
      await store.settle(d.id, 'failed', clock.now(), res.error);
      log.info({ delivery: d.id, error: res.error }, 'personal reminder not delivered');
    }
  }
  return sent;
}
