import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseLeads } from '../../src/reminders/parse-leads.js';
import { parseRepeat, parseWhen } from '../../src/reminders/parse-time.js';

const LONDON = 'Europe/London';
// Monday 23 November 2026, 10:45 GMT.
const NOW = Date.parse('2026-11-23T10:45:00Z');
const when = (text: string, now = NOW, zone = LONDON) => parseWhen(text, { now, zone });
const ok = (text: string, now = NOW, zone = LONDON) => {
  const r = when(text, now, zone);
  if (!r.ok) throw new Error(`expected ${text} to parse: ${r.message}`);
  return new Date(r.value).toISOString();
};

describe('reading dates and times the UK way', () => {
  it('reads 15/12 17:00 as 15 December, not an error or 12 March', () => {
    expect(ok('15/12 17:00')).toBe('2026-12-15T17:00:00.000Z');
  });

  it('reads tomorrow 9am and next tuesday 6pm in the guild zone', () => {
    expect(ok('tomorrow 9am')).toBe('2026-11-24T09:00:00.000Z');
    const t = when('next tuesday 6pm');
    expect(t.ok).toBe(true);
    if (!t.ok) return;
    const local = DateTime.fromMillis(t.value, { zone: LONDON });
    expect(local.weekday).toBe(2);
    expect(local.toFormat('HH:mm')).toBe('18:00');
    expect(t.value).toBeGreaterThan(NOW);
    expect(t.value - NOW).toBeLessThan(9 * 86_400_000);
  });

  it('reads ISO, with and without an offset', () => {
    expect(ok('2026-12-15 17:00')).toBe('2026-12-15T17:00:00.000Z');
    expect(ok('2026-12-15T17:00+01:00')).toBe('2026-12-15T16:00:00.000Z');
  });

  it('reads summer times as BST', () => {
    expect(ok('15/06 17:00', Date.parse('2026-06-01T12:00:00Z'))).toBe('2026-06-15T16:00:00.000Z');
  });

  it('uses the guild zone when it is not London', () => {
    expect(ok('15/12 17:00', NOW, 'Europe/Berlin')).toBe('2026-12-15T16:00:00.000Z');
    expect(ok('tomorrow 9am', NOW, 'America/New_York')).toBe('2026-11-24T14:00:00.000Z');
  });

  it('reads relative times', () => {
    expect(ok('in 2 hours')).toBe('2026-11-23T12:45:00.000Z');
  });

  it('"tomorrow" on the eve of a clock change lands on the right local time', () => {
    // Saturday 28 March 23:00 GMT: tomorrow 9am is 09:00 BST.
    expect(ok('tomorrow 9am', Date.parse('2026-03-28T23:00:00Z'))).toBe('2026-03-29T08:00:00.000Z');
    // 23:30 UTC on 24 October is already 00:30 BST on Sunday 25th: tomorrow is Monday 26th, in GMT.
    expect(ok('tomorrow 9am', Date.parse('2026-10-24T23:30:00Z'))).toBe('2026-10-26T09:00:00.000Z');
  });
});

describe('refusals', () => {
  it('refuses times in the past and says when that was', () => {
    const r = when('20/11 17:00');
    expect(r).toMatchObject({ ok: false, reason: 'past' });
    if (!r.ok) expect(r.message).toContain('17:00 on Fri 20 Nov 2026');
  });

  it('refuses 01:30 on 29 March 2026: it does not exist in London', () => {
    const r = when('29/03/2026 01:30', Date.parse('2026-03-01T12:00:00Z'));
    expect(r).toMatchObject({ ok: false, reason: 'gap' });
    if (!r.ok) expect(r.message).toMatch(/does not exist in Europe\/London/);
  });

  it('refuses 01:30 on 25 October 2026, says it happens twice, and accepts it with an offset', () => {
    const now = Date.parse('2026-10-01T12:00:00Z');
    const r = when('25/10/2026 01:30', now);
    expect(r).toMatchObject({ ok: false, reason: 'ambiguous' });
    if (!r.ok) {
      expect(r.message).toContain('happens twice');
      expect(r.message).toContain('2026-10-25T01:30+01:00');
      expect(r.message).toContain('2026-10-25T01:30+00:00');
    }
    expect(ok('2026-10-25T01:30+01:00', now)).toBe('2026-10-25T00:30:00.000Z');
    expect(ok('2026-10-25T01:30+00:00', now)).toBe('2026-10-25T01:30:00.000Z');
  });

  it('refuses dates more than a year ahead', () => {
    expect(when('15/12/2027 17:00')).toMatchObject({ ok: false, reason: 'too-far' });
    expect(when('22/11/2027 17:00').ok).toBe(true);
  });

  it('quotes unreadable text back', () => {
    const r = when('whenever suits');
    expect(r).toMatchObject({ ok: false, reason: 'unparseable' });
    if (!r.ok) expect(r.message).toContain('“whenever suits”');
  });

  it('refuses text with more than a time in it rather than dropping words', () => {
    expect(when('15/12 17:00 and 16/12 18:00')).toMatchObject({ ok: false, reason: 'partial' });
    expect(when('15/12 17:00 or thereabouts')).toMatchObject({ ok: false, reason: 'partial' });
  });

  it('asks for a time of day when only a date is given', () => {
    const r = when('15/12');
    expect(r).toMatchObject({ ok: false, reason: 'no-time' });
  });

  it('refuses unknown zones', () => {
    const r = when('tomorrow 9am', NOW, 'Mars/Olympus_Mons');
    expect(r).toMatchObject({ ok: false, reason: 'invalid-zone' });
    // Markdown is escaped so Discord shows the name as typed.
    if (!r.ok) expect(r.message).toContain('“Mars/Olympus\\_Mons”');
  });
});

describe('leads and repeats', () => {
  it('reads leads in days, hours and at the deadline', () => {
    expect(parseLeads('7d, 1d, 0')).toEqual({ ok: true, value: [{ days: 7 }, { days: 1 }, { minutes: 0 }] });
    expect(parseLeads('2 weeks, 3 hours and deadline')).toEqual({ ok: true, value: [{ days: 14 }, { minutes: 180 }, { minutes: 0 }] });
    expect(parseLeads('soon')).toMatchObject({ ok: false });
    expect(parseLeads('90d')).toMatchObject({ ok: false, reason: 'too-far' });
  });

  it('reads repeats by count and until a date', () => {
    const opts = { now: NOW, zone: LONDON };
    expect(parseRepeat('weekly x4', opts)).toEqual({ ok: true, value: { unit: 'weekly', count: 4 } });
    expect(parseRepeat('every week for 6', opts)).toEqual({ ok: true, value: { unit: 'weekly', count: 6 } });
    expect(parseRepeat('monthly 3 times', opts)).toEqual({ ok: true, value: { unit: 'monthly', count: 3 } });
    const until = parseRepeat('weekly until 31/12', opts);
    expect(until.ok && new Date(until.value.untilMs!).toISOString()).toBe('2026-12-31T23:59:59.999Z');
    expect(parseRepeat('now and then', opts)).toMatchObject({ ok: false });
    expect(parseRepeat('weekly until 1/11/2026', opts)).toMatchObject({ ok: false, reason: 'past' });
  });
});

describe('day-month dates without a year take the next occurrence', () => {
  // Tuesday 10 March 2026, 10:00 GMT: the README's own example, typed in spring.
  const MARCH = Date.parse('2026-03-10T10:00:00Z');

  it('reads 15/12 17:00 typed in March as 15 December this year, not last December', () => {
    expect(ok('15/12 17:00', MARCH)).toBe('2026-12-15T17:00:00.000Z');
  });

  it('reads a date more than six months ahead (20/09) as this September', () => {
    expect(ok('20/09 10:00', MARCH)).toBe('2026-09-20T09:00:00.000Z');
  });

  it('reads a day-month passed weeks ago (1/2) as next year', () => {
    expect(ok('1/2 10:00', MARCH)).toBe('2027-02-01T10:00:00.000Z');
  });

  it('refuses a day-month passed only days ago (8/3) as past, saying how to mean next year', () => {
    const r = when('8/3 10:00', MARCH);
    expect(r).toMatchObject({ ok: false, reason: 'past' });
    if (!r.ok) expect(r.message).toContain('“8/3/2027”');
  });

  it('reads an until date without a year as its next occurrence too', () => {
    const until = parseRepeat('weekly until 15/01', { now: MARCH, zone: LONDON });
    expect(until.ok && new Date(until.value.untilMs!).toISOString()).toBe('2027-01-15T23:59:59.999Z');
  });

  it('still refuses a date with a year that has passed', () => {
    expect(when('15/12/2025 17:00', MARCH)).toMatchObject({ ok: false, reason: 'past' });
  });
});

describe('impossible dates and offsets are refused, not guessed', () => {
  it('refuses 12/13 10:00: there is no month 13, and says dates are day/month', () => {
    const r = when('12/13 10:00');
    expect(r).toMatchObject({ ok: false, reason: 'bad-date' });
    if (!r.ok) {
      expect(r.message).toContain('13 is not a month');
      expect(r.message).toContain('“13/12”');
    }
  });

  it('refuses a month over 12 in a full date and in ISO', () => {
    expect(when('12/13/2026 10:00')).toMatchObject({ ok: false, reason: 'bad-date' });
    expect(when('2026-13-01 10:00')).toMatchObject({ ok: false, reason: 'bad-date' });
  });

  it('refuses a day past the end of its month, naming the month', () => {
    const r = when('31/04 10:00');
    expect(r).toMatchObject({ ok: false, reason: 'bad-date' });
    if (!r.ok) expect(r.message).toContain('April has only 30 days');
    const feb = when('29/02/2027 10:00');
    expect(feb).toMatchObject({ ok: false, reason: 'bad-date' });
    if (!feb.ok) expect(feb.message).toContain('February 2027 has only 28 days');
    expect(when('32/1 10:00')).toMatchObject({ ok: false, reason: 'bad-date' });
  });

  it('refuses an impossible until date', () => {
    expect(parseRepeat('weekly until 31/11', { now: NOW, zone: LONDON })).toMatchObject({ ok: false, reason: 'bad-date' });
  });

  it('refuses offsets beyond ±14:00 and accepts ±14:00', () => {
    const r = when('2026-12-15T17:00+99:00');
    expect(r).toMatchObject({ ok: false, reason: 'bad-offset' });
    if (!r.ok) expect(r.message).toContain('+99:00');
    expect(when('2026-12-15T17:00-14:30')).toMatchObject({ ok: false, reason: 'bad-offset' });
    expect(ok('2026-12-15T17:00+14:00')).toBe('2026-12-15T03:00:00.000Z');
  });
});

describe('echoing what an organiser typed', () => {
  it('quotes a date it cannot read without a live masked link, mention or bidi trick, clipped to its length', () => {
    const typed = '[Sign the petition](https://evil.example) <@&123> \u202eevil ' + 'x'.repeat(200);
    const r = when(typed);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).not.toContain('[Sign the petition](');
    expect(r.message).toContain('\\[Sign the petition\\]');
    expect(r.message).not.toMatch(/(?<!\\)<@&123>/);
    expect(r.message).not.toContain('\u202e');
    expect(r.message).not.toContain('x'.repeat(100));
    expect(r.message).toContain('…');
  });
});
