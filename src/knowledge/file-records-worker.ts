import { parentPort } from 'node:worker_threads';
import { tryOpenCache, type ExtractionCache } from './extraction-cache.js';
import { readFileForWorker } from './file-records.js';
import type { WorkerReply, WorkerRequest } from './worker-pool.js';

/**
 * A worker thread of `readFileRecords`: reads, validates and extracts the batches it is handed. The
 * main thread has already opened the cache once (and said so if it could not), so a cache that fails
 * here is only skipped: it costs extracting again, never a file.
 */

let cache: ExtractionCache | null | undefined;

parentPort!.on('message', (request: WorkerRequest) => {
  void (async () => {
    try {
      cache ??= tryOpenCache(request.cacheFile);
      const records = [];
      for (const f of request.files) records.push(await readFileForWorker(request.dir, f, cache));
      // A cache that fails here stops itself: the main thread has said so if it failed there too.
      cache?.flush();
      parentPort!.postMessage({ batch: request.batch, records } satisfies WorkerReply);
    } catch (error) {
      parentPort!.postMessage({ batch: request.batch, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies WorkerReply);
    }
  })();
});
