import type { ClaimedGroup, Delivery, GuildSettings, Limits, NewDelivery, NewReminder, Reminder } from './records.js';
import type { Repeat } from './time.js';

/**
 * What the rest of the bot may ask of the reminders database, whichever back end holds it (a
 * SQLite file in store.ts, PostgreSQL in pg-store.ts). Every call returns a promise because the
 * PostgreSQL client is asynchronous; a database fault rejects with an error `dbFaultOf` recognises.
 */

export interface ReminderPatch {
  message?: string;
  channelId?: string;
  deliveries?: NewDelivery[];
  deadlineMs?: number | null;
  repeat?: Repeat | null;
  wallTime?: string | null;
}

export type Settlement =
  | { status: 'sent'; messageId: string; mergedInto: number | null }
  | { status: 'scheduled'; nextAttemptMs: number; error: string; notAnAttempt?: boolean }
  | { status: 'failed' | 'skipped'; error: string };

export type CreateResult = { ok: true; reminder: Reminder; deliveries: Delivery[] } | { ok: false; limit: 'guild' | 'member' };

export interface Store {
  /** Which back end, for logs and tests. */
  readonly backend: 'sqlite' | 'postgres';
  /** Where the data is, for logs: the file, or the PostgreSQL URL without its password. */
  readonly location: string;
  settings(guildId: string): Promise<GuildSettings>;
  updateSettings(guildId: string, patch: Partial<Omit<GuildSettings, 'guildId'>>, now: number): Promise<GuildSettings>;
  /** Checks the limits inside the same write transaction, so two organisers racing cannot both take the last place. */
  createReminder(input: NewReminder, deliveries: NewDelivery[], limits: Limits, now: number): Promise<CreateResult>;
  /** A reminder of this guild, or null: another guild's ids are indistinguishable from missing ones. */
  getReminder(guildId: string, id: number): Promise<{ reminder: Reminder; deliveries: Delivery[] } | null>;
  deliveriesOf(reminderId: number): Promise<Delivery[]>;
  countActive(guildId: string, memberId?: string): Promise<number>;
  listUpcoming(
    guildId: string,
    page: { offset: number; limit: number },
  ): Promise<{ total: number; items: { reminder: Reminder; nextMs: number; pending: number }[] }>;
  cancelReminder(guildId: string, id: number, by: string, now: number): Promise<boolean>;
  /**
   * Edits what a reminder says, where, and (with `deliveries`) when: the deliveries still to come are
   * marked cancelled and replaced, so the record of the old schedule remains.
   */
  editReminder(guildId: string, id: number, patch: ReminderPatch, by: string, now: number): Promise<boolean>;
  setScheduledEvent(guildId: string, id: number, eventId: string): Promise<void>;
  /**
   * Claims due deliveries for `owner` until `now + leaseMs`: scheduled ones that are due, and ones
   * whose sender's lease ran out. All due deliveries of one reminder are claimed together so they
   * can go out as one post; no two claimants ever hold the same delivery.
   */
  claimDue(owner: string, now: number, leaseMs: number, maxReminders?: number): Promise<ClaimedGroup[]>;
  /** Moves claimed deliveries on, only while `owner` still holds them; returns how many moved. */
  settle(ids: number[], owner: string, to: Settlement, now: number): Promise<number>;
  /** True only the first time, so an organiser hears about a broken reminder once. */
  markFailureNotified(reminderId: number, now: number): Promise<boolean>;
  /** The earliest time anything could become claimable, for the scheduler to sleep until. */
  nextWakeMs(): Promise<number | null>;
  close(): Promise<void>;
}
