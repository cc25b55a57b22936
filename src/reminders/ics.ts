import { createEvent } from 'ics';
import { leadInstant, type Lead } from './time.js';

/**
 * An .ics file for a consultation deadline or meeting, so organisers can put it in their own
 * calendars. Alarms are given in hours: the ics package writes its day form as a malformed duration
 * that some calendars reject.
 */

export interface IcsInput {
  /** Stable across re-downloads, so calendars update the event rather than add a second. */
  uid: string;
  title: string;
  description?: string;
  url?: string;
  startMs: number;
  durationMinutes?: number;
  /** Reminders before the start, as for consultation notices; calendar days are turned into hours. */
  alarms?: readonly Lead[];
  zone: string;
}

export function buildIcs(input: IcsInput): { ok: true; text: string } | { ok: false; error: string } {
  const alarms = (input.alarms ?? [])
    .map((lead) => Math.round((input.startMs - leadInstant(input.startMs, lead, input.zone)) / 60_000))
    .filter((minutes) => minutes > 0)
    .map((minutes) => ({
      action: 'display' as const,
      description: input.title,
      trigger: minutes % 60 === 0 ? { hours: minutes / 60, before: true } : { minutes, before: true },
    }));
  const { error, value } = createEvent({
    uid: input.uid,
    productId: 'cutsbot/reminders',
    title: input.title,
    ...(input.description ? { description: input.description } : {}),
    ...(input.url ? { url: input.url } : {}),
    start: input.startMs,
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: input.durationMinutes ?? 30 },
    alarms,
  });
  if (error || !value) return { ok: false, error: error?.message ?? 'no calendar text was produced' };
  return { ok: true, text: value };
}
