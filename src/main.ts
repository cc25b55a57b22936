import path from 'node:path';
import { createFollowAnnouncer, type FollowAnnouncer } from './discord/follow-announcer.js';
import { DiscordjsErrorCodes, Events, type Client } from 'discord.js';
import { loadConfigOrExit, type Config } from './config.js';
import type { KnowledgeBase } from './knowledge/knowledge-base.js';
import { formatProblem } from './knowledge/loader.js';
import { EXTRACTION_CACHE_FILE } from './knowledge/extraction-cache.js';
import { reloadKnowledge, type Reloaded, type ReloadOptions } from './knowledge/reload.js';
import { modLogPoster } from './discord/mod-log.js';
import { createLogger, type Logger } from './log.js';
import { createClient } from './discord/client.js';
import type { Command } from './discord/command.js';
import { commands as allCommands } from './discord/commands/index.js';
import { isEntryPoint } from './discord/entry.js';
import { createKnowledgeStore, type KnowledgeStore } from './knowledge/knowledge-store.js';
import { keepToAllowedGuilds } from './discord/guild-scope.js';
import { isRevokedTokenClose, watchForRevokedToken } from './discord/revoked-token.js';
import { createInteractionHandler } from './discord/router.js';
import { StoreOpenError } from './reminders/db-faults.js';
import { startReminders, type ReminderRuntime } from './reminders/runtime.js';
import { startKnowledgeKeeper, type KnowledgeKeeper } from './knowledge/keeper.js';
import { startBotHealth } from './service/bot-health.js';
import { createMetrics, type Metrics } from './service/metrics.js';

export interface StartOptions {
  /** An already loaded knowledge base; otherwise it is loaded from `config.KNOWLEDGE_DIR`. */
  knowledgeBase?: KnowledgeBase;
  /** The commands to answer; all of them unless a test needs others. */
  commands?: readonly Command[];
  logger?: Logger;
  /** A running reminder runtime to use, or false for none; by default the bot starts its own. */
  reminders?: ReminderRuntime | false;
  /**
   * Called once when Discord stops accepting the token while the bot runs (gateway 4004, REST 401),
   * with a message for the person running it. `npm start` logs it and exits 1; by default it is logged.
   */
  onFatal?: (message: string) => void;
}

export interface RunningBot {
  client: Client;
  knowledge: KnowledgeStore;
  /** The knowledge folder's watcher; null when the bot was given its knowledge base. */
  keeper: KnowledgeKeeper | null;
  /** Posts new articles and consultations to following channels; null without reminders. */
  follows: FollowAnnouncer | null;
  log: Logger;
  stop(): Promise<void>;
}

/** A start-up failure whose message tells the person running the bot what to do. */
export class StartError extends Error {
  override name = 'StartError';
}

const BAD_TOKEN =
  'Discord rejected DISCORD_TOKEN: it is wrong or was reset. Get a new one in the Developer Portal ' +
  '(https://discord.com/developers/applications → your application → Bot → Reset Token) and put it in .env.';

/** Extraction is remembered in `DATA_DIR`, so a restart only extracts files that changed. */
function readOptions(config: Config, log: Logger): ReloadOptions {
  return {
    cacheFile: path.join(config.DATA_DIR, EXTRACTION_CACHE_FILE),
    // One line, no stack: the bot goes on without the cache, and the cause is what the operator needs.
    onWarning: (message, err) => log.warn(`${message} (${err instanceof Error ? err.message : String(err)})`),
  };
}

async function loadKnowledge(config: Config, log: Logger, metrics: Metrics): Promise<Reloaded> {
  let loaded;
  try {
    loaded = await reloadKnowledge(config.KNOWLEDGE_DIR, null, readOptions(config, log));
  } catch (error) {
    throw new StartError(
      `KNOWLEDGE_DIR "${config.KNOWLEDGE_DIR}" could not be read (${error instanceof Error ? error.message : String(error)}). ` +
        'Point KNOWLEDGE_DIR at the folder of article files.',
    );
  }
  // A bad file must not stop the bot: the good articles are served and each problem is logged to be fixed.
  for (const problem of loaded.problems) log.warn({ file: problem.file, line: problem.line, field: problem.field }, formatProblem(problem));
  log.info(
    { dir: config.KNOWLEDGE_DIR, articles: loaded.kb.articles.length, problems: loaded.problems.length, ms: Math.round(loaded.ms) },
    'knowledge base loaded',
  );
  metrics.reload(loaded.ms / 1000, loaded.kb.articles.length, loaded.problems.length);
  return loaded;
}

/** A bad reminders database stops the start with its one line, not a stack trace. */
async function startOwnReminders(config: Config, log: Logger, knowledge: KnowledgeStore, metrics: Metrics): Promise<ReminderRuntime> {
  try {
    return await startReminders({ config, log, consultations: () => knowledge.current().consultations, onOutcome: (o) => metrics.reminder(o) });
  } catch (error) {
    if (error instanceof StoreOpenError) throw new StartError(error.message);
    throw error;
  }
}

/**
 * Loads the knowledge base, connects to Discord and answers slash commands until `stop()`.
 * Resolves once the bot is ready; rejects with a `StartError` saying what to fix when it cannot start.
 */
export async function startBot(config: Config, options: StartOptions = {}): Promise<RunningBot> {
  const log = options.logger ?? createLogger({ level: config.LOG_LEVEL });
  const metrics = createMetrics();
  let client: Client | null = null;
  let knowledge: KnowledgeStore | null = null;
  let reminders: ReminderRuntime | null = null;
  const health = await startBotHealth({ config, log, metrics, client: () => client, knowledgeLoaded: () => knowledge !== null, scheduler: () => reminders?.scheduler ?? null });
  // Loaded once here; the folder's keeper starts from this same load rather than reading it again.
  const initial = options.knowledgeBase ? null : await loadKnowledge(config, log, metrics).catch(async (e: unknown) => {
    await health?.close();
    throw e;
  });
  knowledge = createKnowledgeStore(options.knowledgeBase ?? initial!.kb);
  const commands = options.commands ?? allCommands;
  // Started here, once per process: never on a ready event, which fires again after every reconnect.
  const ownReminders = options.reminders === undefined;
  try {
    reminders = options.reminders === false ? null : (options.reminders ?? (await startOwnReminders(config, log, knowledge, metrics)));
  } catch (e) {
    await health?.close();
    throw e;
  }

  let keeper: KnowledgeKeeper | null = null;

  client = createClient(config);
  client.on(Events.InteractionCreate, createInteractionHandler({ commands, knowledge, log, reminders, keeper: () => keeper, settings: config, metrics }));
  keepToAllowedGuilds(client, config.ALLOWED_GUILD_IDS, log);
  client.on(Events.Error, (err) => log.error({ err }, 'discord client error'));
  client.on(Events.ShardError, (err) => {
    // The gateway's 4004 arrives here too, as "Authentication failed"; watchForRevokedToken reports it once.
    if (err.message !== 'Authentication failed') log.warn({ err }, 'gateway connection error');
  });
  client.on(Events.ShardDisconnect, (event) => {
    // A revoked token gets its own single line from watchForRevokedToken.
    if (!isRevokedTokenClose(event.code)) log.warn({ code: event.code }, 'gateway closed for good');
  });
  let stopping: Promise<void> | null = null;
  // discord.js reports its own shutdown as a reconnect; only real ones are worth a log line.
  client.on(Events.ShardReconnecting, () => {
    if (!stopping) log.info('reconnecting to the gateway');
  });
  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));

  try {
    await client.login(config.DISCORD_TOKEN);
  } catch (error) {
    await client.destroy().catch(() => undefined);
    if (ownReminders) await reminders?.stop();
    await health?.close();
    const code = (error as { code?: unknown }).code;
    if (code === DiscordjsErrorCodes.TokenInvalid || (error instanceof Error && /authentication failed/i.test(error.message))) {
      throw new StartError(BAD_TOKEN);
    }
    throw new StartError(`Could not connect to Discord: ${error instanceof Error ? error.message : String(error)}`);
  }
  const me = await ready;
  if (me.application.id !== config.DISCORD_APPLICATION_ID) {
    log.warn(
      { tokenApplication: me.application.id, configured: config.DISCORD_APPLICATION_ID },
      'DISCORD_APPLICATION_ID is not the application this token belongs to: deploy-commands would register the commands elsewhere',
    );
  }
  log.info({ user: me.user.tag, guilds: me.guilds.cache.size, commands: commands.length }, 'ready');
  // Watched from here on: a bad token at login is already a StartError.
  watchForRevokedToken(client, [client.rest, ...(reminders ? [reminders.rest] : [])], options.onFatal ?? ((message) => log.fatal(message)));
  // Watches the folder once per bot, after ready so problems can be posted to the mod log. A caller
  // that passes its own knowledge base (tests) gets no watcher.
  keeper = !initial
    ? null
    : await startKnowledgeKeeper({
        dir: config.KNOWLEDGE_DIR,
        initial,
        store: knowledge,
        log: log.child({ knowledgeDir: config.KNOWLEDGE_DIR }),
        read: readOptions(config, log),
        onReloaded: (r) => metrics.reload(r.ms / 1000, r.kb.articles.length, r.problems.length),
        ...(config.MOD_LOG_CHANNEL_ID ? { onNewProblems: modLogPoster(client, config.MOD_LOG_CHANNEL_ID, log) } : {}),
        ...(config.MODERATOR_ROLE_ID ? { moderatorRoleId: config.MODERATOR_ROLE_ID } : {}),
      }).catch((err: unknown) => {
        log.error({ err }, 'not watching the knowledge folder: moderators must restart the bot to load changes');
        return null;
      });

  // Following channels hear of new articles and consultations after every reload, and once at start
  // for anything that arrived while the bot was down.
  const follows = reminders ? createFollowAnnouncer({ follows: reminders.follows, rest: client.rest, log }) : null;
  if (follows) {
    knowledge.onReplace((kb) => void follows.announce(kb));
    void follows.announce(knowledge.current());
  }

  return {
    client,
    knowledge,
    keeper,
    follows,
    log,
    stop: () => {
      stopping ??= (async () => {
        keeper?.close();
        client.removeAllListeners(Events.InteractionCreate);
        if (ownReminders) await reminders?.stop();
        await client!.destroy();
        await health?.close();
        log.info('stopped');
      })();
      return stopping;
    },
  };
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const log = createLogger({ level: config.LOG_LEVEL });
  process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled promise rejection'));

  let bot: RunningBot | undefined;
  // A reset token cannot be recovered from inside the process: say so once and exit non-zero, so a
  // supervisor (systemd, Docker, pm2) restarts the bot, which then reads the new token.
  const onFatal = (message: string) => {
    log.fatal(message);
    setTimeout(() => process.exit(1), 5_000).unref();
    void (bot?.stop() ?? Promise.resolve()).finally(() => process.exit(1));
  };
  const started = startBot(config, { logger: log, onFatal });
  // Listening before the start has finished: the bot logs "ready" before startBot returns, and a
  // signal in between would otherwise end the process without a clean stop.
  const shutdown = (signal: NodeJS.Signals) => {
    log.info({ signal }, 'shutting down');
    // A second signal, or a shutdown that hangs, should still end the process.
    setTimeout(() => process.exit(1), 10_000).unref();
    started
      .then((running) => running.stop())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          log.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  try {
    bot = await started;
  } catch (error) {
    console.error(error instanceof StartError ? error.message : error);
    process.exit(1);
  }
}

if (isEntryPoint(import.meta.url)) await main();
