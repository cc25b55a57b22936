import { SlashCommandBuilder } from 'discord.js';
import type { ReminderRuntime } from '../../reminders/runtime.js';
import { whyCannotPostIn } from '../channel-check.js';
import { UserFacingError, type Command } from '../command.js';
import { addOptions, focusedText, readOptions } from '../options.js';
import { withStoreFaults } from '../store-faults.js';
import at from './remind/at.js';
import cancel from './remind/cancel.js';
import consultation from './remind/consultation.js';
import edit from './remind/edit.js';
import list from './remind/list.js';
import mine from './remind/mine.js';
import settings from './remind/settings.js';
import { actorOf, type Subcommand } from './remind/subcommand.js';
import timezone from './remind/timezone.js';

/**
 * /remind: the Discord face of src/reminders, one file per subcommand under remind/. They read
 * options, work out who is asking and render; every rule (permissions, limits, times) lives in the
 * reminders service.
 */

// Each subcommand keeps its own option types inside its file; here they are only dispatched.
const SUBCOMMANDS = [consultation, at, list, mine, cancel, edit, timezone, settings] as unknown as readonly Subcommand[];
const byName = new Map(SUBCOMMANDS.map((s) => [s.name, s]));

export const data = new SlashCommandBuilder()
  .setName('remind')
  .setDescription('Consultation deadlines and meeting reminders for this server')
  .setDMPermission(false);
for (const s of SUBCOMMANDS) data.addSubcommand((sub) => addOptions(sub.setName(s.name).setDescription(s.description), s.options));


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
      const name = interaction.options.getSubcommand(true);
      const sub = byName.get(name);
      if (!sub) throw new UserFacingError(`I do not know /remind ${name}.`);
      const args = readOptions(interaction, sub.options);
      // Every channel a reminder may be posted in is checked now, not when the reminder falls due.
      for (const [option, spec] of Object.entries(sub.options)) {
        const channelId = args[option];
        if (spec.kind !== 'channel' || typeof channelId !== 'string') continue;
        const problem = await whyCannotPostIn(interaction, channelId);
        if (problem) return { message: problem, ephemeral: true };
      }
      return sub.execute(args, { interaction, ctx, rt, guildId, actor });
    },
    autocomplete(interaction, ctx) {
      const rt = ctx.reminders;
      const guildId = interaction.guildId;
      if (!rt || !guildId) return [];
      const sub = byName.get(interaction.options.getSubcommand(true));
      const focused = interaction.options.getFocused(true);
      return sub?.autocomplete?.(focused.name, focusedText(interaction, 100), rt, guildId) ?? [];
    },
  });
}

export default createRemindCommand();
