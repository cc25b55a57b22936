import { randomBytes } from 'node:crypto';
import { link, lstat, mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * The only writes the bot makes to the knowledge folder. Names are checked to be plain file names,
 * so nothing a moderator types or uploads can reach outside the folder.
 */

export const TRASH_DIR = '.trash';

function plainName(name: string): string {
  if (name !== path.basename(name) || name.startsWith('.') || name.includes('\\') || name.includes('\0')) {
    throw new Error(`"${name}" is not a plain file name`);
  }
  return name;
}

export async function fileExists(dir: string, name: string): Promise<boolean> {
  try {
    await lstat(path.join(dir, plainName(name)));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/**
 * Writes a temp file in the folder and renames it over the target: the watcher and any reader see
 * the old file or the new one, never half of one. The temp name starts with a dot, so it is ignored.
 */
export async function writeFileAtomically(dir: string, name: string, bytes: Uint8Array): Promise<void> {
  const target = path.join(dir, plainName(name));
  const temp = await writeTemp(dir, bytes);
  try {
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * As `writeFileAtomically`, but never over an existing file: the whole file appears under its name
 * or nothing does, and a file someone put there in the meantime is kept. Returns false then.
 */
export async function writeNewFileAtomically(dir: string, name: string, bytes: Uint8Array): Promise<boolean> {
  const target = path.join(dir, plainName(name));
  const temp = await writeTemp(dir, bytes);
  try {
    // link() fails with EEXIST instead of replacing, which rename() cannot do.
    await link(temp, target);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(temp, { force: true });
  }
}

async function writeTemp(dir: string, bytes: Uint8Array): Promise<string> {
  const temp = path.join(dir, `.upload-${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return temp;
}

/** Moves a file into `.trash/` (never deletes it) and returns its path there, relative to the folder. */
export async function moveToTrash(dir: string, name: string, now = new Date()): Promise<string> {
  const source = path.join(dir, plainName(name));
  await mkdir(path.join(dir, TRASH_DIR), { recursive: true });
  let trashed = path.join(TRASH_DIR, name);
  if (await exists(path.join(dir, trashed))) {
    // An earlier removal of the same file name is kept too.
    const stamp = now.toISOString().replace(/[:.]/g, '-');
    trashed = path.join(TRASH_DIR, `${path.parse(name).name}.${stamp}${path.extname(name)}`);
  }
  await rename(source, path.join(dir, trashed));
  return trashed;
}

async function exists(full: string): Promise<boolean> {
  try {
    await lstat(full);
    return true;
  } catch {
    return false;
  }
}
