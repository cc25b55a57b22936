import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { reloadKnowledge, type ReloadOptions } from '../../src/knowledge/reload.js';
import { generateKnowledgeBase } from './generate.js';
import { memoryLine, optionValue, wholeMb } from './script-args.js';

/**
 * `tsx test/bench/warm-profile.ts <dir> [--articles 10000] [--cache file] [--workers n] [--no-cache]`
 *
 * One load of a generated corpus, by hand, to see where its time goes: generates the corpus into
 * `<dir>/kb` once, then loads it with the extraction cache `<dir>/extraction-cache.db` (the first run
 * is the cold load that fills it, every later run a warm one) and prints the time, every pause of the
 * event loop over 50 ms (and what the garbage collector did meanwhile) and memory after. Run it
 * under `node --cpu-prof` (workers inherit the flag) and summarise each profile with
 * `tsx test/bench/profile-summary.ts <file>`.
 */


const root = process.argv[2];
if (!root || root.startsWith('--')) {
  console.error('usage: tsx test/bench/warm-profile.ts <dir> [--articles 10000] [--cache file] [--workers n] [--no-cache]');
  process.exit(2);
}
const dir = path.join(root, 'kb');
const cacheFile = optionValue('--cache') ?? path.join(root, 'extraction-cache.db');
const noCache = process.argv.includes('--no-cache');
const options: ReloadOptions = { cacheFile: noCache ? null : cacheFile, ...(optionValue('--workers') ? { workers: Number(optionValue('--workers')) } : {}) };

if (!existsSync(dir) || (await readdir(dir)).length === 0) {
  const g = await generateKnowledgeBase(dir, { articles: Number(optionValue('--articles') ?? 10_000), seed: 1 });
  console.log(`generated ${g.files} articles (${(g.bytes / 1e6).toFixed(1)} MB) in ${dir}`);
}

// Pauses: a 1 ms timer that notes every gap over 50 ms, and the GC entries that fell inside it.
const gcs: { start: number; ms: number; kind: number }[] = [];
const observer = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcs.push({ start: e.startTime, ms: e.duration, kind: ((e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? -1) });
});
observer.observe({ entryTypes: ['gc'] });
// With each pause, the CPU the process got meanwhile: far less than the pause means the machine did not run it (other processes).
const pauses: { at: number; ms: number; hr: bigint; cpuMs: number }[] = [];
let last = performance.now();
let lastHr = process.hrtime.bigint();
let lastCpu = process.cpuUsage();
const ticker = setInterval(() => {
  const now = performance.now();
  const cpu = process.cpuUsage(lastCpu);
  if (now - last > 50) pauses.push({ at: last, ms: now - last, hr: lastHr, cpuMs: (cpu.user + cpu.system) / 1000 });
  last = now;
  lastHr = process.hrtime.bigint();
  lastCpu = process.cpuUsage();
}, 1);

const before = process.memoryUsage();
const t = performance.now();
const cpuBefore = process.cpuUsage();
const loaded = await reloadKnowledge(dir, null, options);
const ms = performance.now() - t;
const cpu = process.cpuUsage(cpuBefore);
await new Promise((resolve) => setTimeout(resolve, 20));
clearInterval(ticker);
observer.disconnect();

const GC_KIND: Record<number, string> = { 1: 'scavenge', 2: 'mark-compact', 4: 'incremental', 8: 'weak-callbacks' };
// Cold when anything was extracted: no cache, an empty one, or one the sources' version no longer matches.
console.log(`${loaded.read.extracted > 0 ? 'cold' : 'warm'} load: ${(ms / 1000).toFixed(2)} s, ${loaded.articles.length} articles, read ${loaded.read.files} files, extracted ${loaded.read.extracted}, ${loaded.read.workers} workers; main thread CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms (with workers' if any), ${loaded.unread} files taken by signature, indexes ${loaded.storedIndexes ? 'loaded from the store' : 'built'}`);
console.log(`pauses over 50 ms: ${pauses.length}`);
for (const p of pauses.sort((a, b) => b.ms - a.ms).slice(0, 12)) {
  const during = gcs.filter((g) => g.start + g.ms >= p.at && g.start <= p.at + p.ms);
  const gcMs = during.reduce((s, g) => s + g.ms, 0);
  // hrtime in µs is the CPU profile's clock: `profile-summary.ts <file> --between <µs> <ms>` shows what ran.
  console.log(`  at ${((p.at - t) / 1000).toFixed(2)} s (hrtime ${p.hr / 1000n} µs): ${p.ms.toFixed(0)} ms (process CPU ${p.cpuMs.toFixed(0)} ms), GC inside ${gcMs.toFixed(0)} ms (${during.map((g) => `${GC_KIND[g.kind] ?? g.kind} ${g.ms.toFixed(0)}`).join(', ')})`);
}
const gcTotal = gcs.filter((g) => g.start >= t).reduce((s, g) => s + g.ms, 0);
const longest = gcs.reduce((m, g) => Math.max(m, g.ms), 0);
console.log(`GC during the load: ${gcTotal.toFixed(0)} ms in ${gcs.length} pauses, longest ${longest.toFixed(0)} ms`);
const memory = (label: string) => console.log(memoryLine(label, ` (before the load ${wholeMb(before.rss)})`));
memory('right after');
const gc = (globalThis as { gc?: () => void }).gc;
if (gc) {
  gc();
  gc();
  memory('just after a full GC');
  // V8 gives freed pages back in a task after the collection: RSS some time later is what the process keeps.
  await new Promise((resolve) => setTimeout(resolve, 500));
  memory('0.5 s after a full GC');
}
const status = await readFile('/proc/self/status', 'utf8').catch(() => '');
const peak = /VmHWM:\s+(\d+)/.exec(status)?.[1];
if (peak) console.log(`peak RSS ${Math.round(Number(peak) / 1024)} MB`);
