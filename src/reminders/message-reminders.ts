import { z } from 'zod';
import { parseRepeat, parseWhen } from './parse-time.js';
import { MAX_MESSAGE_CHARS, renderConfirmation, renderMovedNote } from './render.js';
import { canManage, DEFAULT_LIMITS, limitRefusal, permissionRefusal, refuse, snowflake, type Actor, type Outcome, type ServiceDeps } from './service-deps.js';
import type { Delivery, NewDelivery, Reminder } from './store.js';
import { addYears, localTimeOfDay, movedByClockChange, occurrences, type Repeat } from './time.js';

/** Reminders that post an organiser's message at a time (once or repeating), and changing them. */

const MessageText = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string().min(1, 'Write the message to post.').max(MAX_MESSAGE_CHARS, `Keep the message to ${MAX_MESSAGE_CHARS} characters or fewer.`));

export interface AtRequest {
  guildId: string;
  actor: Actor;
  when: string;
  message: string;
  channelId: string;
  repeat?: string;
}

function scheduleFor(deps: ServiceDeps, zone: string, when: string, repeatText: string | Repeat | null | undefined, now: number):
  | { ok: true; times: number[]; repeat: Repeat | null; wallTime: string | null; note: string }
  | { ok: false; reason: string; message: string } {
  const first = parseWhen(when, { now, zone });
  if (!first.ok) return refuse(first.reason, first.message);
  let repeat: Repeat | null = null;
  if (typeof repeatText === 'string' && repeatText.trim() !== '') {
    const r = parseRepeat(repeatText, { now, zone });
    if (!r.ok) return refuse(`repeat-${r.reason}`, r.message);
    repeat = r.value;
  } else if (repeatText && typeof repeatText === 'object') {
    repeat = repeatText;
  }
  const horizon = addYears(now, 1, zone);
  const times = occurrences(first.value, repeat, zone, horizon);
  const cut = repeat && (repeat.count ?? 0) > times.length;
  const open = repeat && repeat.count === undefined && repeat.untilMs === undefined;
  const wallTime = repeat ? localTimeOfDay(first.value, zone) : null;
  const moved = wallTime ? renderMovedNote(movedByClockChange(times, wallTime, zone), zone) : '';
  const stop = cut || open ? `\nRepeats stop after ${times.length} posts: reminders reach at most a year ahead.` : '';
  return { ok: true, times, repeat, wallTime, note: `${moved ? `\n${moved}` : ''}${stop}` };
}

export async function createAtReminder(deps: ServiceDeps, req: AtRequest): Promise<Outcome<{ reminder: Reminder; deliveries: Delivery[] }>> {
  const now = deps.clock.now();
  const guild = await deps.store.settings(req.guildId);
  if (!canManage(deps, guild, req.actor)) return permissionRefusal(deps, guild);
  if (!snowflake.safeParse(req.channelId).success) return refuse('channel', 'Choose a channel to post in.');
  const msg = MessageText.safeParse(req.message);
  if (!msg.success) return refuse('message', msg.error.issues[0]?.message ?? 'That message cannot be posted.');
  const plan = scheduleFor(deps, guild.zone, req.when, req.repeat, now);
  if (!plan.ok) return plan;
  const res = await deps.store.createReminder(
    {
      guildId: req.guildId,
      channelId: req.channelId,
      createdBy: req.actor.userId,
      kind: 'message',
      message: msg.data,
      zone: guild.zone,
      repeat: plan.repeat,
      wallTime: plan.wallTime,
    },
    plan.times.map((t) => ({ dueMs: t })),
    deps.limits ?? DEFAULT_LIMITS,
    now,
  );
  if (!res.ok) return limitRefusal(deps, res.limit);
  return { ok: true, message: renderConfirmation(res.reminder, res.deliveries) + plan.note, value: { reminder: res.reminder, deliveries: res.deliveries } };
}

export interface EditRequest {
  guildId: string;
  actor: Actor;
  id: number;
  when?: string;
  message?: string;
  channelId?: string;
}

export async function editReminder(deps: ServiceDeps, req: EditRequest): Promise<Outcome<{ reminder: Reminder; deliveries: Delivery[] }>> {
  const now = deps.clock.now();
  const guild = await deps.store.settings(req.guildId);
  if (!canManage(deps, guild, req.actor)) return permissionRefusal(deps, guild);
  const found = await deps.store.getReminder(req.guildId, req.id);
  if (!found) return refuse('not-found', `There is no reminder #${req.id} in this server. \`/remind list\` shows their numbers.`);
  const r = found.reminder;
  const pending = found.deliveries.filter((d) => d.status === 'scheduled');
  if (r.status === 'cancelled' || pending.length === 0) return refuse('finished', `Reminder #${req.id} has nothing left to post, so it cannot be changed.`);
  if (req.when === undefined && req.message === undefined && req.channelId === undefined) {
    return refuse('nothing', 'Say what to change: the time, the message or the channel.');
  }
  if (req.channelId !== undefined && !snowflake.safeParse(req.channelId).success) return refuse('channel', 'That channel is not valid.');
  let message: string | undefined;
  if (req.message !== undefined) {
    const msg = MessageText.safeParse(req.message);
    if (!msg.success) return refuse('message', msg.error.issues[0]?.message ?? 'That message cannot be posted.');
    message = msg.data;
  }
  let deliveries: NewDelivery[] | undefined;
  let repeat: Repeat | null | undefined;
  let wallTime: string | null | undefined;
  let note = '';
  if (req.when !== undefined) {
    if (r.kind === 'consultation') {
      return refuse('consultation-time', 'A consultation reminder follows the consultation deadline. Cancel it and create a new one with other leads instead.');
    }
    // The remaining posts of a repeating reminder move with the new first time.
    const remaining = r.repeat ? { ...r.repeat, count: r.repeat.untilMs === undefined ? pending.length : undefined } : null;
    const plan = scheduleFor(deps, r.zone, req.when, remaining, now);
    if (!plan.ok) return plan;
    deliveries = plan.times.map((t) => ({ dueMs: t }));
    repeat = plan.repeat;
    wallTime = plan.wallTime;
    note = plan.note;
  }
  const patch = {
    ...(message !== undefined ? { message } : {}),
    ...(req.channelId !== undefined ? { channelId: req.channelId } : {}),
    ...(deliveries ? { deliveries, repeat, wallTime } : {}),
  };
  if (!await deps.store.editReminder(req.guildId, req.id, patch, req.actor.userId, now)) {
    return refuse('finished', `Reminder #${req.id} has nothing left to post, so it cannot be changed.`);
  }
  const after = await deps.store.getReminder(req.guildId, req.id);
  if (!after) return refuse('not-found', `There is no reminder #${req.id} in this server.`);
  const live = after.deliveries.filter((d) => d.status === 'scheduled' || d.status === 'sending');
  return { ok: true, message: renderConfirmation(after.reminder, live, 'changed') + note, value: { reminder: after.reminder, deliveries: live } };
}
