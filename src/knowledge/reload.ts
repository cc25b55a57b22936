import type { ArticleParts, ArticleText } from './article-parts.js';
import type { FileRecord, ReadOptions } from './file-records.js';
import { loadGazetteerOffThread } from './gazetteer-off-thread.js';
import { listKnowledgeFolder, readGazetteer, relistKnowledgeFolder, type FolderListing, type Signature, type Skipped } from './folder.js';
import { GAZETTEER_FILE, type Gazetteer } from './gazetteer.js';
import { rememberSignatures, takenBySignature } from './file-signatures.js';
import type { KnowledgeBase } from './knowledge-base.js';
import type { Problem } from './problems.js';
import type { Article } from './schema.js';
import { turnIfDue } from './sliced.js';
import { rememberMentions } from './stored-record.js';
import { buildOrRevise } from './build-or-revise.js';
import { phaseClock, reloadNamed, type NamedPrevious, type ServedFiles } from './reload-named.js';
import { newProblems, reloadListed } from './reload-listed.js';

export { reloadArticles } from './reload-listed.js';

/**
 * The one way a knowledge folder is loaded, at start (`loadKnowledgeBase`, the CLI) and while
 * serving. The rule is that a bad file never takes away what was serving: a file that turns invalid
 * keeps its last good version (and its problem is reported), so members only ever lose an article
 * when a moderator deletes it. A reload re-reads only files whose signature changed, takes unchanged
 * articles and their extraction from the previous load, and builds the new knowledge base in time
 * slices, so the thread answering members is never held for long.
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
  /** Every article file as last read, by name: what the next reload compares signatures with. */
  files: ReadonlyMap<string, FileRecord>;
  /** Folder entries that are not loaded (subfolders, other files), with why. */
  skipped: Skipped[];
  /** Each served article's cited quotes, figures and consultations, and its text as the indexes read it. */
  parts: ReadonlyMap<Article, ArticleParts>;
  texts: ReadonlyMap<Article, ArticleText>;
  /** How many files were read (rather than taken from the previous load), how many of those extracted afresh, by how many worker threads. */
  read: { files: number; extracted: number; workers: number };
  /** What this load decided, for a reload of named files to build on. */
  served: ServedFiles;
}

/** One complete load of the folder: what is served, what is wrong, and what changed. */
export interface Reloaded extends ArticlesReload {
  /** The last good gazetteer (`places.yaml`); kept like an article when the file turns bad. */
  gazetteer: Gazetteer;
  gazetteerSig: Signature | null;
  gazetteerProblems: Problem[];
  listing: FolderListing;
  kb: KnowledgeBase;
  /** Whether `kb` was built afresh; otherwise it is the previous one updated with the changed articles, or the previous one itself when nothing changed (see `update.ts`). */
  rebuilt: boolean;
  /** Whether `kb`'s term indexes were loaded from the index store (`index-store.ts`) rather than built. */
  storedIndexes: boolean;
  /** Files taken by their signature, as an earlier run read them, without reading them (`file-signatures.ts`). */
  unread: number;
  at: Date;
  /** How long the whole reload took, in milliseconds (for `/metrics`). */
  ms: number;
}

/** The part of an earlier load that a reload builds on (a `Reloaded` is one). */
export interface PreviousLoad {
  articles: readonly Article[];
  problems: readonly Problem[];
  files?: ReadonlyMap<string, FileRecord>;
  parts?: ReadonlyMap<Article, ArticleParts>;
  texts?: ReadonlyMap<Article, ArticleText>;
  /** The knowledge base served, which a reload updates rather than rebuilds when few articles changed. */
  kb?: KnowledgeBase;
  /** The folder as last listed, which a reload told the changed names updates. */
  listing?: FolderListing;
  gazetteer?: Gazetteer;
  served?: ServedFiles;
}

export interface ReloadOptions extends ReadOptions {
  /** Re-read every file even when its signature is unchanged (extraction still comes from the cache). */
  full?: boolean;
  /** Only these folder entries changed (the watcher knows): look at them alone, not at the whole folder. Ignored with `full` or without a previous listing. */
  names?: readonly string[];
  /** Told how long each phase of the reload took, in order (`test/bench/profile-reload.ts`). */
  onPhase?: (phase: string, ms: number) => void;
}

/** Reloads articles and gazetteer and builds the knowledge base to swap in. */
export async function reloadKnowledge(dir: string, previous?: (PreviousLoad & Partial<Pick<Reloaded, 'gazetteerSig' | 'gazetteerProblems'>>) | null, options: ReloadOptions = {}): Promise<Reloaded> {
  const started = performance.now();
  const mark = phaseClock(options.onPhase);
  const listedAt = Date.now();
  const listing = options.names && !options.full && previous?.listing ? await relistKnowledgeFolder(dir, previous.listing, options.names) : await listKnowledgeFolder(dir);
  mark('list');
  await turnIfDue();
  const named = options.names && !options.full && previous?.listing && previous.files && previous.parts && previous.texts && previous.served ? options.names : null;
  const loaded: ArticlesReload & { changedIds?: ReadonlySet<string>; mentioned?: FileRecord[] } = named ? await reloadNamed(dir, listing, previous as NamedPrevious, named, options) : await reloadListed(dir, listing, previous, options);
  mark(null);
  await turnIfDue();
  const gazetteerSig = listing.gazetteer;
  const same = !options.full && previous?.gazetteer && previous.gazetteerSig !== undefined && previous.gazetteerSig === gazetteerSig && gazetteerSig !== null;
  const places = same ? { gazetteer: previous.gazetteer!, problems: previous.gazetteerProblems ?? [] } : await readGazetteer(dir, options, loadGazetteerOffThread);
  const kept = [...loaded.kept];
  let gazetteer = places.gazetteer;
  if (places.problems.length > 0 && previous?.gazetteer) {
    gazetteer = previous.gazetteer;
    if (previous.gazetteer.length > 0) kept.push(GAZETTEER_FILE);
  }
  // The same places read again (a full reload) are the same gazetteer, so the indexes can be updated rather than rebuilt.
  if (previous?.gazetteer && gazetteer !== previous.gazetteer && JSON.stringify(gazetteer) === JSON.stringify(previous.gazetteer)) gazetteer = previous.gazetteer;
  const at = new Date();
  const sameGazetteer = gazetteer === previous?.gazetteer;
  mark('gazetteer');
  await turnIfDue();
  const { kb, rebuilt, linkedAll, storedIndexes } = await buildOrRevise(loaded, previous ?? null, sameGazetteer, gazetteer, at, options);
  mark('update');
  await turnIfDue();
  // Only texts linked to places again have new mentions to remember: after an update of named files, theirs alone.
  await rememberMentions(loaded.mentioned && !linkedAll ? loaded.mentioned : loaded.files.values(), options);
  mark('mentions');
  await turnIfDue();
  // A first load or a full reload hashed every file it read; a watcher's reload read only files just saved, too recent to trust.
  if (!previous || options.full) await rememberSignatures(dir, loaded.files.values(), listedAt, options);
  let unread = 0;
  if (!previous) for (const r of loaded.files.values()) if (takenBySignature(r)) unread++;
  // Stale corrections are found only by extracting, so they join the problems after the build.
  const problems = [...loaded.problems, ...places.problems, ...kb.problems];
  return {
    ...loaded,
    problems,
    kept,
    diff: { ...loaded.diff, newProblems: newProblems(previous ?? null, problems) },
    gazetteer,
    gazetteerSig,
    gazetteerProblems: places.problems,
    listing,
    kb,
    rebuilt,
    storedIndexes,
    unread,
    at,
    ms: performance.now() - started,
  };
}
