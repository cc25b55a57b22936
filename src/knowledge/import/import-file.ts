import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadKnowledgeBase, MAX_FILE_BYTES } from '../loader.js';
import { draftArticle, type Draft } from './draft.js';
import { readPlainText } from './plain-text.js';

export type ImportResult = { ok: true; draft: Draft; written: string } | { ok: false; message: string; found: string[] };

/**
 * Drafts a knowledge file from a plain-text article and writes it to `outDir` as `<id>.md`, never
 * over an existing file or id. The folder's own `places.yaml` and articles are read first, so its
 * nicknames count and its ids are known.
 */
export async function importArticle(file: string, outDir: string, opts: { council?: string } = {}): Promise<ImportResult> {
  const fail = (message: string): ImportResult => ({ ok: false, message, found: [] });
  const name = path.basename(file);
  let bytes: Buffer;
  try {
    const size = (await stat(file)).size;
    if (size > MAX_FILE_BYTES) return fail(`${name}: is ${Math.round(size / 1024)} KB; an article may be at most ${MAX_FILE_BYTES / 1024} KB`);
    bytes = await readFile(file);
  } catch (e) {
    return fail(`${name}: cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  const plain = readPlainText(bytes, name);
  if (!plain.ok) return fail(plain.message);
  const text = plain.text;
  try {
    if (!(await stat(outDir)).isDirectory()) return fail(`${outDir}: is not a folder`);
  } catch {
    return fail(`${outDir}: no such folder (create it, or give another with --out)`);
  }
  const { kb } = await loadKnowledgeBase(outDir);
  const result = draftArticle(kb, text, name, opts);
  if (!result.ok) return result;
  const { draft } = result;
  const target = path.join(outDir, `${draft.id}.md`);
  if (kb.byId.has(draft.id)) return { ok: false, message: `id "${draft.id}" is already used by ${kb.byId.get(draft.id)!.file} in ${outDir}; nothing was written`, found: draft.found };
  try {
    // 'wx': refuse, atomically, to replace a file that appeared in the meantime (or a broken one with that name).
    await writeFile(target, draft.text, { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return { ok: false, message: `${target} already exists; nothing was written`, found: draft.found };
    throw e;
  }
  return { ok: true, draft, written: target };
}
