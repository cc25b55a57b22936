import { ChannelType, PermissionFlagsBits, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js';
import type { Choice } from '../../../answers/types.js';
import type { ReminderRuntime } from '../../../reminders/runtime.js';
import type { Actor, Outcome } from '../../../reminders/service.js';
import { UserFacingError, type CommandContext, type CommandResult } from '../../command.js';
import type { ArgsOf, OptionSpecs } from '../../options.js';

/** What every /remind subcommand shares: its options as one spec, and a handler reading them typed. */

/** Where reminders can be posted: text and announcement channels, their public threads, and forums (a new post each). */
export const TEXT_CHANNELS = [ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.PublicThread, ChannelType.AnnouncementThread, ChannelType.GuildForum] as const;

export interface RemindRequest {
  interaction: ChatInputCommandInteraction;
  ctx: CommandContext;
  rt: ReminderRuntime;
  guildId: string;
  actor: Actor;
}

export interface Subcommand<T extends OptionSpecs = OptionSpecs> {
  name: string;
  description: string;
  options: T;
  execute(args: ArgsOf<T>, req: RemindRequest): Promise<CommandResult> | CommandResult;
  /** Choices for the focused option of this subcommand. */
  autocomplete?(focused: keyof T & string, typed: string, rt: ReminderRuntime, guildId: string): Choice[] | Promise<Choice[]>;
}

/** Keeps the spec's own type for `execute`, so it reads only options the spec declares. */
export const subcommand = <T extends OptionSpecs>(s: Subcommand<T>): Subcommand<T> => s;

export function actorOf(interaction: ChatInputCommandInteraction | AutocompleteInteraction): Actor {
  const member = interaction.member;
  const roles = member ? (Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()]) : [];
  return {
    userId: interaction.user.id,
    hasManageEvents: interaction.memberPermissions?.has(PermissionFlagsBits.ManageEvents) ?? false,
    roleIds: roles,
  };
}

/** The number at the start of what was typed ("12", "#12 Branch meeting"); `shownBy` says where to find it. */
export function reminderId(raw: string, shownBy = '`/remind list`'): number {
  const m = /^\s*#?(\d{1,9})\b/.exec(raw);
  if (!m) throw new UserFacingError(`Give the number as shown by ${shownBy}, e.g. 12.`);
  return Number(m[1]);
}

export function reply(outcome: Outcome<unknown>): CommandResult {
  return { message: outcome.message, ephemeral: true };
}

export const ID_OPTION = { kind: 'string', description: 'The reminder number, e.g. 12', required: true, autocomplete: true, max: 100 } as const;
