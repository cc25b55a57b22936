/**
 * Interactions as a member's Discord client makes them: the INTERACTION_CREATE a command or typing
 * would send, checked against the registered command, and waiting for what the member sees.
 * Discord's side of the answer (callbacks, webhooks) is in responses.ts.
 */
import { randomBytes } from 'node:crypto';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  GatewayDispatchEvents,
  InteractionType,
  type APIApplicationCommand,
  type APIApplicationCommandOption,
  type APIUser,
} from 'discord-api-types/v10';
import type { Gateway } from './gateway.js';
import { snowflake } from './http.js';
import type { Builtin } from './rest.js';
import { responseRoutes, type InteractionState } from './responses.js';
import { apiMessage } from './messages.js';
import type { Emulator, InteractionOptions, InteractionReply, OptionValue, SentMessage } from './types.js';
import { guildMember, MEMBER_PERMISSIONS, type World } from './world.js';

export { INTERACTION_TOKEN_MS } from './responses.js';

export interface Interactions {
  routes: Builtin[];
  sendCommand: Emulator['sendCommand'];
  sendAutocomplete: Emulator['sendAutocomplete'];
  pressButton: Emulator['pressButton'];
  pressUnknownButton: Emulator['pressUnknownButton'];
}


export function createInteractions(world: World, gateway: Gateway, firstChannel: string): Interactions {
  const interactionTimeoutMs = world.options.interactionTimeoutMs ?? 3_000;
  const interactions = new Map<string, InteractionState>();
  const routes = responseRoutes(world, interactions, interactionTimeoutMs);

  /** Discord resolves channel options for the bot: the partial channel and the member's permissions there. */
  const resolveChannels = (options: unknown[], guildId: string | null, memberPermissions: bigint | string) => {
    const channels: Record<string, unknown> = {};
    const walk = (list: unknown[]) => {
      for (const o of list as { type: number; value?: unknown; options?: unknown[] }[]) {
        if (o.options) walk(o.options);
        const c = o.type === ApplicationCommandOptionType.Channel ? world.channels.get(String(o.value)) : undefined;
        // Discord resolves only channels of the interaction's own server.
        if (c && c.guildId === guildId) channels[c.id] = { id: c.id, name: c.name, type: c.type, guild_id: c.guildId, permissions: String(memberPermissions) };
      }
    };
    walk(options);
    return Object.keys(channels).length > 0 ? { channels } : undefined;
  };


    const findCommand = (name: string, guildId: string | null): APIApplicationCommand | undefined =>
    (guildId ? world.commands.get(guildId) : undefined)?.find((c) => c.name === name) ?? world.commands.get('global')?.find((c) => c.name === name);

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
      const allowed = (def as { channel_types?: number[] } | undefined)?.channel_types;
      const picked = type === ApplicationCommandOptionType.Channel ? world.channels.get(String(value)) : undefined;
      if (!unchecked && allowed && picked && !allowed.includes(picked.type)) {
        throw new Error(`emulator: /${fullName} "${key}" takes channel types ${allowed.join(', ')}; Discord's client would not offer a channel of type ${picked.type}`);
      }
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
    type: InteractionType.ApplicationCommand | InteractionType.ApplicationCommandAutocomplete | InteractionType.MessageComponent,
    fullName: string,
    values: Record<string, OptionValue>,
    opts: InteractionOptions,
    focused: string | null,
    component?: { source: SentMessage; customId: string },
  ): InteractionState => {
    if (gateway.alive() === 0) throw new Error('emulator: no bot is connected to the gateway');
    const channel = world.channels.get(component?.source.channelId ?? opts.channelId ?? firstChannel);
    if (!channel) throw new Error(`emulator: unknown channel ${opts.channelId}`);
    const guildId = opts.guildId === undefined ? channel.guildId : opts.guildId;
    const userId = opts.user?.id ?? snowflake();
    const id = snowflake();
    const itoken = Buffer.from(`interaction:${id}:${randomBytes(48).toString('base64url')}`).toString('base64url');
    let data: Record<string, unknown>;
    if (component) {
      // A press carries the button's custom_id and the whole message it is on, as Discord sends them.
      data = { custom_id: component.customId, component_type: 2 };
    } else {
      const built = buildOptions(fullName, values, guildId, focused, opts.unchecked ?? false);
      const resolved = opts.resolved ?? resolveChannels(built.options, guildId, opts.permissions ?? MEMBER_PERMISSIONS);
      data = {
        id: built.registered?.id ?? snowflake(),
        name: built.name,
        type: ApplicationCommandType.ChatInput,
        options: built.options,
        ...(guildId ? { guild_id: guildId } : {}),
        ...(resolved ? { resolved } : {}),
      };
    }
    const user: APIUser = { id: userId, username: `member${userId.slice(-4)}`, discriminator: '0', global_name: 'Member', avatar: null, ...opts.user };
    const payload: Record<string, unknown> = {
      id,
      application_id: world.applicationId,
      type,
      token: itoken,
      version: 1,
      data,
      ...(component ? { message: apiMessage(world, component.source, { webhook_id: world.applicationId, application_id: world.applicationId }) } : {}),
      channel_id: channel.id,
      channel: guildId ? world.apiChannel(channel) : { id: channel.id, type: ChannelType.DM, recipients: [user], last_message_id: null, flags: 0 },
      app_permissions: String(opts.appPermissions ?? world.botPermissionsIn(channel)),
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
      payload.member = { ...guildMember(world, user, opts.roles ?? []), permissions: String(opts.permissions ?? MEMBER_PERMISSIONS) };
    } else {
      payload.user = user;
    }
    const state: InteractionState = {
      type,
      createdAt: world.now(),
      acknowledged: false,
      channelId: channel.id,
      userId,
      ...(component ? { source: component.source } : {}),
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
    setImmediate(() => gateway.dispatch(GatewayDispatchEvents.InteractionCreate, payload));
    return state;
  };

  const settleMs = 40;

  const sendCommand: Emulator['sendCommand'] = (name, values = {}, opts = {}) =>
    waitForAnswer(createInteraction(InteractionType.ApplicationCommand, name, values, opts, null), `/${name}`, opts);

  const press = (message: SentMessage, customId: string, opts: InteractionOptions, checked: boolean) => {
    if (checked) {
      const buttons = (message.components as { components?: { custom_id?: string; disabled?: boolean }[] }[]).flatMap((row) => row.components ?? []);
      const button = buttons.find((b) => b.custom_id === customId);
      if (!button) throw new Error(`emulator: the message shows no button ${customId} (it has ${buttons.map((b) => b.custom_id).join(', ') || 'none'})`);
      if (button.disabled) throw new Error(`emulator: button ${customId} is disabled; Discord's client cannot press it`);
    }
    if (message.viewer && opts.user?.id !== message.viewer) throw new Error(`emulator: only member ${message.viewer} sees this ephemeral message`);
    return waitForAnswer(createInteraction(InteractionType.MessageComponent, 'button', {}, opts, null, { source: message, customId }), `button ${customId}`, opts);
  };
  const pressButton: Emulator['pressButton'] = (message, customId, opts = {}) => press(message, customId, opts, true);
  const pressUnknownButton: Emulator['pressUnknownButton'] = (message, customId, opts = {}) => press(message, customId, opts, false);

  function waitForAnswer(state: InteractionState, name: string, opts: InteractionOptions): Promise<InteractionReply> {
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
          reject(new Error(`${name}: the application did not respond (no interaction callback within ${interactionTimeoutMs} ms)`));
        }
      }, interactionTimeoutMs + 250);
      const answerTimer = setTimeout(() => {
        clearTimeout(ackTimer);
        const last = world.rejectedRequests.at(-1);
        reject(
          new Error(
            `${name}: no visible answer within ${opts.timeoutMs ?? 10_000} ms (deferred: ${r.deferred}; history: ${JSON.stringify(r.history).slice(0, 500)}; last rejected request: ${JSON.stringify(last?.error ?? null)})`,
          ),
        );
      }, opts.timeoutMs ?? 10_000);
    });
  }

  const sendAutocomplete: Emulator['sendAutocomplete'] = (name, focusedOption, value, opts = {}) => {
    const state = createInteraction(
      InteractionType.ApplicationCommandAutocomplete,
      name,
      { ...(opts.options ?? {}), [focusedOption]: value },
      opts,
      focusedOption,
    );
    return new Promise((resolve, reject) => {
      const before = world.rejectedRequests.length;
      const poll = setInterval(() => {
        if (state.reply.choices) {
          clearInterval(poll);
          clearTimeout(timer);
          resolve(state.reply.choices);
        } else if (world.rejectedRequests.length > before) {
          const bad = world.rejectedRequests.slice(before).find((q) => q.path.startsWith(`/interactions/${state.reply.id}/`));
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


  return { routes, sendCommand, sendAutocomplete, pressButton, pressUnknownButton };
}
