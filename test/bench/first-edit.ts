import { readFileSync, rmSync } from 'node:fs';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { searchAnswer } from '../../src/answers/index.js';
import { tryOpenCache } from '../../src/knowledge/extraction-cache.js';
import { reloadKnowledge, type Reloaded } from '../../src/knowledge/reload.js';
import { heapSpaces, optionValue, wholeMb } from './script-args.js';

/**
 * `node --expose-gc --import tsx test/bench/first-edit.ts <dir> <cache file> [--edits 3] [--idle ms] [--profile]`
 *
 * The first one-file reload after a cold load, alone, as `npm run bench` meets it: the cache file is
 * deleted first (a cold load, extracted by the worker threads), memory is read after the load (at
 * once, then 0.5 s after a full GC, by kind), then `--edits` files are edited one after another
 * as the watcher reloads them (the cache held open), each timed by phase with the longest the event
 * loop was held and the garbage collections inside. `--idle ms` waits that long after the load
 * first (a moderator rarely saves a file within a second of the start); `--profile` prints the
 * first edit's CPU profile by function.
 */
const args = process.argv.slice(2);
const [dir, cacheFile] = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
if (!dir || !cacheFile) throw new Error('usage: first-edit.ts <dir> <cache file> [--edits 3] [--idle ms] [--profile]');
if (!args.includes('--keep-cache')) for (const f of [cacheFile, `${cacheFile}-wal`, `${cacheFile}-shm`, path.join(path.dirname(cacheFile), 'built-indexes.bin')]) rmSync(f, { force: true });
if (args.includes('--no-stored-indexes')) rmSync(path.join(path.dirname(cacheFile), 'built-indexes.bin'), { force: true });
const gc = (globalThis as { gc?: () => void }).gc;
const memory = (label: string) => {
  const m = process.memoryUsage();
  console.log(`memory ${label}: rss ${wholeMb(m.rss)} MB, heapUsed ${wholeMb(m.heapUsed)} of ${wholeMb(m.heapTotal)}, external ${wholeMb(m.external)}, arrayBuffers ${wholeMb(m.arrayBuffers)}; outside the heap ${wholeMb(m.rss - m.heapTotal)}`);
  if (args.includes('--smaps')) console.log('  resident by mapping (MB):', smaps());
  if (args.includes('--spaces')) console.log('  spaces (used/size MB):', heapSpaces(1 << 20));
};

/** Resident memory by kind of mapping: files (code, libraries), the brk heap, anonymous mappings by size (malloc's thread arenas are 64 MB reservations). */
function smaps(): string {
  const sums = new Map<string, number>();
  let kind = '';
  for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \d+\s*(.*)$/.exec(line);
    if (head) {
      const size = (parseInt(head[2]!, 16) - parseInt(head[1]!, 16)) / 1024 / 1024;
      const name = head[3]!.trim();
      kind = name.startsWith('/') ? 'files' : name ? name : size >= 60 ? 'anon 64 MB (arenas)' : size >= 1 ? 'anon ≥ 1 MB' : 'anon < 1 MB';
    } else if (line.startsWith('Rss:')) sums.set(kind, (sums.get(kind) ?? 0) + Number(line.split(/\s+/)[1]) / 1024);
  }
  return [...sums].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${Math.round(v)}`).join(', ');
}

const workers = optionValue('--workers', args);
const options = { cacheFile: args.includes('--no-cache') ? null : cacheFile, ...(workers ? { workers: Number(workers) } : {}) };
if (gc) {
  gc();
  memory('before the load');
}
const delay = monitorEventLoopDelay({ resolution: 1 });
delay.enable();
let t = performance.now();
const onPhase = args.includes('--phase-memory') ? (p: string, ms: number) => memory(`after ${p} (${ms.toFixed(0)} ms)`) : undefined;
const loaded = await reloadKnowledge(dir, null, { ...options, ...(onPhase ? { onPhase } : {}) });
console.log(`cold load ${(performance.now() - t).toFixed(0)} ms, held ${(delay.max / 1e6).toFixed(0)} ms, extracted ${loaded.read.extracted} by ${loaded.read.workers} workers`);
delay.disable();
memory('right after the load');
if (gc) {
  gc();
  await new Promise((r) => setTimeout(r, 500));
  memory('0.5 s after a full GC');
}
const idle = Number(optionValue('--idle', args) ?? 0);
if (idle > 0) await new Promise((r) => setTimeout(r, idle));

const gcs: { start: number; ms: number; kind: number }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcs.push({ start: e.startTime, ms: e.duration, kind: (e as { detail?: { kind?: number } }).detail?.kind ?? -1 });
}).observe({ entryTypes: ['gc'] });

async function profiled<T>(work: () => Promise<T>): Promise<T> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  const result = await work();
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  const self = new Map<number, number>();
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (deltas[i] ?? 0) / 1000));
  const byFn = new Map<string, number>();
  const byFile = new Map<string, number>();
  for (const n of profile.nodes) {
    const f = n.callFrame;
    const where = f.url ? path.basename(f.url.split('?')[0]!) : '(native)';
    const ms = self.get(n.id) ?? 0;
    byFn.set(`${f.functionName || '(anonymous)'} ${where}:${f.lineNumber + 1}`, (byFn.get(`${f.functionName || '(anonymous)'} ${where}:${f.lineNumber + 1}`) ?? 0) + ms);
    byFile.set(where, (byFile.get(where) ?? 0) + ms);
  }
  const top = (m: Map<string, number>, k: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([name, v]) => `\n  ${v.toFixed(1).padStart(7)} ms  ${name}`);
  console.log('first edit, self time by source file:', ...top(byFile, 15));
  console.log('first edit, self time by function:', ...top(byFn, 25));
  return result;
}

const heldCache = tryOpenCache(options.cacheFile);
// As the watcher does when it starts (code without `warm-up.ts` has none).
const warmUp = (await import('../../src/knowledge/warm-up.js' as string).catch(() => null)) as typeof import('../../src/knowledge/warm-up.js') | null;
if (warmUp && !args.includes('--no-warm-up')) {
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const cpu = process.cpuUsage();
  t = performance.now();
  await warmUp.warmUpReading(dir, loaded.articles, () => heldCache);
  const used = process.cpuUsage(cpu);
  loop.disable();
  console.log(`warm-up ${(performance.now() - t).toFixed(0)} ms (CPU ${((used.user + used.system) / 1000).toFixed(0)} ms), held ${(loop.max / 1e6).toFixed(0)} ms`);
}
let served: Reloaded = loaded;
const edits = Number(optionValue('--edits', args) ?? 3);
const rows: string[] = [];
for (let k = 0; k < edits; k++) {
  // The first edit is the bench's file (the middle article); later ones others, each with a new word.
  const name = loaded.articles[Math.floor(((k === 0 ? 1 : k + 1) * loaded.articles.length) / (k === 0 ? 2 : edits + 2))]!.file;
  const marker = `zyxwvutsrq${k}x${Date.now()}`;
  const original = await readFile(path.join(dir, name), 'utf8');
  await appendFile(path.join(dir, name), `\nA paragraph added by the benchmark mentions ${marker} once.\n`);
  const phases: Record<string, number> = {};
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const gcFrom = gcs.length;
  t = performance.now();
  const work = () => reloadKnowledge(dir, served, { ...options, names: [name], heldCache, onPhase: (p, ms) => void (phases[p] = (phases[p] ?? 0) + ms) });
  served = k === 0 && args.includes('--profile') ? await profiled(work) : await work();
  const ms = performance.now() - t;
  await new Promise((r) => setTimeout(r, 5));
  loop.disable();
  const found = searchAnswer(served.kb, { query: marker }).kind === 'search';
  const inside = gcs.slice(gcFrom);
  rows.push(
    `edit ${k + 1}: served ${ms.toFixed(1)} ms, held ${(loop.max / 1e6).toFixed(0)} ms, new text found: ${found}; ${Object.entries(phases)
      .map(([p, v]) => `${p} ${v.toFixed(1)}`)
      .join(', ')}; GC ${inside.reduce((s, g) => s + g.ms, 0).toFixed(1)} ms in ${inside.length}`,
  );
  await writeFile(path.join(dir, name), original);
}
heldCache?.close();
for (const r of rows) console.log(r);
process.exit(0);
