import { articleParts, extractArticle, type ArticleParts, type ArticleText } from './article-parts.js';
import { duplicateIdProblem } from './article-file.js';
import { readFileRecords, type FileRecord } from './file-records.js';
import { listKnowledgeFolder, type FolderListing } from './folder.js';
import { GAZETTEER_FILE } from './gazetteer.js';
import { layered } from './layered-map.js';
import { formatProblem, type Problem } from './problems.js';
import type { ArticlesReload, PreviousLoad, ReloadDiff, ReloadOptions } from './reload.js';
import { articleChanged, contentHash, phaseClock } from './reload-named.js';
import type { Article } from './schema.js';
import { slices, turnIfDue } from './sliced.js';

/** A look at the whole folder: every listed file decided again (a reload of named files is reload-named.ts). */

/**
 * Reads and validates the folder's article files, with two rules that matter only while serving:
 * an invalid file falls back to its last good version in `previous`, and when two files claim one
 * id the file that already served it keeps it, whatever the file names' order (with no previous
 * load, the first file by name).
 */
export async function reloadArticles(dir: string, previous?: PreviousLoad | null, options: ReloadOptions = {}): Promise<ArticlesReload> {
  return reloadListed(dir, await listKnowledgeFolder(dir), previous, options);
}

export async function reloadListed(dir: string, listing: FolderListing, previous: PreviousLoad | null | undefined, options: ReloadOptions): Promise<ArticlesReload> {
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
  await turnIfDue();
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

export function diffLoads(previous: PreviousLoad | null, articles: readonly Article[], problems: readonly Problem[]): ReloadDiff {
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

export function newProblems(previous: PreviousLoad | null, problems: readonly Problem[]): Problem[] {
  const seen = new Set((previous?.problems ?? []).map(formatProblem));
  return problems.filter((p) => !seen.has(formatProblem(p)));
}
