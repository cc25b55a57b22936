import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { runScript } from './process.js';

/** Pids of the processes whose environment holds `MARK=mark` (Linux /proc), the test's own child and anything it started. */
function processesWith(mark: string): number[] {
  const needle = `CUTSBOT_TEST_MARK=${mark}`;
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(needle);
      } catch {
        return false; // gone, or not ours to read
      }
    })
    .map(Number);
}

describe.skipIf(process.platform !== 'linux')('a script the tests run as its own process', () => {
  it('is gone after SIGKILL: no process of it outlives the test', async () => {
    const mark = randomUUID();
    const child = runScript('test/e2e/idle-child.ts', { CUTSBOT_TEST_MARK: mark });
    await child.waitFor('up');
    expect(processesWith(mark).length).toBeGreaterThan(0);
    child.kill('SIGKILL');
    await child.exited;
    await sleep(300);
    expect(processesWith(mark)).toEqual([]);
  });
});
