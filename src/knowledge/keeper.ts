import type { KnowledgeStore } from './knowledge-store.js';
import { formatProblem, type Problem } from './problems.js';
import { reloadKnowledge, type Reloaded, type ReloadOptions } from './reload.js';
import { watchKnowledge, type KnowledgeWatcher } from './watch.js';

/**
 * Keeps the served knowledge base in step with the knowledge folder: one watcher per bot, every
 * reload swapped into the store at once (answers in progress keep the snapshot they took), new
 * problems logged and handed to `onNewProblems` once. `/kb` reaches it through the command context.
 */
export interface KnowledgeKeeper {
  dir: string;
  moderatorRoleId: string | undefined;
  /** The load being served. */
  latest(): Reloaded;
  /** Reloads now (after any reload under way) and swaps the result in. */
  reload(options?: { full?: boolean }): Promise<Reloaded>;
  /** Runs changes to the folder one at a time, so two uploads cannot both claim a free id. */
  exclusive<T>(task: () => Promise<T>): Promise<T>;
  close(): void;
}

/** The logging the keeper needs (pino's shape). */
export interface KeeperLog {
  info(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface KeeperOptions {
  dir: string;
  store: KnowledgeStore;
  log: KeeperLog;
  /** Told of problems not seen in the previous load (the bot posts them to the moderators' channel). */
  onNewProblems?: (problems: Problem[], kept: string[]) => void;
  moderatorRoleId?: string | undefined;
  debounceMs?: number;
  /** The load the bot is already serving, so the folder is not read twice at start. */
  initial?: Reloaded;
  /** How files are read (extraction cache, workers). */
  read?: ReloadOptions;
  /** Told of every reload swapped in (`/metrics`). */
  onReloaded?: (r: Reloaded) => void;
}

/**
 * Loads the folder (unless given the load already served) as the baseline for last good versions,
 * swaps it in and starts watching. The bot starts one per process (`startBot`).
 */
export async function startKnowledgeKeeper(options: KeeperOptions): Promise<KnowledgeKeeper> {
  const log = options.log;
  const initial = options.initial ?? (await reloadKnowledge(options.dir, null, options.read));
  options.store.replace(initial.kb);

  const onReload = (r: Reloaded) => {
    options.store.replace(r.kb);
    options.onReloaded?.(r);
    const { added, updated, removed, newProblems } = r.diff;
    if (added.length + updated.length + removed.length > 0 || newProblems.length > 0) {
      log.info({ added, updated, removed, problems: r.problems.length, keptLastGood: r.kept, articles: r.articles.length, filesRead: r.read.files }, 'knowledge reloaded');
    } else log.debug({ articles: r.articles.length, filesRead: r.read.files }, 'knowledge reloaded, nothing changed');
    for (const p of newProblems) log.warn({ file: p.file, line: p.line, field: p.field }, formatProblem(p));
    if (newProblems.length > 0) options.onNewProblems?.(newProblems, r.kept);
  };
  const watcher: KnowledgeWatcher = watchKnowledge({
    dir: options.dir,
    initial,
    onReload,
    onError: (err) => log.error({ err }, 'knowledge reload failed; still serving the previous load'),
    onPruned: (p) => (p.records + p.mentions + p.signatures > 0 ? log.info : log.debug)({ ...p }, 'extraction cache pruned of versions no file has now'),
    ...(options.debounceMs !== undefined ? { debounceMs: options.debounceMs } : {}),
    ...(options.read ? { read: options.read } : {}),
  });

  let queue: Promise<unknown> = Promise.resolve();
  const keeper: KnowledgeKeeper = {
    dir: options.dir,
    moderatorRoleId: options.moderatorRoleId,
    latest: () => watcher.latest() ?? initial,
    reload: (how) => watcher.reload(how),
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
