import type { AutocompleteInteraction, ChatInputCommandInteraction, SlashCommandBooleanOption } from 'discord.js';
import { UserFacingError } from './command.js';

/**
 * Small typed readers for command options. Discord enforces `setMaxLength` only on what its client
 * sends; anyone calling the API directly can send anything, so handlers re-check here.
 */

/** The option every command has: answer only the asker. */
export const PRIVATE_OPTION = 'private';

/** Use as `.addBooleanOption(privateOption)`, last, since Discord wants optional options after required ones. */
export function privateOption(o: SlashCommandBooleanOption): SlashCommandBooleanOption {
  return o.setName(PRIVATE_OPTION).setDescription('Only you see the answer (default: everyone in the channel sees it)');
}

export function isPrivate(interaction: ChatInputCommandInteraction): boolean {
  return interaction.options.getBoolean(PRIVATE_OPTION) ?? false;
}

// Control characters (newlines included) have no place in a place name or search and can break layouts.
const clean = (value: string) => value.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();

export interface TextOptionSpec {
  name: string;
  /** What the member calls it, for messages: "place name", "search". */
  label: string;
  max: number;
}

export function requiredText(interaction: ChatInputCommandInteraction, spec: TextOptionSpec): string {
  const value = clean(interaction.options.getString(spec.name, true));
  if (value === '') throw new UserFacingError(`Please give a ${spec.label}.`);
  return checkLength(value, spec);
}

export function optionalText(interaction: ChatInputCommandInteraction, spec: TextOptionSpec): string | undefined {
  const raw = interaction.options.getString(spec.name);
  const value = raw === null ? '' : clean(raw);
  return value === '' ? undefined : checkLength(value, spec);
}

/** What the member has typed so far into the focused option, cut to the option's limit. */
export function focusedText(interaction: AutocompleteInteraction, max: number): string {
  return clean(String(interaction.options.getFocused())).slice(0, max);
}

function checkLength(value: string, spec: TextOptionSpec): string {
  if (value.length > spec.max) {
    throw new UserFacingError(
      `That ${spec.label} is ${value.length} characters long; please keep it to ${spec.max} or fewer.`,
    );
  }
  return value;
}
