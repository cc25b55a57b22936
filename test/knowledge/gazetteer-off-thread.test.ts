import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGazetteer } from '../../src/knowledge/folder.js';
import { loadGazetteer } from '../../src/knowledge/gazetteer.js';
import { loadGazetteerOffThread } from '../../src/knowledge/gazetteer-off-thread.js';

/**
 * A large `places.yaml` read while members are served: the same entries and the same problems, at
 * the same lines, as reading it here, without holding the event loop for the parse (at 61 KB it
 * held it 300 ms and more in one piece, the longest hold of a cold load).
 */

let tmp: string;

/** About 240 KB of places, just under the file size limit; `broken` empties the last council's name. */
function places(broken = false): string {
  const lines: string[] = [];
  for (let i = 1; i <= 1_400; i++) {
    lines.push(`- name: Area ${i}`, `  council: ${broken && i === 1_400 ? "''" : `Area ${i} Council`}`, `  aliases: [Ar ${i}]`);
    lines.push(`  towns: [${Array.from({ length: 8 }, (_, k) => `Town ${i} ${String.fromCharCode(97 + k)}`).join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}

/** The longest the event loop went without a turn while `work` ran (a 1 ms timer). */
async function longestHold(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  await new Promise((resolve) => setTimeout(resolve, 5));
  last = performance.now();
  await work();
  clearInterval(timer);
  return Math.max(longest, performance.now() - last);
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'cutsbot-places-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('a large places.yaml', () => {
  it('gives the same entries and the same problems, at the same lines, as reading it here', async () => {
    for (const text of [places(), places(true)]) {
      expect(text.length).toBeGreaterThan(200_000);
      expect(await loadGazetteerOffThread(text)).toEqual(loadGazetteer(text));
    }
    const broken = await loadGazetteerOffThread(places(true));
    expect(broken.problems).toEqual([expect.objectContaining({ file: 'places.yaml', line: 4 * 1_399 + 2, field: '1399.council', message: 'must not be empty' })]);
  });

  it('is read without holding the event loop for the parse', async () => {
    const dir = path.join(tmp, 'kb');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'places.yaml'), places());
    // Once first, so the worker's modules are compiled (tsx keeps them) and the comparison is of the parse.
    await readGazetteer(dir, {}, loadGazetteerOffThread);
    let here: Awaited<ReturnType<typeof readGazetteer>> | undefined;
    let off: typeof here;
    const heldHere = await longestHold(async () => (here = await readGazetteer(dir, {}, loadGazetteer)));
    const heldOff = await longestHold(async () => (off = await readGazetteer(dir, {}, loadGazetteerOffThread)));
    expect(off).toEqual(here);
    expect(off!.gazetteer).toHaveLength(1_400);
    // Parsing here holds the loop for the whole parse; off the thread only the hand-back remains.
    expect(heldHere).toBeGreaterThan(60);
    expect(heldOff).toBeLessThan(heldHere / 3);
  });
});
