import { appendFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { searchAnswer } from '../../src/answers/index.js';
import { tryOpenCache } from '../../src/knowledge/extraction-cache.js';
import { reloadKnowledge, type Reloaded, type ReloadOptions } from '../../src/knowledge/reload.js';
import { warmUpReading } from '../../src/knowledge/warm-up.js';

/**
 * The serving figures of `npm run bench`: how long a load or reload takes, how long it held the
 * event loop at most (what a member's command would wait), and memory. A member's command is
 * answered between two slices of a reload; the longest gap between slices is the event loop's
 * maximum delay, measured with `perf_hooks.monitorEventLoopDelay` at 1 ms resolution.
 */

export interface Phase {
  ms: number;
  /** Longest the event loop was held during the phase. */
  maxLoopDelayMs: number;
  /** Highest RSS sampled during the phase (every 10 ms, which needs the loop to be free: it is the point). */
  peakRssMb: number;
  filesRead: number;
  extracted: number;
}

const mb = (bytes: number) => bytes / 1024 / 1024;

/** Runs `work`, watching the event loop and sampling RSS meanwhile. */
export async function phase(work: () => Promise<Reloaded>): Promise<{ result: Reloaded; phase: Phase }> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  delay.enable();
  const t = performance.now();
  const result = await work();
  const ms = performance.now() - t;
  // One more turn of the loop, so a block at the very end of the work is recorded too.
  await new Promise((resolve) => setTimeout(resolve, 5));
  delay.disable();
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss());
  return { result, phase: { ms, maxLoopDelayMs: delay.max / 1e6, peakRssMb: mb(peak), filesRead: result.read.files, extracted: result.read.extracted } };
}

export interface ServingResult {
  oneFile: Phase & { servedNewAnswer: boolean; rebuilt: boolean };
  full: Phase & { rebuilt: boolean };
}

/** After a load: one file edited and reloaded (its new text must be searchable), then a full reload. */
export async function measureReloads(dir: string, loaded: Reloaded, options: ReloadOptions): Promise<ServingResult> {
  const file = loaded.articles[Math.floor(loaded.articles.length / 2)]!.file;
  const marker = 'zyxwvutsrq';
  const before = await readFile(path.join(dir, file), 'utf8');
  await appendFile(path.join(dir, file), `\nA paragraph added by the benchmark mentions ${marker} once.\n`);
  // What the watcher does when a moderator saves one file: it knows the name, so only that entry is looked at, and it keeps the cache open.
  const heldCache = tryOpenCache(options.cacheFile, options.onWarning);
  // As the watcher does when it starts, before any moderator has saved a file.
  await warmUpReading(dir, loaded.articles, () => heldCache);
  const one = await phase(() => reloadKnowledge(dir, loaded, { ...options, names: [file], heldCache }));
  heldCache?.close();
  const servedNewAnswer = searchAnswer(one.result.kb, { query: marker }).kind === 'search';
  await writeFile(path.join(dir, file), before);
  const full = await phase(() => reloadKnowledge(dir, one.result, { ...options, full: true }));
  return { oneFile: { ...one.phase, servedNewAnswer, rebuilt: one.result.rebuilt }, full: { ...full.phase, rebuilt: full.result.rebuilt } };
}

// `tsx test/bench/serving.ts <dir> <cache file>`: the serving figures for a folder, by hand.
if (process.argv[1]?.endsWith('serving.ts')) {
  const [dir, cacheFile] = process.argv.slice(2);
  const options = { cacheFile: cacheFile ?? null };
  const load = await phase(() => reloadKnowledge(dir!, null, options));
  console.log('load', load.phase, 'rss after', mb(process.memoryUsage.rss()).toFixed(0));
  const r = await measureReloads(dir!, load.result, options);
  console.log('one file', r.oneFile);
  console.log('full', r.full, 'rss after', mb(process.memoryUsage.rss()).toFixed(0));
}
