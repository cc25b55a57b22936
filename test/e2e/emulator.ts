/**
 * A Discord API emulator for end-to-end tests: a REST API on 127.0.0.1 and a gateway that the real
 * discord.js client logs in to, so tests exercise the bot exactly as Discord would, with nothing
 * leaving the machine.
 *
 * It is strict on purpose: what Discord would reject, it rejects (embed limits, a second or late
 * acknowledgement, a callback type the interaction does not allow, an expired interaction token, a
 * wrong token, a channel the bot cannot see or post in, an external event without a location or end
 * time, a command over 8,000 characters), it announces rate limits in headers and enforces the
 * global limit, and any route it does not know answers 404 and is recorded in `unknownRequests` so
 * the test fails. Tests that need more of the API add routes with `route()`; a built-in route goes
 * in `emulator/rest.ts`.
 *
 * The parts: `emulator/world.ts` (guilds, channels, permissions, clock), `emulator/gateway.ts`
 * (sessions, RESUME and replay, faults), `emulator/rest.ts` (REST routes), `emulator/interactions.ts`
 * (commands and autocomplete as a member sends them), `emulator/responses.ts` (callbacks, webhooks),
 * `emulator/messages.ts`, `emulator/validate.ts` (Discord's limits), `emulator/types.ts`.
 *
 * Typical use:
 *
 *   const emulator = await startEmulator();
 *   const bot = await startBot(config({ DISCORD_API_BASE: emulator.apiBase, DISCORD_TOKEN: emulator.token }));
 *   const reply = await emulator.sendCommand('cuts', { place: 'birmingham' });
 *   expect(reply.messages[0]!.embeds[0]!.title).toContain('Birmingham');
 *   expect(emulator.unknownRequests).toEqual([]);
 *   await bot.stop(); await emulator.close();
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GatewayCloseCodes, GatewayDispatchEvents } from 'discord-api-types/v10';
import { createGateway } from './emulator/gateway.js';
import { HttpError, parseMultipart, randomToken, readBody, snowflake } from './emulator/http.js';
import { createInteractions } from './emulator/interactions.js';
import { registerCommands, restRoutes } from './emulator/rest.js';
import type { Emulator, EmulatorOptions, EmulatorRequest, RouteHandler, UploadedFile } from './emulator/types.js';
import { createWorld, isThread } from './emulator/world.js';

export type * from './emulator/types.js';
export { snowflake } from './emulator/http.js';
export { validateCommands, validateMessageBody, validateScheduledEvent } from './emulator/validate.js';
export { INTERACTION_TOKEN_MS } from './emulator/interactions.js';
export { NONCE_MEMORY_MS } from './emulator/rest.js';

/** Discord's global limit: requests per second per bot token. */
const GLOBAL_LIMIT = 50;

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const world = createWorld(options);
  const gateway = createGateway(world);
  const firstGuild = [...world.guilds.keys()][0]!;
  const firstChannel = [...world.channels.values()][0]!.id;
  const interactions = createInteractions(world, gateway, firstChannel);
  const builtins = [...interactions.routes, ...restRoutes(world, gateway)];
  const routes: { method: string; path: RegExp; handler: RouteHandler }[] = [];
  const slow: { method: string; path: RegExp; ms: number }[] = [];

  // Rate limits: a bucket per method and route (major parameters kept), and one global counter.
  const buckets = new Map<string, { windowStart: number; count: number }>();
  let globalWindow = { start: 0, count: 0 };
  const routeLimit = options.routeLimit ?? { limit: 10_000, windowMs: 1_000 };
  const globalLimit = options.globalLimitPerSecond ?? GLOBAL_LIMIT;
  const bucketKey = (method: string, path: string) =>
    `${method} ${path.replace(/^(\/(?:channels|guilds|webhooks|interactions)\/\d+)(.*)$/, (_m, major: string, rest: string) => major + rest.replace(/\d{5,}/g, ':id'))}`;

  /** Headers for this request, or a 429 to answer instead. */
  const rateLimit = (request: EmulatorRequest): { headers: Record<string, string>; limited?: { body: unknown; headers: Record<string, string> } } => {
    const now = world.now();
    if (request.authorized) {
      if (now - globalWindow.start >= 1_000) globalWindow = { start: now, count: 0 };
      globalWindow.count += 1;
      if (globalWindow.count > globalLimit) {
        const retry = (1_000 - (now - globalWindow.start)) / 1_000;
        return {
          headers: {},
          limited: {
            body: { message: 'You are being rate limited.', retry_after: retry, global: true, code: 0 },
            headers: { 'retry-after': String(Math.ceil(retry)), 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' },
          },
        };
      }
    }
    const key = bucketKey(request.method, request.path);
    let b = buckets.get(key);
    if (!b || now - b.windowStart >= routeLimit.windowMs) {
      b = { windowStart: now, count: 0 };
      buckets.set(key, b);
    }
    b.count += 1;
    const resetAfter = (routeLimit.windowMs - (now - b.windowStart)) / 1_000;
    const headers = {
      'x-ratelimit-limit': String(routeLimit.limit),
      'x-ratelimit-remaining': String(Math.max(0, routeLimit.limit - b.count)),
      'x-ratelimit-reset': String((b.windowStart + routeLimit.windowMs) / 1_000),
      'x-ratelimit-reset-after': resetAfter.toFixed(3),
      'x-ratelimit-bucket': Buffer.from(key).toString('base64url').slice(0, 32),
    };
    if (b.count > routeLimit.limit) {
      return {
        headers,
        limited: {
          body: { message: 'You are being rate limited.', retry_after: resetAfter, global: false, code: 0 },
          headers: { ...headers, 'retry-after': String(Math.ceil(resetAfter)), 'x-ratelimit-scope': 'user' },
        },
      };
    }
    return { headers };
  };

  const handleHttp = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', world.baseUrl);
    const api = /^\/api\/v10(\/.*)$/.exec(url.pathname);
    const path = api ? api[1]! : url.pathname;
    const raw = await readBody(req);
    const type = req.headers['content-type'] ?? '';
    let body: unknown = null;
    let files: UploadedFile[] = [];
    try {
      if (type.startsWith('multipart/form-data')) ({ json: body, files } = parseMultipart(raw, type));
      else if (raw.length > 0 && type.includes('json')) body = JSON.parse(raw.toString('utf8'));
    } catch {
      body = null;
    }
    const request: EmulatorRequest = {
      method: req.method ?? 'GET',
      path,
      query: url.searchParams,
      body,
      files,
      authorized: req.headers.authorization === `Bot ${world.token}`,
    };
    world.requests.push(request);

    const reply = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      request.status = status;
      if (status >= 400) request.error = payload;
      if (payload === undefined || status === 204) {
        res.writeHead(status, headers).end();
        return;
      }
      const isBuffer = Buffer.isBuffer(payload);
      res
        .writeHead(status, { 'content-type': isBuffer ? 'application/octet-stream' : 'application/json', ...headers })
        .end(isBuffer ? payload : JSON.stringify(payload));
    };

    try {
      for (const r of routes) {
        const m = r.path.exec(path);
        if (m && (r.method === '*' || r.method.toUpperCase() === request.method)) {
          const out = await r.handler(request, m);
          reply(out.status ?? 200, out.body, out.headers);
          return;
        }
      }
      if (api) {
        for (const b of builtins) {
          const m = b.path.exec(path);
          if (m && b.method.split('|').includes(request.method)) {
            const limits = rateLimit(request);
            if (limits.limited) {
              world.rejectedRequests.push(request);
              reply(429, limits.limited.body, limits.limited.headers);
              return;
            }
            const delay = slow.find((s) => s.method === request.method && s.path.test(path));
            if (delay) await new Promise((r) => setTimeout(r, delay.ms));
            const out = await b.handle(request, m);
            reply(out.status ?? 200, out.body, { ...limits.headers, ...out.headers });
            return;
          }
        }
      }
      world.unknownRequests.push(request);
      reply(404, { message: '404: Not Found', code: 0 });
    } catch (error) {
      if (error instanceof HttpError) {
        // A wrong bot token is the tests' own business (start.test checks it); anything else Discord refused is recorded.
        if (!(error.status === 401 && error.body.code === 0)) world.rejectedRequests.push(request);
        reply(error.status, error.body);
        return;
      }
      world.rejectedRequests.push(request);
      reply(500, { message: `emulator error: ${(error as Error).message}`, code: 0 });
    }
  };

  const server = createServer((req, res) => {
    handleHttp(req, res).catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  server.on('upgrade', (req, socket, head) => gateway.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  world.baseUrl = `http://127.0.0.1:${port}`;
  world.gatewayUrl = `ws://127.0.0.1:${port}`;

  const emulator: Emulator = {
    apiBase: `${world.baseUrl}/api`,
    gatewayUrl: world.gatewayUrl,
    port,
    get token() {
      return world.token;
    },
    applicationId: world.applicationId,
    botUser: world.botUser,
    botRoleId: world.botRoleId,
    guildId: firstGuild,
    channelId: firstChannel,
    requests: world.requests,
    unknownRequests: world.unknownRequests,
    rejectedRequests: world.rejectedRequests,
    identifies: world.identifies,
    resumes: world.resumes,
    commands: world.commands,
    scheduledEvents: world.scheduledEvents,
    registerCommands: (body, guildId) => registerCommands(world, body, guildId),
    sendCommand: interactions.sendCommand,
    sendAutocomplete: interactions.sendAutocomplete,
    pressButton: interactions.pressButton,
    pressUnknownButton: interactions.pressUnknownButton,
    dispatch: (t, d) => gateway.dispatch(t, d),
    channelMessages: (id) => world.messages.get(id) ?? [],
    directMessages: (userId) => world.messages.get(world.dmChannels.get(userId) ?? '') ?? [],
    closeDms: (userId) => void world.closedDms.add(userId),
    addChannel: (input) => {
      const c = world.addChannel(input);
      // A new thread arrives as THREAD_CREATE, any other channel as CHANNEL_CREATE.
      gateway.dispatch(isThread(c) ? GatewayDispatchEvents.ThreadCreate : GatewayDispatchEvents.ChannelCreate, { ...world.apiChannel(c), ...(isThread(c) ? { newly_created: true } : {}) });
      return c;
    },
    deleteChannel: (id) => {
      const c = world.channels.get(id);
      if (!c) return;
      c.deleted = true;
      gateway.dispatch(GatewayDispatchEvents.ChannelDelete, world.apiChannel(c));
    },
    channel: (id) => world.channels.get(id),
    guildIds: () => [...world.guilds.keys()],
    joinGuild: (input = {}) => {
      const g = { id: input.id ?? snowflake(), name: input.name ?? `Test branch ${world.guilds.size + 1}` };
      world.guilds.set(g.id, g);
      gateway.dispatch(GatewayDispatchEvents.GuildCreate, world.guildCreate(g));
      return g.id;
    },
    route: (method, path, handler) => {
      const entry = { method, path, handler };
      routes.push(entry);
      return () => {
        const i = routes.indexOf(entry);
        if (i >= 0) routes.splice(i, 1);
      };
    },
    slowDown: (method, path, ms) => {
      const entry = { method, path, ms };
      slow.push(entry);
      return () => {
        const i = slow.indexOf(entry);
        if (i >= 0) slow.splice(i, 1);
      };
    },
    sessions: () => gateway.connected(),
    dropConnections: () => gateway.drop(),
    requestReconnect: () => gateway.reconnect(),
    invalidateSessions: (resumable) => gateway.invalidate(resumable),
    resetToken: ({ closeGateway = true } = {}) => {
      world.token = randomToken();
      if (closeGateway) gateway.closeAll(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
      return world.token;
    },
    holdGateway: () => gateway.hold(),
    advanceTime: (ms) => world.advance(ms),
    close: async () => {
      gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return emulator;
}
