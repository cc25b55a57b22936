import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dbFileIn, openStore } from '../../src/reminders/store.js';
import { startEmulator, type Emulator } from './emulator.js';
import { ROOT, runScript } from './process.js';

/**
 * `npm start` (tsx src/main.ts) as a child process with a bad reminders database in DATA_DIR: a
 * corrupt file, a file it may not write, a file another process has locked. Each stops the start
 * with one line naming DATA_DIR and the file and saying what to do, never a stack trace.
 */

let emulator: Emulator;
let dir = '';
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.close();
});
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});

const env = (dataDir: string) => ({
  DISCORD_TOKEN: emulator.token,
  DISCORD_APPLICATION_ID: emulator.applicationId,
  DISCORD_API_BASE: emulator.apiBase,
  KNOWLEDGE_DIR: path.join(ROOT, 'knowledge'),
  DATA_DIR: dataDir,
});

function expectOneLine(output: string, file: string, dataDir: string, what: RegExp): void {
  const lines = output.split('\n').filter((l) => l.includes(file));
  expect(lines, output).toHaveLength(1);
  expect(lines[0]).toContain(`DATA_DIR="${dataDir}"`);
  expect(lines[0]).toMatch(what);
  expect(output, output).not.toMatch(/^\s+at /m);
  expect(output).not.toContain('SqliteError');
}

describe('npm start with a bad reminders database', () => {
  it('a corrupt file: exits 1 with one line saying to restore a backup or move it aside', { timeout: 30_000 }, async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cutsbot-corrupt-'));
    writeFileSync(dbFileIn(dir), 'these are not the pages of a SQLite database\n'.repeat(200));
    const child = runScript('src/main.ts', env(dir));
    expect(await child.exited).toBe(1);
    expectOneLine(child.output(), dbFileIn(dir), dir, /not a readable SQLite database; restore a backup, or move it aside/);
    expect(emulator.sessions()).toBe(0);
  });

  it('a file it may not write: exits 1 with one line about write access', { timeout: 30_000 }, async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cutsbot-readonly-'));
    openStore({ file: dbFileIn(dir) }).close();
    // Root may write anything, so as root the bot runs as nobody; otherwise the modes do it.
    const asRoot = process.getuid?.() === 0;
    chmodSync(dbFileIn(dir), 0o444);
    chmodSync(dir, 0o555);
    try {
      const child = runScript('src/main.ts', env(dir), asRoot ? { uid: 65534, gid: 65534 } : {});
      expect(await child.exited).toBe(1);
      expectOneLine(child.output(), dbFileIn(dir), dir, /cannot be written; give the bot's user write access/);
    } finally {
      chmodSync(dir, 0o755);
    }
  });

  it('a file another process has locked: exits 1 with one line naming the lock', { timeout: 30_000 }, async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cutsbot-locked-'));
    const holder = openStore({ file: dbFileIn(dir) });
    holder.db.exec('BEGIN IMMEDIATE');
    holder.db.exec("INSERT INTO guild_settings VALUES ('1', 'UTC', NULL, NULL, 1)");
    try {
      const child = runScript('src/main.ts', env(dir));
      expect(await child.exited).toBe(1);
      expectOneLine(child.output(), dbFileIn(dir), dir, /another process holds a lock on it/);
    } finally {
      holder.db.exec('ROLLBACK');
      holder.close();
    }
  });
});
