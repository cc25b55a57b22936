import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { leadInstant, movedByClockChange, occurrences, resolveLocal } from '../../src/reminders/time.js';

const LONDON = 'Europe/London';
const iso = (ms: number) => new Date(ms).toISOString();
const HOUR = 3_600_000;

describe('process time zone', () => {
  // The spawning test (tz.test.ts) sets EXPECT_TZ; this proves the run really used that zone.
  it.runIf(process.env.EXPECT_TZ)('runs under the zone it was started with', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(process.env.EXPECT_TZ);
  });
});

describe('leads before a deadline, in calendar days of the zone', () => {
  it('7 days before 17:00 BST on 2 April 2026 is 17:00 GMT on 26 March (167 hours, across the spring change)', () => {
    const deadline = Date.parse('2026-04-02T17:00:00+01:00');
    const due = leadInstant(deadline, { days: 7 }, LONDON);
    expect(iso(due)).toBe('2026-03-26T17:00:00.000Z');
    expect((deadline - due) / HOUR).toBe(167);
  });

  it('7 days before 17:00 GMT on 29 October 2026 is 17:00 BST on 22 October (169 hours, across the autumn change)', () => {
    const deadline = Date.parse('2026-10-29T17:00:00Z');
    const due = leadInstant(deadline, { days: 7 }, LONDON);
    expect(iso(due)).toBe('2026-10-22T16:00:00.000Z');
    expect(DateTime.fromMillis(due, { zone: LONDON }).toFormat('HH:mm')).toBe('17:00');
    expect((deadline - due) / HOUR).toBe(169);
  });

  it('1 day before 17:00 on Sunday 29 March 2026 is 17:00 on Saturday 28 March, 23 hours earlier', () => {
    const deadline = Date.parse('2026-03-29T17:00:00+01:00');
    const due = leadInstant(deadline, { days: 1 }, LONDON);
    expect(iso(due)).toBe('2026-03-28T17:00:00.000Z');
    expect((deadline - due) / HOUR).toBe(23);
  });

  it('hour leads are exact hours, not wall-clock hours', () => {
    const deadline = Date.parse('2026-10-25T03:00:00Z');
    expect(iso(leadInstant(deadline, { minutes: 180 }, LONDON))).toBe('2026-10-25T00:00:00.000Z');
    expect(leadInstant(deadline, { minutes: 0 }, LONDON)).toBe(deadline);
  });
});

describe('wall times at clock changes', () => {
  it('01:30 on 29 March 2026 does not exist in London', () => {
    expect(resolveLocal({ year: 2026, month: 3, day: 29, hour: 1, minute: 30 }, LONDON).kind).toBe('gap');
  });

  it('01:30 on 25 October 2026 happens twice in London, first in BST then in GMT', () => {
    const r = resolveLocal({ year: 2026, month: 10, day: 25, hour: 1, minute: 30 }, LONDON);
    expect(r).toEqual({
      kind: 'ambiguous',
      earlierMs: Date.parse('2026-10-25T00:30:00Z'),
      laterMs: Date.parse('2026-10-25T01:30:00Z'),
      earlierOffset: 60,
      laterOffset: 0,
    });
  });

  it('times either side of the changes resolve to one instant', () => {
    expect(resolveLocal({ year: 2026, month: 3, day: 29, hour: 0, minute: 59 }, LONDON)).toEqual({ kind: 'ok', ms: Date.parse('2026-03-29T00:59:00Z') });
    expect(resolveLocal({ year: 2026, month: 3, day: 29, hour: 2, minute: 0 }, LONDON)).toEqual({ kind: 'ok', ms: Date.parse('2026-03-29T01:00:00Z') });
    expect(resolveLocal({ year: 2026, month: 10, day: 25, hour: 2, minute: 0 }, LONDON)).toEqual({ kind: 'ok', ms: Date.parse('2026-10-25T02:00:00Z') });
    expect(resolveLocal({ year: 2026, month: 10, day: 25, hour: 0, minute: 30 }, LONDON)).toEqual({ kind: 'ok', ms: Date.parse('2026-10-24T23:30:00Z') });
  });

  it('knows other zones: 02:30 on 8 March 2026 does not exist in New York', () => {
    expect(resolveLocal({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, 'America/New_York').kind).toBe('gap');
    expect(resolveLocal({ year: 2026, month: 3, day: 29, hour: 1, minute: 30 }, 'America/New_York').kind).toBe('ok');
  });

  it('refuses dates that are not on the calendar', () => {
    expect(resolveLocal({ year: 2026, month: 2, day: 30, hour: 9, minute: 0 }, LONDON).kind).toBe('invalid');
  });
});

describe('repeats', () => {
  it('a weekly 18:00 meeting stays at 18:00 London time across 25 October', () => {
    const first = Date.parse('2026-10-13T17:00:00Z'); // 18:00 BST
    const times = occurrences(first, { unit: 'weekly', count: 4 }, LONDON, Number.POSITIVE_INFINITY);
    expect(times.map((t) => DateTime.fromMillis(t, { zone: LONDON }).toFormat('yyyy-LL-dd HH:mm'))).toEqual([
      '2026-10-13 18:00',
      '2026-10-20 18:00',
      '2026-10-27 18:00',
      '2026-11-03 18:00',
    ]);
    expect(iso(times[2]!)).toBe('2026-10-27T18:00:00.000Z');
  });

  it('monthly on the 31st does not drift after a short month', () => {
    const first = Date.parse('2027-01-31T18:00:00Z');
    const times = occurrences(first, { unit: 'monthly', count: 3 }, LONDON, Number.POSITIVE_INFINITY);
    expect(times.map((t) => DateTime.fromMillis(t, { zone: LONDON }).toISODate())).toEqual(['2027-01-31', '2027-02-28', '2027-03-31']);
  });

  it('stops at the until date and at the horizon', () => {
    const first = Date.parse('2026-12-01T18:00:00Z');
    const until = Date.parse('2026-12-22T23:59:59Z');
    expect(occurrences(first, { unit: 'weekly', untilMs: until }, LONDON, Number.POSITIVE_INFINITY)).toHaveLength(4);
    expect(occurrences(first, { unit: 'daily' }, LONDON, first + 2.5 * 24 * HOUR)).toHaveLength(3);
    expect(occurrences(first, null, LONDON, 0)).toEqual([first]);
  });
});

describe('repeats that land in the spring-forward gap', () => {
  it('finds the weekly 01:30 post that moves to 02:30 on 29 March 2026, and only that one', () => {
    const first = Date.parse('2026-03-15T01:30:00Z');
    const times = occurrences(first, { unit: 'weekly', count: 4 }, LONDON, Number.POSITIVE_INFINITY);
    const moved = movedByClockChange(times, '01:30', LONDON);
    expect(moved).toEqual([{ ms: Date.parse('2026-03-29T01:30:00Z'), wanted: '01:30', actual: '02:30' }]);
    expect(movedByClockChange(times.slice(0, 2), '01:30', LONDON)).toEqual([]);
  });
});
