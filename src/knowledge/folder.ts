import { lstatSync } from 'node:fs';
import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { asciiJson, tryOpenCache, type CacheFault } from './extraction-cache.js';
import { GAZETTEER_FILE, loadGazetteer, type Gazetteer, type GazetteerRead } from './gazetteer.js';
import { MAX_FILE_BYTES, tooLargeMessage } from './limits.js';
import type { Problem } from './problems.js';
import { slices } from './sliced.js';
import { fileHash } from './file-hash.js';
import { lowerBound } from './sorted.js';

/**
 * What is in a knowledge folder, and the rules for what counts as a knowledge file: regular files
 * only (a symbolic link could point anywhere on the machine), at most `MAX_FILE_BYTES`, and anything
 * left out is said, never dropped silently.
 */

/** Markdown files in the knowledge folder that are documentation, not articles. */
const NOT_ARTICLES = new Set(['readme.md']);

/** An entry of the folder that is not loaded, with why, for `kb check` and `/kb status`. */
export interface Skipped {
  name: string;
  reason: string;
}

/**
 * Identifies one version of a file without reading it: size, modification and change times, inode.
 * The change time moves on every write and cannot be set back by tools that keep modification times.
 */
export type Signature = string;

export interface FolderListing {
  /** Article files by name, sorted, with their signatures. */
  articles: { name: string; sig: Signature }[];
  /** `places.yaml`'s signature, or null when there is none. */
  gazetteer: Signature | null;
  /** Knowledge files that break a rule (a symbolic link), each a problem like any other. */
  problems: Problem[];
  skipped: Skipped[];
}

const signature = (s: { size: bigint; mtimeNs: bigint; ctimeNs: bigint; ino: bigint }): Signature => `${s.size}:${s.mtimeNs}:${s.ctimeNs}:${s.ino}`;

const isHidden = (name: string) => name.startsWith('.');
const isArticleName = (name: string) => name.toLowerCase().endsWith('.md') && !NOT_ARTICLES.has(name.toLowerCase());

export const SYMLINK_MESSAGE = 'is a symbolic link; knowledge files must be regular files in the folder (copy the file in instead), so it is not loaded';

/** What one folder entry is under the rules: a problem, a skipped entry, or a knowledge file to sign (`candidates`). */
function classify(e: { name: string; isSymbolicLink(): boolean; isDirectory(): boolean; isFile(): boolean }, listing: FolderListing, candidates: string[]): void {
  // Dot files are editors' temp files, our own uploads in progress and the trash.
  if (isHidden(e.name)) return;
  const knowledge = isArticleName(e.name) || e.name === GAZETTEER_FILE;
  if (e.isSymbolicLink() && knowledge) listing.problems.push({ file: e.name, line: 1, field: null, message: SYMLINK_MESSAGE });
  else if (e.isSymbolicLink()) listing.skipped.push({ name: e.name, reason: 'a symbolic link: not read' });
  else if (e.isDirectory()) listing.skipped.push({ name: `${e.name}/`, reason: 'a folder: files inside it are not loaded (articles must be directly in the knowledge folder)' });
  else if (!e.isFile()) listing.skipped.push({ name: e.name, reason: 'not a regular file: not read' });
  else if (knowledge) candidates.push(e.name);
  else if (!NOT_ARTICLES.has(e.name.toLowerCase())) listing.skipped.push({ name: e.name, reason: 'not a `.md` article or `places.yaml`: not loaded' });
}

/** Lists the folder: one `readdir`, and one `lstat` a file (from the inode cache, so a few microseconds each). */
export async function listKnowledgeFolder(dir: string): Promise<FolderListing> {
  const entries = await readdir(dir, { withFileTypes: true });
  const listing: FolderListing = { articles: [], gazetteer: null, problems: [], skipped: [] };
  const candidates: string[] = [];
  for (const e of entries) classify(e, listing, candidates);
  return signed(dir, listing, candidates);
}

/**
 * The listing after the entries `names` changed (the watcher says which), without looking at any
 * other entry: 10,000 `lstat` calls were most of a one-file reload. The rules are those of
 * `listKnowledgeFolder`, which a reload asked for by a moderator (or a watcher event without a
 * name) still uses, so anything a watcher missed is found then.
 */
export async function relistKnowledgeFolder(dir: string, previous: FolderListing, names: readonly string[]): Promise<FolderListing> {
  const changed = new Set(names);
  // The sorted list copied and the changed names taken out by bisection: no look at every entry.
  const articles = previous.articles.slice();
  for (const name of changed) {
    const at = lowerBound(articles, name, (a) => a.name);
    if (articles[at]?.name === name) articles.splice(at, 1);
  }
  const listing: FolderListing = {
    articles,
    gazetteer: changed.has(GAZETTEER_FILE) ? null : previous.gazetteer,
    problems: previous.problems.filter((p) => !changed.has(p.file)),
    skipped: previous.skipped.filter((s) => !changed.has(s.name.replace(/\/$/, ''))),
  };
  const candidates: string[] = [];
  for (const name of changed) {
    try {
      classify(Object.assign(await lstat(path.join(dir, name)), { name }), listing, candidates);
    } catch (error) {
      // Gone (deleted or renamed away): it simply is not listed.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return signed(dir, listing, candidates, true);
}

/** Adds the candidates' signatures to the listing and sorts it (`sorted`: it already is, so each is put in at its place). */
async function signed(dir: string, listing: FolderListing, candidates: string[], sorted = false): Promise<FolderListing> {
  // One lstat at a time, in slices: ten thousand at once come back in one burst that holds the loop for 100 ms and more.
  const stats: { name: string; sig: Signature }[] = [];
  const turn = slices();
  for (const name of candidates) {
    await turn();
    try {
      stats.push({ name, sig: signature(lstatSync(path.join(dir, name), { bigint: true })) });
    } catch (error) {
      // Vanished between listing and stat (an editor saving): the next change reloads it.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  for (const s of stats) {
    if (s.name === GAZETTEER_FILE) listing.gazetteer = s.sig;
    else if (sorted) listing.articles.splice(lowerBound(listing.articles, s.name, (a) => a.name), 0, s);
    else listing.articles.push(s);
  }
  if (!sorted) listing.articles.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  listing.skipped.sort((a, b) => (a.name < b.name ? -1 : 1));
  return listing;
}

/**
 * The folder's `places.yaml`, under the same rules as an article: a regular file of at most
 * `MAX_FILE_BYTES`. None at all is fine (places then come from the articles alone). A valid one is
 * kept in the extraction cache when given one, keyed by its bytes like an article: parsing a large
 * gazetteer's YAML holds the thread for 100 ms and more, in one piece.
 */
export async function readGazetteer(
  dir: string,
  cached: { cacheFile?: string | null | undefined; onWarning?: CacheFault | undefined } = {},
  /** How its text is parsed and validated: here (the CLI), or off the thread serving members (`gazetteer-off-thread.ts`). */
  load: (text: string) => GazetteerRead | Promise<GazetteerRead> = loadGazetteer,
): Promise<GazetteerRead> {
  const full = path.join(dir, GAZETTEER_FILE);
  const fail = (message: string) => ({ gazetteer: [], problems: [{ file: GAZETTEER_FILE, line: 1, field: null, message }] });
  let bytes: Buffer;
  try {
    const s = await lstat(full);
    if (s.isSymbolicLink()) return fail(SYMLINK_MESSAGE);
    if (!s.isFile()) return fail('is not a regular file, so it is not loaded');
    if (s.size > MAX_FILE_BYTES) return fail(tooLargeMessage(s.size));
    bytes = await readFile(full);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { gazetteer: [], problems: [] };
    return fail(`could not be read (${code ?? String(error)}); check the file's permissions`);
  }
  const cache = tryOpenCache(cached.cacheFile, cached.onWarning);
  try {
    const key = `${GAZETTEER_FILE}:${fileHash(bytes)}`;
    const hit = cache?.get(key);
    if (hit) return { gazetteer: JSON.parse(hit.value) as Gazetteer, problems: [] };
    const loaded = await load(bytes.toString('utf8'));
    if (loaded.problems.length === 0) cache?.put(key, asciiJson(loaded.gazetteer));
    return loaded;
  } finally {
    cache?.close();
  }
}
