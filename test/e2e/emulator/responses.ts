/**
 * Discord's side of an interaction: the callback (within 3 seconds, once, of a type the interaction
 * allows) and the webhook follow-ups, edits and deletes that work while its token lives (15 minutes).
 */
import {
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  type APIApplicationCommandOptionChoice,
} from 'discord-api-types/v10';
import { formErrors, HttpError, len, unknown } from './http.js';
import { apiMessage, checkBody, editMessage, makeMessage } from './messages.js';
import type { Builtin } from './rest.js';
import type { InteractionReply, SentMessage } from './types.js';
import type { World } from './world.js';

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

export interface InteractionState {
  type: InteractionType;
  reply: InteractionReply;
  createdAt: number;
  acknowledged: boolean;
  channelId: string;
  /** Who made the interaction: the only member who sees its ephemeral messages. */
  userId: string;
  /** The message whose button was pressed, for a component interaction. */
  source?: SentMessage;
  /** A component interaction acknowledged with type 6: the next edit of @original edits `source`. */
  deferredUpdate?: boolean;
  changed: () => void;
}

/** Marks an ephemeral message with the one member who can see it (and so press its buttons). */
const seenBy = (m: SentMessage, userId: string): SentMessage => (m.ephemeral ? Object.assign(m, { viewer: userId }) : m);

/** The callback and webhook routes for the interactions the emulator sent. */
export function responseRoutes(world: World, interactions: Map<string, InteractionState>, interactionTimeoutMs: number): Builtin[] {
  const interactionByToken = (appId: string, itoken: string): InteractionState => {
    const state = [...interactions.values()].find((s) => s.reply.token === itoken);
    if (appId !== world.applicationId || !state || !state.acknowledged) throw unknown('Webhook', 10015);
    if (world.now() - state.createdAt > INTERACTION_TOKEN_MS) throw new HttpError(401, { code: 50027, message: 'Invalid Webhook Token' });
    return state;
  };


  return [
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
        case InteractionResponseType.ChannelMessageWithSource: {
          const data = checkBody(body.data ?? {}, true);
          r.original = seenBy(makeMessage(state.channelId, data, req.files), state.userId);
          r.ephemeral = r.original.ephemeral;
          break;
        }
        case InteractionResponseType.UpdateMessage: {
          // Edits the message whose button was pressed, in place, keeping its visibility.
          const data = checkBody(body.data ?? {}, false);
          editMessage(state.source!, data, req.files);
          r.original = state.source!;
          r.ephemeral = state.source!.ephemeral;
          break;
        }
        case InteractionResponseType.DeferredChannelMessageWithSource:
          r.deferred = true;
          r.ephemeral = (Number(body.data?.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
          break;
        case InteractionResponseType.DeferredMessageUpdate:
          r.deferred = true;
          state.deferredUpdate = true;
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
      if (r.deferred && !state.deferredUpdate && !r.original && !r.originalDeleted && r.followUps.length === 0) {
        message = seenBy(makeMessage(state.channelId, data, req.files, { ephemeral: r.ephemeral }), state.userId);
        r.original = message;
      } else {
        message = seenBy(makeMessage(state.channelId, data, req.files), state.userId);
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
      if (!message && original && state.deferredUpdate && state.source) {
        // After type 6, @original is the message whose button was pressed.
        message = state.source;
        r.original = message;
      }
      if (!message) {
        if (!(original && r.deferred && !r.originalDeleted)) throw unknown('Message', 10008);
        // Editing a deferred response turns the "thinking…" placeholder into the answer.
        message = seenBy(makeMessage(state.channelId, data, req.files, { ephemeral: r.ephemeral }), state.userId);
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
}
