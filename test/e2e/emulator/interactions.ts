/**
 * Interactions: the emulator plays Discord's client (it builds the INTERACTION_CREATE a member's
 * command or typing would send, checked against the registered command) and Discord's side of the
 * answer (callbacks within 3 seconds, one acknowledgement, the callback types each interaction
 * type allows, webhook follow-ups and edits while the token lives: 15 minutes).
 */
import { randomBytes } from 'node:crypto';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  GatewayDispatchEvents,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  type APIApplicationCommand,
  type APIApplicationCommandOption,
  type APIApplicationCommandOptionChoice,
  type APIUser,
} from 'discord-api-types/v10';
import type { Gateway } from './gateway.js';
import { formErrors, HttpError, len, snowflake, unknown, type Problem } from './http.js';
import { apiMessage, checkBody, editMessage, makeMessage } from './messages.js';
import type { Builtin } from './rest.js';
import type { Emulator, InteractionOptions, InteractionReply, OptionValue, SentMessage } from './types.js';
import { MEMBER_PERMISSIONS, type World } from './world.js';

/** How long an interaction token works for follow-ups and edits. */
export const INTERACTION_TOKEN_MS = 15 * 60_000;

const R = InteractionResponseType;
/** Which callback types Discord accepts for each interaction type. */
const CALLBACK_TYPES: Partial<Record<InteractionType, InteractionResponseType[]>> = {
  [InteractionType.Ping]: [R.Pong],
  [InteractionType.ApplicationCommand]: [R.ChannelMessageWithSource, R.DeferredChannelMessageWithSource, R.Modal, R.LaunchActivity],
  [InteractionType.MessageComponent]: [R.ChannelMessageWithSource, R.DeferredChannelMessageWithSource, R.DeferredMessageUpdate, R.UpdateMessage, R.Modal],
  [InteractionType.ApplicationCommandAutocomplete]: [R.ApplicationCommandAutocompleteResult],
  [InteractionType.ModalSubmit]: [R.ChannelMessageWithSource, R.DeferredChannelMessageWithSource, R.DeferredMessageUpdate, R.UpdateMessage],
};

interface InteractionState {
  type: InteractionType;
  reply: InteractionReply;
  createdAt: number;
  acknowledged: boolean;
  channelId: string;
  changed: () => void;
}

export interface Interactions {
  routes: Builtin[];
  sendCommand: Emulator['sendCommand'];
  sendAutocomplete: Emulator['sendAutocomplete'];
}

export function createInteractions(world: World, gateway: Gateway, firstChannel: string): Interactions {
  const interactionTimeoutMs = world.options.interactionTimeoutMs ?? 3_000;
  const interactions = new Map<string, InteractionState>();

  const interactionByToken = (appId: string, itoken: string): InteractionState => {
    const state = [...interactions.values()].find((s) => s.reply.token === itoken);
    if (appId !== world.applicationId || !state || !state.acknowledged) throw unknown('Webhook', 10015);
    if (world.now() - state.createdAt > INTERACTION_TOKEN_MS) throw new HttpError(401, { code: 50027, message: 'Invalid Webhook Token' });
    return state;
  };

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

  const routes: Builtin[] = [
    {
    method: 'POST',
    path: /^\/interactions\/(\d+)\/([^/]+)\/callback$/,
    handle: (req, m) => {
      const state = interactions.get(m[1]!);
      if (!state || state.reply.token !== m[2]) throw unknown('interaction', 10062);
      if (world.now() - state.createdAt > interactionTimeoutMs) throw unknown('interaction', 10062);
      if (state.acknowledged) throw new HttpError(400, { code: 40060, message: 'Interaction has already been acknowledged.' });
      const body = req.body as { type: InteractionResponseType; data?: Record<string, unknown> };
      const allowed = CALLBACK_TYPES[state.type] ?? [];
      if (!allowed.includes(body.type)) {
        throw formErrors([{ path: 'type', message: `Interaction callback type ${String(body.type)} is not allowed for interaction type ${state.type} (allowed: ${allowed.join(', ')}).`, code: 'INTERACTION_CALLBACK_TYPE_INVALID' }]);
      }
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
            interaction: { id: r.id, type: state.type, activity_instance_id: null, response_message_id: r.original?.id ?? null, response_message_loading: r.deferred, response_message_ephemeral: r.ephemeral },
            resource: r.original ? { type: body.type, message: apiMessage(world, r.original) } : { type: body.type },
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
      return { body: apiMessage(world, message, { webhook_id: world.applicationId, application_id: world.applicationId }) };
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
        return { body: apiMessage(world, target, { webhook_id: world.applicationId }) };
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
      return { body: apiMessage(world, message, { webhook_id: world.applicationId }) };
    },
    },
  ];

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
  if (gateway.alive() === 0) throw new Error('emulator: no bot is connected to the gateway');
  const channel = world.channels.get(opts.channelId ?? firstChannel);
  if (!channel) throw new Error(`emulator: unknown channel ${opts.channelId}`);
  const guildId = opts.guildId === undefined ? channel.guildId : opts.guildId;
  const built = buildOptions(fullName, values, guildId, focused, opts.unchecked ?? false);
  const resolved = opts.resolved ?? resolveChannels(built.options, guildId, opts.permissions ?? MEMBER_PERMISSIONS);
  const userId = opts.user?.id ?? snowflake();
  const user: APIUser = { id: userId, username: `member${userId.slice(-4)}`, discriminator: '0', global_name: 'Member', avatar: null, ...opts.user };
  const id = snowflake();
  const itoken = Buffer.from(`interaction:${id}:${randomBytes(48).toString('base64url')}`).toString('base64url');
  const payload: Record<string, unknown> = {
    id,
    application_id: world.applicationId,
    type,
    token: itoken,
    version: 1,
    data: {
      id: built.registered?.id ?? snowflake(),
      name: built.name,
      type: ApplicationCommandType.ChatInput,
      options: built.options,
      ...(guildId ? { guild_id: guildId } : {}),
      ...(resolved ? { resolved } : {}),
    },
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
    payload.member = {
      user,
      roles: opts.roles ?? [],
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
      permissions: String(opts.permissions ?? MEMBER_PERMISSIONS),
    };
  } else {
    payload.user = user;
  }
  const state: InteractionState = {
    type,
    createdAt: world.now(),
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
  setImmediate(() => gateway.dispatch(GatewayDispatchEvents.InteractionCreate, payload));
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
      const last = world.rejectedRequests.at(-1);
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


  return { routes, sendCommand, sendAutocomplete };
}
