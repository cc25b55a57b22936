import type { Repeat } from './time.js';

/**
 * What the store holds, as the rest of the code sees it, and how a SQLite row becomes one. Rows are
 * never deleted, only their status moves on, so the history of what was posted where stays
 * answerable. Times are UTC instants in epoch milliseconds.
 */

export type DeliveryStatus = 'scheduled' | 'sending' | 'sent' | 'skipped' | 'failed' | 'cancelled';
export type ReminderKind = 'consultation' | 'message';

export interface GuildSettings {
  guildId: string;
  zone: string;
  organiserRoleId: string | null;
  /** Where to tell organisers that a reminder could not be posted. */
  fallbackChannelId: string | null;
}

export interface Reminder {
  id: number;
  guildId: string;
  channelId: string;
  createdBy: string;
  kind: ReminderKind;
  consultationKey: string | null;
  title: string | null;
  message: string;
  url: string | null;
  roleId: string | null;
  zone: string;
  deadlineMs: number | null;
  repeat: Repeat | null;
  status: 'active' | 'cancelled';
  createdAt: number;
  updatedAt: number;
  cancelledAt: number | null;
  cancelledBy: string | null;
  scheduledEventId: string | null;
  failureNotifiedAt: number | null;
  /** For a repeating message, the time of day (`HH:mm`, in `zone`) the organiser asked for. */
  wallTime: string | null;
}

export interface Delivery {
  id: number;
  reminderId: number;
  dueMs: number;
  /** For consultation reminders, the lead code (`7d`, `0m`); null for a plain message. */
  lead: string | null;
  nonce: string;
  status: DeliveryStatus;
  statusAt: number;
  leaseOwner: string | null;
  leaseExpiresMs: number | null;
  attempts: number;
  nextAttemptMs: number | null;
  lastError: string | null;
  messageId: string | null;
  /** The delivery whose post also carried this one, when overdue deliveries were merged. */
  mergedInto: number | null;
  /** When it was first claimed to be posted: Discord's nonce memory is counted from about then. */
  firstAttemptMs: number | null;
}

export interface NewReminder {
  guildId: string;
  channelId: string;
  createdBy: string;
  kind: ReminderKind;
  consultationKey?: string | null;
  title?: string | null;
  message: string;
  url?: string | null;
  roleId?: string | null;
  zone: string;
  deadlineMs?: number | null;
  repeat?: Repeat | null;
  wallTime?: string | null;
}

export interface NewDelivery {
  dueMs: number;
  lead?: string | null;
  /** `skipped` records a lead that had already passed when the reminder was made. */
  status?: 'scheduled' | 'skipped';
  note?: string;
}

export interface Limits {
  perGuild: number;
  perMember: number;
}

export interface ClaimedGroup {
  reminder: Reminder;
  deliveries: Delivery[];
}

export type Row = Record<string, unknown>;

export const str = (v: unknown): string => String(v);
export const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export function toReminder(r: Row): Reminder {
  return {
    id: Number(r.id),
    guildId: str(r.guild_id),
    channelId: str(r.channel_id),
    createdBy: str(r.created_by),
    kind: str(r.kind) as ReminderKind,
    consultationKey: strOrNull(r.consultation_key),
    title: strOrNull(r.title),
    message: str(r.message),
    url: strOrNull(r.url),
    roleId: strOrNull(r.role_id),
    zone: str(r.zone),
    deadlineMs: numOrNull(r.deadline_ms),
    repeat: r.repeat_json ? (JSON.parse(str(r.repeat_json)) as Repeat) : null,
    status: str(r.status) as Reminder['status'],
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    cancelledAt: numOrNull(r.cancelled_at),
    cancelledBy: strOrNull(r.cancelled_by),
    scheduledEventId: strOrNull(r.scheduled_event_id),
    failureNotifiedAt: numOrNull(r.failure_notified_at),
    wallTime: strOrNull(r.wall_time),
  };
}

export function toDelivery(r: Row): Delivery {
  return {
    id: Number(r.id),
    reminderId: Number(r.reminder_id),
    dueMs: Number(r.due_ms),
    lead: strOrNull(r.lead),
    nonce: str(r.nonce),
    status: str(r.status) as DeliveryStatus,
    statusAt: Number(r.status_at),
    leaseOwner: strOrNull(r.lease_owner),
    leaseExpiresMs: numOrNull(r.lease_expires_ms),
    attempts: Number(r.attempts),
    nextAttemptMs: numOrNull(r.next_attempt_ms),
    lastError: strOrNull(r.last_error),
    messageId: strOrNull(r.message_id),
    mergedInto: numOrNull(r.merged_into),
    firstAttemptMs: numOrNull(r.first_attempt_ms),
  };
}
