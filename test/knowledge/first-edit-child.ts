import { createHash } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { searchAnswer } from '../../src/answers/index.js';
import { reloadKnowledge, type Reloaded } from '../../src/knowledge/reload.js';
import { watchKnowledge } from '../../src/knowledge/watch.js';

/**
 * `tsx test/knowledge/first-edit-child.ts <knowledge folder> <cache file> <edits>`: a bot's start in
 * a fresh process (a cold load, read by worker threads, then the folder watched as the keeper
 * watches it), then `edits` files saved one after another as a moderator would, printing as JSON
 * each reload's time, the CPU the process used for it (a busy machine stretches the time, far less the CPU), its reading and extraction,
 * whether the new text was served, and what was served before and after the watcher got ready.
 * `first-edit.test.ts` runs it: only a fresh process has never compiled the code a reload runs.
 */
const [dir, cacheFile, edits] = process.argv.slice(2) as [string, string, string];
const digest = (r: Reloaded) => createHash('sha256').update(JSON.stringify([r.articles, r.kb.quotes, r.kb.figures, r.problems])).digest('hex');

const loaded = await reloadKnowledge(dir, null, { cacheFile });
const before = digest(loaded);
let phases: Record<string, number> = {};
let onReload: (r: Reloaded) => void = () => {};
const watcher = watchKnowledge({
  dir,
  initial: loaded,
  debounceMs: 50,
  onReload: (r) => onReload(r),
  onError: (error) => {
    throw error;
  },
  read: { cacheFile, onPhase: (p, ms) => void (phases[p] = (phases[p] ?? 0) + ms) },
});
await watcher.ready;
const afterReady = digest(loaded);

const reloads: { ms: number; cpuMs: number; readExtract: number; served: boolean }[] = [];
for (let k = 0; k < Number(edits); k++) {
  const article = loaded.articles[(k * 7) % loaded.articles.length]!;
  const marker = `zyxwvutsrq${k}`;
  phases = {};
  const reloaded = new Promise<Reloaded>((resolve) => (onReload = resolve));
  const cpu = process.cpuUsage();
  await appendFile(path.join(dir, article.file), `\nA paragraph the moderator added mentions ${marker} once.\n`);
  const r = await reloaded;
  const used = process.cpuUsage(cpu);
  reloads.push({ ms: r.ms, cpuMs: (used.user + used.system) / 1000, readExtract: phases['read+extract'] ?? NaN, served: searchAnswer(r.kb, { query: marker }).kind === 'search' });
}
watcher.close();
console.log(JSON.stringify({ workers: loaded.read.workers, before, afterReady, reloads }));
process.exit(0);
