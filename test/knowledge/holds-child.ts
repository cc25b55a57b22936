import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { cutsAnswer, quoteAnswer, searchAnswer } from '../../src/answers/index.js';
import { pruneExtractionCache, type Pruned } from '../../src/knowledge/cache-prune.js';
import { tryOpenCache } from '../../src/knowledge/extraction-cache.js';
import { reloadKnowledge } from '../../src/knowledge/reload.js';
import type { QuerySet } from '../bench/generate.js';

/**
 * `tsx test/knowledge/holds-child.ts <knowledge folder> <cache file>`: one start's load in a fresh
 * process, as `npm start` loads, with a 1 ms timer noting each gap between its ticks (how long the
 * event loop was held) and the CPU this thread used in it, read from the kernel's count for the main
 * thread (`schedstat`, Linux): a busy machine stretches a hold's time, hardly the CPU spent in it,
 * and the worker threads' CPU is not in it (as it is in `process.cpuUsage`). Prints as JSON the
 * holds that used the most CPU, what was read, and a digest of answers to the generated queries.
 * `--prune` after the arguments: the holds of a prune of the cache after the load instead.
 */
const [dir, cacheFile] = process.argv.slice(2) as [string, string];
/** With `--prune`: the holds of a prune of the cache after the load (`cache-prune.ts`), not of the load. */
const pruning = process.argv.includes('--prune');
const warnings: string[] = [];
const onWarning = (message: string) => void warnings.push(message);
const before = pruning ? await reloadKnowledge(dir, null, { cacheFile, onWarning }) : null;
const queries = JSON.parse(await readFile(path.join(dir, 'queries.json'), 'utf8')) as QuerySet;

const schedstat = `/proc/self/task/${process.pid}/schedstat`;
const threadMs = () => Number(readFileSync(schedstat, 'latin1').split(' ')[0]) / 1e6;
const holds: { ms: number; cpuMs: number }[] = [];
let last = performance.now();
let lastCpu = threadMs();
const ticker = setInterval(() => {
  const now = performance.now();
  const cpu = threadMs();
  if (now - last > 5) holds.push({ ms: now - last, cpuMs: cpu - lastCpu });
  last = performance.now();
  lastCpu = threadMs();
}, 1);

let pruned: Pruned | null = null;
if (before) {
  const cache = tryOpenCache(cacheFile)!;
  pruned = await pruneExtractionCache(cache, dir, before);
  cache.close();
}
const r = before ?? (await reloadKnowledge(dir, null, { cacheFile, onWarning }));
await new Promise((resolve) => setTimeout(resolve, 5));
clearInterval(ticker);

const now = new Date('2026-11-23T12:00:00Z');
const kb = r.kb;
const answers = {
  cuts: [...queries.exact.slice(0, 8), ...queries.town.slice(0, 8), ...queries.alias.slice(0, 4), ...queries.typo.slice(0, 4)].map((q) => cutsAnswer(kb, { place: q.query, now })),
  search: queries.search.slice(0, 8).map((q) => searchAnswer(kb, { query: q })),
  quote: queries.speakers.slice(0, 8).map((q) => quoteAnswer(kb, { query: q.query })),
};
console.log(
  JSON.stringify({
    extracted: r.read.extracted,
    workers: r.read.workers,
    storedIndexes: r.storedIndexes,
    articles: r.articles.length,
    holds: holds.sort((a, b) => b.cpuMs - a.cpuMs).slice(0, 5),
    pruned,
    warnings,
    digest: createHash('sha256').update(JSON.stringify(answers)).digest('hex'),
  }),
);
process.exit(0);
