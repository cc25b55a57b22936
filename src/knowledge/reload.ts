import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { buildKnowledgeBase } from './build.js';
import { GAZETTEER_FILE, type Gazetteer } from './gazetteer.js';
import type { KnowledgeBase } from './knowledge-base.js';
import { duplicateIdProblem, formatProblem, readArticleFiles, readGazetteer, type Problem } from './loader.js';
import type { Article } from './schema.js';

/**
 * Reloading a knowledge folder that members are being answered from. The rule is that a bad file
 * never takes away what was serving: a file that turns invalid keeps its last good version (and
 * its problem is reported), so members only ever lose an article when a moderator deletes it.
 */

/** What changed between two loads, for moderators: article ids, and problems not seen last time. */
export interface ReloadDiff {
  added: string[];
  updated: string[];
  removed: string[];
  newProblems: Problem[];
}

export interface ArticlesReload {
  articles: Article[];
  problems: Problem[];
  /** Files that are invalid now and whose last good version is still being served. */
  kept: string[];
  diff: ReloadDiff;
}

/** One complete load of the folder: what is served, what is wrong, and what changed. */
export interface Reloaded extends ArticlesReload {
  /** The last good gazetteer (`places.yaml`); kept like an article when the file turns bad. */
  gazetteer: Gazetteer;
  kb: KnowledgeBase;
  at: Date;
}

/** The part of an earlier load that a reload builds on. */
export interface PreviousLoad {
  articles: readonly Article[];
  problems: readonly Problem[];
}

/**
 * Reads and validates every article file as `loadArticles` does, with two differences that matter
 * only while serving: an invalid file falls back to its last good version in `previous`, and when
 * two files claim one id the file that already served it keeps it, whatever the file names' order.
 */
export async function reloadArticles(dir: string, previous?: PreviousLoad | null): Promise<ArticlesReload> {
  const results = await readArticleFiles(dir);
  const heldBy = new Map((previous?.articles ?? []).map((a) => [a.id, a.file]));

  // Who gets a contested id: the file that served it before, else the first file by name (as the loader).
  const owner = new Map<string, string>();
  for (const r of results) {
    if (!r.article) continue;
    const id = r.article.id;
    const current = owner.get(id);
    if (current === undefined || (heldBy.get(id) === r.file && current !== r.file)) owner.set(id, r.file);
  }

  const articles: Article[] = [];
  const problems: Problem[] = [];
  const good = new Set<string>();
  for (const r of results) {
    problems.push(...r.problems);
    if (!r.article) continue;
    const winner = owner.get(r.article.id);
    if (winner === r.file) {
      articles.push(r.article);
      good.add(r.file);
    } else {
      problems.push(duplicateIdProblem(r, r.article.id, winner!));
    }
  }

  // Last good versions, for files still there but not loadable now (a duplicate id included). Fresh valid content wins an id over a stale copy.
  const served = new Set(articles.map((a) => a.id));
  const kept: string[] = [];
  const byFile = new Map((previous?.articles ?? []).map((a) => [a.file, a]));
  for (const r of results) {
    const last = byFile.get(r.file);
    if (good.has(r.file) || !last || served.has(last.id)) continue;
    articles.push(last);
    served.add(last.id);
    kept.push(r.file);
  }
  articles.sort((a, b) => a.id.localeCompare(b.id));

  return { articles, problems, kept, diff: diffLoads(previous ?? null, articles, problems) };
}

/** Reloads articles and gazetteer and builds the knowledge base to swap in. */
export async function reloadKnowledge(dir: string, previous?: (PreviousLoad & { gazetteer: Gazetteer }) | null): Promise<Reloaded> {
  const [loaded, places] = await Promise.all([reloadArticles(dir, previous), readGazetteer(dir)]);
  const kept = [...loaded.kept];
  let gazetteer = places.gazetteer;
  if (places.problems.length > 0 && previous) {
    gazetteer = previous.gazetteer;
    if (previous.gazetteer.length > 0) kept.push(GAZETTEER_FILE);
  }
  const at = new Date();
  const kb = buildKnowledgeBase(loaded.articles, gazetteer, at);
  // Stale corrections are found only by extracting, so they join the problems after the build.
  const problems = [...loaded.problems, ...places.problems, ...kb.problems];
  return {
    articles: loaded.articles,
    problems,
    kept,
    diff: { ...loaded.diff, newProblems: newProblems(previous ?? null, problems) },
    gazetteer,
    kb,
    at,
  };
}

function diffLoads(previous: PreviousLoad | null, articles: readonly Article[], problems: readonly Problem[]): ReloadDiff {
  const before = new Map((previous?.articles ?? []).map((a) => [a.id, JSON.stringify(a)]));
  const after = new Map(articles.map((a) => [a.id, JSON.stringify(a)]));
  return {
    added: [...after.keys()].filter((id) => !before.has(id)),
    updated: [...after.keys()].filter((id) => before.has(id) && before.get(id) !== after.get(id)),
    removed: [...before.keys()].filter((id) => !after.has(id)),
    newProblems: newProblems(previous, problems),
  };
}

function newProblems(previous: PreviousLoad | null, problems: readonly Problem[]): Problem[] {
  const seen = new Set((previous?.problems ?? []).map(formatProblem));
  return problems.filter((p) => !seen.has(formatProblem(p)));
}

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
}

export interface KnowledgeWatcher {
  /** Reloads now, after any reload under way, and hands the result to `onReload` as a watched change would. */
  reload(): Promise<Reloaded>;
  /** The latest completed load (the initial one until a reload completes). */
  latest(): Reloaded | null;
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
  let closed = false;

  const reload = (): Promise<Reloaded> => {
    const run = queue.then(async () => {
      const result = await reloadKnowledge(options.dir, latest);
      latest = result;
      try {
        options.onReload(result);
      } catch (error) {
        options.onError?.(error);
      }
      return result;
    });
    queue = run.catch(() => undefined);
    return run;
  };

  const fire = () => {
    timer = null;
    firstPending = 0;
    if (closed) return;
    reload().catch((error: unknown) => options.onError?.(error));
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
    if (filename === null || isWatchedName(filename.toString())) schedule();
  });
  watcher.on('error', (error) => options.onError?.(error));

  return {
    reload,
    latest: () => latest,
    close: () => {
      closed = true;
      if (timer) clearTimeout(timer);
      watcher?.close();
      watcher = null;
    },
  };
}
