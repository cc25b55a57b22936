import { Worker } from 'node:worker_threads';
import { loadGazetteer, type GazetteerRead } from './gazetteer.js';

/**
 * `loadGazetteer` for the thread serving members: a large `places.yaml` is parsed and validated in a
 * worker thread. At 61 KB (the generated 10,000-article folder's) the YAML parse and zod held the
 * event loop for 300 ms in one piece, the longest hold of a cold load; a small one is parsed here.
 */

/** Below this many characters a parse here takes well under the 50 ms a member could notice. */
const OFF_THREAD_FROM = 16_384;

const WORKER_URL = new URL('./gazetteer-worker.mjs', import.meta.url);

export async function loadGazetteerOffThread(text: string): Promise<GazetteerRead> {
  if (text.length < OFF_THREAD_FROM) return loadGazetteer(text);
  try {
    return await new Promise((resolve, reject) => {
      const w = new Worker(WORKER_URL, { workerData: text });
      w.once('message', (result: GazetteerRead) => {
        resolve(result);
        void w.terminate();
      });
      w.once('error', reject);
      w.once('exit', (code) => reject(new Error(`the gazetteer worker stopped (exit code ${code})`)));
    });
  } catch {
    // A worker that cannot start costs only the pause it was there to avoid.
    return loadGazetteer(text);
  }
}
