import { parentPort, workerData } from 'node:worker_threads';
import { FLUSH_EVERY, tryOpenCache } from './extraction-cache.js';
import { readFileForWorker } from './file-records.js';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './worker-pool.js';

/**
 * A worker thread of `readFileRecords`: reads, validates and extracts the batches it is handed, and
 * hands each record back. One worker also writes the cache: its own records and those the main
 * thread passes on from the others. The main thread has already opened the cache once (and said so
 * if it could not), so a cache that fails here is only skipped: it costs extracting again, never a file.
 */

const cache = tryOpenCache((workerData as WorkerSetup).cacheFile);

parentPort!.on('message', (request: WorkerRequest) => {
  if ('finish' in request) {
    cache?.close();
    parentPort!.postMessage({ finished: true } satisfies WorkerReply);
    return;
  }
  if ('store' in request) {
    for (const [hash, json] of request.store) cache?.put(hash, json);
  } else {
    try {
      const records = request.files.map((f) => readFileForWorker(request.dir, f));
      for (const r of records) if (r && 'json' in r) cache?.put(r.hash, r.json);
      parentPort!.postMessage({ batch: request.batch, records } satisfies WorkerReply);
    } catch (error) {
      parentPort!.postMessage({ batch: request.batch, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies WorkerReply);
    }
  }
  if (cache && cache.pending() >= FLUSH_EVERY) cache.flush();
});
