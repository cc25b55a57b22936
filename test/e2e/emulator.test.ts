import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DiscordAPIError, PermissionFlagsBits, REST, Routes } from 'discord.js';
import WebSocket from 'ws';
import { INTERACTION_TOKEN_MS, startEmulator, validateCommands, validateScheduledEvent, type Emulator } from './emulator.js';

/**
 * The emulator's own promises, which the bot's tests (and other engineers' reminder and moderator
 * tests) rely on: it must refuse what Discord refuses.
 */

let emulator: Emulator;
let rest: REST;

beforeAll(async () => {
  emulator = await startEmulator({ interactionTimeoutMs: 300 });
  rest = new REST({ api: emulator.apiBase, retries: 0 }).setToken(emulator.token);
});
afterAll(async () => {
  await emulator?.close();
});
afterEach(() => {
  emulator.unknownRequests.length = 0;
  emulator.rejectedRequests.length = 0;
});

const apiError = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as DiscordAPIError);

/** A bare gateway client standing in for a bot, for tests that answer interactions by hand. */
async function connect(token: string): Promise<{ ws: WebSocket; messages: { op: number; t?: string; d: unknown }[]; closed: Promise<number> }> {
  const ws = new WebSocket(`${emulator.gatewayUrl}?v=10&encoding=json`);
  const messages: { op: number; t?: string; d: unknown }[] = [];
  ws.on('message', (data) => messages.push(JSON.parse(data.toString()) as { op: number; d: unknown }));
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise((resolve) => ws.once('open', resolve));
  ws.send(JSON.stringify({ op: 2, d: { token, intents: 1, properties: { os: 'linux', browser: 'test', device: 'test' } } }));
  return { ws, messages, closed };
}

const waitUntil = async (test: () => boolean) => {
  for (let i = 0; i < 200 && !test(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(test()).toBe(true);
};

describe('channel messages', () => {
  const channel = () => emulator.channelId;

  it('returns the first message when a post is retried with the same nonce', async () => {
    const body = { content: 'Consultation closes tomorrow', nonce: 'reminder-42-1d', enforce_nonce: true, allowed_mentions: { parse: [] } };
    const first = (await rest.post(Routes.channelMessages(channel()), { body })) as { id: string };
    const second = (await rest.post(Routes.channelMessages(channel()), { body })) as { id: string };
    expect(second.id).toBe(first.id);
    expect(emulator.channelMessages(channel()).filter((m) => m.nonce === 'reminder-42-1d')).toHaveLength(1);
  });

  it('answers 404 Unknown Channel for a deleted channel and 403 Missing Permissions where the bot may not post', async () => {
    const gone = emulator.addChannel({ name: 'old' });
    emulator.deleteChannel(gone.id);
    expect(await apiError(rest.post(Routes.channelMessages(gone.id), { body: { content: 'x' } }))).toMatchObject({ status: 404, code: 10003 });
    const locked = emulator.addChannel({ name: 'read-only', canSend: false });
    expect(await apiError(rest.post(Routes.channelMessages(locked.id), { body: { content: 'x' } }))).toMatchObject({ status: 403, code: 50013 });
  });

  it('refuses embeds over Discord’s limits with 50035 Invalid Form Body', async () => {
    const error = await apiError(rest.post(Routes.channelMessages(channel()), { body: { embeds: [{ description: 'x'.repeat(4097) }] } }));
    expect(error).toMatchObject({ status: 400, code: 50035 });
    expect(emulator.rejectedRequests).toHaveLength(1);
  });

  it('keeps uploaded files', async () => {
    await rest.post(Routes.channelMessages(channel()), {
      body: { content: 'calendar' },
      files: [{ name: 'deadline.ics', data: Buffer.from('BEGIN:VCALENDAR'), contentType: 'text/calendar' }],
    });
    const sent = emulator.channelMessages(channel()).at(-1)!;
    expect(sent.files[0]).toMatchObject({ filename: 'deadline.ics', contentType: 'text/calendar' });
    expect(sent.files[0]!.data.toString()).toBe('BEGIN:VCALENDAR');
  });

  it('answers 401 to a wrong token', async () => {
    const wrong = new REST({ api: emulator.apiBase, retries: 0 }).setToken('a.b.c');
    expect(await apiError(wrong.get(Routes.channel(channel())))).toMatchObject({ status: 401 });
  });
});

describe('strictness and extension', () => {
  it('records routes it does not know', async () => {
    expect(await apiError(rest.get('/guilds/1/scheduled-events' as `/${string}`))).toMatchObject({ status: 404 });
    expect(emulator.unknownRequests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /guilds/1/scheduled-events']);
  });

  it('serves routes a test adds, including files outside the API', async () => {
    const remove = emulator.route('POST', /^\/guilds\/(\d+)\/scheduled-events$/, (req, m) => ({ body: { id: '1', guild_id: m[1], name: (req.body as { name: string }).name } }));
    emulator.route('GET', /^\/files\/article\.md$/, () => ({ body: Buffer.from('---\nid: x\n---\n') }));
    expect(await rest.post('/guilds/5/scheduled-events' as `/${string}`, { body: { name: 'Deadline' } })).toEqual({ id: '1', guild_id: '5', name: 'Deadline' });
    const download = await fetch(`http://127.0.0.1:${emulator.port}/files/article.md`);
    expect(await download.text()).toBe('---\nid: x\n---\n');
    remove();
    expect(await apiError(rest.post('/guilds/5/scheduled-events' as `/${string}`, { body: {} }))).toMatchObject({ status: 404 });
  });
});

describe('gateway and interactions', () => {
  it('closes with 4004 when IDENTIFY has the wrong token', async () => {
    const { closed } = await connect('not.the.token');
    expect(await closed).toBe(4004);
  });

  it('answers heartbeats and refuses a second acknowledgement or a late one', async () => {
    const bot = await connect(emulator.token);
    try {
      await waitUntil(() => bot.messages.some((m) => m.t === 'READY'));
      bot.ws.send(JSON.stringify({ op: 1, d: null }));
      await waitUntil(() => bot.messages.some((m) => m.op === 11));

      const pending = emulator.sendCommand('anything', { text: 'hi' });
      await waitUntil(() => bot.messages.some((m) => m.t === 'INTERACTION_CREATE'));
      const interaction = bot.messages.find((m) => m.t === 'INTERACTION_CREATE')!.d as { id: string; token: string; data: { options: unknown[] } };
      expect(interaction.data.options).toEqual([{ name: 'text', type: 3, value: 'hi' }]);
      const callback = Routes.interactionCallback(interaction.id, interaction.token);
      await rest.post(callback, { body: { type: 4, data: { content: 'first' } }, auth: false });
      expect(await apiError(rest.post(callback, { body: { type: 4, data: { content: 'again' } }, auth: false }))).toMatchObject({ code: 40060 });
      expect((await pending).messages.map((m) => m.content)).toEqual(['first']);

      const late = emulator.sendCommand('anything');
      const lateFailure = late.then(() => null, (e: unknown) => e as Error);
      await waitUntil(() => bot.messages.filter((m) => m.t === 'INTERACTION_CREATE').length === 2);
      const second = bot.messages.filter((m) => m.t === 'INTERACTION_CREATE')[1]!.d as { id: string; token: string };
      await new Promise((r) => setTimeout(r, 350));
      expect(await apiError(rest.post(Routes.interactionCallback(second.id, second.token), { body: { type: 5 }, auth: false }))).toMatchObject({ code: 10062 });
      expect((await lateFailure)?.message).toMatch(/did not respond/);
    } finally {
      bot.ws.close();
    }
  });
});

describe('permissions', () => {
  it('answers 50001 Missing Access for a channel the bot cannot see, and 50013 where an overwrite denies sending', async () => {
    const hidden = emulator.addChannel({ name: 'committee', overwrites: [{ id: emulator.guildId, type: 0, deny: PermissionFlagsBits.ViewChannel }] });
    expect(await apiError(rest.post(Routes.channelMessages(hidden.id), { body: { content: 'x' } }))).toMatchObject({ status: 403, code: 50001 });
    expect(await apiError(rest.get(Routes.channel(hidden.id)))).toMatchObject({ status: 403, code: 50001 });
    // A role overwrite for the bot wins back what @everyone lost.
    const allowed = emulator.addChannel({
      name: 'committee-bots',
      overwrites: [
        { id: emulator.guildId, type: 0, deny: PermissionFlagsBits.ViewChannel },
        { id: emulator.botRoleId, type: 0, allow: PermissionFlagsBits.ViewChannel },
      ],
    });
    expect(await rest.post(Routes.channelMessages(allowed.id), { body: { content: 'x' } })).toMatchObject({ content: 'x' });
    const muted = emulator.addChannel({ name: 'muted', overwrites: [{ id: emulator.botUser.id, type: 1, deny: PermissionFlagsBits.SendMessages }] });
    expect(await apiError(rest.post(Routes.channelMessages(muted.id), { body: { content: 'x' } }))).toMatchObject({ status: 403, code: 50013 });
  });
});

describe('scheduled events', () => {
  const event = (over: Record<string, unknown> = {}) => ({
    name: 'Consultation closes',
    privacy_level: 2,
    entity_type: 3,
    entity_metadata: { location: 'https://example.org/consult' },
    scheduled_start_time: new Date(Date.now() + 86_400_000).toISOString(),
    scheduled_end_time: new Date(Date.now() + 90_000_000).toISOString(),
    ...over,
  });

  it('creates a valid external event and refuses one without a location or an end time', async () => {
    expect(await rest.post(Routes.guildScheduledEvents(emulator.guildId), { body: event() })).toMatchObject({ guild_id: emulator.guildId, name: 'Consultation closes' });
    expect(await apiError(rest.post(Routes.guildScheduledEvents(emulator.guildId), { body: event({ entity_metadata: {} }) }))).toMatchObject({ status: 400, code: 50035 });
    expect(await apiError(rest.post(Routes.guildScheduledEvents(emulator.guildId), { body: event({ scheduled_end_time: undefined }) }))).toMatchObject({ status: 400, code: 50035 });
    expect(validateScheduledEvent(event({ scheduled_start_time: '2020-01-01T00:00:00Z' }), Date.now()).map((p) => p.path)).toContain('scheduled_start_time');
    expect(validateScheduledEvent(event({ entity_type: 2 }), Date.now()).map((p) => p.path)).toContain('channel_id');
  });
});

describe('command registration', () => {
  const command = (over: Record<string, unknown> = {}) => ({ name: 'x', description: 'd', ...over });

  it('refuses a command over 8,000 characters in all', () => {
    const options = Array.from({ length: 25 }, (_, i) => ({ type: 3, name: `o${i}`, description: 'd'.repeat(100), choices: Array.from({ length: 25 }, (_, j) => ({ name: `${'c'.repeat(90)}${j}`, value: `v${j}` })) }));
    const problems = validateCommands([command({ options })] as never);
    expect(problems.some((p) => /exceeds maximum size \(8000\)/.test(p.message))).toBe(true);
  });

  it('refuses options Discord refuses: subcommands mixed with options, lengths on numbers, required subcommands, mismatched choices', () => {
    const bad = (options: unknown[]) => validateCommands([command({ options })] as never).map((p) => p.message);
    expect(bad([{ type: 1, name: 'sub', description: 'd' }, { type: 3, name: 's', description: 'd' }])).toContain('Sub-command and sub-command group option types are mutually exclusive to all other types');
    expect(bad([{ type: 4, name: 'n', description: 'd', max_length: 5 }])).toContain('Only string options have a length.');
    expect(bad([{ type: 1, name: 'sub', description: 'd', required: true }])).toContain('Sub-commands cannot be required.');
    expect(bad([{ type: 4, name: 'n', description: 'd', choices: [{ name: 'a', value: 'text' }] }])).toContain('Choice value does not match the option type.');
    expect(bad([{ type: 2, name: 'g', description: 'd', options: [{ type: 2, name: 'g2', description: 'd', options: [] }] }])).toContain('A sub-command group may only contain sub-commands.');
  });
});

describe('rate limits', () => {
  it('announces the bucket in headers, and answers 429 past the global limit', async () => {
    const limited = await startEmulator({ globalLimitPerSecond: 3 });
    try {
      const call = () => fetch(`${limited.apiBase}/v10/users/@me`, { headers: { authorization: `Bot ${limited.token}` } });
      const first = await call();
      expect(first.headers.get('x-ratelimit-limit')).toMatch(/^\d+$/);
      expect(first.headers.get('x-ratelimit-remaining')).toMatch(/^\d+$/);
      expect(first.headers.get('x-ratelimit-reset-after')).toMatch(/^\d+\.\d+$/);
      expect(first.headers.get('x-ratelimit-bucket')).toBeTruthy();
      await call();
      await call();
      const over = await call();
      expect(over.status).toBe(429);
      expect(over.headers.get('x-ratelimit-global')).toBe('true');
      expect(await over.json()).toMatchObject({ global: true, retry_after: expect.any(Number) });
    } finally {
      await limited.close();
    }
  });

  it('answers 429 with the route’s bucket when a route limit is set', async () => {
    const limited = await startEmulator({ routeLimit: { limit: 2, windowMs: 60_000 } });
    try {
      const post = () => fetch(`${limited.apiBase}/v10/channels/${limited.channelId}/messages`, { method: 'POST', headers: { authorization: `Bot ${limited.token}`, 'content-type': 'application/json' }, body: '{"content":"x"}' });
      expect((await post()).headers.get('x-ratelimit-remaining')).toBe('1');
      expect((await post()).headers.get('x-ratelimit-remaining')).toBe('0');
      const over = await post();
      expect(over.status).toBe(429);
      expect(over.headers.get('x-ratelimit-scope')).toBe('user');
      expect(limited.channelMessages(limited.channelId)).toHaveLength(2);
    } finally {
      await limited.close();
    }
  });
});

describe('gateway sessions', () => {
  it('replays missed events on RESUME and then sends RESUMED; an unknown session gets op 9', async () => {
    const bot = await connect(emulator.token);
    await waitUntil(() => bot.messages.some((m) => m.t === 'READY'));
    const ready = bot.messages.find((m) => m.t === 'READY')!.d as { session_id: string };
    const lastSeq = Math.max(...bot.messages.map((m) => (m as { s?: number }).s ?? 0));
    bot.ws.terminate();
    await bot.closed;
    emulator.dispatch('GUILD_ROLE_CREATE', { guild_id: emulator.guildId, role: { id: '1', name: 'missed' } });
    const again = new WebSocket(`${emulator.gatewayUrl}?v=10&encoding=json`);
    const got: { op: number; t?: string; s?: number }[] = [];
    again.on('message', (data) => got.push(JSON.parse(data.toString()) as { op: number }));
    await new Promise((resolve) => again.once('open', resolve));
    again.send(JSON.stringify({ op: 6, d: { token: emulator.token, session_id: ready.session_id, seq: lastSeq } }));
    await waitUntil(() => got.some((m) => m.t === 'RESUMED'));
    expect(got.filter((m) => m.op === 0).map((m) => m.t)).toEqual(['GUILD_ROLE_CREATE', 'RESUMED']);
    again.send(JSON.stringify({ op: 6, d: { token: emulator.token, session_id: 'no-such-session', seq: 1 } }));
    await waitUntil(() => got.some((m) => m.op === 9));
    again.close(1000);
  });

  it('closes live sessions with 4004 when the token is reset, and REST then answers 401', async () => {
    const own = await startEmulator();
    try {
      const ws = new WebSocket(`${own.gatewayUrl}?v=10&encoding=json`);
      const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
      const messages: { t?: string }[] = [];
      ws.on('message', (data) => messages.push(JSON.parse(data.toString()) as { t?: string }));
      await new Promise((resolve) => ws.once('open', resolve));
      ws.send(JSON.stringify({ op: 2, d: { token: own.token, intents: 1, properties: {} } }));
      await waitUntil(() => messages.some((m) => m.t === 'READY'));
      const old = own.token;
      own.resetToken();
      expect(await closed).toBe(4004);
      const res = await fetch(`${own.apiBase}/v10/users/@me`, { headers: { authorization: `Bot ${old}` } });
      expect(res.status).toBe(401);
    } finally {
      await own.close();
    }
  });
});

describe('interaction rules', () => {
  it('refuses a callback type the interaction type does not allow, and follow-ups after 15 minutes', async () => {
    const bot = await connect(emulator.token);
    try {
      await waitUntil(() => bot.messages.some((m) => m.t === 'READY'));
      const pending = emulator.sendAutocomplete('anything', 'text', 'h').catch((e: unknown) => e as Error);
      await waitUntil(() => bot.messages.some((m) => m.t === 'INTERACTION_CREATE'));
      const auto = bot.messages.filter((m) => m.t === 'INTERACTION_CREATE').at(-1)!.d as { id: string; token: string };
      // An autocomplete interaction accepts only type 8 (choices).
      expect(await apiError(rest.post(Routes.interactionCallback(auto.id, auto.token), { body: { type: 4, data: { content: 'x' } }, auth: false }))).toMatchObject({ status: 400, code: 50035 });
      await rest.post(Routes.interactionCallback(auto.id, auto.token), { body: { type: 8, data: { choices: [] } }, auth: false });
      await pending;

      const command = emulator.sendCommand('anything');
      await waitUntil(() => bot.messages.filter((m) => m.t === 'INTERACTION_CREATE').length === 2);
      const cmd = bot.messages.filter((m) => m.t === 'INTERACTION_CREATE').at(-1)!.d as { id: string; token: string };
      expect(await apiError(rest.post(Routes.interactionCallback(cmd.id, cmd.token), { body: { type: 8, data: { choices: [] } }, auth: false }))).toMatchObject({ code: 50035 });
      await rest.post(Routes.interactionCallback(cmd.id, cmd.token), { body: { type: 5 }, auth: false });
      await rest.post(Routes.webhook(emulator.applicationId, cmd.token), { body: { content: 'in time' }, auth: false });
      await command;
      emulator.advanceTime(INTERACTION_TOKEN_MS + 1_000);
      expect(await apiError(rest.post(Routes.webhook(emulator.applicationId, cmd.token), { body: { content: 'too late' }, auth: false }))).toMatchObject({ status: 401, code: 50027 });
      emulator.advanceTime(-(INTERACTION_TOKEN_MS + 1_000));
    } finally {
      bot.ws.close(1000);
    }
  });
});

