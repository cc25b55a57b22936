import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomically } from '../knowledge-files.js';

/**
 * Drafts waiting for a moderator's Save (`/kb upload` of a `.txt`). A draft is too big for a button's
 * custom_id, so it waits in the knowledge folder's hidden `.drafts/` folder (the loader skips dot
 * folders, so a draft is never served), named by its content hash, which the button carries. The
 * name is the hash, so a draft read back is exactly the one the moderator was shown.
 */

export const DRAFTS_DIR = '.drafts';
/** A draft not saved or discarded within a week is stale: the text it came from may have been fixed since. */
export const DRAFT_TTL_MS = 7 * 24 * 3_600_000;
/** Hex digits of the sha256 kept: 96 bits, far beyond any chance of two drafts colliding. */
const KEY_LENGTH = 24;
const KEY = new RegExp(`^[0-9a-f]{${KEY_LENGTH}}$`);

export const draftKey = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, KEY_LENGTH);
export const isDraftKey = (key: string) => KEY.test(key);
const draftsDir = (dir: string) => path.join(dir, DRAFTS_DIR);

/** Keeps the draft and returns its key; the same draft twice is one file. */
export async function keepDraft(dir: string, text: string): Promise<string> {
  const key = draftKey(text);
  await mkdir(draftsDir(dir), { recursive: true });
  await writeFileAtomically(draftsDir(dir), `${key}.md`, Buffer.from(text));
  return key;
}

export type KeptDraft = { ok: true; text: string } | { ok: false; reason: 'missing' | 'expired' };

/** The draft under `key`; an expired one is removed and reported as such. */
export async function readDraft(dir: string, key: string, now = Date.now()): Promise<KeptDraft> {
  if (!isDraftKey(key)) return { ok: false, reason: 'missing' };
  const file = path.join(draftsDir(dir), `${key}.md`);
  try {
    if (now - (await stat(file)).mtimeMs > DRAFT_TTL_MS) {
      await rm(file, { force: true });
      return { ok: false, reason: 'expired' };
    }
    const text = await readFile(file, 'utf8');
    // Edited on disk after it was shown: not the draft the moderator approved.
    return draftKey(text) === key ? { ok: true, text } : { ok: false, reason: 'missing' };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, reason: 'missing' };
    throw error;
  }
}

export async function dropDraft(dir: string, key: string): Promise<void> {
  if (isDraftKey(key)) await rm(path.join(draftsDir(dir), `${key}.md`), { force: true });
}

/** Removes drafts older than the TTL, so abandoned uploads do not pile up. */
export async function pruneDrafts(dir: string, now = Date.now()): Promise<void> {
  let names: string[];
  try {
    names = await readdir(draftsDir(dir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  for (const name of names) {
    const key = name.replace(/\.md$/, '');
    if (!isDraftKey(key)) continue;
    const file = path.join(draftsDir(dir), name);
    const s = await stat(file).catch(() => null);
    if (s && now - s.mtimeMs > DRAFT_TTL_MS) await rm(file, { force: true });
  }
}
