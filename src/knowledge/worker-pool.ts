import { Worker } from 'node:worker_threads';
import type { FileToRead, ReadOptions } from './file-records.js';
import type { WorkerRecord } from './stored-record.js';

/** The worker threads of `readFileRecords`: batches handed out as each worker finishes one, two ahead. */

/** Files per message between a worker and this thread: small messages keep each hand-over to a millisecond or two. */
export const BATCH = 24;

/**
 * Batches each worker holds at once: the next waits in its queue, so it never idles while this
 * thread, busy with a slice of other work, has not yet answered its last reply (idle 14% of a
 * worker's time when it held one); two, not more, so no worker sits on files the other could take at the end.
 */
export const IN_FLIGHT = 2;

/** Messages from this thread to a worker (`file-records-worker.ts`): files to read, records to store (the writer only), and the end of the load (the writer only). */
export type WorkerRequest = { dir: string; batch: number; files: FileToRead[] } | { store: [hash: string, json: string][] } | { finish: true };
export type WorkerReply = { batch: number; records: WorkerRecord[] } | { batch: number; error: string } | { finished: true };

/** What a worker is told when it starts: the cache to write, for the one worker that writes it. */
export interface WorkerSetup {
  cacheFile: string | null;
}

const WORKER_URL = new URL('./file-records-worker.mjs', import.meta.url);

/**
 * Hands batches to `count` workers, `IN_FLIGHT` at a time, and stops them when all are done. Each
 * record is turned into what this thread keeps (`receive`) as its batch arrives, so that work is
 * spread over the load instead of held up at its end. The first worker is the cache's one writer:
 * the others' records are passed on to it (two connections writing one SQLite file waited on each
 * other's locks, 0.9 s of each worker's 15 s; this thread's own writes held the event loop for
 * 200 ms at a checkpoint). Since batches go to whichever worker is free, the writer simply reads
 * fewer files.
 */
export function readInWorkers<R>(dir: string, files: readonly FileToRead[], count: number, options: Pick<ReadOptions, 'cacheFile' | 'onWorker'>, receive: (r: WorkerRecord) => R): Promise<R[]> {
  const cacheFile = options.cacheFile ?? null;
  const batches: FileToRead[][] = [];
  for (let i = 0; i < files.length; i += BATCH) batches.push(files.slice(i, i + BATCH));
  const results: R[][] = new Array(batches.length);
  return new Promise((resolve, reject) => {
    const pool: Worker[] = [];
    let next = 0;
    let done = 0;
    let over = false;
    const stop = () => pool.forEach((w) => void w.terminate());
    const fail = (error: unknown) => {
      if (over) return;
      over = true;
      stop();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    const finish = () => {
      if (over) return;
      over = true;
      stop();
      resolve(results.flat());
    };
    const give = (w: Worker) => {
      if (next >= batches.length) return;
      const batch = next++;
      w.postMessage({ dir, batch, files: batches[batch]! } satisfies WorkerRequest);
    };
    for (let i = 0; i < count; i++) {
      const writer = i === 0 && cacheFile !== null;
      const w = new Worker(WORKER_URL, { workerData: { cacheFile: i === 0 ? cacheFile : null } satisfies WorkerSetup });
      pool.push(w);
      w.on('message', (reply: WorkerReply) => {
        if ('finished' in reply) return finish();
        if ('error' in reply) return fail(new Error(reply.error));
        results[reply.batch] = reply.records.map(receive);
        if (cacheFile !== null && !writer) {
          const store = reply.records.flatMap((r) => (r && 'json' in r ? [[r.hash, r.json] as [string, string]] : []));
          if (store.length > 0) pool[0]!.postMessage({ store } satisfies WorkerRequest);
        }
        if (++done < batches.length) return give(w);
        // Every file is read: the writer stores what it still holds, then all stop.
        if (cacheFile === null) finish();
        else pool[0]!.postMessage({ finish: true } satisfies WorkerRequest);
      });
      w.on('error', fail);
      w.on('exit', (code) => {
        // After every file was read, a worker gone costs at most the records the writer had not stored.
        if (done < batches.length) fail(new Error(`a knowledge worker stopped (exit code ${code})`));
        else if (writer) finish();
      });
      options.onWorker?.(w, i);
      for (let k = 0; k < IN_FLIGHT; k++) give(w);
    }
  });
}
