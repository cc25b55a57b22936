import { parentPort, workerData } from 'node:worker_threads';
import { loadGazetteer } from './gazetteer.js';

/** A worker thread of `loadGazetteerOffThread`: parses and validates one `places.yaml` text and hands back the result. */
parentPort!.postMessage(loadGazetteer(workerData as string));
