/**
 * What Discord refuses: message bodies and embeds, command registrations, scheduled events. Each
 * function returns the problems, [] when Discord would accept the body.
 */
import { ApplicationCommandOptionType, ApplicationCommandType, type APIApplicationCommandOption, type APIEmbed, type RESTPutAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { len, type Problem } from './http.js';

/** Discord's message and embed limits. */
export function validateMessageBody(body: Record<string, unknown>, { creating }: { creating: boolean }): Problem[] {
  const problems: Problem[] = [];
  const content = body.content;
  if (content !== undefined && content !== null && len(content) > 2000) problems.push({ path: 'content', message: 'Must be 2000 or fewer in length.' });
  const embeds = (body.embeds ?? []) as APIEmbed[];
  if (!Array.isArray(embeds)) problems.push({ path: 'embeds', message: 'Must be an array.' });
  else {
    if (embeds.length > 10) problems.push({ path: 'embeds', message: 'Must be 10 or fewer in length.' });
    let total = 0;
    embeds.forEach((e, i) => {
      const at = `embeds.${i}`;
      const check = (path: string, value: unknown, max: number, min = 0) => {
        const n = len(value);
        total += n;
        if (n > max) problems.push({ path: `${at}.${path}`, message: `Must be ${max} or fewer in length.` });
        if (value !== undefined && n < min) problems.push({ path: `${at}.${path}`, message: 'This field is required' });
      };
      check('title', e.title, 256);
      check('description', e.description, 4096);
      check('footer.text', e.footer?.text, 2048);
      check('author.name', e.author?.name, 256);
      const fields = e.fields ?? [];
      if (fields.length > 25) problems.push({ path: `${at}.fields`, message: 'Must be 25 or fewer in length.' });
      fields.forEach((f, j) => {
        check(`fields.${j}.name`, f.name, 256, 1);
        check(`fields.${j}.value`, f.value, 1024, 1);
        if (typeof f.name !== 'string' || typeof f.value !== 'string') problems.push({ path: `${at}.fields.${j}`, message: 'This field is required' });
      });
      if (e.url !== undefined && !/^https?:\/\//.test(e.url)) problems.push({ path: `${at}.url`, message: 'Not a well formed URL.' });
    });
    if (total > 6000) problems.push({ path: 'embeds', message: `Embed size exceeds maximum size of 6000 (${total}).` });
  }
  const hasSomething =
    (typeof content === 'string' && content.length > 0) ||
    (Array.isArray(embeds) && embeds.length > 0) ||
    (Array.isArray(body.attachments) && body.attachments.length > 0) ||
    (Array.isArray(body.components) && body.components.length > 0) ||
    body.poll !== undefined ||
    Array.isArray(body.sticker_ids);
  if (creating && !hasSomething) problems.push({ path: 'content', message: 'Cannot send an empty message' });
  if (body.components !== undefined && body.components !== null) problems.push(...validateComponents(body.components));
  const mentions = body.allowed_mentions as { parse?: unknown } | undefined;
  if (mentions?.parse !== undefined) {
    if (!Array.isArray(mentions.parse) || mentions.parse.some((p) => !['users', 'roles', 'everyone'].includes(String(p)))) {
      problems.push({ path: 'allowed_mentions.parse', message: 'Value must be one of users, roles, everyone.' });
    }
  }
  return problems;
}

const COMMAND_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const T = ApplicationCommandOptionType;
const isSub = (t: number) => t === T.Subcommand || t === T.SubcommandGroup;

type AnyOption = APIApplicationCommandOption & {
  required?: boolean;
  choices?: { name: string; value: unknown }[];
  autocomplete?: boolean;
  min_length?: number;
  max_length?: number;
  min_value?: number;
  max_value?: number;
  channel_types?: number[];
  options?: AnyOption[];
};

/**
 * What Discord checks when commands are registered: names, descriptions, option order and nesting,
 * option-type rules, and at most 8,000 characters of names, descriptions and choices per command.
 */
export function validateCommands(commands: RESTPutAPIApplicationCommandsJSONBody): Problem[] {
  const problems: Problem[] = [];
  if (!Array.isArray(commands)) return [{ path: '_', message: 'Must be an array.' }];
  if (commands.length > 100) problems.push({ path: '_', message: 'Must be 100 or fewer in length.' });
  const names = new Set<string>();
  let size = 0;
  const checkOptions = (options: AnyOption[] | undefined, at: string, depth: number) => {
    if (!options) return;
    if (options.length > 25) problems.push({ path: `${at}.options`, message: 'Must be 25 or fewer in length.' });
    const seen = new Set<string>();
    let optionalSeen = false;
    const subs = options.filter((o) => isSub(o.type)).length;
    if (subs > 0 && subs < options.length) {
      problems.push({ path: `${at}.options`, message: 'Sub-command and sub-command group option types are mutually exclusive to all other types' });
    }
    options.forEach((o, i) => {
      const p = `${at}.options.${i}`;
      size += len(o.name) + len(o.description);
      if (!COMMAND_NAME.test(o.name) || o.name !== o.name.toLowerCase()) problems.push({ path: `${p}.name`, message: 'Invalid name.' });
      if (seen.has(o.name)) problems.push({ path: `${p}.name`, message: 'Option names must be unique.' });
      seen.add(o.name);
      if (len(o.description) < 1 || len(o.description) > 100) problems.push({ path: `${p}.description`, message: 'Must be between 1 and 100 in length.' });
      if (!Object.values(T).includes(o.type)) problems.push({ path: `${p}.type`, message: 'Value is not a valid option type.' });
      const required = o.required === true;
      if (isSub(o.type) && o.required !== undefined) problems.push({ path: `${p}.required`, message: 'Sub-commands cannot be required.' });
      if (required && optionalSeen) problems.push({ path: `${p}.required`, message: 'Required options must be placed before non-required options.' });
      if (!required) optionalSeen = true;
      if (o.type === T.SubcommandGroup && depth > 0) problems.push({ path: `${p}.type`, message: 'Sub-command groups can only be at the top level.' });
      if (o.type === T.Subcommand && depth > 1) problems.push({ path: `${p}.type`, message: 'Sub-commands can only be nested in a group once.' });
      if (o.type === T.SubcommandGroup && (o.options ?? []).some((s) => s.type !== T.Subcommand)) {
        problems.push({ path: `${p}.options`, message: 'A sub-command group may only contain sub-commands.' });
      }
      const textual = o.type === T.String;
      const numeric = o.type === T.Integer || o.type === T.Number;
      if ((o.min_length !== undefined || o.max_length !== undefined) && !textual) problems.push({ path: `${p}.max_length`, message: 'Only string options have a length.' });
      if ((o.min_value !== undefined || o.max_value !== undefined) && !numeric) problems.push({ path: `${p}.max_value`, message: 'Only number options have a range.' });
      if (o.min_length !== undefined && (o.min_length < 0 || o.min_length > 6000)) problems.push({ path: `${p}.min_length`, message: 'Must be between 0 and 6000.' });
      if (o.max_length !== undefined && (o.max_length < 1 || o.max_length > 6000)) problems.push({ path: `${p}.max_length`, message: 'Must be between 1 and 6000.' });
      if (o.min_length !== undefined && o.max_length !== undefined && o.min_length > o.max_length) problems.push({ path: `${p}.min_length`, message: 'Must be at most max_length.' });
      if (o.min_value !== undefined && o.max_value !== undefined && o.min_value > o.max_value) problems.push({ path: `${p}.min_value`, message: 'Must be at most max_value.' });
      if (o.channel_types !== undefined && o.type !== T.Channel) problems.push({ path: `${p}.channel_types`, message: 'Only channel options have channel types.' });
      if (o.autocomplete && !(textual || numeric)) problems.push({ path: `${p}.autocomplete`, message: 'Only string, integer and number options can autocomplete.' });
      if (o.choices) {
        if (!(textual || numeric)) problems.push({ path: `${p}.choices`, message: 'Only string, integer and number options have choices.' });
        if (o.choices.length > 25) problems.push({ path: `${p}.choices`, message: 'Must be 25 or fewer in length.' });
        o.choices.forEach((c, j) => {
          size += len(c.name) + (typeof c.value === 'string' ? c.value.length : String(c.value).length);
          if (len(c.name) < 1 || len(c.name) > 100) problems.push({ path: `${p}.choices.${j}.name`, message: 'Must be between 1 and 100 in length.' });
          const valueOk = textual ? typeof c.value === 'string' && c.value.length <= 100 : typeof c.value === 'number' && (o.type === T.Number || Number.isInteger(c.value));
          if (!valueOk) problems.push({ path: `${p}.choices.${j}.value`, message: 'Choice value does not match the option type.' });
        });
      }
      if (o.autocomplete && o.choices?.length) problems.push({ path: `${p}.autocomplete`, message: 'Autocomplete and choices are mutually exclusive.' });
      if (isSub(o.type)) checkOptions(o.options, p, depth + 1);
      else if (o.options !== undefined) problems.push({ path: `${p}.options`, message: 'Only sub-commands and groups have options.' });
    });
  };
  commands.forEach((c, i) => {
    const at = `${i}`;
    const type = c.type ?? ApplicationCommandType.ChatInput;
    if (!COMMAND_NAME.test(c.name) || (type === ApplicationCommandType.ChatInput && c.name !== c.name.toLowerCase())) {
      problems.push({ path: `${at}.name`, message: 'Invalid name.' });
    }
    if (names.has(`${type}:${c.name}`)) problems.push({ path: `${at}.name`, message: 'Application command names must be unique' });
    names.add(`${type}:${c.name}`);
    if (type === ApplicationCommandType.ChatInput) {
      const d = (c as { description?: string }).description;
      if (len(d) < 1 || len(d) > 100) problems.push({ path: `${at}.description`, message: 'Must be between 1 and 100 in length.' });
      size = len(c.name) + len(d);
      checkOptions((c as { options?: AnyOption[] }).options, at, 0);
      if (size > 8000) problems.push({ path: at, message: `Command exceeds maximum size (8000): ${size}.`, code: 'APPLICATION_COMMAND_TOO_LARGE' });
    }
  });
  return problems;
}

/**
 * What Discord checks when a scheduled event is created: an external event (entity type 3) needs a
 * location and an end time after its start; stage and voice events need a channel; the start must
 * be in the future.
 */
export function validateScheduledEvent(body: Record<string, unknown>, nowMs: number): Problem[] {
  const problems: Problem[] = [];
  const name = body.name;
  if (len(name) < 1 || len(name) > 100) problems.push({ path: 'name', message: 'Must be between 1 and 100 in length.' });
  if (body.privacy_level !== 2) problems.push({ path: 'privacy_level', message: 'Value must be one of {2}.' });
  if (body.description !== undefined && len(body.description) > 1000) problems.push({ path: 'description', message: 'Must be 1000 or fewer in length.' });
  const start = typeof body.scheduled_start_time === 'string' ? Date.parse(body.scheduled_start_time) : NaN;
  const end = typeof body.scheduled_end_time === 'string' ? Date.parse(body.scheduled_end_time) : NaN;
  if (Number.isNaN(start)) problems.push({ path: 'scheduled_start_time', message: 'This field is required' });
  else if (start < nowMs) problems.push({ path: 'scheduled_start_time', message: 'Cannot schedule event in the past.' });
  const type = body.entity_type;
  if (type === 3) {
    const location = (body.entity_metadata as { location?: unknown } | undefined)?.location;
    if (len(location) < 1 || len(location) > 100) problems.push({ path: 'entity_metadata.location', message: 'Must be between 1 and 100 in length.' });
    if (Number.isNaN(end)) problems.push({ path: 'scheduled_end_time', message: 'This field is required for external events.' });
    if (body.channel_id !== undefined && body.channel_id !== null) problems.push({ path: 'channel_id', message: 'External events have no channel.' });
  } else if (type === 1 || type === 2) {
    if (typeof body.channel_id !== 'string') problems.push({ path: 'channel_id', message: 'This field is required' });
  } else {
    problems.push({ path: 'entity_type', message: 'Value must be one of {1, 2, 3}.' });
  }
  if (!Number.isNaN(start) && !Number.isNaN(end) && end <= start) problems.push({ path: 'scheduled_end_time', message: 'Must be after the start time.' });
  return problems;
}

/** Action rows of buttons as Discord checks them: 5 rows of 5, custom_id 1–100 and unique, label ≤ 80. */
export function validateComponents(components: unknown): Problem[] {
  const problems: Problem[] = [];
  if (!Array.isArray(components)) return [{ path: 'components', message: 'Must be an array.' }];
  if (components.length > 5) problems.push({ path: 'components', message: 'Must be 5 or fewer in length.' });
  const ids = new Set<string>();
  components.forEach((row: { type?: number; components?: unknown }, i) => {
    if (row?.type !== 1) return problems.push({ path: `components.${i}.type`, message: 'Value must be one of (1,).' });
    const buttons = row.components;
    if (!Array.isArray(buttons) || buttons.length < 1 || buttons.length > 5) return problems.push({ path: `components.${i}.components`, message: 'Must be between 1 and 5 in length.' });
    buttons.forEach((b: { type?: number; style?: number; custom_id?: unknown; label?: unknown; url?: unknown }, j) => {
      const at = `components.${i}.components.${j}`;
      if (b?.type !== 2) return problems.push({ path: `${at}.type`, message: 'Only buttons are emulated.' });
      if (len(b.label) > 80) problems.push({ path: `${at}.label`, message: 'Must be 80 or fewer in length.' });
      if (b.style === 5) return typeof b.url === 'string' || problems.push({ path: `${at}.url`, message: 'This field is required' });
      if (typeof b.style !== 'number' || b.style < 1 || b.style > 4) problems.push({ path: `${at}.style`, message: 'Value must be one of (1, 2, 3, 4, 5, 6).' });
      if (typeof b.custom_id !== 'string' || b.custom_id.length < 1 || b.custom_id.length > 100) problems.push({ path: `${at}.custom_id`, message: 'Must be between 1 and 100 in length.' });
      else if (ids.has(b.custom_id)) problems.push({ path: `${at}.custom_id`, message: 'Component custom id cannot be duplicated' });
      else ids.add(b.custom_id);
    });
  });
  return problems;
}
