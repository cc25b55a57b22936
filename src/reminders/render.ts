import { remindMeButton } from '../discord/buttons.js';
import { escapeText, safeUrl } from '../discord/escape.js';
import { clip } from '../knowledge/text.js';
import type { AllowedMentions } from './poster.js';
import type { Delivery, Reminder } from './store.js';
import { DateTime } from 'luxon';
import { discordTime, leadFromCode, leadLabel, type MovedPost } from './time.js';

/** The text of posts and replies. Discord timestamps render in each reader's own zone. */

export const MAX_MESSAGE_CHARS = 1500;

export function allowedMentionsFor(reminder: Pick<Reminder, 'roleId'>): AllowedMentions {
  // Only the role the organiser chose may be pinged; "@everyone" typed into a message stays inert.
  return reminder.roleId ? { roles: [reminder.roleId], parse: [] } : { parse: [] };
}

export interface RenderContext {
  now: number;
  /** Set when the post goes out well after it was due (the bot was down or Discord unreachable). */
  late: boolean;
}

/**
 * The last line of every reminder post: the reminder's number (what `/remind edit` and `cancel`
 * take) and the nonce of the delivery it carries. The nonce is random per delivery and never
 * changes, so after Discord has forgotten it the bot can still recognise its own earlier post.
 */
export function postMarker(reminderId: number, nonce: string): string {
  return `-# Reminder #${reminderId} · ${nonce}`;
}

/** One post for one or more deliveries of a reminder (several when overdue ones are merged). */
export function renderPost(reminder: Reminder, deliveries: Delivery[], ctx: RenderContext): { content: string; allowed_mentions: AllowedMentions; components?: unknown[] } {
  const first = deliveries[0];
  const lines: string[] = [];
  if (reminder.roleId) lines.push(`<@&${reminder.roleId}>`);
  if (reminder.kind === 'consultation' && reminder.deadlineMs !== null) {
    const d = reminder.deadlineMs;
    // Titles and links come from knowledge files, which anyone with /kb or the folder can change.
    const where = reminder.title ? escapeText(reminder.title) : 'A consultation';
    if (ctx.now < d) {
      lines.push(`📣 **Consultation closes ${discordTime(d, 'R')}:** ${where}`);
      lines.push(`Deadline: ${discordTime(d, 'F')}. Have your say before it closes.`);
    } else {
      lines.push(`📣 **Consultation ${ctx.now - d < 60_000 ? 'closes now' : 'has closed'}:** ${where}`);
      lines.push(`Deadline: ${discordTime(d, 'F')}.`);
    }
    const url = safeUrl(reminder.url);
    if (url) lines.push(`<${url}>`);
    if (reminder.message) lines.push(reminder.message);
  } else {
    lines.push(`⏰ **Reminder:** ${reminder.message}`);
  }
  if (ctx.late && first) {
    const merged = deliveries.length > 1 ? ` ${deliveries.length} reminders that fell due meanwhile are combined in this one post.` : '';
    lines.push(`-# Late: this was due ${discordTime(first.dueMs, 'F')}; the bot could not post it then.${merged}`);
  }
  const marker = first ? `\n${postMarker(reminder.id, first.nonce)}` : '';
  // Before a consultation closes, members reading the post can ask for their own direct messages.
  const remind =
    reminder.kind === 'consultation' && reminder.consultationKey && reminder.deadlineMs !== null && ctx.now < reminder.deadlineMs
      ? remindMeButton(reminder.consultationKey, reminder.title ?? 'this consultation')
      : null;
  return {
    content: lines.join('\n').slice(0, 2000 - marker.length) + marker,
    allowed_mentions: allowedMentionsFor(reminder),
    ...(remind ? { components: [{ type: 1, components: [remind] }] } : {}),
  };
}

export function renderFailureNote(reminder: Reminder, reason: 'gone' | 'forbidden' | 'rejected' | 'gave-up', error: string): {
  content: string;
  allowed_mentions: AllowedMentions;
} {
  const why =
    reason === 'gone'
      ? 'the channel no longer exists'
      : reason === 'forbidden'
        ? 'the bot is not allowed to post there'
        : reason === 'gave-up'
          ? 'Discord kept failing and the bot gave up retrying'
          : `Discord refused it (${error.slice(0, 200)})`;
  return {
    content:
      `⚠️ <@${reminder.createdBy}> reminder **#${reminder.id}** could not be posted in <#${reminder.channelId}>: ${why}. ` +
      `Use \`/remind edit id:${reminder.id}\` to move it to another channel, or \`/remind cancel\`.`,
    allowed_mentions: { users: [reminder.createdBy], parse: [] },
  };
}

function describeDelivery(d: Delivery): string {
  const lead = d.lead ? leadFromCode(d.lead) : null;
  const what = lead ? ` (${leadLabel(lead)})` : '';
  const skipped = d.status === 'skipped' ? ' — skipped, already past' : '';
  return `• ${discordTime(d.dueMs, 'F')} (${discordTime(d.dueMs, 'R')})${what}${skipped}`;
}

/** The private reply after creating or editing a reminder. */
export function renderConfirmation(reminder: Reminder, deliveries: Delivery[], verb = 'set'): string {
  const pending = deliveries.filter((d) => d.status === 'scheduled' || d.status === 'sending' || d.status === 'skipped');
  const shown = pending.slice(0, 10);
  const more = pending.length > shown.length ? `\n…and ${pending.length - shown.length} more.` : '';
  const head =
    reminder.kind === 'consultation'
      ? `Consultation reminder **#${reminder.id}** ${verb} for **${escapeText(reminder.title ?? reminder.consultationKey ?? '')}** in <#${reminder.channelId}>` +
        (reminder.roleId ? `, mentioning <@&${reminder.roleId}>` : '')
      : `Reminder **#${reminder.id}** ${verb} in <#${reminder.channelId}>`;
  return `${head}. Times are in ${reminder.zone}:\n${shown.map(describeDelivery).join('\n')}${more}`;
}

/** For the confirmation: which posts a clock change moves off the asked-for time of day, and where to. */
export function renderMovedNote(moved: readonly MovedPost[], zone: string): string {
  return moved
    .map((m) => {
      const day = DateTime.fromMillis(m.ms, { zone }).toFormat('ccc d LLL yyyy');
      return `⚠️ ${m.wanted} does not exist on ${day} in ${zone} (the clocks go forward); that post goes out at ${m.actual} instead: ${discordTime(m.ms, 'F')}.`;
    })
    .join('\n');
}

export function renderListItem(item: { reminder: Reminder; nextMs: number; pending: number; moved?: readonly MovedPost[] }): string {
  const r = item.reminder;
  const what = r.kind === 'consultation' ? `consultation: ${escapeText(r.title ?? r.consultationKey ?? '')}` : r.message.replace(/\s+/g, ' ');
  const short = clip(what, 80);
  const more = item.pending > 1 ? ` (+${item.pending - 1} more)` : '';
  const moved = (item.moved ?? [])
    .map((m) => ` ⚠️ ${DateTime.fromMillis(m.ms, { zone: r.zone }).toFormat("ccc d LLL 'at' HH:mm")}, not ${m.wanted} (clocks go forward).`)
    .join('');
  return `**#${r.id}** ${discordTime(item.nextMs, 'F')} (${discordTime(item.nextMs, 'R')}) in <#${r.channelId}>${more} — ${short}${moved}`;
}
