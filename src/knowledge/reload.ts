import { articleParts, extractArticle, type ArticleParts, type ArticleText } from './article-parts.js';
import { duplicateIdProblem } from './article-file.js';
import { readFileRecords, type FileRecord, type ReadOptions } from './file-records.js';
import { loadGazetteerOffThread } from './gazetteer-off-thread.js';
import { listKnowledgeFolder, readGazetteer, relistKnowledgeFolder, type FolderListing, type Signature, type Skipped } from './folder.js';
import { GAZETTEER_FILE, type Gazetteer } from './gazetteer.js';
import { knowledgeBaseSteps } from './build.js';
import { rememberSignatures, takenBySignature } from './file-signatures.js';
import { indexKey, indexStoreFile, loadStoredIndexes, storeIndexes } from './index-store.js';
import type { KnowledgeBase } from './knowledge-base.js';
import { formatProblem, type Problem } from './problems.js';
import type { Article } from './schema.js';
import { runSliced, slices } from './sliced.js';
import { rememberMentions } from './stored-record.js';
import { reviseKnowledgeBaseSteps } from './update.js';
import { layered } from './layered-map.js';
import { articleChanged, contentHash, phaseClock, problemsInOrder, reloadNamed, type NamedPrevious, type ServedFiles } from './reload-named.js';

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

/**
 * Reads and validates the folder's article files, with two rules that matter only while serving:
 * an invalid file falls back to its last good version in `previous`, and when two files claim one
 * id the file that already served it keeps it, whatever the file names' order (with no previous
 * load, the first file by name).
 */
export async function reloadArticles(dir: string, previous?: PreviousLoad | null, options: ReloadOptions = {}): Promise<ArticlesReload> {
  return reloadListed(dir, await listKnowledgeFolder(dir), previous, options);
}

async function reloadListed(dir: string, listing: FolderListing, previous: PreviousLoad | null | undefined, options: ReloadOptions): Promise<ArticlesReload> {
  const mark = phaseClock(options.onPhase);
  const reuse: (FileRecord | undefined)[] = listing.articles.map((f) => {
    const last = previous?.files?.get(f.name);
    return !options.full && last?.sig === f.sig ? last : undefined;
  });
  // A full reload still only hashes a file whose signature is unchanged; it is parsed again only if its bytes differ.
  const toRead = listing.articles
    .filter((_, i) => !reuse[i])
    .map((f) => ({ ...f, knownHash: previous?.files?.get(f.name)?.hash || undefined }));
  mark('reuse');
  const { records: fresh, workers } = await readFileRecords(dir, toRead, options);
  mark('read+extract');
  let k = 0;
  let extracted = 0;
  const results: FileRecord[] = [];
  // The loops over every file take turns too: at 10,000 files they held the loop for 50 ms and more.
  const turn = slices();
  for (const last of reuse) {
    await turn();
    let r = last ?? fresh[k++];
    if (!r) continue;
    if ('unchanged' in r) r = { ...previous!.files!.get(r.file)!, sig: r.sig };
    else if (!last && r.article) {
      contentHash.set(r.article, r.hash);
      if (!r.cached) extracted++;
    }
    results.push(r);
  }
  const heldBy = new Map((previous?.articles ?? []).map((a) => [a.id, a.file]));

  // Who gets a contested id: the file that served it before, else the first file by name.
  const owner = new Map<string, string>();
  for (const r of results) {
    if (!r.article) continue;
    const id = r.article.id;
    const current = owner.get(id);
    if (current === undefined || (heldBy.get(id) === r.file && current !== r.file)) owner.set(id, r.file);
  }

  const articles: Article[] = [];
  const problems: Problem[] = [];
  const parts = new Map<Article, ArticleParts>();
  const texts = new Map<Article, ArticleText>();
  const good = new Set<string>();
  // What a reload of named files decides from (`reload-named.ts`).
  const claims = new Map<string, string[]>();
  const problemsByFile = new Map<string, Problem[]>();
  for (const r of results) {
    await turn();
    problems.push(...r.problems);
    if (r.problems.length > 0) problemsByFile.set(r.file, [...r.problems]);
    if (!r.article) continue;
    const claimed = claims.get(r.article.id);
    if (claimed) claimed.push(r.file);
    else claims.set(r.article.id, [r.file]);
    const winner = owner.get(r.article.id);
    if (winner === r.file) {
      articles.push(r.article);
      parts.set(r.article, r.parts ?? articleParts(r.article, extractArticle(r.article)));
      if (r.text) texts.set(r.article, r.text);
      good.add(r.file);
    } else {
      const duplicate = duplicateIdProblem(r, r.article.id, winner!);
      problems.push(duplicate);
      problemsByFile.set(r.file, [...(problemsByFile.get(r.file) ?? []), duplicate]);
    }
  }
  // `places.yaml` as a symbolic link is reported by `readGazetteer`.
  const listed = listing.problems.filter((p) => p.file !== GAZETTEER_FILE);
  problems.push(...listed);

  // Last good versions, for files still there but not loadable now (a duplicate id included). Fresh valid content wins an id over a stale copy.
  const served = new Set(articles.map((a) => a.id));
  const kept: string[] = [];
  const keptArticles = new Map<string, Article>();
  // Only files not served now can fall back; most reloads have none, and then no map over every article is made.
  const present = new Set([...results.filter((r) => !good.has(r.file)).map((r) => r.file), ...listed.map((p) => p.file)]);
  const byFile = present.size > 0 ? new Map((previous?.articles ?? []).map((a) => [a.file, a])) : new Map<string, Article>();
  for (const file of present) {
    const last = byFile.get(file);
    if (good.has(file) || !last || served.has(last.id)) continue;
    articles.push(last);
    parts.set(last, previous?.parts?.get(last) ?? articleParts(last, extractArticle(last)));
    const text = previous?.texts?.get(last);
    if (text) texts.set(last, text);
    served.add(last.id);
    kept.push(file);
    keptArticles.set(file, last);
  }
  articles.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  await turn();
  const byId = new Map(articles.map((a) => [a.id, a]));
  mark('bookkeeping');
  const diff = diffLoads(previous ?? null, articles, problems);
  mark('diff');

  return {
    articles,
    problems,
    kept,
    diff,
    files: new Map(results.map((r) => [r.file, r])),
    skipped: listing.skipped,
    parts,
    read: { files: toRead.length, extracted, workers },
    texts,
    served: { claims: layered(claims), byId: layered(byId), kept: keptArticles, problems: layered(problemsByFile) },
  };
}

/** Reloads articles and gazetteer and builds the knowledge base to swap in. */
export async function reloadKnowledge(dir: string, previous?: (PreviousLoad & Partial<Pick<Reloaded, 'gazetteerSig' | 'gazetteerProblems'>>) | null, options: ReloadOptions = {}): Promise<Reloaded> {
  const started = performance.now();
  const mark = phaseClock(options.onPhase);
  const listedAt = Date.now();
  const listing = options.names && !options.full && previous?.listing ? await relistKnowledgeFolder(dir, previous.listing, options.names) : await listKnowledgeFolder(dir);
  mark('list');
  const named = options.names && !options.full && previous?.listing && previous.files && previous.parts && previous.texts && previous.served ? options.names : null;
  const loaded: ArticlesReload & { changedIds?: ReadonlySet<string>; mentioned?: FileRecord[] } = named ? await reloadNamed(dir, listing, previous as NamedPrevious, named, options) : await reloadListed(dir, listing, previous, options);
  mark(null);
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
  const { kb, rebuilt, linkedAll, storedIndexes } = await buildOrRevise(loaded, previous ?? null, sameGazetteer, gazetteer, at, options);
  mark('update');
  // Only texts linked to places again have new mentions to remember: after an update of named files, theirs alone.
  await rememberMentions(loaded.mentioned && !linkedAll ? loaded.mentioned : loaded.files.values(), options);
  mark('mentions');
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

/**
 * The knowledge base for a load: a first load takes the term indexes from the index store when an
 * earlier run stored them for exactly these articles; a reload updates the one served (`update.ts`).
 * Whatever was built afresh is stored for the next start.
 */
async function buildOrRevise(
  loaded: ArticlesReload & { changedIds?: ReadonlySet<string> },
  previousLoad: PreviousLoad | null,
  sameGazetteer: boolean,
  gazetteer: Gazetteer,
  at: Date,
  options: ReloadOptions,
): Promise<{ kb: KnowledgeBase; rebuilt: boolean; linkedAll: boolean; storedIndexes: boolean }> {
  const previous = previousLoad?.kb ?? null;
  const partsOf = (a: Article) => loaded.parts.get(a)!;
  const textOf = (a: Article) => loaded.texts.get(a) ?? previousLoad?.texts?.get(a);
  const file = options.cacheFile ? indexStoreFile(options.cacheFile) : null;
  // Only a first load or a full build needs the key: a one-file reload never hashes every article's hash.
  const key = file && !previous ? keyOfLoad(loaded) : null;
  const stored = file && key ? await loadStoredIndexes(file, key, options.onWarning) : null;
  if (stored) {
    const kb = await runSliced(knowledgeBaseSteps(loaded.articles, gazetteer, partsOf, at, textOf, stored));
    return { kb, rebuilt: true, linkedAll: true, storedIndexes: kb.index.paragraphs === stored.paragraphs };
  }
  const { kb, rebuilt, linkedAll } = await runSliced(reviseKnowledgeBaseSteps(previous, sameGazetteer, loaded.articles, gazetteer, partsOf, at, textOf, loaded.changedIds));
  const storeKey = rebuilt && file ? (key ?? keyOfLoad(loaded)) : null;
  if (storeKey) {
    const storing = storeIndexes(file!, storeKey, { paragraphs: kb.index.paragraphs, quotes: kb.index.quotes }, options.onWarning);
    // A first load waits (a CLI run may end right after it); a compaction while serving swaps its knowledge base in without waiting for the write.
    if (!previous) await storing;
    else storing.catch((error: unknown) => options.onWarning?.('the built indexes could not be stored; the next start builds them again', error));
  }
  return { kb, rebuilt, linkedAll, storedIndexes: false };
}

/** The index store's key for the articles loaded (sorted by id, as built), or null when one's content hash is not known (then nothing is stored). */
function keyOfLoad(loaded: ArticlesReload): string | null {
  const hashOf = new Map<Article, string>();
  for (const r of loaded.files.values()) if ('article' in r && r.article && r.hash) hashOf.set(r.article, r.hash);
  const hashes: string[] = [];
  for (const a of loaded.articles) {
    const h = hashOf.get(a);
    if (!h) return null;
    hashes.push(h);
  }
  return indexKey(hashes);
}

function diffLoads(previous: PreviousLoad | null, articles: readonly Article[], problems: readonly Problem[]): ReloadDiff {
  const before = new Map((previous?.articles ?? []).map((a) => [a.id, a]));
  const after = new Map(articles.map((a) => [a.id, a]));
  const changed = articleChanged;
  return {
    added: [...after.keys()].filter((id) => !before.has(id)),
    updated: [...after.keys()].filter((id) => before.has(id) && changed(before.get(id)!, after.get(id)!)),
    removed: [...before.keys()].filter((id) => !after.has(id)),
    newProblems: newProblems(previous, problems),
  };
}

function newProblems(previous: PreviousLoad | null, problems: readonly Problem[]): Problem[] {
  const seen = new Set((previous?.problems ?? []).map(formatProblem));
  return problems.filter((p) => !seen.has(formatProblem(p)));
}
