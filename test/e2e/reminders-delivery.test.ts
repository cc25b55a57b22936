import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConsultationEntry } from '../../src/knowledge/knowledge-base.js';
import { createScheduledEvent, createRest, createRestPoster } from '../../src/reminders/poster.js';
import { startReminders, type ReminderRuntime } from '../../src/reminders/runtime.js';
import { createAtReminder, createConsultationReminder, configureGuild } from '../../src/reminders/service.js';
import { startEmulator, type Emulator } from './emulator.js';
import { captureLog, emulatorConfig } from './helpers.js';

/** Reminders posted through discord.js REST to the emulator, with a fake clock driving the scheduler. */

const GUILD = '100000000000000001';
const ROLE = '300000000000000001';
const organiser = { userId: '400000000000000001', hasManageEvents: true, roleIds: [] };
const CONSULTATION: ConsultationEntry = {
  key: 'a/1',
  articleId: 'a',
  title: 'Day centre closures',
  closes: '2026-12-15T17:00:00+00:00',
  url: 'https://example.org/consult',
};

let emulator: Emulator | null = null;
let runtime: ReminderRuntime | null = null;
let dir = '';

afterEach(async () => {
  await runtime?.stop();
  runtime = null;
  await emulator?.close();
  emulator = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function setup() {
  emulator = await startEmulator({ guilds: [{ id: GUILD }] });
  dir = mkdtempSync(join(tmpdir(), 'cutsbot-delivery-'));
  let now = Date.parse('2026-11-23T10:00:00Z');
  const clock = { now: () => now };
  const log = captureLog();
  const rt = await startReminders({
    config: emulatorConfig(emulator, { DATA_DIR: dir }),
    log: log.logger,
    consultations: () => [CONSULTATION],
    clock,
    deliver: false,
  });
  runtime = rt;
  return { emulator, runtime: rt, log, setNow: (iso: string) => (now = Date.parse(iso)), advance: (ms: number) => (now += ms) };
}

describe('reminder delivery through the Discord REST API', () => {
  it('posts a consultation notice with only the chosen role allowed to be mentioned, and a nonce', async () => {
    const { emulator, runtime, setNow } = await setup();
    const res = await createConsultationReminder(runtime.deps, { guildId: GUILD, actor: organiser, consultationKey: 'a/1', channelId: emulator.channelId, roleId: ROLE });
    expect(res.ok).toBe(true);
    setNow('2026-12-08T17:00:00Z');
    await runtime.scheduler.tick();
    const [m] = emulator.channelMessages(emulator.channelId);
    expect(m?.content).toContain(`<@&${ROLE}>`);
    expect(m?.content).toContain('Day centre closures');
    expect(m?.content).toContain('<https://example.org/consult>');
    expect(m?.allowedMentions).toEqual({ roles: [ROLE], parse: [] });
    expect(typeof m?.nonce).toBe('string');
    expect(emulator.rejectedRequests).toEqual([]);
    expect(emulator.unknownRequests).toEqual([]);
  });

  it('a deleted channel fails the delivery and the organiser is told once in the fallback channel', async () => {
    const { emulator, runtime, setNow, log } = await setup();
    const doomed = emulator.addChannel({ name: 'protest-planning', guildId: GUILD });
    const fallback = emulator.addChannel({ name: 'bot-notices', guildId: GUILD });
    await configureGuild(runtime.deps, { guildId: GUILD, actor: organiser, fallbackChannelId: fallback.id });
    const res = await createAtReminder(runtime.deps, { guildId: GUILD, actor: organiser, when: '24/11 18:00', message: 'Picket rota', channelId: doomed.id, repeat: 'daily x3' });
    if (!res.ok) throw new Error(res.message);
    emulator.deleteChannel(doomed.id);
    setNow('2026-11-24T18:00:00Z');
    await runtime.scheduler.tick();
    setNow('2026-11-25T18:00:00Z');
    await runtime.scheduler.tick();
    const notes = emulator.channelMessages(fallback.id);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.content).toContain(`<@${organiser.userId}>`);
    expect(notes[0]!.content).toContain(`#${res.value.reminder.id}`);
    expect(notes[0]!.allowedMentions).toEqual({ users: [organiser.userId], parse: [] });
    const statuses = (await runtime.store.getReminder(GUILD, res.value.reminder.id))!.deliveries.map((d) => d.status);
    expect(statuses).toEqual(['failed', 'failed', 'scheduled']);
    expect(log.text()).toContain('10003');
  });

  it('a channel the bot may not post in fails without retrying', async () => {
    const { emulator, runtime, setNow, advance } = await setup();
    const locked = emulator.addChannel({ name: 'locked', guildId: GUILD, canSend: false });
    const res = await createAtReminder(runtime.deps, { guildId: GUILD, actor: organiser, when: '24/11 18:00', message: 'x', channelId: locked.id });
    if (!res.ok) throw new Error(res.message);
    setNow('2026-11-24T18:00:00Z');
    await runtime.scheduler.tick();
    advance(3_600_000);
    await runtime.scheduler.tick();
    const posts = emulator.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${locked.id}/messages`);
    expect(posts).toHaveLength(1);
    expect((await runtime.store.getReminder(GUILD, res.value.reminder.id))!.deliveries[0]).toMatchObject({ status: 'failed' });
  });

  it('retries after a 5xx and a 429 under the same nonce, then posts once', async () => {
    const { emulator, runtime, setNow, advance } = await setup();
    const answers = [
      { status: 502, body: { message: 'Bad Gateway', code: 0 } },
      {
        status: 429,
        body: { message: 'You are being rate limited.', retry_after: 0.1, global: false },
        headers: { 'retry-after': '0.1', 'x-ratelimit-scope': 'user', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': '0.1' },
      },
    ];
    const remove = emulator.route('POST', /^\/channels\/\d+\/messages$/, () => {
      const next = answers.shift();
      if (answers.length === 0) remove();
      return next!;
    });
    const res = await createAtReminder(runtime.deps, { guildId: GUILD, actor: organiser, when: '24/11 18:00', message: 'Branch meeting', channelId: emulator.channelId });
    if (!res.ok) throw new Error(res.message);
    setNow('2026-11-24T18:00:00Z');
    for (let i = 0; i < 6; i++) {
      await runtime.scheduler.tick();
      advance(60_000);
      // The REST client keeps its own (real-time) note of the rate limit and refuses locally until
      // it lapses; the scheduler's fake clock cannot move that on.
      await new Promise((r) => setTimeout(r, 120));
    }
    const posts = emulator.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${emulator.channelId}/messages`);
    expect(posts).toHaveLength(3);
    expect(new Set(posts.map((p) => (p.body as { nonce: string }).nonce)).size).toBe(1);
    expect(emulator.channelMessages(emulator.channelId)).toHaveLength(1);
    expect((await runtime.store.getReminder(GUILD, res.value.reminder.id))!.deliveries[0]).toMatchObject({ status: 'sent' });
  });

  it('creates an external scheduled event for a deadline with the location cut to 100 characters', async () => {
    const { emulator } = await setup();
    const bodies: unknown[] = [];
    emulator.route('POST', new RegExp(`^/guilds/${GUILD}/scheduled-events$`), (req) => {
      bodies.push(req.body);
      return { body: { id: '500000000000000001' } };
    });
    const rest = createRest({ token: emulator.token, apiBase: emulator.apiBase });
    const res = await createScheduledEvent(rest, {
      guildId: GUILD,
      name: 'Day centre closures: consultation closes',
      location: `https://example.org/${'very-long-path/'.repeat(10)}`,
      startMs: Date.parse('2026-12-15T17:00:00Z'),
      endMs: Date.parse('2026-12-15T17:30:00Z'),
    });
    expect(res).toEqual({ ok: true, id: '500000000000000001' });
    const body = bodies[0] as { entity_type: number; entity_metadata: { location: string }; scheduled_start_time: string; privacy_level: number };
    expect(body.entity_type).toBe(3);
    expect(body.privacy_level).toBe(2);
    expect(body.entity_metadata.location.length).toBeLessThanOrEqual(100);
    expect(body.scheduled_start_time).toBe('2026-12-15T17:00:00.000Z');
  });

  it('the REST poster reports a deleted channel as permanent, not as something to retry', async () => {
    const { emulator } = await setup();
    const poster = createRestPoster(createRest({ token: emulator.token, apiBase: emulator.apiBase }));
    const gone = emulator.addChannel({ guildId: GUILD });
    emulator.deleteChannel(gone.id);
    const res = await poster.post(gone.id, { content: 'x', allowed_mentions: { parse: [] }, nonce: 'cbtest1', enforce_nonce: true });
    expect(res).toMatchObject({ ok: false, kind: 'permanent', reason: 'gone' });
  });
});
