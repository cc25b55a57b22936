import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listKnowledgeFolder } from '../../src/knowledge/folder.js';
import { BATCH, readInWorkers } from '../../src/knowledge/worker-pool.js';
import { generateKnowledgeBase, type GeneratedKnowledgeBase } from '../bench/generate.js';

/**
 * The hand-over between this thread and the workers of a cold load: each worker already holds its
 * next batch when it finishes one, so it never waits for this thread (busy with a slice of other
 * work) to answer; and every file comes back once, in order.
 */

let tmp: string;
let gen: GeneratedKnowledgeBase;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'cutsbot-pool-'));
  gen = await generateKnowledgeBase(path.join(tmp, 'kb'), { articles: 6 * BATCH, seed: 11 });
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('the worker pool', () => {
  it('has the next batch already queued at each worker when it finishes one, while this thread is held up', async () => {
    const files = (await listKnowledgeFolder(gen.dir)).articles;
    const queued: number[] = [];
    const records = await readInWorkers(gen.dir, files, 2, {
      cacheFile: null,
      onWorker: (w) => {
        let sent = 0;
        let replied = 0;
        const post = w.postMessage.bind(w);
        w.postMessage = (message: unknown) => {
          sent++;
          post(message);
        };
        // Before the pool's own listener: how many batches the worker held when this reply came.
        w.prependListener('message', () => {
          queued.push(sent - replied);
          replied++;
        });
      },
    }, (r) => {
      // This thread busy, as it is with a slice of index building: the workers must go on meanwhile.
      const until = performance.now() + 20;
      while (performance.now() < until);
      return r && 'file' in r ? r.file : null;
    });
    expect(records).toEqual(files.map((f) => f.name));
    // Every reply but each worker's last came with another batch already in the worker's queue.
    expect(queued.filter((n) => n >= 2).length).toBeGreaterThanOrEqual(files.length / BATCH - 2);
  });
});
