/**
 * What the emulated Discord knows: the bot, its guilds and roles, channels with their permission
 * overwrites, the messages posted, and the emulator's clock. The gateway, REST routes and
 * interactions all read and change this one object.
 */
import { ChannelType, PermissionFlagsBits, type APIApplicationCommand, type APIUser } from 'discord-api-types/v10';
import { randomToken, snowflake } from './http.js';
import type {
  EmulatorChannel,
  EmulatorChannelInput,
  EmulatorOptions,
  EmulatorRequest,
  PermissionOverwrite,
  ScheduledEvent,
  SentMessage,
} from './types.js';

/** What every member may do by default (the @everyone role). */
export const MEMBER_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.UseApplicationCommands |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles;

/** What the README's invite link grants the bot (permissions=17592186096640), plus reading history. */
export const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.CreateEvents;

const ALL_PERMISSIONS = (1n << 53n) - 1n;

export interface Guild {
  id: string;
  name: string;
}

export interface World {
  options: EmulatorOptions;
  /** The token Discord accepts now; `resetToken` changes it. */
  token: string;
  applicationId: string;
  botUser: APIUser;
  /** The bot's managed role, the same id in every guild for simplicity. */
  botRoleId: string;
  botPermissions: bigint;
  guilds: Map<string, Guild>;
  channels: Map<string, EmulatorChannel>;
  messages: Map<string, SentMessage[]>;
  nonces: Map<string, { message: SentMessage; at: number }>;
  /** Direct-message channels the bot opened, by member id. */
  dmChannels: Map<string, string>;
  /** Members whose privacy settings refuse the bot's direct messages (Discord answers 50007). */
  closedDms: Set<string>;
  scheduledEvents: ScheduledEvent[];
  commands: Map<string, APIApplicationCommand[]>;
  requests: EmulatorRequest[];
  unknownRequests: EmulatorRequest[];
  rejectedRequests: EmulatorRequest[];
  identifies: { intents: number; properties: unknown; shard?: unknown }[];
  resumes: { sessionId: string; seq: number }[];
  baseUrl: string;
  gatewayUrl: string;
  /** The emulator's clock: real time plus whatever `advanceTime` added. */
  now(): number;
  advance(ms: number): void;
  addChannel(input?: EmulatorChannelInput): EmulatorChannel;
  /** The bot's permissions in a channel: its roles, then the channel's overwrites, as Discord computes them. */
  botPermissionsIn(channel: EmulatorChannel): bigint;
  apiChannel(c: EmulatorChannel): Record<string, unknown>;
  guildCreate(g: Guild): Record<string, unknown>;
}

export function createWorld(options: EmulatorOptions): World {
  const applicationId = options.applicationId ?? snowflake();
  const botUser: APIUser = { id: applicationId, username: 'cutsbot', discriminator: '0', global_name: 'cutsbot', avatar: null, bot: true };
  const guilds = new Map<string, Guild>();
  (options.guilds ?? [{}]).forEach((g, i) => {
    const guild = { id: g.id ?? snowflake(), name: g.name ?? `Test branch ${i + 1}` };
    guilds.set(guild.id, guild);
  });
  const firstGuild = [...guilds.keys()][0] ?? snowflake();
  let offset = 0;

  const world: World = {
    options,
    token: options.token ?? randomToken(),
    applicationId,
    botUser,
    botRoleId: snowflake(),
    botPermissions: options.botPermissions ?? BOT_PERMISSIONS,
    guilds,
    channels: new Map(),
    messages: new Map(),
    nonces: new Map(),
    dmChannels: new Map(),
    closedDms: new Set(),
    scheduledEvents: [],
    commands: new Map(),
    requests: [],
    unknownRequests: [],
    rejectedRequests: [],
    identifies: [],
    resumes: [],
    baseUrl: '',
    gatewayUrl: '',
    now: () => Date.now() + offset,
    advance: (ms) => {
      offset += ms;
    },
    addChannel: (input = {}) => {
      const botId = botUser.id;
      const channel: EmulatorChannel = {
        id: input.id ?? snowflake(),
        name: input.name ?? `channel-${world.channels.size + 1}`,
        guildId: input.guildId ?? firstGuild,
        type: input.type ?? ChannelType.GuildText,
        canSend: input.canSend ?? true,
        overwrites: [
          ...(input.overwrites ?? []),
          ...(input.canSend === false ? [{ id: botId, type: 1 as const, deny: PermissionFlagsBits.SendMessages }] : []),
        ],
        deleted: false,
        parentId: input.parentId ?? null,
      };
      if (isThread(channel) && !(channel.parentId && world.channels.has(channel.parentId))) throw new Error('emulator: a thread needs the parentId of an existing channel');
      world.channels.set(channel.id, channel);
      return channel;
    },
    botPermissionsIn: (channel) => {
      // A thread has its parent channel's permissions.
      if (isThread(channel)) return world.botPermissionsIn(world.channels.get(channel.parentId!)!);
      let perms = MEMBER_PERMISSIONS | world.botPermissions;
      if (perms & PermissionFlagsBits.Administrator) return ALL_PERMISSIONS;
      const apply = (o: PermissionOverwrite | undefined) => {
        if (o) perms = (perms & ~(o.deny ?? 0n)) | (o.allow ?? 0n);
      };
      apply(channel.overwrites.find((o) => o.type === 0 && o.id === channel.guildId));
      const roles = channel.overwrites.filter((o) => o.type === 0 && o.id === world.botRoleId);
      apply({ id: 'roles', type: 0, deny: roles.reduce((a, o) => a | (o.deny ?? 0n), 0n), allow: roles.reduce((a, o) => a | (o.allow ?? 0n), 0n) });
      for (const o of channel.overwrites.filter((x) => x.type === 1 && x.id === botUser.id)) apply(o);
      return perms;
    },
    apiChannel: (c) => ({
      id: c.id,
      type: c.type,
      name: c.name,
      guild_id: c.guildId,
      position: 0,
      permission_overwrites: c.overwrites.map((o) => ({ id: o.id, type: o.type, allow: String(o.allow ?? 0n), deny: String(o.deny ?? 0n) })),
      nsfw: false,
      parent_id: c.parentId,
      ...(isThread(c)
        ? { owner_id: world.botUser.id, member_count: 1, message_count: 0, thread_metadata: { archived: false, locked: false, auto_archive_duration: 1440, archive_timestamp: new Date(world.now()).toISOString() } }
        : {}),
      topic: null,
      last_message_id: null,
      rate_limit_per_user: 0,
      flags: 0,
    }),
    guildCreate: (g) => guildCreate(world, g),
  };
  for (const c of options.channels ?? [{ name: 'general' }]) world.addChannel(c);
  return world;
}

const role = (id: string, name: string, permissions: bigint, position: number, managed: boolean) => ({
  id,
  name,
  color: 0,
  colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
  hoist: false,
  position,
  permissions: String(permissions),
  managed,
  mentionable: false,
  flags: 0,
  icon: null,
  unicode_emoji: null,
  ...(managed ? { tags: { bot_id: '0' } } : {}),
});

function guildCreate(world: World, g: Guild): Record<string, unknown> {
  return {
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
    roles: [role(g.id, '@everyone', MEMBER_PERMISSIONS, 0, false), { ...role(world.botRoleId, 'cutsbot', world.botPermissions, 1, true), tags: { bot_id: world.botUser.id } }],
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
    joined_at: new Date(world.now()).toISOString(),
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    // Discord always includes the bot's own member, so it can work out its permissions.
    members: [botMember(world)],
    // Discord sends a server's active threads apart from its channels.
    channels: [...world.channels.values()].filter((c) => c.guildId === g.id && !c.deleted && !isThread(c)).map(world.apiChannel),
    threads: [...world.channels.values()].filter((c) => c.guildId === g.id && !c.deleted && isThread(c)).map(world.apiChannel),
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    max_members: 500000,
    max_video_channel_users: 25,
    nsfw: false,
  };
}

export function botMember(world: World): Record<string, unknown> {
  return guildMember(world, world.botUser, [world.botRoleId]);
}

/** A guild member as Discord sends one, joined a day ago. */
export function guildMember(world: World, user: unknown, roles: string[]): Record<string, unknown> {
  return {
    user,
    roles,
    joined_at: new Date(world.now() - 86_400_000).toISOString(),
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    nick: null,
    avatar: null,
    banner: null,
    premium_since: null,
    communication_disabled_until: null,
  };
}

export const isThread = (c: EmulatorChannel): boolean =>
  c.type === ChannelType.PublicThread || c.type === ChannelType.PrivateThread || c.type === ChannelType.AnnouncementThread;
