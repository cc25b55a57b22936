import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { GAZETTEER_FILE } from './gazetteer.js';
import { tryOpenCache, type ExtractionCache } from './extraction-cache.js';
import { reloadKnowledge, type Reloaded, type ReloadOptions } from './reload.js';
import { warmUpReading } from './warm-up.js';
import { pruneExtractionCache, type Pruned } from './cache-prune.js';

/** Editor swap files, our own temp files and the trash never trigger a reload. */
export function isWatchedName(name: string): boolean {
  if (name.startsWith('.') || name.includes('/') || name.includes(path.sep) || name.toLowerCase().endsWith('.tmp')) return false;
  return name.toLowerCase().endsWith('.md') || name === GAZETTEER_FILE;
}

export interface WatchOptions {
  dir: string;
  /** Called with every completed reload; the caller swaps `result.kb` in. */
  onReload: (result: Reloaded) => void;
  /** A reload that could not read the folder at all; what was serving stays. */
  onError?: (error: unknown) => void;
  /** Quiet time after the last change before reloading, so a burst of writes gives one reload. */
  debounceMs?: number;
  /** The load being served now; without it the first reload has no last good versions to fall back on. */
  initial?: Reloaded | null;
  /** How files are read (extraction cache, workers). */
  read?: ReloadOptions;
  /** Told what each prune of the extraction cache deleted (`cache-prune.ts`). */
  onPruned?: (pruned: Pruned) => void;
}

/** Reloads of saved files between two prunes of the extraction cache: each saved version adds a record. */
export const RELOADS_PER_PRUNE = 64;

export interface KnowledgeWatcher {
  /**
   * Reloads now, after any reload under way, and hands the result to `onReload` as a watched change
   * would. Only files whose signature changed are read again, unless `full`; with `names`, only
   * those folder entries are looked at, as after a file event naming them.
   */
  reload(options?: { full?: boolean; names?: readonly string[] }): Promise<Reloaded>;
  /** The latest completed load (the initial one until a reload completes). */
  latest(): Reloaded | null;
  /** Resolves once this thread has run the code of a one-file reload (`warm-up.ts`), so a moderator's first edit does not compile it. */
  ready: Promise<void>;
  close(): void;
}

/**
 * Watches the knowledge folder and reloads it after changes. Reloads run one at a time, each
 * building on the last, so a reload asked for by a moderator and one set off by the file it just
 * wrote cannot compute their differences from the same starting point.
 */
export function watchKnowledge(options: WatchOptions): KnowledgeWatcher {
  const debounceMs = options.debounceMs ?? 300;
  // A folder that never stops changing (a sync tool) still gets reloaded now and then.
  const maxWaitMs = Math.max(debounceMs * 10, 2_000);
  let latest = options.initial ?? null;
  let queue: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  let firstPending = 0;
  // The names changed since the last reload was set off; null when an event came without a name (then the whole folder is looked at).
  let changed: Set<string> | null = new Set();
  let closed = false;

  // The extraction cache stays open between reloads: opening, first writing and closing it cost a one-file reload 20–30 ms each time.
  let held: ExtractionCache | null = null;
  const cache = () => {
    // One that failed is opened again at the next reload: it may have been fixed.
    if (held?.failed()) held.close();
    if (!held || held.failed()) held = tryOpenCache(options.read?.cacheFile, options.read?.onWarning);
    return held;
  };

  // Asked for reloads, so a prune under way stops for them; and whether a prune is due after the next reload.
  let asked = 0;
  let pruneDue = false;
  let sincePrune = 0;
  const prune = () => {
    pruneDue = false;
    sincePrune = 0;
    const at = asked;
    queue = queue.then(async () => {
      const held = closed || !latest ? null : cache();
      if (!held || !latest) return;
      try {
        const pruned = await pruneExtractionCache(held, options.dir, latest, () => closed || asked !== at);
        if (!pruned.complete) pruneDue = true;
        options.onPruned?.(pruned);
      } catch (error) {
        options.onError?.(error);
      }
    });
  };

  const reload = (how: { full?: boolean; names?: readonly string[] } = {}): Promise<Reloaded> => {
    asked++;
    const run = queue.then(async () => {
      const result = await reloadKnowledge(options.dir, latest, { ...options.read, ...how, heldCache: closed ? null : cache() });
      latest = result;
      try {
        options.onReload(result);
      } catch (error) {
        options.onError?.(error);
      }
      // A look at the whole folder settles what the cache must keep; saved files add a record each, pruned now and then.
      if (!how.names || ++sincePrune >= RELOADS_PER_PRUNE) pruneDue = true;
      return result;
    });
    queue = run.catch(() => undefined);
    void run.then(
      () => {
        if (pruneDue && !closed) prune();
      },
      () => undefined,
    );
    return run;
  };

  const fire = () => {
    timer = null;
    firstPending = 0;
    // Past a few hundred names (a sync tool), one look at the whole folder is as quick.
    const names = changed && changed.size <= 256 ? [...changed] : undefined;
    changed = new Set();
    if (closed) return;
    reload(names ? { names } : {}).catch((error: unknown) => options.onError?.(error));
  };

  const schedule = () => {
    if (closed) return;
    const now = Date.now();
    if (firstPending === 0) firstPending = now;
    if (timer) clearTimeout(timer);
    timer = setTimeout(fire, now - firstPending >= maxWaitMs ? 0 : debounceMs);
  };

  let watcher: FSWatcher | null = watch(options.dir, { persistent: false }, (_event, filename) => {
    // Some platforms give no name; then any change may matter.
    if (filename === null) changed = null;
    else if (isWatchedName(filename.toString())) changed?.add(filename.toString());
    else return;
    schedule();
  });
  watcher.on('error', (error) => options.onError?.(error));
  // While nothing has changed yet: the first edit then runs code this thread has already compiled (`warm-up.ts`).
  const ready = latest ? warmUpReading(options.dir, latest.articles, () => (closed ? null : cache()), () => closed) : Promise.resolve();
  // The start's load has settled once the watcher runs: what it did not use goes (after the warm-up, which any first edit needs sooner).
  if (latest && options.read?.cacheFile) void ready.then(() => !closed && prune());

  return {
    reload,
    latest: () => latest,
    ready,
    close: () => {
      closed = true;
      if (timer) clearTimeout(timer);
      watcher?.close();
      watcher = null;
      // After any reload under way, which still uses it.
      void queue.then(() => {
        held?.close();
        held = null;
      });
    },
  };
}
