import { lstatSync, readFileSync, type Stats } from 'node:fs';
import { lstat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { SYMLINK_MESSAGE } from './folder.js';
import { MAX_FILE_BYTES, tooLargeMessage } from './limits.js';
import { splitParagraphs } from './paragraphs.js';
import type { Problem } from './problems.js';
import { FrontMatter, type Article } from './schema.js';
import { validateYaml } from './validate-yaml.js';
import { fileHash } from './file-hash.js';

/** One knowledge file: reading it, and parsing and validating its text. Never throws for the file's own faults. */

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

/** One article file as read: its article when valid, its problems, and the line of its `id` field. */
export interface FileResult {
  file: string;
  article: Article | null;
  problems: Problem[];
  idLine: number;
  /** SHA-256 of the file's bytes ('' when it could not be read): what the extraction cache is keyed by. */
  hash: string;
}

/** The line of the `id:` field, for duplicate-id messages: a search that stops at the field, not a split of the file. */
function lineOfId(bytes: Uint8Array): number {
  const text = Buffer.from(bytes).toString('utf8');
  const at = text.search(/^id\s*:/m);
  return at < 0 ? 1 : text.slice(0, at).split('\n').length;
}

/** One file, or null when it vanished between listing and reading (an editor saving; the next change reloads it). */
export async function readArticleFile(dir: string, file: string): Promise<FileResult | null> {
  const full = path.join(dir, file);
  try {
    const s = await lstat(full);
    return s.isSymbolicLink() || s.size > MAX_FILE_BYTES ? refused(file, s) : fromBytes(file, await readFile(full));
  } catch (error) {
    return unreadable(file, error);
  }
}

/**
 * `readArticleFile` for a worker thread, which serves no one: synchronous calls there cost a tenth
 * of the promise-based ones (the awaited `lstat` alone was 0.9 s of a worker's 15 s at 4,000 files).
 */
export function readArticleFileSync(dir: string, file: string): FileResult | null {
  const full = path.join(dir, file);
  try {
    const s = lstatSync(full);
    return s.isSymbolicLink() || s.size > MAX_FILE_BYTES ? refused(file, s) : fromBytes(file, readFileSync(full));
  } catch (error) {
    return unreadable(file, error);
  }
}

const failed = (file: string, message: string): FileResult => ({ file, article: null, problems: [{ file, line: 1, field: null, message }], idLine: 1, hash: '' });

const refused = (file: string, s: Stats) => failed(file, s.isSymbolicLink() ? SYMLINK_MESSAGE : tooLargeMessage(s.size));

/** A file from bytes this thread already read as a regular file within the size limit (and hashed, when `hash` is given). */
export function fromBytes(file: string, bytes: Buffer, hash = fileHash(bytes)): FileResult {
  const parsed = parseKnowledgeText(bytes, file);
  return { file, article: parsed.article, problems: parsed.problems, idLine: parsed.article ? lineOfId(bytes) : 1, hash };
}

function unreadable(file: string, error: unknown): FileResult | null {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return null;
  return failed(file, `could not be read (${code ?? String(error)}); check the file's permissions`);
}

export function duplicateIdProblem(r: FileResult, id: string, owner: string): Problem {
  return { file: r.file, line: r.idLine, field: 'id', message: `duplicate id "${id}": ${owner} already uses it, so this file is not loaded` };
}

