import { readFile } from 'node:fs/promises';

/**
 * `tsx test/bench/profile-summary.ts <file.cpuprofile> [top=25] [--between <µs> <ms>]`: where a V8
 * CPU profile's time went, as self time per function and per source file (node_modules grouped by
 * package), so a profile of a load can be read without DevTools. `--between` keeps only the samples
 * from a moment (the profile's clock: `process.hrtime` in µs, as `warm-profile.ts` prints a pause) for
 * so many milliseconds: what held the event loop then. Also the time per function with its children
 * (each sample counted once per function on its stack, so recursion is not counted twice).
 */

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const args = process.argv.slice(2);
const between = args.indexOf('--between');
const from = between >= 0 ? Number(args[between + 1]) : -Infinity;
const until = between >= 0 ? from + 1000 * Number(args[between + 2]) : Infinity;
if (between >= 0) args.splice(between, 3);
const [file, topArg] = args;
if (!file) {
  console.error('usage: tsx test/bench/profile-summary.ts <file.cpuprofile> [top]');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(await readFile(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map<number, number>();
let at = profile.startTime;
for (const [i, id] of profile.samples.entries()) {
  at += profile.timeDeltas[i] ?? 0;
  if (at >= from && at <= until) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
}

const where = (url: string) => {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const src = /\/((?:src|test)\/.*)$/.exec(url);
  return src ? src[1]! : url || '(native)';
};
const keyOf = (id: number) => {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  return `${functionName || '(anonymous)'} ${where(url)}${url ? `:${lineNumber + 1}` : ''}`;
};
const fns = new Map<string, number>();
const inclusive = new Map<string, number>();
const files = new Map<string, number>();
let total = 0;
for (const [id, ms] of self) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  total += ms;
  const key = keyOf(id);
  fns.set(key, (fns.get(key) ?? 0) + ms);
  const onStack = new Set<string>();
  for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) onStack.add(keyOf(n));
  for (const k of onStack) inclusive.set(k, (inclusive.get(k) ?? 0) + ms);
  files.set(where(url), (files.get(where(url)) ?? 0) + ms);
}
const print = (title: string, m: Map<string, number>) => {
  console.log(title);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${v.toFixed(0).padStart(7)} ms ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
};
console.log(`${file}: ${(total / 1000).toFixed(2)} s sampled over ${((profile.endTime - profile.startTime) / 1e6).toFixed(2)} s`);
print('self time by function:', fns);
print('self time by file or package:', files);
print('time by function with its children:', inclusive);
