import type { AttachmentPayload } from 'discord.js';
import { DateTime } from 'luxon';
import { buildIcs } from '../../../reminders/ics.js';
import { createScheduledEvent } from '../../../reminders/poster.js';
import type { ReminderRuntime } from '../../../reminders/runtime.js';
import type { Delivery, Reminder } from '../../../reminders/store.js';
import { DEFAULT_LEADS, leadFromCode, type Lead } from '../../../reminders/time.js';

export interface Extras {
  event: boolean;
  calendar: boolean;
}

/** The optional Discord event and .ics file; a failure here never undoes the reminder. */
export async function addExtras(rt: ReminderRuntime, guildId: string, r: Reminder, deliveries: Delivery[], extras: Extras) {
  const lines: string[] = [];
  const files: AttachmentPayload[] = [];
  const startMs = r.deadlineMs ?? deliveries.find((d) => d.status === 'scheduled')?.dueMs;
  if (startMs === undefined) return { lines, files };
  const name = r.kind === 'consultation' ? `Consultation closes: ${r.title ?? r.consultationKey}` : r.message.split('\n')[0]!.slice(0, 100);
  if (extras.event) {
    const res = await createScheduledEvent(rt.rest, {
      guildId,
      name,
      description: r.kind === 'consultation' ? `Deadline for ${r.title ?? 'the consultation'}.${r.url ? ` ${r.url}` : ''}` : r.message,
      location: r.url ?? (r.kind === 'consultation' ? 'Online consultation' : 'See the reminder message'),
      startMs,
      endMs: startMs + 30 * 60_000,
    });
    if (res.ok) {
      rt.store.setScheduledEvent(guildId, r.id, res.id);
      lines.push('A Discord event was created for it.');
    } else {
      lines.push(`I could not create the Discord event (${res.error}); the bot may need the Manage Events permission.`);
    }
  }
  if (extras.calendar) {
    const leads: Lead[] =
      r.kind === 'consultation'
        ? deliveries.map((d) => (d.lead ? leadFromCode(d.lead) : null)).filter((l): l is Lead => l !== null)
        : [...DEFAULT_LEADS.slice(1)];
    const ics = buildIcs({
      uid: `reminder-${r.id}-${guildId}@cutsbot`,
      title: name,
      ...(r.url ? { url: r.url } : {}),
      ...(r.kind === 'message' ? { description: r.message } : {}),
      startMs,
      alarms: leads,
      zone: r.zone,
    });
    if (ics.ok) {
      const day = DateTime.fromMillis(startMs, { zone: r.zone }).toISODate();
      files.push({ attachment: Buffer.from(ics.text, 'utf8'), name: `reminder-${r.id}-${day}.ics` });
    } else {
      lines.push(`I could not make the calendar file (${ics.error}).`);
    }
  }
  return { lines, files };
}
