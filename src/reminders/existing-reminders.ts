import { DateTime } from 'luxon';
import { CHOICE_LIMITS } from '../answers/types.js';
import { clip } from '../knowledge/text.js';
import { renderListItem } from './render.js';
import { canManage, PAGE_SIZE, permissionRefusal, refuse, type Actor, type Outcome, type ServiceDeps } from './service-deps.js';
import { movedByClockChange } from './time.js';

/** Listing, cancelling and picking a server's reminders. */

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
      return { name: clip(name, CHOICE_LIMITS.length), value: r.id };
    })
    .filter((c) => !t || c.name.toLowerCase().includes(t))
    .slice(0, 25);
}
