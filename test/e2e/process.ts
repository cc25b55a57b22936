import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = path.resolve(import.meta.dirname, '../..');
// node with tsx's loader, not the tsx command: that is a wrapper around a second node process, so a
// SIGKILL sent to it left the bot itself running after the test (two shards were found hours later).
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
// Run from an empty folder so a developer's own .env can never leak into a test; one per test
// process, so a database another run left in its data/ cannot leak in either.
const EMPTY = mkdtempSync(path.join(tmpdir(), 'cutsbot-empty-cwd-'));
// Readable by the unprivileged user some tests run the bot as (mkdtemp makes it owner-only).
chmodSync(EMPTY, 0o755);
process.once('exit', () => rmSync(EMPTY, { recursive: true, force: true }));

export interface Child {
  output: () => string;
  exited: Promise<number | null>;
  kill: (signal: NodeJS.Signals) => void;
  /** Resolves when the output contains `text`; rejects if the process ends first or after `ms`. */
  waitFor: (text: string | RegExp, ms?: number) => Promise<void>;
}

/** Runs one of the project's scripts under tsx in one process, with only the given environment. */
export function runScript(script: string, env: Record<string, string>, as: { uid?: number; gid?: number } = {}): Child {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, path.join(ROOT, script)], {
    ...as,
    cwd: EMPTY,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? EMPTY, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    out += chunk.toString();
    for (const l of listeners) l();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    output: () => out,
    exited,
    kill: (signal) => child.kill(signal),
    waitFor: (text, ms = 15_000) =>
      new Promise((resolve, reject) => {
        const matches = () => (typeof text === 'string' ? out.includes(text) : text.test(out));
        const done = () => {
          listeners.delete(check);
          clearTimeout(timer);
        };
        const check = () => {
          if (matches()) {
            done();
            resolve();
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`timed out waiting for ${String(text)}; output so far:\n${out}`));
        }, ms);
        listeners.add(check);
        void exited.then(() => {
          if (!matches()) {
            done();
            reject(new Error(`process exited before printing ${String(text)}:\n${out}`));
          }
        });
        check();
      }),
  };
}
