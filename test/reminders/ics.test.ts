import { describe, expect, it } from 'vitest';
import { buildIcs } from '../../src/reminders/ics.js';

describe('calendar files', () => {
  it('gives the deadline in UTC and alarms as hour durations, never the malformed day form', () => {
    const res = buildIcs({
      uid: 'consultation-a-1@cutsbot',
      title: 'Day centre closures closes',
      url: 'https://example.org/consult',
      startMs: Date.parse('2026-12-15T17:00:00Z'),
      alarms: [{ days: 7 }, { days: 1 }, { minutes: 0 }],
      zone: 'Europe/London',
    });
    if (!res.ok) throw new Error(res.error);
    const text = res.text.replace(/\r\n[ \t]/g, '');
    expect(text).toContain('DTSTART:20261215T170000Z');
    expect(text).toContain('UID:consultation-a-1@cutsbot');
    const triggers = [...text.matchAll(/TRIGGER:(\S+)/g)].map((m) => m[1]);
    expect(triggers).toEqual(['-PT168H', '-PT24H']);
  });

  it('counts calendar days across a clock change', () => {
    const res = buildIcs({ uid: 'x@cutsbot', title: 'x', startMs: Date.parse('2026-04-02T16:00:00Z'), alarms: [{ days: 7 }], zone: 'Europe/London' });
    if (!res.ok) throw new Error(res.error);
    expect(res.text).toContain('TRIGGER:-PT167H');
  });
});
