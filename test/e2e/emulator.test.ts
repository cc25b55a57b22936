import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DiscordAPIError, REST, Routes } from 'discord.js';
import WebSocket from 'ws';
import { startEmulator, type Emulator } from './emulator.js';

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
