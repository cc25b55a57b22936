import { afterEach, describe, expect, it } from 'vitest';
import type { ConsultationEntry } from '../../src/knowledge/knowledge-base.js';
import { createScheduler } from '../../src/reminders/scheduler.js';
import { createAtReminder, createConsultationReminder, cancelReminder, type ServiceDeps } from '../../src/reminders/service.js';
import type { Store } from '../../src/reminders/store.js';
import { CHANNEL, FALLBACK, GUILD, ROLE, captureLog, fakeClock, fakePoster, organiser, tempDb } from './helpers.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const CONSULTATION: ConsultationEntry = {
  key: 'birmingham-enablement-redundancies/1',
  articleId: 'birmingham-enablement-redundancies',
  title: 'Enablement service review',
  council: 'Birmingham City Council',
  closes: '2026-12-15T17:00:00+00:00',
  url: 'https://example.org/consult',
};
const DEADLINE = Date.parse(CONSULTATION.closes);

let db: ReturnType<typeof tempDb>;
afterEach(() => db?.cleanup());

function setup(startIso = '2026-11-23T10:00:00Z') {
  db = tempDb();
  const store = db.open();
  const clock = fakeClock(startIso);
  const discord = fakePoster();
  const { log, lines } = captureLog();
  const deps: ServiceDeps = { store, clock, consultations: () => [CONSULTATION] };
  const scheduler = createScheduler({ store, poster: discord.poster, clock, log, owner: 'test', leaseMs: 60_000 });
  return { store, clock, discord, log, lines, deps, scheduler };
}

async function consultation(deps: ServiceDeps, extra: { roleId?: string; leads?: string } = {}) {
  const res = await createConsultationReminder(deps, { guildId: GUILD, actor: organiser, consultationKey: CONSULTATION.key, channelId: CHANNEL, ...extra });
  if (!res.ok) throw new Error(res.message);
  return res.value.reminder;
}

async function statuses(store: Store, id: number) {
  return (await store.getReminder(GUILD, id))!.deliveries.map((d) => `${d.lead ?? ''}:${d.status}`);
}

describe('posting on time', () => {
  it('posts each consultation notice when due, and only then, mentioning only the chosen role', async () => {
    const { store, clock, discord, deps, scheduler } = setup();
    const r = await consultation(deps, { roleId: ROLE });
    clock.set(DEADLINE - 7 * DAY - 1000);
    await scheduler.tick();
    expect(discord.messages).toHaveLength(0);

    clock.set(DEADLINE - 7 * DAY);
    await scheduler.tick();
    await scheduler.tick();
    expect(discord.messages).toHaveLength(1);
    const m = discord.messages[0]!;
    expect(m.channelId).toBe(CHANNEL);
    expect(m.body.content).toContain(`<@&${ROLE}>`);
    expect(m.body.content).toContain('Enablement service review');
    expect(m.body.content).toContain(`<t:${DEADLINE / 1000}:R>`);
    expect(m.body.content).toContain(`<t:${DEADLINE / 1000}:F>`);
    expect(m.body.content).not.toContain('Late');
    expect(m.body.allowed_mentions).toEqual({ roles: [ROLE], parse: [] });
    expect(m.body.enforce_nonce).toBe(true);
    expect(m.body.nonce.length).toBeLessThanOrEqual(25);

    clock.set(DEADLINE - DAY);
    await scheduler.tick();
    clock.set(DEADLINE);
    await scheduler.tick();
    expect(discord.messages).toHaveLength(3);
    expect(discord.messages[2]!.body.content).toContain('closes now');
    expect(await statuses(store, r.id)).toEqual(['7d:sent', '1d:sent', '0m:sent']);
    const sent = (await store.getReminder(GUILD, r.id))!.deliveries;
    expect(sent.map((d) => d.messageId)).toEqual(discord.messages.map((m) => m.id));
  });

  it('pings nobody when no role was chosen, even if the message says @everyone', async () => {
    const { clock, discord, deps, scheduler } = setup();
    const res = await createAtReminder(deps, { guildId: GUILD, actor: organiser, when: 'tomorrow 9am', message: '@everyone branch meeting', channelId: CHANNEL });
    expect(res.ok).toBe(true);
    clock.set('2026-11-24T09:00:00Z');
    await scheduler.tick();
    expect(discord.messages).toHaveLength(1);
    expect(discord.messages[0]!.body.content).toContain('@everyone branch meeting');
    expect(discord.messages[0]!.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('posts nothing for a cancelled reminder', async () => {
    const { clock, discord, deps, scheduler } = setup();
    const r = await consultation(deps);
    expect((await cancelReminder(deps, { guildId: GUILD, actor: organiser, id: r.id })).ok).toBe(true);
    clock.set(DEADLINE + HOUR);
    await scheduler.tick();
    expect(discord.calls).toHaveLength(0);
  });
});

describe('after downtime', () => {
  it('merges overdue notices into one late post while the consultation is still open', async () => {
    const { store, clock, discord, deps, scheduler } = setup();
    const r = await consultation(deps);
    clock.set(DEADLINE - 12 * HOUR); // 7d and 1d both missed
    await scheduler.tick();
    await scheduler.tick();
    expect(discord.messages).toHaveLength(1);
    const c = discord.messages[0]!.body.content;
    expect(c).toContain('Late: this was due');
    expect(c).toContain(`<t:${(DEADLINE - 7 * DAY) / 1000}:F>`);
    expect(c).toContain('2 reminders');
    expect(c).toContain(`<t:${DEADLINE / 1000}:R>`);
    const ds = (await store.getReminder(GUILD, r.id))!.deliveries;
    expect(ds.map((d) => d.status)).toEqual(['sent', 'sent', 'scheduled']);
    expect(ds[0]!.messageId).toBe(ds[1]!.messageId);
    expect(ds[1]!.mergedInto).toBe(ds[0]!.id);
  });

  it('never posts "closes in 7 days" after the deadline: those are skipped and the closing notice goes out late', async () => {
    const { store, clock, discord, deps, scheduler, lines } = setup();
    const r = await consultation(deps);
    clock.set(DEADLINE + 3 * HOUR);
    await scheduler.tick();
    expect(discord.messages).toHaveLength(1);
    const c = discord.messages[0]!.body.content;
    expect(c).toContain('has closed');
    expect(c).toContain('Late');
    expect(c).not.toMatch(/closes <t:/);
    expect(await statuses(store, r.id)).toEqual(['7d:skipped', '1d:skipped', '0m:sent']);
    expect(lines.some((l) => l.level === 'warn' && /skipped/.test(l.msg ?? ''))).toBe(true);
  });

  it('posts several missed occurrences of a weekly reminder once', async () => {
    const { store, clock, discord, deps, scheduler } = setup();
    const res = await createAtReminder(deps, { guildId: GUILD, actor: organiser, when: '24/11 18:00', message: 'Picket rota', channelId: CHANNEL, repeat: 'weekly x5' });
    if (!res.ok) throw new Error(res.message);
    clock.set('2026-12-09T12:00:00Z'); // three occurrences missed
    await scheduler.tick();
    await scheduler.tick();
    expect(discord.messages).toHaveLength(1);
    expect(discord.messages[0]!.body.content).toContain('3 reminders');
    expect((await store.getReminder(GUILD, res.value.reminder.id))!.deliveries.map((d) => d.status)).toEqual(['sent', 'sent', 'sent', 'scheduled', 'scheduled']);
  });
});

describe('failures', () => {
  it('retries transient errors with backoff under the same nonce', async () => {
    const { store, clock, discord, deps, scheduler } = setup();
    const r = await consultation(deps, { leads: '0' });
    discord.fail({ ok: false, kind: 'transient', error: '503' }, { ok: false, kind: 'transient', error: 'ECONNRESET' });
    clock.set(DEADLINE);
    expect(await scheduler.tick()).toMatchObject({ retried: 1, posted: 0 });
    // Not before the backoff has passed.
    clock.advance(4_000);
    await scheduler.tick();
    expect(discord.calls).toHaveLength(1);
    clock.advance(1_000);
    await scheduler.tick();
    expect(discord.calls).toHaveLength(2);
    clock.advance(9_999);
    await scheduler.tick();
    expect(discord.calls).toHaveLength(2);
    clock.advance(1);
    expect(await scheduler.tick()).toMatchObject({ posted: 1 });
    expect(new Set(discord.calls.map((c) => c.body.nonce)).size).toBe(1);
    expect(discord.messages).toHaveLength(1);
    expect((await store.getReminder(GUILD, r.id))!.deliveries[0]).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it('waits at least as long as a rate limit asks', async () => {
    const { clock, discord, deps, scheduler } = setup();
    await consultation(deps, { leads: '0' });
    discord.fail({ ok: false, kind: 'transient', error: '429', retryAfterMs: 30_000 });
    clock.set(DEADLINE);
    await scheduler.tick();
    clock.advance(29_999);
    await scheduler.tick();
    expect(discord.calls).toHaveLength(1);
    clock.advance(1);
    await scheduler.tick();
    expect(discord.messages).toHaveLength(1);
  });

  it('gives up after the last attempt and marks the delivery failed', async () => {
    const { store, clock, discord, deps } = setup();
    const { log } = captureLog();
    const scheduler = createScheduler({ store, poster: discord.poster, clock, log, owner: 't', maxAttempts: 2, backoffBaseMs: 1000 });
    const r = await consultation(deps, { leads: '0' });
    discord.fail({ ok: false, kind: 'transient', error: '500' }, { ok: false, kind: 'transient', error: '500' });
    clock.set(DEADLINE);
    await scheduler.tick();
    clock.advance(1000);
    expect(await scheduler.tick()).toMatchObject({ failed: 1 });
    expect((await store.getReminder(GUILD, r.id))!.deliveries[0]).toMatchObject({ status: 'failed', lastError: '500' });
  });

  it('marks a post to a deleted channel failed and tells the organiser once in the fallback channel', async () => {
    const { store, clock, discord, deps, scheduler, lines } = setup();
    await store.updateSettings(GUILD, { fallbackChannelId: FALLBACK }, clock.now());
    const r = await consultation(deps);
    discord.deleteChannel(CHANNEL);
    clock.set(DEADLINE - 7 * DAY);
    expect(await scheduler.tick()).toMatchObject({ failed: 1 });
    clock.set(DEADLINE - DAY);
    await scheduler.tick();
    expect(await statuses(store, r.id)).toEqual(['7d:failed', '1d:failed', '0m:scheduled']);
    const notes = discord.messages.filter((m) => m.channelId === FALLBACK);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.body.content).toContain(`<@${organiser.userId}>`);
    expect(notes[0]!.body.content).toContain('no longer exists');
    expect(notes[0]!.body.allowed_mentions).toEqual({ users: [organiser.userId], parse: [] });
    expect(lines.filter((l) => l.level === 'error' && /could not be posted/.test(l.msg ?? ''))).toHaveLength(2);
  });

  it('without a fallback channel a missing permission is logged and not retried', async () => {
    const { store, clock, discord, deps, scheduler, lines } = setup();
    const r = await consultation(deps, { leads: '0' });
    discord.fail({ ok: false, kind: 'permanent', reason: 'forbidden', error: '403 50013: Missing Permissions' });
    clock.set(DEADLINE);
    await scheduler.tick();
    clock.advance(DAY);
    await scheduler.tick();
    expect(discord.calls).toHaveLength(1);
    expect(await statuses(store, r.id)).toEqual(['0m:failed']);
    expect(lines.some((l) => l.level === 'warn' && /no fallback channel/.test(l.msg ?? ''))).toBe(true);
  });
});

describe('crashes and competing schedulers', () => {
  it('a delivery abandoned mid-post by a crashed scheduler is posted once, under its nonce, after the lease', async () => {
    const { store, clock, discord, deps } = setup();
    const r = await consultation(deps, { leads: '0' });
    clock.set(DEADLINE);
    // The first process claimed it and its request reached Discord, then it died before recording.
    const [claimed] = await store.claimDue('dead-process', clock.now(), 60_000);
    const d = claimed!.deliveries[0]!;
    await discord.poster.post(CHANNEL, { content: 'first try', allowed_mentions: { parse: [] }, nonce: d.nonce, enforce_nonce: true });

    const { log } = captureLog();
    const next = createScheduler({ store, poster: discord.poster, clock, log, owner: 'restarted', leaseMs: 60_000 });
    await next.tick();
    expect(discord.calls).toHaveLength(1);
    clock.advance(60_000);
    await next.tick();
    expect(discord.calls).toHaveLength(2);
    expect(discord.calls[1]!.body.nonce).toBe(d.nonce);
    expect(discord.messages).toHaveLength(1);
    expect((await store.getReminder(GUILD, r.id))!.deliveries[0]).toMatchObject({ status: 'sent', messageId: discord.messages[0]!.id });
  });

  it('two schedulers with their own connections post each due reminder once', async () => {
    const { clock, discord, deps } = setup();
    for (let i = 0; i < 8; i++) {
      const res = await createAtReminder(deps, { guildId: GUILD, actor: organiser, when: '24/11 18:00', message: `meeting ${i}`, channelId: CHANNEL });
      if (!res.ok) throw new Error(res.message);
    }
    clock.set('2026-11-24T18:00:00Z');
    const { log } = captureLog();
    const a = createScheduler({ store: db.open(), poster: discord.poster, clock, log, owner: 'A' });
    const b = createScheduler({ store: db.open(), poster: discord.poster, clock, log, owner: 'B' });
    const release = discord.hold();
    const running = Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
    await new Promise((r) => setImmediate(r));
    release();
    const reports = await running;
    expect(discord.calls).toHaveLength(8);
    expect(discord.messages.map((m) => m.body.content.split('\n')[0]).sort()).toEqual([...Array(8).keys()].map((i) => `⏰ **Reminder:** meeting ${i}`).sort());
    expect(reports.reduce((n, r) => n + r.posted, 0)).toBe(8);
  });
});
