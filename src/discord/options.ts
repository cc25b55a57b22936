import type {
  ApplicationCommandOptionAllowedChannelTypes,
  Attachment,
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  SharedSlashCommandOptions,
  SlashCommandBooleanOption,
} from 'discord.js';
import { UserFacingError } from './command.js';

/**
 * Typed command options. A command declares its options once, as a spec object; `addOptions`
 * builds them into the slash command and `readOptions` reads them back as an object keyed by the
 * same names, so renaming an option in the spec cannot compile while the handler reads the old name.
 * Discord enforces `setMaxLength` only on what its client sends; anyone calling the API directly can
 * send anything, so text is re-checked here.
 */

interface Base {
  description: string;
  required?: boolean;
}
export interface StringSpec extends Base {
  kind: 'string';
  max: number;
  autocomplete?: boolean;
  /**
   * What the member calls it in messages ("place name"). With a label the text is cleaned of
   * control characters and checked against `max`, and blank counts as not given; without one it is
   * passed on as typed, for a service that checks it itself.
   */
  label?: string;
}
export interface IntegerSpec extends Base {
  kind: 'integer';
  min?: number;
  max?: number;
}
export interface BooleanSpec extends Base {
  kind: 'boolean';
}
/** Read as the channel's id: resolved channel objects are not needed and not always sent. */
export interface ChannelSpec extends Base {
  kind: 'channel';
  channelTypes: readonly ApplicationCommandOptionAllowedChannelTypes[];
}
/** Read as the role's id. */
export interface RoleSpec extends Base {
  kind: 'role';
}
export interface AttachmentSpec extends Base {
  kind: 'attachment';
}
export type OptionSpec = StringSpec | IntegerSpec | BooleanSpec | ChannelSpec | RoleSpec | AttachmentSpec;
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

type ValueOf<S extends OptionSpec> = S extends IntegerSpec ? number : S extends BooleanSpec ? boolean : S extends AttachmentSpec ? Attachment : string;
/** What `readOptions` returns for a spec: required options always present, the rest possibly undefined. */
export type ArgsOf<T extends OptionSpecs> = { -readonly [K in keyof T]: T[K] extends { required: true } ? ValueOf<T[K]> : ValueOf<T[K]> | undefined };

/** Adds every option of `specs`, in order (Discord wants required options before optional ones). */
// The builders' add methods return `this` under another type; the builder itself is what comes back.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function addOptions<B extends SharedSlashCommandOptions<any>>(builder: B, specs: OptionSpecs): B {
  for (const [name, spec] of Object.entries(specs)) {
    const required = spec.required === true;
    switch (spec.kind) {
      case 'string':
        builder.addStringOption((o) => {
          o.setName(name).setDescription(spec.description).setRequired(required).setMaxLength(spec.max);
          return spec.autocomplete ? o.setAutocomplete(true) : o;
        });
        break;
      case 'integer':
        builder.addIntegerOption((o) => {
          o.setName(name).setDescription(spec.description).setRequired(required);
          if (spec.min !== undefined) o.setMinValue(spec.min);
          if (spec.max !== undefined) o.setMaxValue(spec.max);
          return o;
        });
        break;
      case 'boolean':
        builder.addBooleanOption((o) => o.setName(name).setDescription(spec.description).setRequired(required));
        break;
      case 'channel':
        builder.addChannelOption((o) => o.setName(name).setDescription(spec.description).setRequired(required).addChannelTypes(...spec.channelTypes));
        break;
      case 'role':
        builder.addRoleOption((o) => o.setName(name).setDescription(spec.description).setRequired(required));
        break;
      case 'attachment':
        builder.addAttachmentOption((o) => o.setName(name).setDescription(spec.description).setRequired(required));
        break;
    }
  }
  return builder;
}

export function readOptions<T extends OptionSpecs>(interaction: ChatInputCommandInteraction, specs: T): ArgsOf<T> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const value = readOne(interaction, name, spec);
    if (value !== undefined) out[name] = value;
  }
  return out as ArgsOf<T>;
}

function readOne(interaction: ChatInputCommandInteraction, name: string, spec: OptionSpec): unknown {
  const o = interaction.options;
  switch (spec.kind) {
    case 'string': {
      const raw = o.getString(name);
      if (spec.label === undefined) return raw ?? undefined;
      const text = { name, label: spec.label, max: spec.max };
      return spec.required ? requiredText(interaction, text) : optionalText(interaction, text);
    }
    case 'integer':
      return o.getInteger(name) ?? undefined;
    case 'boolean':
      return o.getBoolean(name) ?? undefined;
    case 'attachment':
      return o.getAttachment(name) ?? undefined;
    case 'channel':
    case 'role': {
      const v = o.get(name)?.value;
      return v === undefined || v === null ? undefined : String(v);
    }
  }
}

/** The option every answer command has: answer only the asker. */
export const PRIVATE_OPTION = 'private';
export const PRIVATE_SPEC: BooleanSpec = { kind: 'boolean', description: 'Only you see the answer (default: everyone in the channel sees it)' };

/** Use as `.addBooleanOption(privateOption)`, last, since Discord wants optional options after required ones. */
export function privateOption(o: SlashCommandBooleanOption): SlashCommandBooleanOption {
  return o.setName(PRIVATE_OPTION).setDescription(PRIVATE_SPEC.description);
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
    throw new UserFacingError(`That ${spec.label} is ${value.length} characters long; please keep it to ${spec.max} or fewer.`);
  }
  return value;
}
