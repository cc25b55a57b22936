import {
  ChannelType,
  PermissionFlagsBits,
  type AttachmentPayload,
  SlashCommandBuilder,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { DateTime } from 'luxon';
import { dbFaultOf } from '../../reminders/db-faults.js';
import { buildIcs } from '../../reminders/ics.js';
import { createScheduledEvent } from '../../reminders/poster.js';
import type { ReminderRuntime } from '../../reminders/runtime.js';
import {
  cancelReminder,
  configureGuild,
  consultationChoices,
  createAtReminder,
  createConsultationReminder,
  editReminder,
  listReminders,
  reminderChoices,
  setTimezone,
  type Actor,
  type Outcome,
} from '../../reminders/service.js';
import type { Delivery, Reminder } from '../../reminders/store.js';
import { DEFAULT_LEADS, leadFromCode, type Lead } from '../../reminders/time.js';
import { UserFacingError, type Command, type CommandResult } from '../command.js';
import { whyCannotPostIn } from '../channel-check.js';
import { focusedText } from '../options.js';

/**
 * /remind: the Discord face of src/reminders. This file reads options, works out who is asking and
 * renders; every rule (permissions, limits, times) lives in the reminders service.
 */

const TEXT_CHANNELS = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;

export const data = new SlashCommandBuilder()
  .setName('remind')
  .setDescription('Consultation deadlines and meeting reminders for this server')
  .setDMPermission(false)
  .addSubcommand((s) =>
    s
      .setName('consultation')
      .setDescription('Remind a channel before a consultation closes (7 days, 1 day and at the deadline)')
      .addStringOption((o) => o.setName('consultation').setDescription('Start typing a council or title').setRequired(true).setAutocomplete(true).setMaxLength(100))
      .addChannelOption((o) => o.setName('channel').setDescription('Where to post').setRequired(true).addChannelTypes(...TEXT_CHANNELS))
      .addStringOption((o) => o.setName('lead').setDescription('When to post, e.g. "7d, 1d, 0" (0 = at the deadline)').setMaxLength(60))
      .addRoleOption((o) => o.setName('role').setDescription('A role to mention in each post'))
      .addBooleanOption((o) => o.setName('event').setDescription('Also create a Discord event for the deadline'))
      .addBooleanOption((o) => o.setName('calendar').setDescription('Also give me an .ics file for my calendar')),
  )
  .addSubcommand((s) =>
    s
      .setName('at')
      .setDescription('Post a message at a time, e.g. for a meeting or a protest')
      .addStringOption((o) => o.setName('at').setDescription('e.g. "next tuesday 6pm", "15/12 17:00", "tomorrow 9am"').setRequired(true).setMaxLength(100))
      .addStringOption((o) => o.setName('message').setDescription('What to post').setRequired(true).setMaxLength(1500))
      .addChannelOption((o) => o.setName('channel').setDescription('Where to post').setRequired(true).addChannelTypes(...TEXT_CHANNELS))
      .addStringOption((o) => o.setName('repeat').setDescription('e.g. "weekly x4", "weekly until 31/12", "monthly 6 times"').setMaxLength(60))
      .addBooleanOption((o) => o.setName('event').setDescription('Also create a Discord event at that time'))
      .addBooleanOption((o) => o.setName('calendar').setDescription('Also give me an .ics file for my calendar')),
  )
  .addSubcommand((s) =>
    s
      .setName('list')
      .setDescription("This server's upcoming reminders")
      .addIntegerOption((o) => o.setName('page').setDescription('Page number').setMinValue(1).setMaxValue(100)),
  )
  .addSubcommand((s) =>
    s
      .setName('cancel')
      .setDescription('Cancel a reminder')
      .addStringOption((o) => o.setName('id').setDescription('The reminder number, e.g. 12').setRequired(true).setAutocomplete(true).setMaxLength(100)),
  )
  .addSubcommand((s) =>
    s
      .setName('edit')
      .setDescription("Change a reminder's time, message or channel")
      .addStringOption((o) => o.setName('id').setDescription('The reminder number, e.g. 12').setRequired(true).setAutocomplete(true).setMaxLength(100))
      .addStringOption((o) => o.setName('at').setDescription('The new time').setMaxLength(100))
      .addStringOption((o) => o.setName('message').setDescription('The new message').setMaxLength(1500))
      .addChannelOption((o) => o.setName('channel').setDescription('The new channel').addChannelTypes(...TEXT_CHANNELS)),
  )
  .addSubcommand((s) =>
    s
      .setName('timezone')
      .setDescription('The time zone that typed times are read in (Europe/London by default)')
      .addStringOption((o) => o.setName('zone').setDescription('e.g. Europe/London').setRequired(true).setAutocomplete(true).setMaxLength(64)),
  )
  .addSubcommand((s) =>
    s
      .setName('settings')
      .setDescription('Who may manage reminders, and where to report reminders that fail (Manage Events only)')
      .addRoleOption((o) => o.setName('organiser_role').setDescription('Members with this role may manage reminders'))
      .addChannelOption((o) => o.setName('fallback_channel').setDescription('Where to report reminders that could not be posted').addChannelTypes(...TEXT_CHANNELS)),
  );

/** Ids straight from the option: resolved channel and role objects are not needed and not always sent. */
function idOption(interaction: ChatInputCommandInteraction, name: string, required: true): string;
function idOption(interaction: ChatInputCommandInteraction, name: string, required?: false): string | undefined;
function idOption(interaction: ChatInputCommandInteraction, name: string, required = false): string | undefined {
  const v = interaction.options.get(name, required)?.value;
  return v === undefined || v === null ? undefined : String(v);
}

const str = (interaction: ChatInputCommandInteraction, name: string): string | undefined => interaction.options.getString(name) ?? undefined;

function reminderId(raw: string): number {
  const m = /^\s*#?(\d{1,9})\b/.exec(raw);
  if (!m) throw new UserFacingError('Give the reminder number as shown by `/remind list`, e.g. 12.');
  return Number(m[1]);
}

function actorOf(interaction: ChatInputCommandInteraction | AutocompleteInteraction): Actor {
  const member = interaction.member;
  const roles = member ? (Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()]) : [];
  return {
    userId: interaction.user.id,
    hasManageEvents: interaction.memberPermissions?.has(PermissionFlagsBits.ManageEvents) ?? false,
    roleIds: roles,
  };
}

function reply(outcome: Outcome<unknown>): CommandResult {
  return { message: outcome.message, ephemeral: true };
}

interface Extras {
  event: boolean;
  calendar: boolean;
}

/** The optional Discord event and .ics file; a failure here never undoes the reminder. */
async function addExtras(rt: ReminderRuntime, guildId: string, r: Reminder, deliveries: Delivery[], extras: Extras) {
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
      await rt.store.setScheduledEvent(guildId, r.id, res.id);
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

/**
 * A reminders database that is locked, broken or read-only fails the command fast (the store's
 * busy timeout is short) and the member is told plainly that nothing changed, not given an error id.
 */
function withStoreFaults(command: Command): Command {
  const explain = (err: unknown): never => {
    const fault = dbFaultOf(err);
    if (!fault) throw err;
    throw new UserFacingError(
      fault === 'locked'
        ? 'The reminders database is busy (another process has it locked), so nothing was read or changed. Try again in a minute.'
        : 'The reminders database cannot be used right now, so nothing was read or changed. Whoever runs the bot can see why in its log; try again later.',
    );
  };
  return {
    ...command,
    execute: (interaction, ctx) => Promise.resolve(command.execute(interaction, ctx)).catch(explain),
    ...(command.autocomplete
      ? {
          // Choices cannot carry a message; an empty list beats a failed interaction.
          autocomplete: (interaction, ctx) =>
            Promise.resolve()
              .then(() => command.autocomplete!(interaction, ctx))
              .catch((err: unknown) => (dbFaultOf(err) ? [] : Promise.reject(err))),
        }
      : {}),
  };
}

export function createRemindCommand(): Command {
  const need = (rt: ReminderRuntime | null): ReminderRuntime => {
    if (!rt) throw new UserFacingError('Reminders are not switched on for this bot. Ask whoever runs it to start the reminder scheduler.');
    return rt;
  };

  return withStoreFaults({
    data,
    // Every /remind reply is for the organiser only, including the .ics file.
    private: true,
    async execute(interaction, ctx) {
      const guildId = interaction.guildId;
      if (!guildId) throw new UserFacingError('Reminders belong to a server; use /remind in a server channel.');
      const rt = need(ctx.reminders);
      const actor = actorOf(interaction);
      const sub = interaction.options.getSubcommand(true);
      // Every channel a reminder may be posted in is checked now, not when the reminder falls due.
      for (const name of ['channel', 'fallback_channel']) {
        const channelId = idOption(interaction, name);
        const problem = channelId === undefined ? null : await whyCannotPostIn(interaction, channelId);
        if (problem) return { message: problem, ephemeral: true };
      }
      switch (sub) {
        case 'consultation':
        case 'at': {
          const outcome =
            sub === 'consultation'
              ? await createConsultationReminder(rt.deps, {
                  guildId,
                  actor,
                  consultationKey: str(interaction, 'consultation') ?? '',
                  channelId: idOption(interaction, 'channel', true),
                  ...(str(interaction, 'lead') !== undefined ? { leads: str(interaction, 'lead')! } : {}),
                  ...(idOption(interaction, 'role') !== undefined ? { roleId: idOption(interaction, 'role')! } : {}),
                })
              : await createAtReminder(rt.deps, {
                  guildId,
                  actor,
                  when: str(interaction, 'at') ?? '',
                  message: str(interaction, 'message') ?? '',
                  channelId: idOption(interaction, 'channel', true),
                  ...(str(interaction, 'repeat') !== undefined ? { repeat: str(interaction, 'repeat')! } : {}),
                });
          if (!outcome.ok) return reply(outcome);
          rt.scheduler.poke();
          const extras = { event: interaction.options.getBoolean('event') ?? false, calendar: interaction.options.getBoolean('calendar') ?? false };
          if (!extras.event && !extras.calendar) return reply(outcome);
          const { lines, files } = await addExtras(rt, guildId, outcome.value.reminder, outcome.value.deliveries, extras);
          return { message: [outcome.message, ...lines].join('\n'), files, ephemeral: true };
        }
        case 'list':
          return reply(await listReminders(rt.deps, guildId, interaction.options.getInteger('page') ?? 1));
        case 'cancel':
          return reply(await cancelReminder(rt.deps, { guildId, actor, id: reminderId(str(interaction, 'id') ?? '') }));
        case 'edit': {
          const at = str(interaction, 'at');
          const message = str(interaction, 'message');
          const channelId = idOption(interaction, 'channel');
          const outcome = await editReminder(rt.deps, {
            guildId,
            actor,
            id: reminderId(str(interaction, 'id') ?? ''),
            ...(at !== undefined ? { when: at } : {}),
            ...(message !== undefined ? { message } : {}),
            ...(channelId !== undefined ? { channelId } : {}),
          });
          if (outcome.ok) rt.scheduler.poke();
          return reply(outcome);
        }
        case 'timezone':
          return reply(await setTimezone(rt.deps, { guildId, actor, zone: str(interaction, 'zone') ?? '' }));
        case 'settings': {
          const role = idOption(interaction, 'organiser_role');
          const fallback = idOption(interaction, 'fallback_channel');
          return reply(
            await configureGuild(rt.deps, {
              guildId,
              actor,
              ...(role !== undefined ? { organiserRoleId: role } : {}),
              ...(fallback !== undefined ? { fallbackChannelId: fallback } : {}),
            }),
          );
        }
        default:
          throw new UserFacingError(`I do not know /remind ${sub}.`);
      }
    },
    async autocomplete(interaction, ctx) {
      const rt = ctx.reminders;
      const guildId = interaction.guildId;
      if (!rt || !guildId) return [];
      const focused = interaction.options.getFocused(true);
      const typed = focusedText(interaction, 100);
      if (focused.name === 'consultation') return consultationChoices(rt.deps, typed);
      if (focused.name === 'id') return (await reminderChoices(rt.deps, guildId, typed)).map((c) => ({ name: c.name, value: String(c.value) }));
      if (focused.name === 'zone') {
        const t = typed.toLowerCase().replace(/\s+/g, '_');
        return Intl.supportedValuesOf('timeZone')
          .filter((z) => z.toLowerCase().includes(t))
          .slice(0, 25)
          .map((z) => ({ name: z, value: z }));
      }
      return [];
    },
  });
}

export default createRemindCommand();
