import { existsSync, readFileSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { INDEX_STORE_FILE } from '../../src/knowledge/index-store.js';
import { reloadKnowledge } from '../../src/knowledge/reload.js';
import { generateKnowledgeBase } from './generate.js';
import { memoryLine, optionValue } from './script-args.js';

/**
 * `node --expose-gc --import tsx test/bench/holds.ts <dir> [--cold] [--over 30] [--articles 10000] [--no-prof]`
 *
 * Every hold of the event loop over `--over` ms during one load of a generated corpus (`<dir>/kb`,
 * generated once), and what ran in it: this thread is CPU-profiled in-process (the inspector's
 * clock is `process.hrtime`'s, so each hold's samples are picked out exactly) and each hold is
 * printed with the CPU this thread got meanwhile (longest first: a hold with little is the machine's, not ours), the garbage collections inside it, and the
 * functions that took its time, our own with their children (the step) and any by self time.
 * `--cold` deletes the extraction cache and the stored indexes first (a fresh `DATA_DIR`);
 * otherwise a load after an earlier one is warm. Memory after, by kind, 0.5 s after a full GC.
 */

const root = process.argv[2];
if (!root || root.startsWith('--')) {
  console.error('usage: node --expose-gc --import tsx test/bench/holds.ts <dir> [--cold] [--over 30] [--articles 10000] [--no-prof]');
  process.exit(2);
}
const over = Number(optionValue('--over') ?? 30);
const dir = path.join(root, 'kb');
const cacheFile = path.join(root, 'extraction-cache.db');
if (!existsSync(dir) || (await readdir(dir)).length === 0) await generateKnowledgeBase(dir, { articles: Number(optionValue('--articles') ?? 10_000), seed: 1 });
if (process.argv.includes('--cold')) for (const f of [cacheFile, `${cacheFile}-wal`, `${cacheFile}-shm`, path.join(root, INDEX_STORE_FILE)]) await rm(f, { force: true });

interface Frame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: Frame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
}

const session = process.argv.includes('--no-prof') ? null : new Session();
if (session) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 250 });
  await session.post('Profiler.start');
}

const gcs: { start: number; ms: number; kind: number }[] = [];
const observer = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcs.push({ start: e.startTime, ms: e.duration, kind: (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? -1 });
});
observer.observe({ entryTypes: ['gc'] });
// This thread's own CPU time in ns (Linux: the main thread's id is the process's), which the workers' does not blur as `process.cpuUsage` does.
const schedstat = `/proc/self/task/${process.pid}/schedstat`;
const threadNs = () => {
  try {
    return Number(readFileSync(schedstat, 'latin1').split(' ')[0]);
  } catch {
    return NaN;
  }
};
const holds: { at: number; ms: number; hrUs: number; cpuMs: number }[] = [];
let last = performance.now();
let lastHr = Number(process.hrtime.bigint() / 1000n);
let lastCpu = threadNs();
const ticker = setInterval(() => {
  const now = performance.now();
  const cpu = threadNs();
  if (now - last > over) holds.push({ at: last, ms: now - last, hrUs: lastHr, cpuMs: (cpu - lastCpu) / 1e6 });
  last = now;
  lastHr = Number(process.hrtime.bigint() / 1000n);
  lastCpu = threadNs();
}, 1);

const t = performance.now();
const loaded = await reloadKnowledge(dir, null, { cacheFile });
const ms = performance.now() - t;
await new Promise((resolve) => setTimeout(resolve, 20));
clearInterval(ticker);
observer.disconnect();
const profile = session ? ((await session.post('Profiler.stop')) as { profile: Profile }).profile : null;
session?.disconnect();

console.log(`${loaded.read.extracted > 0 ? 'cold' : 'warm'} load: ${(ms / 1000).toFixed(2)} s, ${loaded.articles.length} articles, extracted ${loaded.read.extracted}, indexes ${loaded.storedIndexes ? 'loaded' : 'built'}; holds over ${over} ms: ${holds.length}, longest ${Math.max(0, ...holds.map((h) => h.ms)).toFixed(0)} ms, most CPU in one ${Math.max(0, ...holds.map((h) => h.cpuMs)).toFixed(0)} ms`);

const GC_KIND: Record<number, string> = { 1: 'scavenge', 2: 'mark-compact', 4: 'incremental', 8: 'weak-callbacks' };
const short = (f: Frame) => `${f.functionName || '(anon)'} ${/\/((?:src|test)\/[^:]*)$/.exec(f.url)?.[1] ?? (/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f.url)?.[1] ?? f.url) ?? ''}:${f.lineNumber + 1}`;
const ours = (f: Frame) => /\/src\/knowledge\//.test(f.url) && !/sliced\.ts$/.test(f.url) && f.functionName !== '';

function stepsIn(fromUs: number, toUs: number): string {
  if (!profile) return '';
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const deepest = new Map<string, number>();
  let at = profile.startTime;
  for (const [i, id] of profile.samples.entries()) {
    const d = profile.timeDeltas[i] ?? 0;
    at += d;
    if (at < fromUs || at > toUs) continue;
    const k = short(byId.get(id)!.callFrame);
    self.set(k, (self.get(k) ?? 0) + d / 1000);
    // The step: the innermost of our own functions on the stack.
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const f = byId.get(n)!.callFrame;
      if (ours(f)) {
        deepest.set(short(f), (deepest.get(short(f)) ?? 0) + d / 1000);
        break;
      }
    }
  }
  const top = (m: Map<string, number>, k: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([name, v]) => `${name} ${v.toFixed(0)}`).join('; ');
  return `\n      step: ${top(deepest, 3) || '(none of ours)'}\n      self: ${top(self, 4)}`;
}

for (const h of holds.sort((a, b) => b.cpuMs - a.cpuMs).slice(0, Number(optionValue('--top') ?? 15))) {
  const during = gcs.filter((g) => g.start + g.ms >= h.at && g.start <= h.at + h.ms);
  console.log(`  ${h.ms.toFixed(0)} ms at ${((h.at - t) / 1000).toFixed(2)} s (this thread's CPU ${h.cpuMs.toFixed(0)} ms), GC ${during.map((g) => `${GC_KIND[g.kind] ?? g.kind} ${g.ms.toFixed(0)}`).join(', ') || 'none'}${stepsIn(h.hrUs, h.hrUs + h.ms * 1000)}`);
}

const memory = (label: string) => console.log(memoryLine(label));
const gc = (globalThis as { gc?: () => void }).gc;
if (gc) {
  gc();
  gc();
  await new Promise((resolve) => setTimeout(resolve, 500));
  memory('0.5 s after a full GC');
} else memory('right after (no --expose-gc)');
