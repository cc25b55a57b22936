import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { reloadKnowledge, type Reloaded } from '../../src/knowledge/reload.js';

/**
 * `tsx test/bench/profile-reload.ts <dir> [cache file]`: a CPU profile of one one-file reload after a
 * load (the load itself is not profiled), summed by function and by source file, to see where a
 * reload's time goes. Generate the folder first (`tsx test/bench/generate.ts <dir> 10000`).
 */
const [dir, cacheFile] = process.argv.slice(2);
if (!dir) throw new Error('usage: tsx test/bench/profile-reload.ts <dir> [cache file]');
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

await appendFile(path.join(dir, file), '\nA paragraph added by the profile mentions zyxwvutsrq once.\n');
const one = await profiled(() => reloadKnowledge(dir, loaded, { ...options, names: [file] }));
await writeFile(path.join(dir, file), before);
if (process.argv.includes('--full')) await profiled(() => reloadKnowledge(dir, one, { ...options, full: true }));
