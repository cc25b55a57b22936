import { DateTime, IANAZone } from 'luxon';

/**
 * Time arithmetic for reminders. Everything that depends on a wall clock is done in a named IANA
 * zone with luxon, never in the process's own zone (the bot may run under TZ=UTC), and the results
 * are UTC instants in epoch milliseconds, which is what the store keeps.
 */

export const DEFAULT_ZONE = 'Europe/London';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function isValidZone(zone: string): boolean {
  // IANAZone.isValidZone accepts names like "utc" too; require a real IANA identifier or UTC.
  return zone.length <= 64 && IANAZone.isValidZone(zone);
}

/** A lead before a deadline: whole calendar days in the zone, or an exact number of minutes. */
export type Lead = { days: number } | { minutes: number };

export const DEFAULT_LEADS: readonly Lead[] = [{ days: 7 }, { days: 1 }, { minutes: 0 }];

export function leadLabel(lead: Lead): string {
  if ('days' in lead) return lead.days === 1 ? '1 day before' : `${lead.days} days before`;
  if (lead.minutes === 0) return 'at the deadline';
  if (lead.minutes % 60 === 0) {
    const h = lead.minutes / 60;
    return h === 1 ? '1 hour before' : `${h} hours before`;
  }
  return `${lead.minutes} minutes before`;
}

/** A stable code for a lead, stored with the delivery: `7d`, `1d`, `90m`, `0m`. */
export function leadCode(lead: Lead): string {
  return 'days' in lead ? `${lead.days}d` : `${lead.minutes}m`;
}

export function leadFromCode(code: string): Lead | null {
  const m = /^(\d+)([dm])$/.exec(code);
  if (!m) return null;
  const n = Number(m[1]);
  return m[2] === 'd' ? { days: n } : { minutes: n };
}

/**
 * When a lead falls. Days are calendar days in `zone`, so "7 days before 17:00" is 17:00 local on
 * that day even when a clock change lies in between (167 or 169 hours, not 168).
 */
export function leadInstant(deadlineMs: number, lead: Lead, zone: string): number {
  if ('minutes' in lead) return deadlineMs - lead.minutes * MINUTE;
  return DateTime.fromMillis(deadlineMs, { zone }).minus({ days: lead.days }).toMillis();
}

export function isZeroLead(lead: Lead): boolean {
  return 'minutes' in lead && lead.minutes === 0;
}

/** Wall-clock fields, as a person types them. `month` counts from 1. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

export type LocalResolution =
  | { kind: 'ok'; ms: number }
  | { kind: 'invalid' }
  /** The wall time is skipped by a clock change (spring forward). */
  | { kind: 'gap' }
  /** The wall time happens twice (fall back); both instants are given, earlier first. */
  | { kind: 'ambiguous'; earlierMs: number; laterMs: number; earlierOffset: number; laterOffset: number };

/**
 * Turns a wall time in a zone into an instant, and says so when there is no such instant or two.
 * luxon silently shifts such times, so this checks the candidate offsets itself: the offsets in
 * force a day either side cover every real clock change.
 */
export function resolveLocal(wall: WallTime, zone: string): LocalResolution {
  const probe = DateTime.fromObject(wall, { zone });
  if (!probe.isValid) return { kind: 'invalid' };
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const z = IANAZone.create(zone);
  const offsets = [...new Set([z.offset(asUtc - DAY), z.offset(asUtc), z.offset(asUtc + DAY)])];
  const hits = offsets
    .map((o) => ({ offset: o, ms: asUtc - o * MINUTE }))
    .filter((c) => z.offset(c.ms) === c.offset)
    .sort((a, b) => a.ms - b.ms);
  const first = hits[0];
  if (!first) return { kind: 'gap' };
  const second = hits[1];
  if (second && second.ms !== first.ms) {
    return {
      kind: 'ambiguous',
      earlierMs: first.ms,
      laterMs: second.ms,
      earlierOffset: first.offset,
      laterOffset: second.offset,
    };
  }
  return { kind: 'ok', ms: first.ms };
}

/** `+01:00` for 60. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export type RepeatUnit = 'daily' | 'weekly' | 'fortnightly' | 'monthly';

export interface Repeat {
  unit: RepeatUnit;
  /** Total number of posts, the first included. */
  count?: number;
  /** Last allowed instant (inclusive), epoch ms. */
  untilMs?: number;
}

export const MAX_OCCURRENCES = 100;

/**
 * The instants of a repeating reminder, stepped in calendar units in `zone` from the first, so a
 * weekly 18:00 meeting stays at 18:00 local across a clock change. Each occurrence is computed from
 * the first (not the previous) so a monthly reminder on the 31st does not drift to the 28th.
 */
export function occurrences(firstMs: number, repeat: Repeat | null, zone: string, horizonMs: number): number[] {
  if (!repeat) return [firstMs];
  const start = DateTime.fromMillis(firstMs, { zone });
  const limit = Math.min(repeat.untilMs ?? Number.POSITIVE_INFINITY, horizonMs);
  const max = Math.min(repeat.count ?? MAX_OCCURRENCES, MAX_OCCURRENCES);
  const out: number[] = [];
  for (let i = 0; out.length < max; i++) {
    const step =
      repeat.unit === 'daily'
        ? { days: i }
        : repeat.unit === 'weekly'
          ? { weeks: i }
          : repeat.unit === 'fortnightly'
            ? { weeks: 2 * i }
            : { months: i };
    const ms = start.plus(step).toMillis();
    if (ms > limit) break;
    out.push(ms);
  }
  return out;
}

/** Discord renders these in each reader's own zone. */
export function discordTime(ms: number, style: 'F' | 'R' | 'f' | 'D' | 't' = 'F'): string {
  return `<t:${Math.floor(ms / 1000)}:${style}>`;
}

/** e.g. "Tue 15 Dec 2026, 17:00 GMT", for text that is not rendered by Discord (logs, .ics). */
export function formatInZone(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat('ccc d LLL yyyy, HH:mm ZZZZ');
}

export function addYears(ms: number, years: number, zone: string): number {
  return DateTime.fromMillis(ms, { zone }).plus({ years }).toMillis();
}

/** `HH:mm` of an instant in a zone: the wall time a repeating reminder is meant to keep. */
export function localTimeOfDay(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat('HH:mm');
}

export interface MovedPost {
  ms: number;
  /** The time of day the organiser asked for, e.g. `01:30`. */
  wanted: string;
  /** Where luxon put it because the wanted time does not exist that day, e.g. `02:30`. */
  actual: string;
}

/**
 * The posts of a repeat that do not keep their time of day: stepping "weekly at 01:30" onto the night
 * the clocks go forward lands in the skipped hour, and the post goes out an hour later that once.
 */
export function movedByClockChange(times: readonly number[], wanted: string, zone: string): MovedPost[] {
  const out: MovedPost[] = [];
  for (const ms of times) {
    const actual = localTimeOfDay(ms, zone);
    if (actual !== wanted) out.push({ ms, wanted, actual });
  }
  return out;
}
