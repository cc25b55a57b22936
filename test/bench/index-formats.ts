import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { loadStoredIndexes, storeIndexes } from '../../src/knowledge/index-store.js';
import { reloadKnowledge } from '../../src/knowledge/reload.js';
import type { TermIndex } from '../../src/knowledge/term-index.js';

/**
 * `tsx test/bench/index-formats.ts <dir>`: the ways the built term indexes could be kept between
 * runs, measured on a generated corpus (`<dir>/kb`, cache `<dir>/extraction-cache.db`): the bytes,
 * the time to write, and the time to load, which for `v8.deserialize` and `JSON.parse` is one call
 * that holds the event loop throughout; the flat layout of `index-store.ts` loads in slices.
 */

const root = process.argv[2];
if (!root) {
  console.error('usage: tsx test/bench/index-formats.ts <dir>');
  process.exit(2);
}
const loaded = await reloadKnowledge(path.join(root, 'kb'), null, { cacheFile: path.join(root, 'extraction-cache.db') });
const indexes = { paragraphs: loaded.kb.index.paragraphs, quotes: loaded.kb.index.quotes };
const time = <T>(work: () => T): [T, number] => {
  const t = performance.now();
  const out = work();
  return [out, performance.now() - t];
};
const line = (label: string, bytes: number, writeMs: number, loadMs: number, held: string) =>
  console.log(`${label.padEnd(34)} ${(bytes / 1e6).toFixed(1).padStart(6)} MB  write ${writeMs.toFixed(0).padStart(5)} ms  load ${loadMs.toFixed(0).padStart(5)} ms  ${held}`);

// The structured clone of the indexes as they are (Maps of typed arrays).
const plain = (i: TermIndex) => ({ postings: i.base.postings, docLength: i.base.docLength, vocabulary: i.vocabulary, live: i.live, totalLength: i.totalLength });
const [v8Bytes, v8Write] = time(() => v8.serialize({ p: plain(indexes.paragraphs), q: plain(indexes.quotes) }));
const [, v8Load] = time(() => v8.deserialize(v8Bytes));
line('v8.serialize / v8.deserialize', v8Bytes.byteLength, v8Write, v8Load, 'one call: the loop is held throughout');

// JSON, postings as arrays of numbers.
const asJson = (i: TermIndex) => ({ postings: [...i.base.postings].map(([t, p]) => [t, Array.from(p)]), docLength: Array.from(i.base.docLength), live: i.live, totalLength: i.totalLength });
const [json, jsonWrite] = time(() => JSON.stringify({ p: asJson(indexes.paragraphs), q: asJson(indexes.quotes) }));
const [parsed, jsonParse] = time(() => JSON.parse(json) as { p: { postings: [string, number[]][] }; q: { postings: [string, number[]][] } });
const [, jsonTyped] = time(() => [parsed.p, parsed.q].map((x) => new Map(x.postings.map(([t, p]) => [t, Uint32Array.from(p)]))));
line('JSON (then typed arrays again)', Buffer.byteLength(json), jsonWrite, jsonParse + jsonTyped, `one JSON.parse call of ${jsonParse.toFixed(0)} ms holds the loop`);

// The flat binary layout the store uses: written and loaded by the real code, in slices.
const tmp = await mkdtemp(path.join(tmpdir(), 'cutsbot-formats-'));
const file = path.join(tmp, 'built-indexes.bin');
const key = 'formats';
let t = performance.now();
await storeIndexes(file, key, indexes, (m) => console.error(m));
const flatWrite = performance.now() - t;
const flatBytes = (await readFile(file)).byteLength;
let longest = 0;
let last = performance.now();
const ticker = setInterval(() => {
  const now = performance.now();
  longest = Math.max(longest, now - last);
  last = now;
}, 1);
t = performance.now();
const cpu = process.cpuUsage();
const back = await loadStoredIndexes(file, key, (m) => console.error(m));
const flatLoad = performance.now() - t;
const used = process.cpuUsage(cpu);
clearInterval(ticker);
if (!back) throw new Error('the flat layout did not load');
line('flat binary (index-store.ts)', flatBytes, flatWrite, flatLoad, `in slices (CPU ${((used.user + used.system) / 1000).toFixed(0)} ms): the loop waited at most ${longest.toFixed(0)} ms`);
await rm(tmp, { recursive: true, force: true });
