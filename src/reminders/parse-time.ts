import * as chrono from 'chrono-node';
import { DateTime, IANAZone } from 'luxon';
import { fail, quote, type Parsed } from './parsed.js';
import {
  addYears,
  formatOffset,
  isValidZone,
  type WallTime,
  resolveLocal,
  type Repeat,
  type RepeatUnit,
} from './time.js';

/**
 * Reading what organisers type: "next tuesday 6pm", "15/12 17:00" (15 December: en-GB order),
 * "tomorrow 9am" or ISO, in the guild's zone. Every refusal says what was wrong so the organiser can
 * fix it in one go.
 */

export type WhenError =
  | 'invalid-zone'
  | 'unparseable'
  | 'partial'
  | 'no-time'
  | 'past'
  | 'gap'
  | 'ambiguous'
  | 'too-far'
  | 'bad-date'
  | 'bad-offset';

function describeLocal(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat("HH:mm 'on' ccc d LLL yyyy");
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * chrono swaps "12/13" into 13 December and drops "31/04" to a bare time; numbers a person typed as a
 * date are checked here first, so an impossible one is refused with what is wrong rather than guessed.
 * One pass of a bounded regex over the (short) input.
 */
function checkTypedDates(input: string): string | null {
  const re = /(?<![\d/.-])(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})[/.](\d{1,2})(?:[/.](\d{4}|\d{2}))?)(?![\d/.])/g;
  for (const m of input.matchAll(re)) {
    const iso = m[1] !== undefined;
    const day = Number(iso ? m[3] : m[4]);
    const month = Number(iso ? m[2] : m[5]);
    const yearText = iso ? m[1] : m[6];
    const year = yearText === undefined ? null : yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
    const typed = quote(m[0]);
    if (month < 1 || month > 12) {
      const swap = !iso && day >= 1 && day <= 12 && month <= 31 ? ` ${month} ${MONTHS[day - 1]} is “${month}/${day}”.` : '';
      return `In ${typed}, ${month} is not a month: dates are ${iso ? 'year-month-day' : 'day/month, the UK way'}.${swap}`;
    }
    // A date without a year may fall in a leap year, so 29/02 is allowed until its year is known.
    const last = DateTime.local(year ?? 2028, month).daysInMonth ?? 31;
    if (day < 1 || day > last) {
      const name = `${MONTHS[month - 1]}${year !== null && month === 2 ? ` ${year}` : ''}`;
      return `In ${typed}, ${day} is not a day of ${MONTHS[month - 1]}: ${name} has only ${last} days.`;
    }
  }
  return null;
}

/** Real UTC offsets run from -12:00 to +14:00; anything beyond is a typo, not a place. */
export const MAX_OFFSET_MINUTES = 14 * 60;

/**
 * A day and month typed without a year mean their next occurrence: "15/12" typed in March is this
 * December, "1/3" typed on 10 March is next March. chrono instead picks the nearest year, which can
 * lie in the past.
 */
function wallYear(s: chrono.ParsedComponents, wall: Omit<WallTime, 'year'>, now: number, zone: string): number {
  const thisYear = DateTime.fromMillis(now, { zone }).year;
  if (s.isCertain('year') || !s.isCertain('day') || !s.isCertain('month')) return s.get('year') ?? thisYear;
  const candidate = DateTime.fromObject({ ...wall, year: thisYear }, { zone });
  if (!candidate.isValid || candidate.toMillis() > now) return thisYear;
  // Passed only days ago, it is far likelier a slip than a date a year away: refused as past, with
  // the way to say next year.
  return now - candidate.toMillis() <= RECENT_PAST_MS ? thisYear : thisYear + 1;
}

const RECENT_PAST_MS = 7 * 24 * 3_600_000;

export interface WhenOptions {
  now: number;
  zone: string;
  /** How far ahead a time may be, in years; a year by default. */
  maxYears?: number;
}

export function parseWhen(text: string, opts: WhenOptions): Parsed<number, WhenError> {
  const { now, zone } = opts;
  if (!isValidZone(zone)) return fail('invalid-zone', `${quote(zone)} is not a time zone I know. Use a name such as Europe/London.`);
  const input = text.trim();
  if (!input) return fail('unparseable', 'Give a date and time, e.g. “tomorrow 9am” or “15/12 17:00”.');

  const badDate = checkTypedDates(input);
  if (badDate) return fail('bad-date', badDate);
  const ref = { instant: new Date(now), timezone: IANAZone.create(zone).offset(now) };
  const results = chrono.en.GB.parse(input, ref);
  const r = results[0];
  if (!r) {
    return fail('unparseable', `I could not read ${quote(input)} as a date and time. Try “next tuesday 6pm”, “15/12 17:00” or “2026-12-15 17:00”.`);
  }
  const leftover = (input.slice(0, r.index) + ' ' + input.slice(r.index + r.text.length))
    .replace(/\b(at|on)\b/gi, '')
    .replace(/[\s,.;:@-]+/g, '');
  if (results.length > 1 || leftover) {
    return fail('partial', `I could only read ${quote(r.text)} in ${quote(input)}. Give just one date and time, e.g. “15/12 17:00”.`);
  }
  const s = r.start;
  if (!s.isCertain('hour')) {
    return fail('no-time', `${quote(input)} has no time of day. Add one, e.g. “${r.text} 18:00”.`);
  }

  let ms: number;
  const offset = s.get('timezoneOffset');
  if (s.isCertain('timezoneOffset') && offset !== null && Math.abs(offset) > MAX_OFFSET_MINUTES) {
    return fail(
      'bad-offset',
      `${formatOffset(offset)} in ${quote(input)} is not a real UTC offset: offsets run from -12:00 to +14:00 (London is +00:00 in winter, +01:00 in summer).`,
    );
  }
  if (s.isCertain('timezoneOffset')) {
    // An explicit offset ("+01:00", "BST") or a relative time ("in 2 hours") names one instant.
    ms = s.date().getTime();
  } else {
    const md = { month: s.get('month') ?? 0, day: s.get('day') ?? 0, hour: s.get('hour') ?? 0, minute: s.get('minute') ?? 0 };
    const wall = { year: wallYear(s, md, now, zone), ...md };
    const res = resolveLocal(wall, zone);
    if (res.kind === 'invalid') return fail('unparseable', `${quote(input)} is not a real date and time.`);
    const label = DateTime.fromObject(wall).toFormat("HH:mm 'on' ccc d LLL yyyy");
    if (res.kind === 'gap') {
      return fail(
        'gap',
        `${label} does not exist in ${zone}: the clocks go forward that night and skip it. Pick a time outside the skipped hour.`,
      );
    }
    if (res.kind === 'ambiguous') {
      const iso = DateTime.fromObject(wall).toFormat("yyyy-LL-dd'T'HH:mm");
      return fail(
        'ambiguous',
        `${label} happens twice in ${zone}: the clocks go back that night. Add the offset to say which: ` +
          `“${iso}${formatOffset(res.earlierOffset)}” for the first, “${iso}${formatOffset(res.laterOffset)}” for the second.`,
      );
    }
    ms = res.ms;
  }

  if (ms <= now) {
    const nextYear = s.isCertain('year') ? '' : ` For next year, add the year, e.g. “${s.get('day')}/${s.get('month')}/${DateTime.fromMillis(ms, { zone }).year + 1}”.`;
    return fail('past', `${quote(input)} is ${describeLocal(ms, zone)} (${zone}), which has already passed.${nextYear}`);
  }
  const limit = addYears(now, opts.maxYears ?? 1, zone);
  if (ms > limit) {
    return fail('too-far', `${quote(input)} is ${describeLocal(ms, zone)}, more than a year ahead. Reminders can be set up to a year in advance.`);
  }
  return { ok: true, value: ms };
}

const UNITS: Record<string, RepeatUnit> = {
  daily: 'daily',
  day: 'daily',
  weekly: 'weekly',
  week: 'weekly',
  fortnightly: 'fortnightly',
  fortnight: 'fortnightly',
  monthly: 'monthly',
  month: 'monthly',
};

/**
 * "weekly", "weekly x4", "weekly for 4 times", "every week until 31/12", "monthly 6 times".
 * The count includes the first post.
 */
export function parseRepeat(text: string, opts: WhenOptions): Parsed<Repeat> {
  const input = text.trim().toLowerCase();
  const m = /^(?:every\s+)?(daily|day|weekly|week|fortnightly|fortnight|monthly|month)\b\s*(.*)$/.exec(input);
  const unit = m ? UNITS[m[1] ?? ''] : undefined;
  if (!m || !unit) {
    return fail('unparseable', `I could not read ${quote(text)} as a repeat. Use e.g. “weekly x4”, “weekly until 31/12” or “monthly 6 times”.`);
  }
  const rest = (m[2] ?? '').trim();
  if (!rest) return { ok: true, value: { unit } };
  const count = /^(?:x\s*|for\s+)?(\d{1,3})(?:\s*(?:times|x))?$/.exec(rest);
  if (count) {
    const n = Number(count[1]);
    if (n < 1 || n > 100) return fail('count', 'A repeat can run 1 to 100 times.');
    return { ok: true, value: { unit, count: n } };
  }
  const until = /^(?:until|till|to)\s+(.+)$/.exec(rest);
  if (until) {
    const raw = until[1] ?? '';
    const zone = opts.zone;
    const badDate = checkTypedDates(raw);
    if (badDate) return fail('bad-date', badDate);
    const ref = { instant: new Date(opts.now), timezone: IANAZone.create(zone).offset(opts.now) };
    const r = chrono.en.GB.parse(raw, ref)[0];
    if (!r) return fail('unparseable', `I could not read ${quote(raw)} as the date to repeat until.`);
    const s = r.start;
    // A bare date means up to the end of that day, local time.
    const md = { month: s.get('month') ?? 0, day: s.get('day') ?? 0, hour: 23, minute: 59 };
    const end = DateTime.fromObject({ year: wallYear(s, md, opts.now, zone), month: md.month, day: md.day }, { zone }).plus(s.isCertain('hour') ? { hours: s.get('hour') ?? 0, minutes: s.get('minute') ?? 0 } : { days: 1, milliseconds: -1 });
    if (!end.isValid) return fail('unparseable', `${quote(raw)} is not a real date.`);
    if (end.toMillis() <= opts.now) return fail('past', `The repeat end ${quote(raw)} has already passed.`);
    return { ok: true, value: { unit, untilMs: end.toMillis() } };
  }
  return fail('unparseable', `I could not read ${quote(text)} as a repeat. Use e.g. “weekly x4”, “weekly until 31/12” or “monthly 6 times”.`);
}
