import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { escapeText, safeUrl } from '../discord/escape.js';
import type { Logger } from '../log.js';
import type { Poster } from './poster.js';
import type { Clock } from './scheduler.js';

/**
 * "Remind me": a member's own reminders of a consultation, sent as direct messages 7 days and 1
 * day before it closes. Apart from the server's reminders (no organiser needed, never in
 * /remind list); one active reminder per member and consultation.
 */

const DAY = 86_400_000;
export const PERSONAL_LEADS = [
  { lead: '7d', ms: 7 * DAY },
  { lead: '1d', ms: DAY },
] as const;
/** A claim older than this is taken to be a crashed sender's; the nonce keeps the retry from posting twice. */
const STALE_CLAIM_MS = 60_000;
const MAX_ATTEMPTS = 5;

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

export interface NewPersonal {
  userId: string;
  guildId: string;
  dmChannelId: string;
  consultationKey: string;
  title: string;
  url: string | null;
  closesMs: number;
}

type Row = Record<string, unknown>;

export function createPersonalStore(db: Database.Database) {
  const q = {
    active: db.prepare("SELECT * FROM personal_reminders WHERE user_id = ? AND consultation_key = ? AND status = 'active'"),
    insert: db.prepare(`INSERT INTO personal_reminders (user_id, guild_id, dm_channel_id, consultation_key, title, url, closes_ms, status, created_at)
      VALUES (@userId, @guildId, @dmChannelId, @consultationKey, @title, @url, @closesMs, 'active', @now)`),
    insertDelivery: db.prepare("INSERT INTO personal_deliveries (reminder_id, lead, due_ms, nonce, status, status_at) VALUES (?, ?, ?, ?, 'scheduled', ?)"),
    mine: db.prepare("SELECT * FROM personal_reminders WHERE user_id = ? AND guild_id = ? AND status = 'active' ORDER BY closes_ms, id"),
    pending: db.prepare("SELECT due_ms FROM personal_deliveries WHERE reminder_id = ? AND status IN ('scheduled', 'sending') ORDER BY due_ms"),
    cancel: db.prepare("UPDATE personal_reminders SET status = 'cancelled', cancelled_at = ? WHERE id = ? AND user_id = ? AND status = 'active'"),
    cancelDeliveries: db.prepare("UPDATE personal_deliveries SET status = 'cancelled', status_at = ? WHERE reminder_id = ? AND status = 'scheduled'"),
    due: db.prepare(`SELECT d.*, r.dm_channel_id, r.title, r.url, r.closes_ms FROM personal_deliveries d JOIN personal_reminders r ON r.id = d.reminder_id
      WHERE ((d.status = 'scheduled' AND d.due_ms <= @now) OR (d.status = 'sending' AND d.status_at <= @stale)) ORDER BY d.due_ms LIMIT 20`),
    claim: db.prepare(`UPDATE personal_deliveries SET status = 'sending', status_at = @now, attempts = attempts + 1
      WHERE id = @id AND (status = 'scheduled' OR (status = 'sending' AND status_at <= @stale))`),
    settle: db.prepare('UPDATE personal_deliveries SET status = @status, status_at = @now, last_error = @error WHERE id = @id'),
  };

  const toReminder = (r: Row): PersonalReminder => ({
    id: Number(r.id),
    userId: String(r.user_id),
    guildId: String(r.guild_id),
    dmChannelId: String(r.dm_channel_id),
    consultationKey: String(r.consultation_key),
    title: String(r.title),
    url: r.url === null ? null : String(r.url),
    closesMs: Number(r.closes_ms),
    pendingMs: (q.pending.all(r.id) as Row[]).map((d) => Number(d.due_ms)),
  });

  /** Records the reminder and its messages still in the future; an existing active one is returned as is. */
  const subscribe = db.transaction((input: NewPersonal, now: number): { created: boolean; reminder: PersonalReminder } => {
    const existing = q.active.get(input.userId, input.consultationKey) as Row | undefined;
    if (existing) return { created: false, reminder: toReminder(existing) };
    const id = Number(q.insert.run({ ...input, now }).lastInsertRowid);
    for (const { lead, ms } of PERSONAL_LEADS) {
      if (input.closesMs - ms > now) q.insertDelivery.run(id, lead, input.closesMs - ms, `pm${randomBytes(12).toString('base64url')}`, now);
    }
    return { created: true, reminder: toReminder(q.active.get(input.userId, input.consultationKey) as Row) };
  });

  const cancel = db.transaction((userId: string, id: number, now: number): boolean => {
    if (q.cancel.run(now, id, userId).changes === 0) return false;
    q.cancelDeliveries.run(now, id);
    return true;
  });

  return {
    subscribe: (input: NewPersonal, now: number) => subscribe.immediate(input, now),
    mine: (userId: string, guildId: string): PersonalReminder[] => (q.mine.all(userId, guildId) as Row[]).map(toReminder),
    cancel: (userId: string, id: number, now: number) => cancel.immediate(userId, id, now),
    due: (now: number) => q.due.all({ now, stale: now - STALE_CLAIM_MS }) as Row[],
    claim: (id: number, now: number) => q.claim.run({ id, now, stale: now - STALE_CLAIM_MS }).changes === 1,
    settle: (id: number, status: 'scheduled' | 'sent' | 'failed', now: number, error: string | null = null) => q.settle.run({ id, status, now, error }),
  };
}

export type PersonalStore = ReturnType<typeof createPersonalStore>;

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
  for (const d of store.due(clock.now())) {
    const id = Number(d.id);
    if (!store.claim(id, clock.now())) continue;
    const content = personalMessage(String(d.title), d.url === null ? null : String(d.url), Number(d.closes_ms));
    const res = await poster.post(String(d.dm_channel_id), { content, allowed_mentions: { parse: [] }, nonce: String(d.nonce), enforce_nonce: true });
    if (res.ok) {
      store.settle(id, 'sent', clock.now());
      sent += 1;
    } else if (res.kind === 'transient' && Number(d.attempts) + 1 < MAX_ATTEMPTS) {
      store.settle(id, 'scheduled', clock.now(), res.error);
    } else {
      store.settle(id, 'failed', clock.now(), res.error);
      log.info({ delivery: id, error: res.error }, 'personal reminder not delivered');
    }
  }
  return sent;
}
