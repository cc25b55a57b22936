import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { FrontMatter, type Article } from './schema.js';
import { splitParagraphs } from './paragraphs.js';
import { buildKnowledgeBase } from './build.js';
import { loadGazetteer, GAZETTEER_FILE, type Gazetteer } from './gazetteer.js';
import type { KnowledgeBase } from './knowledge-base.js';
import type { Problem } from './problems.js';
import { validateYaml } from './validate-yaml.js';

export { formatProblem, type Problem } from './problems.js';

/** Files larger than this are refused: an article is a few KB, so a huge file is a mistake or an attack. */
export const MAX_FILE_BYTES = 256 * 1024;

/** Markdown files in the knowledge folder that are documentation, not articles. */
const NOT_ARTICLES = new Set(['readme.md']);

export type ParseResult = { article: Article; problems: [] } | { article: null; problems: Problem[] };

/** Parses and validates one knowledge file's text. Never throws: every fault becomes a Problem. */
export function parseKnowledgeFile(text: string, file: string): ParseResult {
  const fail = (line: number, field: string | null, message: string): ParseResult => ({
    article: null,
    problems: [{ file, line, field, message }],
  });
  if (text.includes('\u0000')) return fail(1, null, 'is binary, not a text file');
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== '---') {
    return fail(1, null, 'must start with a line `---` that opens the YAML front matter');
  }
  const close = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  if (close < 0) return fail(1, null, 'the front matter opened on line 1 is never closed with a line `---`');

  const front = validateYaml(lines.slice(1, close).join('\n'), FrontMatter, file, 2);
  const problems: Problem[] = [...front.problems];
  const bodyFirstLine = close + 2;
  const paragraphs = splitParagraphs(lines.slice(close + 1).join('\n'), bodyFirstLine);
  if (!paragraphs.some((p) => !p.caption)) {
    problems.push({ file, line: bodyFirstLine, field: null, message: 'the article body is empty: add the article text after the closing `---`' });
  }
  if (!front.data || problems.length > 0) return { article: null, problems };
  const lineOf = front.lineOf;
  const corrections = front.data.corrections.map((c, i) => ({ ...c, line: lineOf(['corrections', i]) }));
  return { article: { ...front.data, corrections, file, paragraphs }, problems: [] };
}

export interface LoadResult {
  kb: KnowledgeBase;
  problems: Problem[];
}

/** One article file as read: its article when valid, its problems, and the line of its `id` field. */
export interface FileResult {
  file: string;
  article: Article | null;
  problems: Problem[];
  idLine: number;
}

const READ_AHEAD = 32;

/** The line of the `id:` field, for duplicate-id messages: a search that stops at the field, not a split of the file. */
function lineOfId(bytes: Uint8Array): number {
  const text = Buffer.from(bytes).toString('utf8');
  const at = text.search(/^id\s*:/m);
  return at < 0 ? 1 : text.slice(0, at).split('\n').length;
}

/** One file, or null when it vanished between listing and reading (an editor saving; the next change reloads it). */
async function readArticleFile(dir: string, file: string): Promise<FileResult | null> {
  const fail = (message: string): FileResult => ({ file, article: null, problems: [{ file, line: 1, field: null, message }], idLine: 1 });
  const full = path.join(dir, file);
  try {
    const size = (await stat(full)).size;
    if (size > MAX_FILE_BYTES) return fail(`is ${Math.round(size / 1024)} KB; a knowledge file may be at most ${MAX_FILE_BYTES / 1024} KB`);
    const bytes = await readFile(full);
    const parsed = parseKnowledgeText(bytes, file);
    return { file, article: parsed.article, problems: parsed.problems, idLine: parsed.article ? lineOfId(bytes) : 1 };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    return fail(`could not be read (${code ?? String(error)}); check the file's permissions`);
  }
}

/**
 * Reads and validates every article file in a folder, each on its own: one bad or unreadable file
 * never stops the others. Duplicate ids are left to the caller, which knows who should win.
 */
export async function readArticleFiles(dir: string): Promise<FileResult[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.md') && !e.name.startsWith('.') && !NOT_ARTICLES.has(e.name.toLowerCase()))
    .map((e) => e.name)
    .sort();
  // Reading a few dozen files at once keeps the disk busy while the CPU parses; results stay in name order.
  const results: FileResult[] = [];
  for (let i = 0; i < names.length; i += READ_AHEAD) {
    const batch = await Promise.all(names.slice(i, i + READ_AHEAD).map((file) => readArticleFile(dir, file)));
    for (const r of batch) if (r) results.push(r);
  }
  return results;
}

export function duplicateIdProblem(r: FileResult, id: string, owner: string): Problem {
  return { file: r.file, line: r.idLine, field: 'id', message: `duplicate id "${id}": ${owner} already uses it, so this file is not loaded` };
}

/**
 * Reads every article in a knowledge folder. One bad file never hides the good ones: the caller gets
 * the good set plus the list of problems. Of two files with one id, the first by name wins.
 */
export async function loadArticles(dir: string): Promise<{ articles: Article[]; problems: Problem[] }> {
  const problems: Problem[] = [];
  const articles: Article[] = [];
  const seen = new Map<string, string>();
  for (const r of await readArticleFiles(dir)) {
    problems.push(...r.problems);
    if (!r.article) continue;
    const first = seen.get(r.article.id);
    if (first) {
      problems.push(duplicateIdProblem(r, r.article.id, first));
      continue;
    }
    seen.set(r.article.id, r.file);
    articles.push(r.article);
  }
  return { articles, problems };
}

/** Decodes bytes strictly as UTF-8 before parsing, so a file saved in another encoding is named, not garbled. */
export function parseKnowledgeText(bytes: Uint8Array, file: string): ParseResult {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { article: null, problems: [{ file, line: 1, field: null, message: 'is not valid UTF-8 text (save it as UTF-8)' }] };
  }
  return parseKnowledgeFile(text, file);
}

/** Loads the folder's articles and gazetteer and builds the knowledge base with its indexes. */
export async function loadKnowledgeBase(dir: string): Promise<LoadResult> {
  const [{ articles, problems }, gazetteer] = await Promise.all([loadArticles(dir), readGazetteer(dir)]);
  problems.push(...gazetteer.problems);
  const kb = buildKnowledgeBase(articles, gazetteer.gazetteer);
  return { kb, problems: [...problems, ...kb.problems] };
}

/** The folder's `places.yaml`; none at all is fine (places then come from the articles alone). */
export async function readGazetteer(dir: string): Promise<{ gazetteer: Gazetteer; problems: Problem[] }> {
  let text: string;
  try {
    text = await readFile(path.join(dir, GAZETTEER_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { gazetteer: [], problems: [] };
    throw error;
  }
  return loadGazetteer(text);
}
