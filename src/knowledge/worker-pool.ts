import { Worker } from 'node:worker_threads';
import type { FileToRead } from './file-records.js';
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

/** Messages between this thread and a worker (`file-records-worker.ts`). */
export interface WorkerRequest {
  dir: string;
  batch: number;
  files: FileToRead[];
}
export type WorkerReply = { batch: number; records: WorkerRecord[] } | { batch: number; error: string };

const WORKER_URL = new URL('./file-records-worker.mjs', import.meta.url);

/**
 * Hands batches to `count` workers as each finishes its last, and stops them when all are done.
 * Each record is turned into what this thread keeps (`receive`) as its batch arrives, so that work
 * is spread over the load instead of held up at its end.
 */
export function readInWorkers<R>(dir: string, files: readonly FileToRead[], count: number, receive: (r: WorkerRecord) => R): Promise<R[]> {
  const batches: FileToRead[][] = [];
  for (let i = 0; i < files.length; i += BATCH) batches.push(files.slice(i, i + BATCH));
  const results: R[][] = new Array(batches.length);
  return new Promise((resolve, reject) => {
    const pool: Worker[] = [];
    let next = 0;
    let done = 0;
    let failed = false;
    const stop = () => pool.forEach((w) => void w.terminate());
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      stop();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    const give = (w: Worker) => {
      if (next >= batches.length) return;
      const batch = next++;
      w.postMessage({ dir, batch, files: batches[batch]! } satisfies WorkerRequest);
    };
    for (let i = 0; i < count; i++) {
      const w = new Worker(WORKER_URL);
      pool.push(w);
      w.on('message', (reply: WorkerReply) => {
        if ('error' in reply) return fail(new Error(reply.error));
        results[reply.batch] = reply.records.map(receive);
        if (++done === batches.length) {
          stop();
          resolve(results.flat());
        } else give(w);
      });
      w.on('error', fail);
      w.on('exit', (code) => {
        if (done < batches.length) fail(new Error(`a knowledge worker stopped (exit code ${code})`));
      });
      for (let k = 0; k < IN_FLIGHT; k++) give(w);
    }
  });
}
