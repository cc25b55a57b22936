import { Routes, type Client } from 'discord.js';
import { formatProblem, type Problem } from '../knowledge/loader.js';
import { reloadKnowledge, watchKnowledge, type KnowledgeWatcher, type Reloaded } from '../knowledge/reload.js';
import type { Logger } from '../log.js';
import type { KnowledgeStore } from './knowledge-store.js';
import { clip, escapeText, NO_MENTIONS } from './render.js';

/**
 * Keeps the served knowledge base in step with the knowledge folder: one watcher per bot, every
 * reload swapped into the store, new problems logged and posted once to the moderators' channel.
 * `/kb` finds it through the store it keeps, so commands need nothing beyond their usual context.
 */
export interface KnowledgeKeeper {
  dir: string;
  moderatorRoleId: string | undefined;
  /** The load being served. */
  latest(): Reloaded;
  /** Reloads now (after any reload under way) and swaps the result in. */
  reload(): Promise<Reloaded>;
  /** Runs changes to the folder one at a time, so two uploads cannot both claim a free id. */
  exclusive<T>(task: () => Promise<T>): Promise<T>;
  close(): void;
}

export interface KeeperOptions {
  dir: string;
  store: KnowledgeStore;
  log: Logger;
  /** Where new problems are posted; without a client or channel they are only logged. */
  client?: Client;
  modLogChannelId?: string | undefined;
  moderatorRoleId?: string | undefined;
  debounceMs?: number;
  /** The load the bot is already serving, so the folder is not read twice at start. */
  initial?: Reloaded;
}

/**
 * Loads the folder afresh as the baseline for last good versions, swaps it in and starts watching.
 * The bot starts one per process (`startBot`); commands reach it through their context.
 */
export async function startKnowledgeKeeper(options: KeeperOptions): Promise<KnowledgeKeeper> {
  const log = options.log.child({ knowledgeDir: options.dir });
  const initial = options.initial ?? (await reloadKnowledge(options.dir));
  options.store.replace(initial.kb);

  const onReload = (r: Reloaded) => {
    options.store.replace(r.kb);
    const { added, updated, removed, newProblems } = r.diff;
    if (added.length + updated.length + removed.length > 0 || newProblems.length > 0) {
      log.info({ added, updated, removed, problems: r.problems.length, keptLastGood: r.kept, articles: r.articles.length }, 'knowledge reloaded');
    } else log.debug({ articles: r.articles.length }, 'knowledge reloaded, nothing changed');
    for (const p of newProblems) log.warn({ file: p.file, line: p.line, field: p.field }, formatProblem(p));
    if (newProblems.length > 0) void postProblems(options, log, newProblems, r.kept);
  };
  const watcher: KnowledgeWatcher = watchKnowledge({
    dir: options.dir,
    initial,
    onReload,
    onError: (err) => log.error({ err }, 'knowledge reload failed; still serving the previous load'),
    ...(options.debounceMs !== undefined ? { debounceMs: options.debounceMs } : {}),
  });

  let queue: Promise<unknown> = Promise.resolve();
  const keeper: KnowledgeKeeper = {
    dir: options.dir,
    moderatorRoleId: options.moderatorRoleId,
    latest: () => watcher.latest() ?? initial,
    reload: () => watcher.reload(),
    exclusive: (task) => {
      const run = queue.then(task);
      queue = run.catch(() => undefined);
      return run;
    },
    close: () => watcher.close(),
  };
  log.info({ articles: initial.articles.length, problems: initial.problems.length }, 'watching the knowledge folder');
  return keeper;
}

async function postProblems(options: KeeperOptions, log: Logger, problems: Problem[], kept: string[]): Promise<void> {
  if (!options.client || !options.modLogChannelId) return;
  const lines = problems.map((p) => `• ${escapeText(formatProblem(p))}${kept.includes(p.file) ? ' (its last good version is still served)' : ''}`);
  const content = clip(
    [`**Knowledge files: ${problems.length} new problem${problems.length === 1 ? '' : 's'}** (members are still answered from the good files)`, ...lines].join('\n'),
    2000,
  );
  try {
    await options.client.rest.post(Routes.channelMessages(options.modLogChannelId), { body: { content, allowed_mentions: NO_MENTIONS } });
  } catch (err) {
    log.warn({ err, channelId: options.modLogChannelId }, 'could not post knowledge problems to the moderators’ channel');
  }
}
