import { DateTime } from 'luxon';
import { z } from 'zod';
import type { ConsultationEntry } from '../knowledge/knowledge-base.js';
import { parseLeads, parseRepeat, parseWhen, quote } from './parse-time.js';
import { MAX_MESSAGE_CHARS, renderConfirmation, renderListItem, renderMovedNote } from './render.js';
import type { Clock } from './scheduler.js';
import type { Delivery, GuildSettings, Limits, NewDelivery, Reminder, Store } from './store.js';
import {
  DEFAULT_LEADS,
  addYears,
  discordTime,
  isValidZone,
  leadCode,
  leadInstant,
  leadLabel,
  localTimeOfDay,
  movedByClockChange,
  occurrences,
  type Lead,
  type Repeat,
} from './time.js';

/**
 * What organisers can do with reminders, independent of Discord: the command file turns options
 * into these calls and their `message` into a reply. Every refusal is a sentence the organiser can
 * act on.
 */

export const DEFAULT_LIMITS: Limits = { perGuild: 200, perMember: 25 };
export const PAGE_SIZE = 10;

export interface ServiceDeps {
  store: Store;
  clock: Clock;
  consultations: () => readonly ConsultationEntry[];
  limits?: Limits;
  /** A role that may manage reminders in every guild (ORGANISER_ROLE_ID), besides each guild's own. */
  defaultOrganiserRoleId?: string | null;
}

/** Who is asking, as the Discord edge sees them. */
export interface Actor {
  userId: string;
  hasManageEvents: boolean;
  roleIds: readonly string[];
}

export type Outcome<T = undefined> = { ok: true; message: string; value: T } | { ok: false; reason: string; message: string };

const refuse = (reason: string, message: string) => ({ ok: false as const, reason, message });

const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id');

export function canManage(deps: ServiceDeps, guild: GuildSettings, actor: Actor): boolean {
  if (actor.hasManageEvents) return true;
  const roles = [guild.organiserRoleId, deps.defaultOrganiserRoleId].filter((r): r is string => !!r);
  return roles.some((r) => actor.roleIds.includes(r));
}

function permissionRefusal(deps: ServiceDeps, guild: GuildSettings) {
  const role = guild.organiserRoleId ?? deps.defaultOrganiserRoleId;
  return refuse(
    'permission',
    `Only members with the Manage Events permission${role ? ` or the <@&${role}> role` : ''} can create, change or cancel reminders. Anyone can use \`/remind list\`.`,
  );
}

function limitRefusal(deps: ServiceDeps, limit: 'guild' | 'member') {
  const l = deps.limits ?? DEFAULT_LIMITS;
  return limit === 'guild'
    ? refuse('limit-guild', `This server already has ${l.perGuild} upcoming reminders, the most allowed. Cancel some with \`/remind cancel\` first.`)
    : refuse('limit-member', `You already have ${l.perMember} upcoming reminders, the most one member may have. Cancel some with \`/remind cancel\` first.`);
}

export function findConsultation(deps: ServiceDeps, key: string): ConsultationEntry | undefined {
  return deps.consultations().find((c) => c.key === key);
}

/** Autocomplete: open consultations first, matching title, council or key. */
export function consultationChoices(deps: ServiceDeps, typed: string): { name: string; value: string }[] {
  const now = deps.clock.now();
  const t = typed.trim().toLowerCase();
  return deps
    .consultations()
    .map((c) => ({ c, closes: DateTime.fromISO(c.closes, { setZone: true }).toMillis() }))
    .filter(({ c, closes }) => closes > now && (!t || `${c.title} ${c.council ?? ''} ${c.key}`.toLowerCase().includes(t)))
    .sort((a, b) => a.closes - b.closes)
    .slice(0, 25)
    .map(({ c, closes }) => {
      const when = DateTime.fromMillis(closes, { zone: 'Europe/London' }).toFormat('d LLL yyyy');
      const name = `${c.title} (closes ${when})`;
      return { name: name.length > 100 ? `${name.slice(0, 99)}…` : name, value: c.key };
    });
}

export interface ConsultationRequest {
  guildId: string;
  actor: Actor;
  consultationKey: string;
  channelId: string;
  /** e.g. "7d, 1d, 0"; the default leads when absent. */
  leads?: string;
  roleId?: string;
}

export async function createConsultationReminder(deps: ServiceDeps, req: ConsultationRequest): Promise<Outcome<{ reminder: Reminder; deliveries: Delivery[] }>> {
  const now = deps.clock.now();
  const guild = await deps.store.settings(req.guildId);
  if (!canManage(deps, guild, req.actor)) return permissionRefusal(deps, guild);
  if (!snowflake.safeParse(req.channelId).success) return refuse('channel', 'Choose a channel to post in.');
  if (req.roleId !== undefined && !snowflake.safeParse(req.roleId).success) return refuse('role', 'That role is not valid.');
  const c = findConsultation(deps, req.consultationKey);
  if (!c) return refuse('unknown-consultation', `I do not know a consultation ${quote(req.consultationKey)}. Pick one from the list as you type.`);
  const deadline = DateTime.fromISO(c.closes, { setZone: true }).toMillis();
  if (deadline <= now) return refuse('closed', `**${c.title}** closed ${discordTime(deadline, 'F')}; there is nothing left to remind about.`);

  let leads: readonly Lead[] = DEFAULT_LEADS;
  if (req.leads !== undefined && req.leads.trim() !== '') {
    const parsed = parseLeads(req.leads);
    if (!parsed.ok) return refuse('leads', parsed.message);
    leads = parsed.value;
  }
  // Calendar days count in the guild's zone: the knowledge file gives the deadline an offset, not a zone.
  const zone = guild.zone;
  const deliveries: NewDelivery[] = leads
    .map((lead) => ({ lead, due: leadInstant(deadline, lead, zone) }))
    .sort((a, b) => a.due - b.due)
    .map(({ lead, due }) =>
      due > now
        ? { dueMs: due, lead: leadCode(lead) }
        : { dueMs: due, lead: leadCode(lead), status: 'skipped' as const, note: `${leadLabel(lead)} had already passed when the reminder was made` },
    );
  if (!deliveries.some((d) => d.status !== 'skipped')) {
    return refuse('leads-past', `All those notices fall before now; the deadline is ${discordTime(deadline, 'F')}. Choose shorter leads.`);
  }
  const res = await deps.store.createReminder(
    {
      guildId: req.guildId,
      channelId: req.channelId,
      createdBy: req.actor.userId,
      kind: 'consultation',
      consultationKey: c.key,
      title: c.council && !c.title.includes(c.council) ? `${c.title} (${c.council})` : c.title,
      message: '',
      url: c.url ?? null,
      roleId: req.roleId ?? null,
      zone,
      deadlineMs: deadline,
    },
    deliveries,
    deps.limits ?? DEFAULT_LIMITS,
    now,
  );
  if (!res.ok) return limitRefusal(deps, res.limit);
  return { ok: true, message: renderConfirmation(res.reminder, res.deliveries), value: { reminder: res.reminder, deliveries: res.deliveries } };
}

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

/** Anyone may list; only this guild's reminders are visible. */
export async function listReminders(deps: ServiceDeps, guildId: string, page = 1): Promise<Outcome<{ total: number; pages: number }>> {
  const p = Math.max(1, Math.floor(page));
  const { total, items } = await deps.store.listUpcoming(guildId, { offset: (p - 1) * PAGE_SIZE, limit: PAGE_SIZE });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (total === 0) return { ok: true, message: 'No upcoming reminders in this server.', value: { total, pages } };
  if (items.length === 0) return refuse('page', `There are only ${pages} page${pages === 1 ? '' : 's'} of reminders.`);
  const zone = (await deps.store.settings(guildId)).zone;
  const head = `Upcoming reminders (${total}), page ${p} of ${pages}; this server's time zone is ${zone}:`;
  const lines: string[] = [];
  for (const item of items) {
    const r = item.reminder;
    // Only a repeat keeps a time of day that a clock change can move; at most a page of look-ups.
    const pending = r.wallTime ? (await deps.store.deliveriesOf(r.id)).filter((d) => d.status === 'scheduled' || d.status === 'sending') : [];
    const moved = r.wallTime ? movedByClockChange(pending.map((d) => d.dueMs), r.wallTime, r.zone) : [];
    lines.push(renderListItem({ ...item, moved }));
  }
  return { ok: true, message: [head, ...lines].join('\n'), value: { total, pages } };
}

export async function cancelReminder(deps: ServiceDeps, req: { guildId: string; actor: Actor; id: number }): Promise<Outcome> {
  const now = deps.clock.now();
  const guild = await deps.store.settings(req.guildId);
  if (!canManage(deps, guild, req.actor)) return permissionRefusal(deps, guild);
  const found = await deps.store.getReminder(req.guildId, req.id);
  if (!found) return refuse('not-found', `There is no reminder #${req.id} in this server. \`/remind list\` shows their numbers.`);
  if (found.reminder.status === 'cancelled') return refuse('already', `Reminder #${req.id} was already cancelled.`);
  if (!await deps.store.cancelReminder(req.guildId, req.id, req.actor.userId, now)) {
    return refuse('already', `Reminder #${req.id} was already cancelled.`);
  }
  const left = found.deliveries.filter((d) => d.status === 'sending').length;
  const note = left ? ' One post was already on its way and may still appear.' : '';
  return { ok: true, message: `Reminder #${req.id} cancelled; nothing more will be posted for it.${note}`, value: undefined };
}

/** Ids for the cancel/edit autocomplete: this guild's upcoming reminders. */
export async function reminderChoices(deps: ServiceDeps, guildId: string, typed: string): Promise<{ name: string; value: number }[]> {
  const t = typed.trim().toLowerCase().replace(/^#/, '');
  // Nothing typed shows the 25 soonest; text typed is matched against the 100 soonest.
  const { items } = await deps.store.listUpcoming(guildId, { offset: 0, limit: t ? 100 : 25 });
  return items
    .map(({ reminder: r, nextMs }) => {
      const what = r.kind === 'consultation' ? (r.title ?? r.consultationKey ?? '') : r.message;
      const when = DateTime.fromMillis(nextMs, { zone: r.zone }).toFormat('d LLL HH:mm');
      const name = `#${r.id} ${when} ${what.replace(/\s+/g, ' ')}`;
      return { name: name.length > 100 ? `${name.slice(0, 99)}…` : name, value: r.id };
    })
    .filter((c) => !t || c.name.toLowerCase().includes(t))
    .slice(0, 25);
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

export async function setTimezone(deps: ServiceDeps, req: { guildId: string; actor: Actor; zone: string }): Promise<Outcome<GuildSettings>> {
  const guild = await deps.store.settings(req.guildId);
  if (!canManage(deps, guild, req.actor)) return permissionRefusal(deps, guild);
  const zone = req.zone.trim();
  if (!isValidZone(zone)) {
    return refuse('invalid-zone', `${quote(zone)} is not a time zone I know. Use a name from the IANA list such as Europe/London or Europe/Dublin.`);
  }
  const next = await deps.store.updateSettings(req.guildId, { zone }, deps.clock.now());
  const local = DateTime.fromMillis(deps.clock.now(), { zone }).toFormat('HH:mm');
  return {
    ok: true,
    message: `Times you type for reminders are now read in ${zone} (it is ${local} there now). Reminders already set keep their times.`,
    value: next,
  };
}

/** Who may manage reminders and where failures are reported; Manage Events only, not the organiser role. */
export async function configureGuild(
  deps: ServiceDeps,
  req: { guildId: string; actor: Actor; organiserRoleId?: string | null; fallbackChannelId?: string | null },
): Promise<Outcome<GuildSettings>> {
  const guild = await deps.store.settings(req.guildId);
  if (!req.actor.hasManageEvents) return refuse('permission', 'Only members with the Manage Events permission can change who manages reminders.');
  for (const id of [req.organiserRoleId, req.fallbackChannelId]) {
    if (id && !snowflake.safeParse(id).success) return refuse('id', 'That role or channel is not valid.');
  }
  const next = await deps.store.updateSettings(
    req.guildId,
    {
      ...(req.organiserRoleId !== undefined ? { organiserRoleId: req.organiserRoleId } : {}),
      ...(req.fallbackChannelId !== undefined ? { fallbackChannelId: req.fallbackChannelId } : {}),
    },
    deps.clock.now(),
  );
  const role = next.organiserRoleId ? `<@&${next.organiserRoleId}>` : 'no role (Manage Events only)';
  const fb = next.fallbackChannelId ? `<#${next.fallbackChannelId}>` : 'nowhere (only the bot log)';
  return { ok: true, message: `Reminder organisers: ${role}. Failed reminders are reported in ${fb}. Time zone: ${guild.zone}.`, value: next };
}
