import {
  MessageFlags,
  type AttachmentPayload,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
} from 'discord.js';
import { CHOICE_LIMITS, type Choice } from '../answers/types.js';
import type { Logger } from '../log.js';
import { UserFacingError, type Command, type CommandContext, type CommandResult, type CommandSettings } from './command.js';
import { DISCORD_ATTACHMENT_HOSTS } from '../config.js';
import { createCooldowns, type Cooldowns } from './cooldown.js';
import type { ReminderRuntime } from '../reminders/runtime.js';
import type { CommandOutcome, Metrics } from '../service/metrics.js';
import type { KnowledgeKeeper } from '../knowledge/keeper.js';
import type { KnowledgeStore } from '../knowledge/knowledge-store.js';
import { answerButtons, listingButtons, type Row } from './buttons.js';
import { runButton } from './button-router.js';
import { isPrivate } from './options.js';
import { clip } from '../knowledge/text.js';
import { NO_MENTIONS, renderAnswer, type RenderedAnswer } from './render.js';

export interface RouterOptions {
  commands: readonly Command[];
  knowledge: KnowledgeStore;
  log: Logger;
  reminders?: ReminderRuntime | null;
  /** Read per interaction: the keeper starts after the client is ready. */
  keeper?: () => KnowledgeKeeper | null;
  cooldowns?: Cooldowns;
  /** By default /kb is refused everywhere and uploads come only from Discord's attachment hosts. */
  settings?: Partial<CommandSettings>;
  /** Defer a command that has not answered after this long; Discord gives up at 3 seconds. */
  autoDeferMs?: number;
  /** Counts every interaction by name and outcome, with its answer time (`/metrics`). */
  metrics?: Pick<Metrics, 'command'>;
}

type Payload = (RenderedAnswer | { content: string }) & { files?: AttachmentPayload[]; components?: Row[] };

const { count: MAX_CHOICES, length: MAX_CHOICE_LENGTH } = CHOICE_LIMITS;

/**
 * Sends a handler's reply whatever state the interaction is in: a first reply, the edit of a
 * deferred "thinking…" message, or a follow-up. A private reply after a public deferral replaces
 * the public placeholder, since Discord keeps a deferred message's visibility on edit.
 */
export async function sendReply(
  interaction: ChatInputCommandInteraction,
  payload: Payload,
  { ephemeral }: { ephemeral: boolean },
): Promise<void> {
  const flags = ephemeral ? MessageFlags.Ephemeral : undefined;
  const body = { ...payload, allowedMentions: NO_MENTIONS };
  if (!interaction.deferred && !interaction.replied) {
    await interaction.reply({ ...body, flags } satisfies InteractionReplyOptions);
    return;
  }
  if (interaction.deferred && !interaction.replied) {
    if (ephemeral && !interaction.ephemeral) {
      await interaction.deleteReply();
      await interaction.followUp({ ...body, flags } satisfies InteractionReplyOptions);
      return;
    }
    await interaction.editReply(body satisfies InteractionEditReplyOptions);
    return;
  }
  await interaction.followUp({ ...body, flags } satisfies InteractionReplyOptions);
}

function toPayload(result: CommandResult, ephemeral: boolean, userId: string): Payload {
  const body: Payload = 'answer' in result ? renderAnswer(result.answer) : { content: clip(result.message, 2000) };
  const owner = ephemeral ? userId : null;
  const rows =
    'answer' in result
      ? result.asked
        ? answerButtons(result.answer, result.asked, { owner, share: ephemeral })
        : []
      : result.pager
        ? listingButtons(result.pager.listing, result.pager.page, result.pager.count, owner)
        : (result.components ?? []);
  if (rows.length > 0) body.components = rows;
  return result.files && result.files.length > 0 ? { ...body, files: result.files } : body;
}

function faultMessage(interaction: Interaction): string {
  return (
    'Sorry — something went wrong on my side and I could not answer that. ' +
    `Please try again in a minute; if it keeps happening, tell an organiser and quote reference ${interaction.id}.`
  );
}

/** Discord accepts at most 25 choices, each with a name and value of 1–100 characters. */
export function sanitizeChoices(choices: readonly Choice[]): Choice[] {
  const seen = new Set<string>();
  const out: Choice[] = [];
  for (const c of choices) {
    // A clipped value would submit something else than what was shown, so such a choice is dropped.
    if (!c.value || c.value.length > MAX_CHOICE_LENGTH || seen.has(c.value)) continue;
    seen.add(c.value);
    out.push({ name: clip(c.name.trim() || c.value, MAX_CHOICE_LENGTH), value: c.value });
    if (out.length === MAX_CHOICES) break;
  }
  return out;
}

/**
 * The single `interactionCreate` listener: routes slash commands and autocomplete to their
 * command, and makes sure every interaction gets an answer a person can read, whatever fails.
 */
export function createInteractionHandler(options: RouterOptions): (interaction: Interaction) => Promise<void> {
  const byName = new Map(options.commands.map((c) => [c.data.name, c]));
  const cooldowns = options.cooldowns ?? createCooldowns();
  const autoDeferMs = options.autoDeferMs ?? 2_000;
  const settings: CommandSettings = {
    KB_GUILD_IDS: options.settings?.KB_GUILD_IDS,
    ATTACHMENT_HOSTS: options.settings?.ATTACHMENT_HOSTS ?? [...DISCORD_ATTACHMENT_HOSTS],
  };
  const context = (log: Logger): CommandContext => ({
    knowledge: options.knowledge,
    log,
    reminders: options.reminders ?? null,
    keeper: options.keeper?.() ?? null,
    settings,
  });

  async function runCommand(interaction: ChatInputCommandInteraction, log: Logger): Promise<void> {
    const command = byName.get(interaction.commandName);
    if (!command) {
      log.warn('command not known to this version of the bot');
      await sendReply(
        interaction,
        { content: `I don't know /${interaction.commandName} any more. An admin should run \`npm run deploy-commands\`.` },
        { ephemeral: true },
      );
      return;
    }
    const ephemeral = command.private === true || isPrivate(interaction);

    if (command.cooldownMs) {
      const retryAt = cooldowns.take(command.data.name, interaction.user.id, command.cooldownMs);
      if (retryAt !== null) {
        log.info({ retryAt }, 'cooldown');
        await sendReply(
          interaction,
          {
            content: `You asked /${command.data.name} a moment ago, and it takes a lot of work to answer. You can ask again <t:${Math.ceil(retryAt / 1000)}:R>.`,
          },
          { ephemeral: true },
        );
        return;
      }
    }

    const ctx = context(log);
    let deferring: Promise<unknown> | null = null;
    const defer = () => {
      deferring ??= interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
      return deferring;
    };
    if (command.defer) await defer();
    // A safety net for commands not marked `defer` that turn out slow: Discord drops the
    // interaction after 3 seconds and the member sees only "The application did not respond".
    const timer = setTimeout(() => {
      if (!interaction.deferred && !interaction.replied) {
        defer()?.catch((err: unknown) => log.warn({ err }, 'automatic deferral failed'));
      }
    }, autoDeferMs);
    const started = performance.now();
    try {
      const result = await command.execute(interaction, ctx);
      clearTimeout(timer);
      if (deferring) await deferring;
      const privately = ephemeral || result.ephemeral === true;
      await sendReply(interaction, toPayload(result, privately, interaction.user.id), { ephemeral: privately });
      log.info({ ms: Math.round(performance.now() - started), deferred: interaction.deferred }, 'answered');
    } finally {
      clearTimeout(timer);
      // Let a deferral still in flight settle before any error reply, or both would race.
      if (deferring) await (deferring as Promise<unknown>).catch(() => undefined);
    }
  }

  async function runAutocomplete(interaction: AutocompleteInteraction, log: Logger): Promise<void> {
    const command = byName.get(interaction.commandName);
    let choices: Choice[] = [];
    try {
      if (command?.autocomplete) choices = await command.autocomplete(interaction, context(log));
    } catch (err) {
      log.error({ err }, 'autocomplete failed');
    }
    try {
      await interaction.respond(sanitizeChoices(choices));
    } catch (err) {
      // Usually the member typed on and Discord already dropped this request; nothing to tell anyone.
      log.warn({ err }, 'autocomplete response not delivered');
    }
  }

  return async (interaction) => {
    if (interaction.isButton()) {
      const pressed = performance.now();
      await runButton(interaction, { knowledge: options.knowledge, reminders: options.reminders ?? null, keeper: options.keeper?.() ?? null, settings, log: options.log.child({ interactionId: interaction.id, button: interaction.customId.slice(0, 40), userId: interaction.user.id, guildId: interaction.guildId }) });
      options.metrics?.command('(button)', 'answered', (performance.now() - pressed) / 1000);
      return;
    }
    if (!interaction.isChatInputCommand() && !interaction.isAutocomplete()) return;
    const log = options.log.child({
      interactionId: interaction.id,
      command: interaction.commandName,
      userId: interaction.user.id,
      guildId: interaction.guildId,
    });
    const started = performance.now();
    const count = (outcome: CommandOutcome) =>
      options.metrics?.command(interaction.isAutocomplete() ? `${interaction.commandName} (autocomplete)` : interaction.commandName, outcome, (performance.now() - started) / 1000);
    if (interaction.isAutocomplete()) {
      await runAutocomplete(interaction, log);
      count('answered');
      return;
    }
    try {
      await runCommand(interaction, log);
      count('answered');
    } catch (error) {
      const userFacing = error instanceof UserFacingError;
      // A refusal is an answer; anything else is a failure the operator should see.
      count(userFacing ? 'answered' : 'failed');
      if (userFacing) log.info({ reason: error.message }, 'refused');
      else log.error({ err: error }, 'command failed');
      try {
        await sendReply(interaction, { content: userFacing ? error.message : faultMessage(interaction) }, { ephemeral: true });
      } catch (err) {
        log.error({ err }, 'could not tell the member about the failure');
      }
    }
  };
}
