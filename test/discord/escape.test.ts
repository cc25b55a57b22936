import { describe, expect, it } from 'vitest';
import { escapeText, safeUrl } from '../../src/discord/escape.js';
import { renderPost } from '../../src/reminders/render.js';
import type { Reminder } from '../../src/reminders/store.js';
import { liveLinks, liveMentions } from '../e2e/helpers.js';

describe('escapeText', () => {
  it('leaves no masked link, bare link or mention live, and keeps the words readable', () => {
    for (const raw of [
      'care [Sign the official petition](https://qx.qx)',
      '[x](<https://qx.qx>)',
      '[a] (https://qx.qx)',
      'go to http://qx.qx/now',
      'hi <@123456789012345678> and <@&123456789012345678> in <#123456789012345678> @everyone @here',
    ]) {
      const out = escapeText(raw);
      expect(liveLinks(out), raw).toEqual([]);
      expect(liveMentions(out), raw).toEqual([]);
      // Every character of the original is still there; only escapes were added.
      expect(out.replace(/\\/g, '')).toBe(raw.replace(/\\/g, ''));
    }
  });

  it('strips bidi overrides, isolates and zero-width characters', () => {
    expect(escapeText('file\u202Edm.exe')).toBe('filedm.exe');
    expect(escapeText('a\u200Bb\u200Cc\u200Dd\u2060e\uFEFFf\u2066g\u2069\u200Eh\u200Fi')).toBe('abcdefghi');
  });

  it('is linear: a long line of brackets escapes quickly', () => {
    const started = performance.now();
    escapeText('[a](b'.repeat(20_000));
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('safeUrl', () => {
  it('allows http(s) only and encodes what would end a link', () => {
    expect(safeUrl('https://example.org/a b<c>')).toBe('https://example.org/a%20b%3Cc%3E');
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('data:text/html,x')).toBeNull();
    expect(safeUrl('not a url')).toBeNull();
  });
});

describe('reminder posts', () => {
  const reminder = (over: Partial<Reminder>): Reminder => ({
    id: 1,
    guildId: '100000000000000001',
    channelId: '200000000000000001',
    createdBy: '400000000000000001',
    kind: 'consultation',
    consultationKey: 'x/1',
    title: 'Care review',
    message: '',
    url: null,
    roleId: null,
    zone: 'Europe/London',
    deadlineMs: Date.parse('2026-12-15T17:00:00Z'),
    repeat: null,
    status: 'active',
    createdAt: 0,
    updatedAt: 0,
    cancelledAt: null,
    cancelledBy: null,
    scheduledEventId: null,
    failureNotifiedAt: null,
    wallTime: null,
    ...over,
  });
  const post = (over: Partial<Reminder>) => renderPost(reminder(over), [], { now: Date.parse('2026-12-01T00:00:00Z'), late: false }).content;

  it('shows a consultation title from a knowledge file as text, never as a link or mention', () => {
    const text = post({ title: 'Review [vote here](https://qx.qx) <@&123456789012345678>' });
    expect(text).toContain('vote here');
    expect(liveLinks(text)).toEqual([]);
    expect(liveMentions(text)).toEqual([]);
  });

  it('links only http(s) consultation URLs, with <> encoded', () => {
    expect(post({ url: 'javascript:alert(1)' })).not.toContain('javascript');
    expect(post({ url: 'https://example.org/a>b' })).toContain('<https://example.org/a%3Eb>');
  });
});
