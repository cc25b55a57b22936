/**
 * The built-in REST routes (everything but interactions, in interactions.ts). To teach the emulator
 * another route, add an entry to the list in `restRoutes`: a method (or `GET|PATCH`), a path
 * pattern without `/api/v10`, and a handler that returns a body or throws an `HttpError`.
 */
import { ApplicationCommandType, ChannelType, PermissionFlagsBits, type APIApplicationCommand, type RESTPutAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { formErrors, HttpError, snowflake, unknown } from './http.js';
import { apiMessage, checkBody, editMessage, makeMessage } from './messages.js';
import type { EmulatorChannel, EmulatorRequest, RouteResponse } from './types.js';
import { validateCommands, validateScheduledEvent } from './validate.js';
import { botMember, isThread, type World } from './world.js';

export interface Builtin {
  method: string;
  path: RegExp;
  handle: (req: EmulatorRequest, m: RegExpExecArray) => RouteResponse | Promise<RouteResponse>;
}

export const requireAuth = (req: EmulatorRequest) => {
  if (!req.authorized) throw new HttpError(401, { message: '401: Unauthorized', code: 0 });
};

const missingAccess = () => new HttpError(403, { code: 50001, message: 'Missing Access' });
const missingPermissions = () => new HttpError(403, { code: 50013, message: 'Missing Permissions' });

/** Discord's nonce memory: a retried post within this window returns the first message. */
export const NONCE_MEMORY_MS = 5 * 60_000;

export function registerCommands(world: World, body: RESTPutAPIApplicationCommandsJSONBody, guildId?: string): APIApplicationCommand[] {
  const problems = validateCommands(body);
  if (problems.length > 0) throw formErrors(problems);
  const saved = body.map(
    (c) =>
      ({
        ...c,
        id: snowflake(),
        application_id: world.applicationId,
        version: snowflake(),
        type: c.type ?? ApplicationCommandType.ChatInput,
        default_member_permissions: c.default_member_permissions ?? null,
        nsfw: false,
        ...(guildId ? { guild_id: guildId } : {}),
      }) as APIApplicationCommand,
  );
  world.commands.set(guildId ?? 'global', saved);
  return saved;
}

export function restRoutes(world: World, events: { dispatch(t: string, d: unknown): void }): Builtin[] {
  const nonceNow = world.options.nonceClock ?? world.now;
  const liveChannel = (id: string): EmulatorChannel => {
    const c = world.channels.get(id);
    if (!c || c.deleted) throw unknown('Channel', 10003);
    if (c.type === ChannelType.DM) return c;
    // A channel in a guild the bot has left, or one it may not view, is "Missing Access".
    if (!world.guilds.has(c.guildId) || !(world.botPermissionsIn(c) & PermissionFlagsBits.ViewChannel)) throw missingAccess();
    return c;
  };
  const guildOf = (id: string) => {
    const g = world.guilds.get(id);
    if (!g) throw unknown('Guild', 10004);
    return g;
  };

  return [
    {
      method: 'GET',
      path: /^\/gateway\/bot$/,
      handle: (req) => {
        requireAuth(req);
        return {
          body: { url: world.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } },
        };
      },
    },
    { method: 'GET', path: /^\/gateway$/, handle: () => ({ body: { url: world.gatewayUrl } }) },
    {
      method: 'GET',
      path: /^\/users\/@me$/,
      handle: (req) => {
        requireAuth(req);
        return { body: world.botUser };
      },
    },
    {
      method: 'DELETE',
      path: /^\/users\/@me\/guilds\/(\d+)$/,
      handle: (req, m) => {
        requireAuth(req);
        const g = guildOf(m[1]!);
        world.guilds.delete(g.id);
        events.dispatch('GUILD_DELETE', { id: g.id });
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      path: /^\/guilds\/(\d+)\/members\/(\d+)$/,
      handle: (req, m) => {
        requireAuth(req);
        guildOf(m[1]!);
        if (m[2] !== world.botUser.id) throw unknown('Member', 10007);
        return { body: botMember(world) };
      },
    },
    {
      method: 'POST',
      path: /^\/guilds\/(\d+)\/scheduled-events$/,
      handle: (req, m) => {
        requireAuth(req);
        const g = guildOf(m[1]!);
        if (!(world.botPermissions & (PermissionFlagsBits.CreateEvents | PermissionFlagsBits.ManageEvents | PermissionFlagsBits.Administrator))) {
          throw missingPermissions();
        }
        const body = (req.body ?? {}) as Record<string, unknown>;
        const problems = validateScheduledEvent(body, world.now());
        if (problems.length > 0) throw formErrors(problems);
        const event = { id: snowflake(), guildId: g.id, body };
        world.scheduledEvents.push(event);
        return { body: { id: event.id, guild_id: g.id, creator_id: world.botUser.id, status: 1, ...body } };
      },
    },
    {
      method: 'GET|PUT',
      path: /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/,
      handle: (req, m) => {
        requireAuth(req);
        if (m[1] !== world.applicationId) throw missingAccess();
        const guildId = m[2];
        if (guildId && !world.guilds.has(guildId)) throw missingAccess();
        if (req.method === 'GET') return { body: world.commands.get(guildId ?? 'global') ?? [] };
        return { body: registerCommands(world, req.body as RESTPutAPIApplicationCommandsJSONBody, guildId) };
      },
    },
    // A forum takes posts: a new thread whose first message has the thread's id. Discord keeps no nonce here.
    {
      method: 'POST',
      path: /^\/channels\/(\d+)\/threads$/,
      handle: (req, m) => {
        requireAuth(req);
        const forum = liveChannel(m[1]!);
        if (forum.type !== ChannelType.GuildForum) throw formErrors([{ path: 'message', message: 'Only forum channels are emulated here.' }]);
        if (!(world.botPermissionsIn(forum) & PermissionFlagsBits.SendMessages)) throw missingPermissions();
        const body = (req.body ?? {}) as { name?: unknown; message?: unknown };
        if (typeof body.name !== 'string' || body.name.length < 1 || body.name.length > 100) throw formErrors([{ path: 'name', message: 'Must be between 1 and 100 in length.' }]);
        const data = checkBody(body.message, true);
        if ('nonce' in data || 'enforce_nonce' in data) throw formErrors([{ path: 'message.nonce', message: 'Unknown field.' }]);
        const thread = world.addChannel({ guildId: forum.guildId, name: body.name, type: ChannelType.PublicThread, parentId: forum.id });
        const message = { ...makeMessage(thread.id, data, req.files), id: thread.id };
        world.messages.set(thread.id, [message]);
        return { status: 201, body: { ...world.apiChannel(thread), message: apiMessage(world, message) } };
      },
    },
    {
      method: 'GET',
      path: /^\/guilds\/(\d+)\/threads\/active$/,
      handle: (req, m) => {
        requireAuth(req);
        const g = guildOf(m[1]!);
        const threads = [...world.channels.values()].filter((c) => c.guildId === g.id && !c.deleted && isThread(c));
        return { body: { threads: threads.map(world.apiChannel), members: [] } };
      },
    },
    // Opening a DM always works; whether a message gets through is decided when it is sent.
    {
      method: 'POST',
      path: /^\/users\/@me\/channels$/,
      handle: (req) => {
        requireAuth(req);
        const recipient = String((req.body as { recipient_id?: unknown } | null)?.recipient_id ?? '');
        if (!/^\d{17,20}$/.test(recipient)) throw formErrors([{ path: 'recipient_id', message: 'Value "' + recipient + '" is not snowflake.' }]);
        let id = world.dmChannels.get(recipient);
        if (!id) {
          id = snowflake();
          world.channels.set(id, { id, name: '', guildId: '', type: ChannelType.DM, canSend: true, overwrites: [], deleted: false, parentId: null });
          world.dmChannels.set(recipient, id);
        }
        return { body: { id, type: ChannelType.DM, last_message_id: null, flags: 0, recipients: [{ id: recipient, username: `member${recipient.slice(-4)}`, discriminator: '0', global_name: 'Member', avatar: null }] } };
      },
    },
    {
      method: 'GET',
      path: /^\/channels\/(\d+)$/,
      handle: (req, m) => {
        requireAuth(req);
        return { body: world.apiChannel(liveChannel(m[1]!)) };
      },
    },
    // A channel's recent messages, newest first, as the bot reads them: Discord returns no nonce here
    // (only in the answer to the post and on the gateway). Reading needs Read Message History.
    {
      method: 'GET',
      path: /^\/channels\/(\d+)\/messages$/,
      handle: (req, m) => {
        requireAuth(req);
        const channel = liveChannel(m[1]!);
        if (!(world.botPermissionsIn(channel) & PermissionFlagsBits.ReadMessageHistory)) return { body: [] };
        const limit = Number(req.query.get('limit') ?? 50);
        if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw formErrors([{ path: 'limit', message: 'Must be between 1 and 100.' }]);
        const recent = [...(world.messages.get(channel.id) ?? [])].reverse().slice(0, limit);
        return { body: recent.map((msg) => ({ ...apiMessage(world, msg), nonce: undefined })) };
      },
    },
    {
      method: 'POST',
      path: /^\/channels\/(\d+)\/messages$/,
      handle: (req, m) => {
        requireAuth(req);
        const channel = liveChannel(m[1]!);
        if (channel.type === ChannelType.DM) {
          // A DM has no permissions: the member's privacy settings decide.
          const recipient = [...world.dmChannels].find(([, id]) => id === channel.id)?.[0];
          if (recipient && world.closedDms.has(recipient)) throw new HttpError(403, { code: 50007, message: 'Cannot send messages to this user' });
        }
        const perms = channel.type === ChannelType.DM ? PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks | PermissionFlagsBits.AttachFiles : world.botPermissionsIn(channel);
        // In a thread, Send Messages in Threads is what counts; a forum takes new posts, not messages.
        if (channel.type === ChannelType.GuildForum) throw new HttpError(400, { code: 50008, message: 'Cannot send messages in a non-text channel' });
        if (!(perms & (isThread(channel) ? PermissionFlagsBits.SendMessagesInThreads : PermissionFlagsBits.SendMessages))) throw missingPermissions();
        if (req.files.length > 0 && !(perms & PermissionFlagsBits.AttachFiles)) throw missingPermissions();
        const data = checkBody(req.body, true);
        // Without Embed Links, Discord posts the message and silently drops its embeds.
        const shown = perms & PermissionFlagsBits.EmbedLinks ? data : { ...data, embeds: [] };
        const nonce = data.nonce;
        if (nonce !== undefined && String(nonce).length > 25) throw formErrors([{ path: 'nonce', message: 'Must be 25 or fewer in length.' }]);
        const key = `${channel.id}:${String(nonce)}`;
        if (nonce !== undefined && data.enforce_nonce === true) {
          const seen = world.nonces.get(key);
          if (seen && nonceNow() - seen.at < NONCE_MEMORY_MS) return { body: apiMessage(world, seen.message) };
        }
        const message = makeMessage(channel.id, shown, req.files);
        if (nonce !== undefined) world.nonces.set(key, { message, at: nonceNow() });
        const list = world.messages.get(channel.id) ?? [];
        list.push(message);
        world.messages.set(channel.id, list);
        return { body: apiMessage(world, message) };
      },
    },
    {
      method: 'GET|PATCH|DELETE',
      path: /^\/channels\/(\d+)\/messages\/(\d+)$/,
      handle: (req, m) => {
        requireAuth(req);
        const channel = liveChannel(m[1]!);
        const list = world.messages.get(channel.id) ?? [];
        const message = list.find((x) => x.id === m[2]);
        if (!message) throw unknown('Message', 10008);
        if (req.method === 'DELETE') {
          world.messages.set(channel.id, list.filter((x) => x !== message));
          return { status: 204 };
        }
        if (req.method === 'PATCH') editMessage(message, checkBody(req.body, false), req.files);
        return { body: apiMessage(world, message) };
      },
    },
  ];
}
