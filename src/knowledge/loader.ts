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
  return { article: { ...front.data, file, paragraphs }, problems: [] };
}

export interface LoadResult {
  kb: KnowledgeBase;
  problems: Problem[];
}

/**
 * Reads every article in a knowledge folder. One bad file never hides the good ones: the caller gets
 * the good set plus the list of problems.
 */
export async function loadArticles(dir: string): Promise<{ articles: Article[]; problems: Problem[] }> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.md') && !e.name.startsWith('.') && !NOT_ARTICLES.has(e.name.toLowerCase()))
    .map((e) => e.name)
    .sort();
  const problems: Problem[] = [];
  const articles: Article[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const full = path.join(dir, name);
    const size = (await stat(full)).size;
    if (size > MAX_FILE_BYTES) {
      problems.push({ file: name, line: 1, field: null, message: `is ${Math.round(size / 1024)} KB; a knowledge file may be at most ${MAX_FILE_BYTES / 1024} KB` });
      continue;
    }
    const bytes = await readFile(full);
    const result = parseKnowledgeText(bytes, name);
    problems.push(...result.problems);
    if (!result.article) continue;
    const first = seen.get(result.article.id);
    if (first) {
      const idLine = Buffer.from(bytes).toString('utf8').split(/\r?\n/).findIndex((l) => /^id\s*:/.test(l)) + 1;
      problems.push({ file: name, line: idLine || 1, field: 'id', message: `duplicate id "${result.article.id}": ${first} already uses it, so this file is not loaded` });
      continue;
    }
    seen.set(result.article.id, name);
    articles.push(result.article);
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
  return { kb: buildKnowledgeBase(articles, gazetteer.gazetteer), problems };
}

async function readGazetteer(dir: string): Promise<{ gazetteer: Gazetteer; problems: Problem[] }> {
  let text: string;
  try {
    text = await readFile(path.join(dir, GAZETTEER_FILE), 'utf8');
  } catch {
    return { gazetteer: [], problems: [] };
  }
  return loadGazetteer(text);
}
