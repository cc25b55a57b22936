import type {
  AttachmentPayload,
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Answer, Choice } from '../answers/types.js';
import type { AskedQuestion, Row } from './buttons.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { ReminderRuntime } from '../reminders/runtime.js';
import type { KnowledgeKeeper } from '../knowledge/keeper.js';
import type { KnowledgeStore } from '../knowledge/knowledge-store.js';

/** What a handler gets besides the interaction. Extend here when a command needs more (e.g. a data store). */
export interface CommandContext {
  knowledge: KnowledgeStore;
  /** Already bound to the interaction id, so every line a handler logs can be traced to it. */
  log: Logger;
  /** The running reminder store and scheduler; null when the bot was started without them. */
  reminders: ReminderRuntime | null;
  /** The watcher of the knowledge folder, for /kb; null until the bot is ready, or when it has none. */
  keeper: KnowledgeKeeper | null;
  /** The security settings commands enforce (which servers keep the knowledge base, where uploads come from). */
  settings: CommandSettings;
}

export type CommandSettings = Pick<Config, 'KB_GUILD_IDS' | 'ATTACHMENT_HOSTS'>;

/**
 * What a handler hands back for the router to send: an `Answer` (rendered as embeds) or a plain
 * message, with any files. `ephemeral: true` forces a private reply whatever the `private` option
 * says (for "that place name is too long"-style replies only the asker needs). `asked` names the
 * catalogue question behind an answer, so the router can add its buttons (pages, share, did you
 * mean); `components` are a message's own buttons (a draft's Save and Discard). Handlers never
 * acknowledge the interaction themselves: the router alone defers, replies and follows up, so it
 * always knows what the member can see.
 */
export type CommandResult = ({ answer: Answer; asked?: AskedQuestion } | { message: string; pager?: Listing; components?: Row[] }) & { ephemeral?: boolean; files?: AttachmentPayload[] };

/** A plain-text listing that pages with buttons: which listing (see button-router.ts) and where it is. */
export interface Listing {
  listing: string;
  page: number;
  count: number;
}

export interface Command {
  data: { name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  execute(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<CommandResult> | CommandResult;
  autocomplete?(interaction: AutocompleteInteraction, ctx: CommandContext): Promise<Choice[]> | Choice[];
  /**
   * Acknowledge the interaction before `execute` runs. Set it on commands whose answer may take
   * more than a moment: Discord drops an interaction not acknowledged within 3 seconds. Commands
   * without it are still deferred by the router if they take longer than about 2 seconds.
   */
  defer?: boolean;
  /**
   * Every reply is private (moderator and organiser commands). The router then defers privately
   * too: a public "thinking…" placeholder cannot be made private later.
   */
  private?: boolean;
  /** Per-user cooldown between uses, for the expensive commands. */
  cooldownMs?: number;
}

/**
 * A mistake the member can fix (text too long, an empty query). Thrown by handlers; the router
 * shows the message privately as is and logs it at info, not as a bot failure.
 */
export class UserFacingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserFacingError';
  }
}
