import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { tryOpenCache } from '../../src/knowledge/extraction-cache.js';
import { reloadKnowledge, type Reloaded } from '../../src/knowledge/reload.js';

/**
 * `tsx test/bench/profile-reload.ts <dir> [cache file]`: a CPU profile of one one-file reload after a
 * load (the load itself is not profiled), summed by function and by source file, to see where a
 * reload's time goes. Generate the folder first (`tsx test/bench/generate.ts <dir> 10000`).
 * With `--phases N`: instead, N one-file reloads in a row as the watcher sets them off (each a
 * different file), each timed by phase, with the longest the event loop was held.
 */
const [dir, cacheFile] = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--phases');
if (!dir) throw new Error('usage: tsx test/bench/profile-reload.ts <dir> [cache file] [--full | --phases N]');
const options = { cacheFile: cacheFile ?? null };
const loaded = await reloadKnowledge(dir, null, options);
const file = loaded.articles[Math.floor(loaded.articles.length / 2)]!.file;
const before = await readFile(path.join(dir, file), 'utf8');

async function profiled(work: () => Promise<Reloaded>): Promise<Reloaded> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  const t = performance.now();
  const result = await work();
  const ms = performance.now() - t;
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  const dt = new Map<number, number>();
  profile.nodes.forEach((n) => dt.set(n.id, 0));
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => dt.set(id, dt.get(id)! + (deltas[i] ?? 0) / 1000));
  const byFn = new Map<string, number>();
  const byFile = new Map<string, number>();
  for (const n of profile.nodes) {
    const f = n.callFrame;
    const where = f.url ? path.basename(f.url.split('?')[0]!) : '(native)';
    const key = `${f.functionName || '(anonymous)'} ${where}:${f.lineNumber + 1}`;
    byFn.set(key, (byFn.get(key) ?? 0) + dt.get(n.id)!);
    byFile.set(where, (byFile.get(where) ?? 0) + dt.get(n.id)!);
  }
  const top = (m: Map<string, number>, k: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([name, v]) => `  ${v.toFixed(1).padStart(8)} ms  ${name}`);
  console.log(`reload took ${ms.toFixed(0)} ms; read ${result.read.files} file(s); rebuilt: ${result.rebuilt}`);
  console.log('self time by source file:', ...top(byFile, 12).map((l) => `\n${l}`));
  console.log('self time by function:', ...top(byFn, 25).map((l) => `\n${l}`));
  return result;
}

const phasesAt = process.argv.indexOf('--phases');
if (phasesAt > 0) {
  const edits = Number(process.argv[phasesAt + 1] ?? 10);
  let served = loaded;
  const rows: Record<string, number>[] = [];
  // As the watcher does: the cache stays open between reloads (`--fresh-cache`: opened by each, as before).
  const heldCache = process.argv.includes('--fresh-cache') ? null : tryOpenCache(options.cacheFile);
  for (let k = 0; k < edits; k++) {
    const name = loaded.articles[Math.floor(((k + 1) * loaded.articles.length) / (edits + 2))]!.file;
    const original = await readFile(path.join(dir, name), 'utf8');
    await appendFile(path.join(dir, name), `\nA paragraph added by the profile mentions zyxwvutsrq${k}x${Date.now()} once.\n`);
    const row: Record<string, number> = {};
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    const t = performance.now();
    served = await reloadKnowledge(dir, served, { ...options, names: [name], heldCache, onPhase: (p, ms) => void (row[p] = (row[p] ?? 0) + ms) });
    row.total = performance.now() - t;
    await new Promise((resolve) => setTimeout(resolve, 5));
    delay.disable();
    row['loop held'] = delay.max / 1e6;
    row.rebuilt = served.rebuilt ? 1 : 0;
    rows.push(row);
    await writeFile(path.join(dir, name), original);
  }
  const keys = Object.keys(rows[0]!);
  console.log(`| edit | ${keys.join(' | ')} |`);
  console.log(`| --- | ${keys.map(() => '---').join(' | ')} |`);
  rows.forEach((row, i) => console.log(`| ${i + 1} | ${keys.map((key) => (row[key] ?? 0).toFixed(1)).join(' | ')} |`));
  const median = (key: string) => [...rows.map((r) => r[key] ?? 0)].sort((a, b) => a - b)[Math.floor(rows.length / 2)]!;
  console.log(`| median | ${keys.map((key) => median(key).toFixed(1)).join(' | ')} |`);
  heldCache?.close();
  process.exit(0);
}

await appendFile(path.join(dir, file), '\nA paragraph added by the profile mentions zyxwvutsrq once.\n');
const one = await profiled(() => reloadKnowledge(dir, loaded, { ...options, names: [file] }));
await writeFile(path.join(dir, file), before);
if (process.argv.includes('--full')) await profiled(() => reloadKnowledge(dir, one, { ...options, full: true }));
