import { parentPort } from 'node:worker_threads';
import { readFileForWorker } from './file-records.js';
import type { WorkerReply, WorkerRequest } from './worker-pool.js';

/**
 * A worker thread of `readFileRecords`: reads, validates and extracts the batches it is handed, and
 * hands each record back; the main thread stores them in the cache.
 */

parentPort!.on('message', (request: WorkerRequest) => {
  try {
    const records = request.files.map((f) => readFileForWorker(request.dir, f));
    parentPort!.postMessage({ batch: request.batch, records } satisfies WorkerReply);
  } catch (error) {
    parentPort!.postMessage({ batch: request.batch, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies WorkerReply);
  }
});
