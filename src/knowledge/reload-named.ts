import { articleParts, extractArticle, type ArticleParts, type ArticleText } from './article-parts.js';
import { duplicateIdProblem } from './article-file.js';
import { readFileRecords, type FileRecord } from './file-records.js';
import type { FolderListing } from './folder.js';
import { GAZETTEER_FILE } from './gazetteer.js';
import { layered, type LayeredMap } from './layered-map.js';
import type { Problem } from './problems.js';
import type { ArticlesReload, PreviousLoad, ReloadDiff, ReloadOptions } from './reload.js';
import type { Article } from './schema.js';
import { lowerBound } from './sorted.js';

/**
 * A reload of the files the watcher named, looking at nothing else: its cost follows the files
 * saved, not the 10,000 served. It applies the rules of a reload of the whole folder
 * (`reloadListed` in `reload.ts`) to the ids those files held or hold, from what the last load
 * kept of its decisions (`ServedFiles`); every other id's outcome depends on nothing that changed.
 * The maps it hands on are the last load's with the changes made (`layered-map.ts`), never copies.
 */

/** What a reload decided, kept with it so the next one can decide again for a few ids only. */
export interface ServedFiles {
  /** Article id → the files whose valid article has that id, sorted by name (more than one: a duplicate id). */
  claims: LayeredMap<string, readonly string[]>;
  /** Article id → the article served under it. */
  byId: LayeredMap<string, Article>;
  /** Files not loadable now that still serve their last good version, with that version (few). */
  kept: ReadonlyMap<string, Article>;
  /** File → its problems (its own, then a duplicate id), for the files that have any. */
  problems: LayeredMap<string, readonly Problem[]>;
}

/** The bytes' hash of each article object, for telling an updated article from one merely read again. */
export const contentHash = new WeakMap<Article, string>();

/** Whether `b` is another version of the article `a` (not the same bytes read again). */
export function articleChanged(a: Article, b: Article): boolean {
  if (a === b) return false;
  const ha = contentHash.get(a);
  const hb = contentHash.get(b);
  // Without both hashes (an earlier load built elsewhere), compare the articles themselves.
  return ha && hb ? ha !== hb || a.file !== b.file : JSON.stringify(a) !== JSON.stringify(b);
}

/** Reports the time since the previous mark under each phase's name (`null`: just restart the clock). */
export function phaseClock(onPhase: ReloadOptions['onPhase']): (phase: string | null) => void {
  let last = performance.now();
  return (phase) => {
    if (!onPhase) return;
    const now = performance.now();
    if (phase !== null) onPhase(phase, now - last);
    last = now;
  };
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Problems in the order a reload of the whole folder lists them: by file name, then the listing's. */
export function problemsInOrder(byFile: ReadonlyMap<string, readonly Problem[]>, listing: FolderListing): Problem[] {
  return [...[...byFile.keys()].sort(byText).flatMap((f) => byFile.get(f)!), ...listing.problems.filter((p) => p.file !== GAZETTEER_FILE)];
}

export type NamedPrevious = PreviousLoad & Required<Pick<PreviousLoad, 'files' | 'parts' | 'texts' | 'served'>>;

/** `reloadListed` for the entries `names` only, `listing` being the folder relisted for them. */
export async function reloadNamed(dir: string, listing: FolderListing, previous: NamedPrevious, names: readonly string[], options: ReloadOptions): Promise<ArticlesReload & { changedIds: ReadonlySet<string>; mentioned: FileRecord[] }> {
  const mark = phaseClock(options.onPhase);
  const served = previous.served;
  const before = layered(previous.files);
  const named = [...new Set(names)].filter((n) => n !== GAZETTEER_FILE);
  const entries = named.map((name) => {
    const at = lowerBound(listing.articles, name, (a) => a.name);
    const entry = listing.articles[at]?.name === name ? listing.articles[at] : undefined;
    const last = before.get(name);
    return { name, entry, reuse: entry && !options.full && last?.sig === entry.sig ? last : undefined };
  });
  const toRead = entries.filter((e) => e.entry && !e.reuse).map((e) => ({ ...e.entry!, knownHash: before.get(e.name)?.hash || undefined }));
  mark('reuse');
  const { records: fresh, workers } = await readFileRecords(dir, toRead, options);
  mark('read+extract');

  // Each named file's record now (undefined: not listed, or vanished while being read).
  const now = new Map<string, FileRecord | undefined>();
  let k = 0;
  let extracted = 0;
  for (const { name, entry, reuse } of entries) {
    let r = entry ? (reuse ?? fresh[k++]) : null;
    if (r && 'unchanged' in r) r = { ...before.get(name)!, sig: r.sig };
    else if (r && !reuse && r.article) {
      contentHash.set(r.article, r.hash);
      if (!r.cached) extracted++;
    }
    now.set(name, r ?? undefined);
  }
  const files = before.with(now);

  // The ids whose outcome may change: those the named files claimed, claim, or served as a last good version.
  const affected = new Set<string>();
  const claimEdits = new Map<string, readonly string[]>();
  const claimsOf = (id: string) => claimEdits.get(id) ?? served.claims.get(id) ?? [];
  for (const [name, r] of now) {
    const old = before.get(name)?.article?.id;
    const id = r?.article?.id;
    if (old !== undefined) {
      affected.add(old);
      claimEdits.set(old, claimsOf(old).filter((f) => f !== name));
    }
    if (id !== undefined) {
      affected.add(id);
      const list = claimsOf(id).filter((f) => f !== name);
      list.splice(lowerBound(list, name, (f) => f), 0, name);
      claimEdits.set(id, list);
    }
    const keptHere = served.kept.get(name);
    if (keptHere) affected.add(keptHere.id);
  }
  const claims = served.claims.with([...claimEdits].map(([id, list]) => [id, list.length > 0 ? list : undefined] as const));

  // Who gets each id: the file that served it before, else the first by name (as `reloadListed`).
  const winners = new Map<string, string | undefined>();
  const decide = (id: string) => {
    const c = claims.get(id) ?? [];
    const held = served.byId.get(id)?.file;
    winners.set(id, c.length === 0 ? undefined : held !== undefined && c.includes(held) ? held : c[0]);
  };
  affected.forEach(decide);
  const good = (file: string) => {
    const a = files.get(file)?.article;
    if (!a) return false;
    return winners.has(a.id) ? winners.get(a.id) === file : served.byId.get(a.id) === a;
  };
  // A file that wins an id now stops serving the last good version it kept.
  for (const [file, last] of served.kept) {
    if (!affected.has(last.id) && good(file)) {
      affected.add(last.id);
      decide(last.id);
    }
  }
  const listedProblems = new Set(listing.problems.filter((p) => p.file !== GAZETTEER_FILE).map((p) => p.file));
  const present = (file: string) => files.has(file) || listedProblems.has(file);

  const ids = [...affected].sort(byText);
  const idChanges: [string, Article | undefined][] = [];
  const kept = new Map(served.kept);
  const partChanges: [Article, ArticleParts | undefined][] = [];
  const textChanges: [Article, ArticleText | undefined][] = [];
  const articles = previous.articles.slice();
  const diff: ReloadDiff = { added: [], updated: [], removed: [], newProblems: [] };
  const mentioned: FileRecord[] = [];
  for (const id of ids) {
    const w = winners.get(id);
    const last = served.byId.get(id);
    let article: Article | undefined;
    if (w !== undefined) {
      const r = files.get(w)!;
      article = r.article!;
      if (article !== last) {
        partChanges.push([article, r.parts ?? articleParts(article, extractArticle(article))]);
        if (r.text) textChanges.push([article, r.text]);
        mentioned.push(r);
      }
    } else if (last && present(last.file) && !good(last.file)) article = last;
    if (last && kept.get(last.file) === last && (article !== last || w !== undefined)) kept.delete(last.file);
    if (article && article === last && w === undefined) kept.set(last.file, last);
    if (last && article !== last) {
      partChanges.push([last, undefined]);
      textChanges.push([last, undefined]);
    }
    idChanges.push([id, article]);
    const at = lowerBound(articles, id, (a) => a.id);
    const there = articles[at]?.id === id;
    if (article && there) articles[at] = article;
    else if (article) articles.splice(at, 0, article);
    else if (there) articles.splice(at, 1);
    if (article && !last) diff.added.push(id);
    else if (!article && last) diff.removed.push(id);
    else if (article && last && articleChanged(last, article)) diff.updated.push(id);
  }

  // Problems of the named files and of every file claiming an affected id (one may have stopped or started losing it).
  const touched = new Set(named);
  for (const id of ids) for (const f of [...(served.claims.get(id) ?? []), ...(claims.get(id) ?? [])]) touched.add(f);
  const problemChanges: [string, readonly Problem[] | undefined][] = [];
  for (const file of touched) {
    const r = files.get(file);
    const list = r ? [...r.problems] : [];
    if (r?.article) {
      const id = r.article.id;
      const winner = (winners.has(id) ? winners.get(id) : served.byId.get(id)?.file) ?? file;
      if (winner !== file) list.push(duplicateIdProblem(r, id, winner));
    }
    problemChanges.push([file, list.length > 0 ? list : undefined]);
  }
  const problemsByFile = served.problems.with(problemChanges);
  const problems = problemsInOrder(problemsByFile, listing);
  const inFiles = (f: string) => (files.has(f) ? 0 : 1);
  mark('bookkeeping');
  return {
    articles,
    problems,
    kept: [...kept.keys()].sort((a, b) => inFiles(a) - inFiles(b) || byText(a, b)),
    diff,
    files,
    skipped: listing.skipped,
    parts: layered(previous.parts).with(partChanges),
    texts: layered(previous.texts).with(textChanges),
    read: { files: toRead.length, extracted, workers },
    served: { claims, byId: served.byId.with(idChanges), kept, problems: problemsByFile },
    changedIds: affected,
    mentioned,
  };
}
