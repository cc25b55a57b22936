/**
 * The emulator's public types: what tests pass in and read back.
 */
import type {
  ApplicationCommandOptionType,
  ChannelType,
  InteractionResponseType,
  APIApplicationCommand,
  APIApplicationCommandOptionChoice,
  APIEmbed,
  APIUser,
  GatewayDispatchEvents,
  RESTPutAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';

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
  /** Discord's clock for how long it remembers a message nonce, when a test fakes the bot's clock too; the emulator's own clock by default. */
  nonceClock?: () => number;
  /**
   * The bot's own permissions in its servers (its managed role), before channel overwrites. By
   * default what the README's invite link grants: View Channel, Send Messages, Embed Links, Attach
   * Files, Send Messages in Threads, Read Message History and Create Events.
   */
  botPermissions?: bigint;
  /** Requests per route per window before 429; unlimited (but still announced in headers) unless set. */
  routeLimit?: { limit: number; windowMs: number };
  /** Requests per second from one token across all routes before a global 429 (Discord: 50). */
  globalLimitPerSecond?: number;
}

/** A channel permission overwrite as Discord stores it: for a role (type 0) or a member (type 1). */
export interface PermissionOverwrite {
  id: string;
  type: 0 | 1;
  allow?: bigint;
  deny?: bigint;
}

export interface EmulatorChannelInput {
  id?: string;
  name?: string;
  /** Defaults to the first guild. */
  guildId?: string;
  type?: ChannelType;
  /** False adds an overwrite denying the bot Send Messages: posts answer 403 Missing Permissions (50013). */
  canSend?: boolean;
  /** Per-channel permission overwrites, e.g. `{ id: emulator.botRoleId, type: 0, deny: ViewChannel }`. */
  overwrites?: PermissionOverwrite[];
  /** For a thread (type 11 or 10): the channel it belongs to, whose permissions it has. */
  parentId?: string;
}

export interface EmulatorChannel {
  id: string;
  name: string;
  guildId: string;
  type: ChannelType;
  canSend: boolean;
  overwrites: PermissionOverwrite[];
  deleted: boolean;
  parentId: string | null;
}

/** A scheduled event the bot created, as Discord stores it. */
export interface ScheduledEvent {
  id: string;
  guildId: string;
  body: Record<string, unknown>;
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
  /** On an ephemeral message: the one member who sees it. */
  viewer?: string;
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
  /** The bot's permissions in the channel; computed from its role and the channel's overwrites by default. */
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
  /**
   * Presses a button of a message the bot sent, as the member's client does (an interaction of
   * type 3 with its custom_id). Throws if the message shows no such enabled button, or if it is an
   * ephemeral message that member cannot see. Resolves with what the bot answered, as sendCommand.
   */
  pressButton(message: SentMessage, customId: string, interaction?: InteractionOptions): Promise<InteractionReply>;
  /** Sends a component interaction with any custom_id, as a forged or very old button would. */
  pressUnknownButton(message: SentMessage, customId: string, interaction?: InteractionOptions): Promise<InteractionReply>;
  sendAutocomplete(
    name: string,
    focusedOption: string,
    value: string,
    interaction?: InteractionOptions & { options?: Record<string, OptionValue> },
  ): Promise<APIApplicationCommandOptionChoice[]>;
  /** Sends any gateway dispatch to every connected, identified bot. */
  dispatch(event: GatewayDispatchEvents | string, data: unknown): void;
  channelMessages(channelId: string): SentMessage[];
  /** The direct messages the bot sent a member (through POST /users/@me/channels and that channel). */
  directMessages(userId: string): SentMessage[];
  /** The member's privacy settings refuse the bot's direct messages from now on (50007). */
  closeDms(userId: string): void;
  addChannel(channel?: EmulatorChannelInput): EmulatorChannel;
  deleteChannel(channelId: string): void;
  channel(channelId: string): EmulatorChannel | undefined;
  /** Adds a route, checked before the built-in ones. `path` is matched against the path without `/api/v10`. Returns a remover. */
  route(method: string, path: RegExp, handler: RouteHandler): () => void;
  /** Connected, identified gateway sessions. */
  sessions(): number;
  /** The bot's managed role in every guild (for overwrites). */
  botRoleId: string;
  /** Scheduled events created through the built-in route. */
  scheduledEvents: ScheduledEvent[];
  /** Guilds the bot is in now (it can leave them). */
  guildIds(): string[];
  /** RESUME payloads accepted, with the sequence the client gave. */
  resumes: { sessionId: string; seq: number }[];
  /** Cuts every gateway connection without a close frame, as a network fault would; sessions stay resumable. */
  dropConnections(): void;
  /** Sends op 7 Reconnect: the client should reconnect and resume. */
  requestReconnect(): void;
  /** Sends op 9 Invalid Session, resumable or not. */
  invalidateSessions(resumable: boolean): void;
  /** Resets the bot token as the Developer Portal does: live sessions close with 4004, REST answers 401. */
  resetToken(options?: { closeGateway?: boolean }): string;
  /** Holds back the gateway (HELLO is not sent) until the returned function is called: Discord is unreachable. */
  holdGateway(): () => void;
  /** Moves the emulator's clock (interaction token expiry, nonce memory) forward. */
  advanceTime(ms: number): void;
  /** Makes the built-in handling of matching requests take `ms` longer. Returns a remover. */
  slowDown(method: string, path: RegExp, ms: number): () => void;
  /** Adds the bot to a new guild (GUILD_CREATE), as an invite would. */
  joinGuild(guild?: { id?: string; name?: string }): string;
  close(): Promise<void>;
}
