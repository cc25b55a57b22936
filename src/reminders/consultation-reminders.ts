import { DateTime } from 'luxon';
import { CHOICE_LIMITS } from '../answers/types.js';
import { clip } from '../knowledge/text.js';
import { parseLeads } from './parse-leads.js';
import { quote } from './parsed.js';
import { renderConfirmation } from './render.js';
import { canManage, DEFAULT_LIMITS, limitRefusal, permissionRefusal, refuse, snowflake, type Actor, type Outcome, type ServiceDeps } from './service-deps.js';
import type { ConsultationEntry } from '../knowledge/knowledge-base.js';
import type { Delivery, NewDelivery, Reminder } from './store.js';
import { DEFAULT_LEADS, discordTime, leadCode, leadInstant, leadLabel, type Lead } from './time.js';

/** Reminders of a consultation's deadline, from the knowledge base's consultations. */

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
      return { name: clip(name, CHOICE_LIMITS.length), value: c.key };
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
