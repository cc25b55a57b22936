/**
 * A small Discord API emulator for end-to-end tests: a REST API on 127.0.0.1 and a gateway that
 * the real discord.js client logs in to, so tests exercise the bot exactly as Discord would, with
 * nothing leaving the machine.
 *
 * It is strict on purpose: what Discord would reject, it rejects (embed limits, a second
 * acknowledgement, a late acknowledgement, a wrong token), and any route it does not know answers
 * 404 and is recorded in `unknownRequests` so the test fails. Tests that need more of the API add
 * routes with `route()`.
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
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  GatewayDispatchEvents,
  GatewayOpcodes,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  MessageType,
  PermissionFlagsBits,
  type APIApplicationCommand,
  type APIApplicationCommandOption,
  type APIApplicationCommandOptionChoice,
  type APIEmbed,
  type APIMessage,
  type APIUser,
  type GatewayReceivePayload,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { WebSocketServer, type WebSocket } from 'ws';

// ---------------------------------------------------------------------------------------------
// Public types

export interface EmulatorOptions {
  /** The bot token the emulator accepts; a random valid-looking one by default. */
  token?: string;
  applicationId?: string;
  /** Guilds the bot is in; one guild by default. */
  guilds?: { id?: string; name?: string }[];
  /** Text channels; one "general" channel in the first guild by default. */
  channels?: EmulatorChannelInput[];
  /** How long the bot has to acknowledge an interaction; Discord's rule is 3 seconds. */
  interactionTimeoutMs?: number;
  /** Heartbeat interval announced in HELLO. */
  heartbeatIntervalMs?: number;
  /** Discord's clock for how long it remembers a message nonce (a few minutes); real time by default. */
  nonceClock?: () => number;
}

export interface EmulatorChannelInput {
  id?: string;
  name?: string;
  /** Defaults to the first guild. */
  guildId?: string;
  type?: ChannelType;
  /** False makes `POST /channels/{id}/messages` answer 403 Missing Permissions (code 50013). */
  canSend?: boolean;
}

export interface EmulatorChannel {
  id: string;
  name: string;
  guildId: string;
  type: ChannelType;
  canSend: boolean;
  deleted: boolean;
}

export interface UploadedFile {
  field: string;
  filename: string;
  contentType: string | null;
  data: Buffer;
}

/** One HTTP request the emulator received (headers are not kept: they hold the token). */
export interface EmulatorRequest {
  method: string;
  /** Path without the `/api/v10` prefix, e.g. `/channels/123/messages`. */
  path: string;
  query: URLSearchParams;
  /** JSON body (for multipart, the parsed `payload_json`), or null. */
  body: unknown;
  files: UploadedFile[];
  /** Whether `Authorization: Bot <token>` was present and right. */
  authorized: boolean;
  status?: number;
  /** Discord-style error of a rejected request, e.g. `{ code: 50035, message: 'Invalid Form Body', ... }`. */
  error?: unknown;
}

export interface RouteResponse {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type RouteHandler = (request: EmulatorRequest, match: RegExpExecArray) => RouteResponse | Promise<RouteResponse>;

/** A message as Discord would show it. */
export interface SentMessage {
  id: string;
  channelId: string;
  content: string;
  embeds: APIEmbed[];
  flags: number;
  ephemeral: boolean;
  /** `allowed_mentions` exactly as the bot sent it (undefined if it sent none). */
  allowedMentions: unknown;
  components: unknown[];
  files: UploadedFile[];
  nonce?: string | number;
  /** Every body that produced or edited this message, in order. */
  bodies: unknown[];
}

export interface InteractionReply {
  id: string;
  token: string;
  /** The type of the first callback (4 reply, 5 deferred, 8 autocomplete…), null if none came. */
  callbackType: InteractionResponseType | null;
  deferred: boolean;
  /** Whether the original response is ephemeral (from the reply or the deferral). */
  ephemeral: boolean;
  /** The original response as it stands after edits; null if never sent or deleted. */
  original: SentMessage | null;
  originalDeleted: boolean;
  followUps: SentMessage[];
  /** What the member sees in the end: the original (if any) then the follow-ups. */
  messages: SentMessage[];
  /** Autocomplete choices, when the bot answered an autocomplete. */
  choices: APIApplicationCommandOptionChoice[] | null;
  /** Every request the bot made for this interaction, in order. */
  history: { kind: 'callback' | 'edit' | 'delete' | 'followup' | 'fetch'; body: unknown }[];
}

/** A value for an option; an object to give the option type explicitly. */
export type OptionValue = string | number | boolean | { type: ApplicationCommandOptionType; value: string | number | boolean };

export interface InteractionOptions {
  /** The member who runs the command. A fresh member each call unless given. */
  user?: Partial<APIUser> & { id?: string };
  /** The member's permissions in the channel (bitfield). Plain member permissions by default. */
  permissions?: bigint | string;
  roles?: string[];
  /** The bot's permissions in the channel. */
  appPermissions?: bigint | string;
  channelId?: string;
  /** null for a DM; the channel's guild by default. */
  guildId?: string | null;
  locale?: string;
  /** `resolved` data to send with the interaction (users, attachments…). */
  resolved?: unknown;
  /** Skip the checks Discord's own client makes against the registered command (lengths, required). */
  unchecked?: boolean;
  /** How long to wait for the bot's visible answer after acknowledgement. */
  timeoutMs?: number;
}

export interface Emulator {
  apiBase: string;
  gatewayUrl: string;
  port: number;
  token: string;
  applicationId: string;
  botUser: APIUser;
  guildId: string;
  channelId: string;
  requests: EmulatorRequest[];
  unknownRequests: EmulatorRequest[];
  /** Requests the emulator refused as Discord would (400 for bad bodies, 40060, 10062…). */
  rejectedRequests: EmulatorRequest[];
  /** IDENTIFY payloads received (token removed). */
  identifies: { intents: number; properties: unknown; shard?: unknown }[];
  /** Slash commands as last deployed (or registered with `registerCommands`), by scope: 'global' or a guild id. */
  commands: Map<string, APIApplicationCommand[]>;
  registerCommands(commands: RESTPutAPIApplicationCommandsJSONBody, guildId?: string): APIApplicationCommand[];
  sendCommand(name: string, options?: Record<string, OptionValue>, interaction?: InteractionOptions): Promise<InteractionReply>;
  sendAutocomplete(
    name: string,
    focusedOption: string,
    value: string,
    interaction?: InteractionOptions & { options?: Record<string, OptionValue> },
  ): Promise<APIApplicationCommandOptionChoice[]>;
  /** Sends any gateway dispatch to every connected, identified bot. */
  dispatch(event: GatewayDispatchEvents | string, data: unknown): void;
  channelMessages(channelId: string): SentMessage[];
  addChannel(channel?: EmulatorChannelInput): EmulatorChannel;
  deleteChannel(channelId: string): void;
  channel(channelId: string): EmulatorChannel | undefined;
  /** Adds a route, checked before the built-in ones. `path` is matched against the path without `/api/v10`. Returns a remover. */
  route(method: string, path: RegExp, handler: RouteHandler): () => void;
  /** Connected, identified gateway sessions. */
  sessions(): number;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Helpers

const DISCORD_EPOCH = 1420070400000n;
let increment = 0n;
export function snowflake(at = Date.now()): string {
  increment = (increment + 1n) % 4096n;
  return ((BigInt(at) - DISCORD_EPOCH) << 22n | (1n << 17n) | increment).toString();
}

function randomToken(): string {
  const id = Buffer.from(snowflake()).toString('base64url');
  return `${id}.${randomBytes(4).toString('base64url')}.${randomBytes(27).toString('base64url')}`;
}

const MEMBER_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.UseApplicationCommands |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles;

const APP_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.AttachFiles;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: { code: number; message: string; errors?: unknown },
  ) {
    super(body.message);
  }
}

const unknown = (what: string, code: number) => new HttpError(404, { code, message: `Unknown ${what}` });

/** Builds Discord's nested `errors` object from dotted paths, e.g. `embeds.0.description`. */
function formErrors(problems: { path: string; message: string }[]): HttpError {
  const errors: Record<string, unknown> = {};
  for (const p of problems) {
    let node = errors;
    for (const key of p.path.split('.')) node = (node[key] ??= {}) as Record<string, unknown>;
    const list = ((node._errors as unknown[]) ??= []);
    list.push({ code: 'BASE_TYPE_BAD_LENGTH', message: p.message });
  }
  return new HttpError(400, { code: 50035, message: 'Invalid Form Body', errors });
}

const len = (v: unknown) => (typeof v === 'string' ? v.length : 0);

/** Discord's message and embed limits. */
export function validateMessageBody(body: Record<string, unknown>, { creating }: { creating: boolean }): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const content = body.content;
  if (content !== undefined && content !== null && len(content) > 2000) problems.push({ path: 'content', message: 'Must be 2000 or fewer in length.' });
  const embeds = (body.embeds ?? []) as APIEmbed[];
  if (!Array.isArray(embeds)) problems.push({ path: 'embeds', message: 'Must be an array.' });
  else {
    if (embeds.length > 10) problems.push({ path: 'embeds', message: 'Must be 10 or fewer in length.' });
    let total = 0;
    embeds.forEach((e, i) => {
      const at = `embeds.${i}`;
      const check = (path: string, value: unknown, max: number, min = 0) => {
        const n = len(value);
        total += n;
        if (n > max) problems.push({ path: `${at}.${path}`, message: `Must be ${max} or fewer in length.` });
        if (value !== undefined && n < min) problems.push({ path: `${at}.${path}`, message: 'This field is required' });
      };
      check('title', e.title, 256);
      check('description', e.description, 4096);
      check('footer.text', e.footer?.text, 2048);
      check('author.name', e.author?.name, 256);
      const fields = e.fields ?? [];
      if (fields.length > 25) problems.push({ path: `${at}.fields`, message: 'Must be 25 or fewer in length.' });
      fields.forEach((f, j) => {
        check(`fields.${j}.name`, f.name, 256, 1);
        check(`fields.${j}.value`, f.value, 1024, 1);
        if (typeof f.name !== 'string' || typeof f.value !== 'string') problems.push({ path: `${at}.fields.${j}`, message: 'This field is required' });
      });
      if (e.url !== undefined && !/^https?:\/\//.test(e.url)) problems.push({ path: `${at}.url`, message: 'Not a well formed URL.' });
    });
    if (total > 6000) problems.push({ path: 'embeds', message: `Embed size exceeds maximum size of 6000 (${total}).` });
  }
  const hasSomething =
    (typeof content === 'string' && content.length > 0) ||
    (Array.isArray(embeds) && embeds.length > 0) ||
    (Array.isArray(body.attachments) && body.attachments.length > 0) ||
    (Array.isArray(body.components) && body.components.length > 0) ||
    body.poll !== undefined ||
    Array.isArray(body.sticker_ids);
  if (creating && !hasSomething) problems.push({ path: 'content', message: 'Cannot send an empty message' });
  const mentions = body.allowed_mentions as { parse?: unknown } | undefined;
  if (mentions?.parse !== undefined) {
    if (!Array.isArray(mentions.parse) || mentions.parse.some((p) => !['users', 'roles', 'everyone'].includes(String(p)))) {
      problems.push({ path: 'allowed_mentions.parse', message: 'Value must be one of users, roles, everyone.' });
    }
  }
  return problems;
}

const COMMAND_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** What Discord checks when commands are registered. */
export function validateCommands(commands: RESTPutAPIApplicationCommandsJSONBody): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (!Array.isArray(commands)) return [{ path: '_', message: 'Must be an array.' }];
  if (commands.length > 100) problems.push({ path: '_', message: 'Must be 100 or fewer in length.' });
  const names = new Set<string>();
  const checkOptions = (options: APIApplicationCommandOption[] | undefined, at: string) => {
    if (!options) return;
    if (options.length > 25) problems.push({ path: `${at}.options`, message: 'Must be 25 or fewer in length.' });
    const seen = new Set<string>();
    let optionalSeen = false;
    options.forEach((o, i) => {
      const p = `${at}.options.${i}`;
      if (!COMMAND_NAME.test(o.name) || o.name !== o.name.toLowerCase()) problems.push({ path: `${p}.name`, message: 'Invalid name.' });
      if (seen.has(o.name)) problems.push({ path: `${p}.name`, message: 'Option names must be unique.' });
      seen.add(o.name);
      if (len(o.description) < 1 || len(o.description) > 100) problems.push({ path: `${p}.description`, message: 'Must be between 1 and 100 in length.' });
      const required = 'required' in o && o.required === true;
      if (required && optionalSeen) problems.push({ path: `${p}.required`, message: 'Required options must be placed before non-required options.' });
      if (!required) optionalSeen = true;
      const anyO = o as { choices?: unknown[]; autocomplete?: boolean; max_length?: number; min_length?: number; options?: APIApplicationCommandOption[] };
      if (anyO.choices && anyO.choices.length > 25) problems.push({ path: `${p}.choices`, message: 'Must be 25 or fewer in length.' });
      if (anyO.autocomplete && anyO.choices?.length) problems.push({ path: `${p}.autocomplete`, message: 'Autocomplete and choices are mutually exclusive.' });
      if (anyO.max_length !== undefined && (anyO.max_length < 1 || anyO.max_length > 6000)) problems.push({ path: `${p}.max_length`, message: 'Must be between 1 and 6000.' });
      if (o.type === ApplicationCommandOptionType.Subcommand || o.type === ApplicationCommandOptionType.SubcommandGroup) checkOptions(anyO.options, p);
    });
  };
  commands.forEach((c, i) => {
    const at = `${i}`;
    const type = c.type ?? ApplicationCommandType.ChatInput;
    if (!COMMAND_NAME.test(c.name) || (type === ApplicationCommandType.ChatInput && c.name !== c.name.toLowerCase())) {
      problems.push({ path: `${at}.name`, message: 'Invalid name.' });
    }
    if (names.has(`${type}:${c.name}`)) problems.push({ path: `${at}.name`, message: 'Application command names must be unique' });
    names.add(`${type}:${c.name}`);
    if (type === ApplicationCommandType.ChatInput) {
      const d = (c as { description?: string }).description;
      if (len(d) < 1 || len(d) > 100) problems.push({ path: `${at}.description`, message: 'Must be between 1 and 100 in length.' });
      checkOptions((c as { options?: APIApplicationCommandOption[] }).options, at);
    }
  });
  return problems;
}

/** Just enough multipart/form-data parsing for discord.js uploads: `payload_json` plus files. */
function parseMultipart(raw: Buffer, contentType: string): { json: unknown; files: UploadedFile[] } {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const mark = Buffer.from(`--${boundary?.[1] ?? boundary?.[2] ?? ''}`);
  const files: UploadedFile[] = [];
  let json: unknown = null;
  let at = raw.indexOf(mark);
  while (at >= 0) {
    const start = at + mark.length;
    if (raw.subarray(start, start + 2).toString() === '--') break;
    const next = raw.indexOf(mark, start);
    if (next < 0) break;
    const part = raw.subarray(start + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, split).toString('utf8');
    const data = part.subarray(split + 4);
    const name = /name="([^"]*)"/i.exec(head)?.[1] ?? '';
    const filename = /filename="([^"]*)"/i.exec(head)?.[1];
    const type = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1] ?? null;
    if (filename !== undefined) files.push({ field: name, filename, contentType: type, data: Buffer.from(data) });
    else if (name === 'payload_json') json = JSON.parse(data.toString('utf8'));
    at = next;
  }
  return { json, files };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

// ---------------------------------------------------------------------------------------------
// The emulator

interface InteractionState {
  reply: InteractionReply;
  createdAt: number;
  acknowledged: boolean;
  channelId: string;
  changed: () => void;
}

interface Session {
  ws: WebSocket;
  seq: number;
  identified: boolean;
  sessionId: string;
}

/** Discord remembers a nonce with enforce_nonce "for the past few minutes". */
const NONCE_MEMORY_MS = 5 * 60_000;

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const token = options.token ?? randomToken();
  const applicationId = options.applicationId ?? snowflake();
  const interactionTimeoutMs = options.interactionTimeoutMs ?? 3_000;
  const botUser: APIUser = {
    id: applicationId,
    username: 'cutsbot',
    discriminator: '0',
    global_name: 'cutsbot',
    avatar: null,
    bot: true,
  };
  const guilds = (options.guilds ?? [{}]).map((g, i) => ({ id: g.id ?? snowflake(), name: g.name ?? `Test branch ${i + 1}` }));
  const firstGuild = guilds[0]?.id ?? snowflake();
  const channels = new Map<string, EmulatorChannel>();
  const messages = new Map<string, SentMessage[]>();
  const nonces = new Map<string, { message: SentMessage; at: number }>();
  const interactions = new Map<string, InteractionState>();
  const routes: { method: string; path: RegExp; handler: RouteHandler }[] = [];
  const sessions = new Set<Session>();
  const commands = new Map<string, APIApplicationCommand[]>();
  const requests: EmulatorRequest[] = [];
  const unknownRequests: EmulatorRequest[] = [];
  const rejectedRequests: EmulatorRequest[] = [];
  const identifies: Emulator['identifies'] = [];

  const addChannel = (input: EmulatorChannelInput = {}): EmulatorChannel => {
    const channel: EmulatorChannel = {
      id: input.id ?? snowflake(),
      name: input.name ?? `channel-${channels.size + 1}`,
      guildId: input.guildId ?? firstGuild,
      type: input.type ?? ChannelType.GuildText,
      canSend: input.canSend ?? true,
      deleted: false,
    };
    channels.set(channel.id, channel);
    return channel;
  };
  for (const c of options.channels ?? [{ name: 'general' }]) addChannel(c);
  const firstChannel = [...channels.values()][0]!.id;

  const apiChannel = (c: EmulatorChannel) => ({
    id: c.id,
    type: c.type,
    name: c.name,
    guild_id: c.guildId,
    position: 0,
    permission_overwrites: [],
    nsfw: false,
    parent_id: null,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0,
  });

  // --- gateway -------------------------------------------------------------------------------

  const send = (session: Session, payload: GatewayReceivePayload | Record<string, unknown>) => {
    if (session.ws.readyState === session.ws.OPEN) session.ws.send(JSON.stringify(payload));
  };
  const dispatchTo = (session: Session, t: string, d: unknown) => {
    session.seq += 1;
    send(session, { op: GatewayOpcodes.Dispatch, t, s: session.seq, d });
  };
  const dispatch = (t: string, d: unknown) => {
    for (const s of sessions) if (s.identified) dispatchTo(s, t, d);
  };

  const guildCreate = (g: { id: string; name: string }) => ({
    id: g.id,
    name: g.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: snowflake(),
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [
      {
        id: g.id,
        name: '@everyone',
        color: 0,
        colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
        hoist: false,
        position: 0,
        permissions: String(MEMBER_PERMISSIONS),
        managed: false,
        mentionable: false,
        flags: 0,
        icon: null,
        unicode_emoji: null,
      },
    ],
    emojis: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    preferred_locale: 'en-GB',
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    safety_alerts_channel_id: null,
    stickers: [],
    joined_at: new Date().toISOString(),
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [],
    channels: [...channels.values()].filter((c) => c.guildId === g.id && !c.deleted).map(apiChannel),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    max_members: 500000,
    max_video_channel_users: 25,
    nsfw: false,
  });

  const onGatewayMessage = (session: Session, raw: string) => {
    let payload: { op: number; d: unknown };
    try {
      payload = JSON.parse(raw) as { op: number; d: unknown };
    } catch {
      session.ws.close(4002, 'Error while decoding payload.');
      return;
    }
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        send(session, { op: GatewayOpcodes.HeartbeatAck });
        return;
      case GatewayOpcodes.Identify: {
        const d = payload.d as { token?: string; intents?: number; properties?: unknown; shard?: unknown };
        if (session.identified) {
          session.ws.close(4005, 'Already authenticated.');
          return;
        }
        if (d.token !== token) {
          session.ws.close(4004, 'Authentication failed.');
          return;
        }
        identifies.push({ intents: d.intents ?? 0, properties: d.properties, shard: d.shard });
        session.identified = true;
        dispatchTo(session, GatewayDispatchEvents.Ready, {
          v: 10,
          user: { ...botUser, verified: true, mfa_enabled: false, flags: 0 },
          guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
          session_id: session.sessionId,
          resume_gateway_url: gatewayUrl,
          shard: [0, 1],
          application: { id: applicationId, flags: 0 },
        });
        for (const g of guilds) dispatchTo(session, GatewayDispatchEvents.GuildCreate, guildCreate(g));
        return;
      }
      case GatewayOpcodes.Resume:
        // Sessions are not kept across connections: ask the client to identify afresh, as Discord may.
        send(session, { op: GatewayOpcodes.InvalidSession, d: false });
        return;
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
      case GatewayOpcodes.RequestGuildMembers:
        return;
      default:
        session.ws.close(4001, 'Unknown opcode.');
    }
  };

  // --- REST ----------------------------------------------------------------------------------

  const makeMessage = (channelId: string, body: Record<string, unknown>, files: UploadedFile[], extra: { ephemeral?: boolean } = {}): SentMessage => {
    const flags = Number(body.flags ?? 0);
    return {
      id: snowflake(),
      channelId,
      content: typeof body.content === 'string' ? body.content : '',
      embeds: (body.embeds as APIEmbed[] | undefined) ?? [],
      flags,
      ephemeral: extra.ephemeral ?? (flags & MessageFlags.Ephemeral) !== 0,
      allowedMentions: body.allowed_mentions,
      components: (body.components as unknown[] | undefined) ?? [],
      files,
      ...(body.nonce !== undefined ? { nonce: body.nonce as string | number } : {}),
      bodies: [body],
    };
  };

  const editMessage = (m: SentMessage, body: Record<string, unknown>, files: UploadedFile[]) => {
    if ('content' in body) m.content = typeof body.content === 'string' ? body.content : '';
    if ('embeds' in body) m.embeds = (body.embeds as APIEmbed[] | null) ?? [];
    if ('components' in body) m.components = (body.components as unknown[] | null) ?? [];
    if ('allowed_mentions' in body) m.allowedMentions = body.allowed_mentions;
    if (files.length > 0) m.files = files;
    m.bodies.push(body);
  };

  const apiMessage = (m: SentMessage, extra: Partial<APIMessage> = {}): APIMessage => ({
    id: m.id,
    channel_id: m.channelId,
    author: botUser,
    content: m.content,
    timestamp: new Date().toISOString(),
    edited_timestamp: m.bodies.length > 1 ? new Date().toISOString() : null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: m.files.map((f, i) => ({
      id: String(i),
      filename: f.filename,
      size: f.data.length,
      url: `${baseUrl}/attachments/${m.channelId}/${m.id}/${encodeURIComponent(f.filename)}`,
      proxy_url: `${baseUrl}/attachments/${m.channelId}/${m.id}/${encodeURIComponent(f.filename)}`,
      ...(f.contentType ? { content_type: f.contentType } : {}),
    })),
    embeds: m.embeds,
    pinned: false,
    type: MessageType.Default,
    flags: m.flags,
    components: [],
    ...(m.nonce !== undefined ? { nonce: m.nonce } : {}),
    ...extra,
  });

  const checkBody = (body: unknown, creating: boolean): Record<string, unknown> => {
    if (typeof body !== 'object' || body === null) throw formErrors([{ path: '_', message: 'Expected an object.' }]);
    const problems = validateMessageBody(body as Record<string, unknown>, { creating });
    if (problems.length > 0) throw formErrors(problems);
    return body as Record<string, unknown>;
  };

  const interactionByToken = (appId: string, itoken: string): InteractionState => {
    const state = [...interactions.values()].find((s) => s.reply.token === itoken);
    if (appId !== applicationId || !state || !state.acknowledged) throw unknown('Webhook', 10015);
    return state;
  };

  const requireAuth = (req: EmulatorRequest) => {
    if (!req.authorized) throw new HttpError(401, { message: '401: Unauthorized', code: 0 });
  };

  const liveChannel = (id: string): EmulatorChannel => {
    const c = channels.get(id);
    if (!c || c.deleted) throw unknown('Channel', 10003);
    return c;
  };

  type Builtin = { method: string; path: RegExp; handle: (req: EmulatorRequest, m: RegExpExecArray) => RouteResponse };
  const nonceNow = options.nonceClock ?? Date.now;
  const builtins: Builtin[] = [
    // Reading a channel's recent messages, newest first, as the bot sees them: Discord returns no
    // nonce here (only in the answer to the post and on the gateway).
    {
      method: 'GET',
      path: /^\/channels\/(\d+)\/messages$/,
      handle: (req, m) => {
        requireAuth(req);
        const channel = liveChannel(m[1]!);
        const limit = Number(req.query.get('limit') ?? 50);
        if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw formErrors([{ path: 'limit', message: 'Must be between 1 and 100.' }]);
        const recent = [...(messages.get(channel.id) ?? [])].reverse().slice(0, limit);
        return { body: recent.map((msg) => ({ ...apiMessage(msg), nonce: undefined })) };
      },
    },
    {
      method: 'GET',
      path: /^\/gateway\/bot$/,
      handle: (req) => {
        requireAuth(req);
        return {
          body: { url: gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } },
        };
      },
    },
    { method: 'GET', path: /^\/gateway$/, handle: () => ({ body: { url: gatewayUrl } }) },
    {
      method: 'GET',
      path: /^\/users\/@me$/,
      handle: (req) => {
        requireAuth(req);
        return { body: botUser };
      },
    },
    {
      method: 'POST',
      path: /^\/interactions\/(\d+)\/([^/]+)\/callback$/,
      handle: (req, m) => {
        const state = interactions.get(m[1]!);
        if (!state || state.reply.token !== m[2]) throw unknown('interaction', 10062);
        if (Date.now() - state.createdAt > interactionTimeoutMs) throw unknown('interaction', 10062);
        if (state.acknowledged) throw new HttpError(400, { code: 40060, message: 'Interaction has already been acknowledged.' });
        const body = req.body as { type: InteractionResponseType; data?: Record<string, unknown> };
        const r = state.reply;
        switch (body.type) {
          case InteractionResponseType.ChannelMessageWithSource:
          case InteractionResponseType.UpdateMessage: {
            const data = checkBody(body.data ?? {}, true);
            r.original = makeMessage(state.channelId, data, req.files);
            r.ephemeral = r.original.ephemeral;
            break;
          }
          case InteractionResponseType.DeferredChannelMessageWithSource:
            r.deferred = true;
            r.ephemeral = (Number(body.data?.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
            break;
          case InteractionResponseType.DeferredMessageUpdate:
            r.deferred = true;
            break;
          case InteractionResponseType.ApplicationCommandAutocompleteResult: {
            const choices = (body.data?.choices ?? []) as APIApplicationCommandOptionChoice[];
            const problems: { path: string; message: string }[] = [];
            if (!Array.isArray(choices)) problems.push({ path: 'data.choices', message: 'Must be an array.' });
            else {
              if (choices.length > 25) problems.push({ path: 'data.choices', message: 'Must be 25 or fewer in length.' });
              choices.forEach((c, i) => {
                if (len(c.name) < 1 || len(c.name) > 100) problems.push({ path: `data.choices.${i}.name`, message: 'Must be between 1 and 100 in length.' });
                if (typeof c.value === 'string' && (c.value.length < 1 || c.value.length > 100))
                  problems.push({ path: `data.choices.${i}.value`, message: 'Must be between 1 and 100 in length.' });
              });
            }
            if (problems.length > 0) throw formErrors(problems);
            r.choices = choices;
            break;
          }
          case InteractionResponseType.Modal:
            break;
          default:
            throw formErrors([{ path: 'type', message: 'Value must be one of {1, 4, 5, 6, 7, 8, 9, 10, 12}.' }]);
        }
        state.acknowledged = true;
        r.callbackType ??= body.type;
        r.history.push({ kind: 'callback', body });
        state.changed();
        if (req.query.get('with_response') === 'true') {
          return {
            body: {
              interaction: { id: r.id, type: InteractionType.ApplicationCommand, activity_instance_id: null, response_message_id: r.original?.id ?? null, response_message_loading: r.deferred, response_message_ephemeral: r.ephemeral },
              resource: r.original ? { type: body.type, message: apiMessage(r.original) } : { type: body.type },
            },
          };
        }
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      path: /^\/webhooks\/(\d+)\/([^/]+)$/,
      handle: (req, m) => {
        const state = interactionByToken(m[1]!, m[2]!);
        const r = state.reply;
        const data = checkBody(req.body, true);
        let message: SentMessage;
        // Discord: the first follow-up after a deferral replaces the "thinking…" message and keeps its visibility.
        if (r.deferred && !r.original && !r.originalDeleted && r.followUps.length === 0) {
          message = makeMessage(state.channelId, data, req.files, { ephemeral: r.ephemeral });
          r.original = message;
        } else {
          message = makeMessage(state.channelId, data, req.files);
          r.followUps.push(message);
        }
        r.history.push({ kind: 'followup', body: data });
        state.changed();
        return { body: apiMessage(message, { webhook_id: applicationId, application_id: applicationId }) };
      },
    },
    {
      method: 'GET|PATCH|DELETE',
      path: /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|%40original|\d+)$/,
      handle: (req, m) => {
        const state = interactionByToken(m[1]!, m[2]!);
        const r = state.reply;
        const original = m[3] !== undefined && !/^\d+$/.test(m[3]);
        const target = original ? r.original : r.followUps.find((f) => f.id === m[3]);
        if (req.method === 'DELETE') {
          if (original) {
            if (!r.original && !r.deferred) throw unknown('Message', 10008);
            r.original = null;
            r.originalDeleted = true;
          } else {
            if (!target) throw unknown('Message', 10008);
            r.followUps = r.followUps.filter((f) => f !== target);
          }
          r.history.push({ kind: 'delete', body: null });
          state.changed();
          return { status: 204 };
        }
        if (req.method === 'GET') {
          if (!target) throw unknown('Message', 10008);
          r.history.push({ kind: 'fetch', body: null });
          return { body: apiMessage(target, { webhook_id: applicationId }) };
        }
        const data = checkBody(req.body, false);
        let message = target;
        if (!message) {
          if (!(original && r.deferred && !r.originalDeleted)) throw unknown('Message', 10008);
          // Editing a deferred response turns the "thinking…" placeholder into the answer.
          message = makeMessage(state.channelId, data, req.files, { ephemeral: r.ephemeral });
          message.bodies = [];
          r.original = message;
        }
        editMessage(message, data, req.files);
        r.history.push({ kind: 'edit', body: data });
        state.changed();
        return { body: apiMessage(message, { webhook_id: applicationId }) };
      },
    },
    {
      method: 'GET|PUT',
      path: /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/,
      handle: (req, m) => {
        requireAuth(req);
        if (m[1] !== applicationId) throw new HttpError(403, { code: 50001, message: 'Missing Access' });
        const guildId = m[2];
        if (guildId && !guilds.some((g) => g.id === guildId)) throw new HttpError(403, { code: 50001, message: 'Missing Access' });
        if (req.method === 'GET') return { body: commands.get(guildId ?? 'global') ?? [] };
        return { body: register(req.body as RESTPutAPIApplicationCommandsJSONBody, guildId) };
      },
    },
    {
      method: 'GET',
      path: /^\/channels\/(\d+)$/,
      handle: (req, m) => {
        requireAuth(req);
        return { body: apiChannel(liveChannel(m[1]!)) };
      },
    },
    {
      method: 'POST',
      path: /^\/channels\/(\d+)\/messages$/,
      handle: (req, m) => {
        requireAuth(req);
        const channel = liveChannel(m[1]!);
        if (!channel.canSend) throw new HttpError(403, { code: 50013, message: 'Missing Permissions' });
        const data = checkBody(req.body, true);
        const nonce = data.nonce;
        if (nonce !== undefined && String(nonce).length > 25) throw formErrors([{ path: 'nonce', message: 'Must be 25 or fewer in length.' }]);
        const key = `${channel.id}:${String(nonce)}`;
        if (nonce !== undefined && data.enforce_nonce === true) {
          const seen = nonces.get(key);
          // Discord keeps nonces for a few minutes: a retried post returns the message already made.
          if (seen && nonceNow() - seen.at < NONCE_MEMORY_MS) return { body: apiMessage(seen.message) };
        }
        const message = makeMessage(channel.id, data, req.files);
        if (nonce !== undefined) nonces.set(key, { message, at: nonceNow() });
        const list = messages.get(channel.id) ?? [];
        list.push(message);
        messages.set(channel.id, list);
        return { body: apiMessage(message) };
      },
    },
    {
      method: 'GET|PATCH|DELETE',
      path: /^\/channels\/(\d+)\/messages\/(\d+)$/,
      handle: (req, m) => {
        requireAuth(req);
        const channel = liveChannel(m[1]!);
        const list = messages.get(channel.id) ?? [];
        const message = list.find((x) => x.id === m[2]);
        if (!message) throw unknown('Message', 10008);
        if (req.method === 'DELETE') {
          messages.set(channel.id, list.filter((x) => x !== message));
          return { status: 204 };
        }
        if (req.method === 'PATCH') editMessage(message, checkBody(req.body, false), req.files);
        return { body: apiMessage(message) };
      },
    },
  ];

  function register(body: RESTPutAPIApplicationCommandsJSONBody, guildId?: string): APIApplicationCommand[] {
    const problems = validateCommands(body);
    if (problems.length > 0) throw formErrors(problems);
    const saved = body.map(
      (c) =>
        ({
          ...c,
          id: snowflake(),
          application_id: applicationId,
          version: snowflake(),
          type: c.type ?? ApplicationCommandType.ChatInput,
          default_member_permissions: c.default_member_permissions ?? null,
          nsfw: false,
          ...(guildId ? { guild_id: guildId } : {}),
        }) as APIApplicationCommand,
    );
    commands.set(guildId ?? 'global', saved);
    return saved;
  }

  const handleHttp = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', baseUrl);
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
      authorized: req.headers.authorization === `Bot ${token}`,
    };
    requests.push(request);

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
            const out = b.handle(request, m);
            reply(out.status ?? 200, out.body, out.headers);
            return;
          }
        }
      }
      unknownRequests.push(request);
      reply(404, { message: '404: Not Found', code: 0 });
    } catch (error) {
      if (error instanceof HttpError) {
        if (error.status !== 401) rejectedRequests.push(request);
        reply(error.status, error.body);
        return;
      }
      rejectedRequests.push(request);
      reply(500, { message: `emulator error: ${(error as Error).message}`, code: 0 });
    }
  };

  const server = createServer((req, res) => {
    handleHttp(req, res).catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => {
      const session: Session = { ws, seq: 0, identified: false, sessionId: randomBytes(16).toString('hex') };
      sessions.add(session);
      ws.on('message', (data) => onGatewayMessage(session, data.toString()));
      ws.on('close', () => sessions.delete(session));
      ws.on('error', () => sessions.delete(session));
      send(session, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: options.heartbeatIntervalMs ?? 41_250 } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  const gatewayUrl = `ws://127.0.0.1:${port}`;

  // --- interactions ----------------------------------------------------------------------------

  const findCommand = (name: string, guildId: string | null): APIApplicationCommand | undefined =>
    (guildId ? commands.get(guildId) : undefined)?.find((c) => c.name === name) ?? commands.get('global')?.find((c) => c.name === name);

  const inferType = (v: string | number | boolean): ApplicationCommandOptionType =>
    typeof v === 'boolean'
      ? ApplicationCommandOptionType.Boolean
      : typeof v === 'number'
        ? Number.isInteger(v)
          ? ApplicationCommandOptionType.Integer
          : ApplicationCommandOptionType.Number
        : ApplicationCommandOptionType.String;

  /** Builds `data.options` for "name" or "name sub" or "name group sub", checking against the registered command if any. */
  const buildOptions = (fullName: string, values: Record<string, OptionValue>, guildId: string | null, focused: string | null, unchecked: boolean) => {
    const [name, ...path] = fullName.trim().split(/\s+/);
    const registered = findCommand(name!, guildId);
    let defs: APIApplicationCommandOption[] | undefined = registered?.options;
    const wrap: { type: ApplicationCommandOptionType; name: string }[] = [];
    for (const part of path) {
      const def = defs?.find((d) => d.name === part);
      const type = def?.type ?? (path.length === 2 && wrap.length === 0 ? ApplicationCommandOptionType.SubcommandGroup : ApplicationCommandOptionType.Subcommand);
      if (registered && !def) throw new Error(`emulator: /${fullName}: no subcommand "${part}" is registered`);
      wrap.push({ type, name: part });
      defs = (def as { options?: APIApplicationCommandOption[] } | undefined)?.options;
    }
    const leaf = Object.entries(values).map(([key, v]) => {
      const def = defs?.find((d) => d.name === key);
      if (registered && !def) throw new Error(`emulator: /${fullName} has no option "${key}" registered; Discord would not send it`);
      const value = typeof v === 'object' ? v.value : v;
      const type = (typeof v === 'object' ? v.type : undefined) ?? def?.type ?? inferType(value);
      const d = def as { max_length?: number; min_length?: number; autocomplete?: boolean } | undefined;
      if (!unchecked && typeof value === 'string' && d?.max_length !== undefined && value.length > d.max_length && key !== focused) {
        throw new Error(`emulator: "${key}" is longer than its max_length ${d.max_length}; Discord's client would not send it (pass unchecked: true to send it anyway)`);
      }
      if (focused === key && registered && !d?.autocomplete) throw new Error(`emulator: option "${key}" of /${fullName} has no autocomplete`);
      return { name: key, type, value, ...(focused === key ? { focused: true } : {}) };
    });
    if (!unchecked && registered && focused === null) {
      for (const d of defs ?? []) {
        if ('required' in d && d.required && !(d.name in values)) throw new Error(`emulator: /${fullName} needs option "${d.name}"`);
      }
    }
    let options: unknown[] = leaf;
    for (const w of wrap.reverse()) options = [{ type: w.type, name: w.name, options }];
    return { name: name!, options, registered };
  };

  const createInteraction = (
    type: InteractionType.ApplicationCommand | InteractionType.ApplicationCommandAutocomplete,
    fullName: string,
    values: Record<string, OptionValue>,
    opts: InteractionOptions,
    focused: string | null,
  ): InteractionState => {
    if (![...sessions].some((s) => s.identified)) throw new Error('emulator: no bot is connected to the gateway');
    const channel = channels.get(opts.channelId ?? firstChannel);
    if (!channel) throw new Error(`emulator: unknown channel ${opts.channelId}`);
    const guildId = opts.guildId === undefined ? channel.guildId : opts.guildId;
    const built = buildOptions(fullName, values, guildId, focused, opts.unchecked ?? false);
    const userId = opts.user?.id ?? snowflake();
    const user: APIUser = { id: userId, username: `member${userId.slice(-4)}`, discriminator: '0', global_name: 'Member', avatar: null, ...opts.user };
    const id = snowflake();
    const itoken = Buffer.from(`interaction:${id}:${randomBytes(48).toString('base64url')}`).toString('base64url');
    const payload: Record<string, unknown> = {
      id,
      application_id: applicationId,
      type,
      token: itoken,
      version: 1,
      data: {
        id: built.registered?.id ?? snowflake(),
        name: built.name,
        type: ApplicationCommandType.ChatInput,
        options: built.options,
        ...(guildId ? { guild_id: guildId } : {}),
        ...(opts.resolved ? { resolved: opts.resolved } : {}),
      },
      channel_id: channel.id,
      channel: guildId ? apiChannel(channel) : { id: channel.id, type: ChannelType.DM, recipients: [user], last_message_id: null, flags: 0 },
      app_permissions: String(opts.appPermissions ?? APP_PERMISSIONS),
      locale: opts.locale ?? 'en-GB',
      entitlements: [],
      authorizing_integration_owners: guildId ? { '0': guildId } : { '1': userId },
      context: guildId ? 0 : 1,
      attachment_size_limit: 10 * 1024 * 1024,
    };
    if (guildId) {
      payload.guild_id = guildId;
      payload.guild = { id: guildId, locale: 'en-GB', features: [] };
      payload.guild_locale = 'en-GB';
      payload.member = {
        user,
        roles: opts.roles ?? [],
        joined_at: new Date(Date.now() - 86_400_000).toISOString(),
        deaf: false,
        mute: false,
        flags: 0,
        pending: false,
        nick: null,
        avatar: null,
        banner: null,
        premium_since: null,
        communication_disabled_until: null,
        permissions: String(opts.permissions ?? MEMBER_PERMISSIONS),
      };
    } else {
      payload.user = user;
    }
    const state: InteractionState = {
      createdAt: Date.now(),
      acknowledged: false,
      channelId: channel.id,
      changed: () => undefined,
      reply: {
        id,
        token: itoken,
        callbackType: null,
        deferred: false,
        ephemeral: false,
        original: null,
        originalDeleted: false,
        followUps: [],
        messages: [],
        choices: null,
        history: [],
      },
    };
    interactions.set(id, state);
    // Deliver after the caller has attached its waiter.
    setImmediate(() => dispatch(GatewayDispatchEvents.InteractionCreate, payload));
    return state;
  };

  const settleMs = 40;

  const sendCommand: Emulator['sendCommand'] = (name, values = {}, opts = {}) => {
    const state = createInteraction(InteractionType.ApplicationCommand, name, values, opts, null);
    const r = state.reply;
    return new Promise<InteractionReply>((resolve, reject) => {
      let settle: NodeJS.Timeout | undefined;
      const finish = () => {
        clearTimeout(settle);
        clearTimeout(ackTimer);
        clearTimeout(answerTimer);
        r.messages = [...(r.original ? [r.original] : []), ...r.followUps];
        resolve(r);
      };
      const visible = () => (r.original !== null && r.callbackType !== null) || r.followUps.length > 0;
      state.changed = () => {
        if (!visible()) return;
        clearTimeout(settle);
        settle = setTimeout(finish, settleMs);
      };
      const ackTimer = setTimeout(() => {
        if (!state.acknowledged) {
          clearTimeout(answerTimer);
          reject(new Error(`/${name}: the application did not respond (no interaction callback within ${interactionTimeoutMs} ms)`));
        }
      }, interactionTimeoutMs + 250);
      const answerTimer = setTimeout(() => {
        clearTimeout(ackTimer);
        const last = rejectedRequests.at(-1);
        reject(
          new Error(
            `/${name}: no visible answer within ${opts.timeoutMs ?? 10_000} ms (deferred: ${r.deferred}; history: ${JSON.stringify(r.history).slice(0, 500)}; last rejected request: ${JSON.stringify(last?.error ?? null)})`,
          ),
        );
      }, opts.timeoutMs ?? 10_000);
    });
  };

  const sendAutocomplete: Emulator['sendAutocomplete'] = (name, focusedOption, value, opts = {}) => {
    const state = createInteraction(
      InteractionType.ApplicationCommandAutocomplete,
      name,
      { ...(opts.options ?? {}), [focusedOption]: value },
      opts,
      focusedOption,
    );
    return new Promise((resolve, reject) => {
      const before = rejectedRequests.length;
      const poll = setInterval(() => {
        if (state.reply.choices) {
          clearInterval(poll);
          clearTimeout(timer);
          resolve(state.reply.choices);
        } else if (rejectedRequests.length > before) {
          const bad = rejectedRequests.slice(before).find((q) => q.path.startsWith(`/interactions/${state.reply.id}/`));
          if (bad) {
            clearInterval(poll);
            clearTimeout(timer);
            reject(new Error(`autocomplete /${name}: Discord would reject the choices: ${JSON.stringify(bad.error)}`));
          }
        }
      }, 5);
      const timer = setTimeout(() => {
        clearInterval(poll);
        reject(new Error(`autocomplete /${name}: no choices within ${interactionTimeoutMs} ms`));
      }, interactionTimeoutMs + 250);
    });
  };

  return {
    apiBase: `${baseUrl}/api`,
    gatewayUrl,
    port,
    token,
    applicationId,
    botUser,
    guildId: firstGuild,
    channelId: firstChannel,
    requests,
    unknownRequests,
    rejectedRequests,
    identifies,
    commands,
    registerCommands: (body, guildId) => register(body, guildId),
    sendCommand,
    sendAutocomplete,
    dispatch,
    channelMessages: (id) => messages.get(id) ?? [],
    addChannel: (input) => {
      const c = addChannel(input);
      dispatch(GatewayDispatchEvents.ChannelCreate, apiChannel(c));
      return c;
    },
    deleteChannel: (id) => {
      const c = channels.get(id);
      if (!c) return;
      c.deleted = true;
      dispatch(GatewayDispatchEvents.ChannelDelete, apiChannel(c));
    },
    channel: (id) => channels.get(id),
    route: (method, path, handler) => {
      const entry = { method, path, handler };
      routes.push(entry);
      return () => {
        const i = routes.indexOf(entry);
        if (i >= 0) routes.splice(i, 1);
      };
    },
    sessions: () => [...sessions].filter((s) => s.identified).length,
    close: async () => {
      for (const s of sessions) s.ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
