import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { autocompletePlaces, cutsAnswer, quoteAnswer, searchAnswer, type Answer } from '../../src/answers/index.js';
import { buildKnowledgeBase } from '../../src/knowledge/build.js';
import { readGazetteer } from '../../src/knowledge/folder.js';
import { loadArticles } from '../../src/knowledge/loader.js';
import { reloadKnowledge } from '../../src/knowledge/reload.js';
import { measureReloads, phase, type Phase } from './serving.js';
import type { KnowledgeBase, PlaceEntry } from '../../src/knowledge/knowledge-base.js';
import { resolvePlace } from '../../src/knowledge/places.js';
import { normalize } from '../../src/knowledge/text.js';
import { measureReminders, reminderTable } from './reminders.js';
import { generateKnowledgeBase, prng, type PlaceQuery, type QuerySet } from './generate.js';

/**
 * `npm run bench [-- --quick] [-- --json] [-- --seed N] [-- --sizes 1000,10000]`
 *
 * The parent generates each corpus (seeded, into a temp folder, deleted afterwards); a fresh child
 * process (started with --expose-gc) measures it, so neither the generator's garbage nor another
 * size's inflates the memory figures. Inside a child, our index and both baselines are measured on
 * the same corpus. With --json, stdout is one JSON object and the table goes to stderr.
 */

const SELF = fileURLToPath(import.meta.url);
const NOW = new Date('2026-11-23T12:00:00Z');
/** Whole-article Fuse takes seconds a query at 10k, so it gets this many queries (spread over the four kinds). */
const FUSE_QUERIES = 20;
/** Timed passes over each query set (200 queries a kind, so 400 samples for each percentile). */
const ROUNDS = 2;

const TARGETS = {
  cutsP95Ms: 1,
  autocompleteP95Ms: 1,
  searchP95Ms: 10,
  loadMs: 5000,
  warmLoadMs: 2000,
  oneFileMs: 100,
  loopDelayMs: 50,
  rssMb: 400,
  peakRssMb: 600,
  fuseSpeedup: 100,
} as const;

interface Stats {
  n: number;
  /** The first query after load, before any warm-up. */
  coldMs: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

interface Relevance {
  total: number;
  /** Answered for the intended place (or speaker). */
  right: number;
  /** Not answered, but the intended place is among the suggestions. */
  suggested: number;
  /** Answered for a different place: the one outcome that misleads a member. */
  wrong: number;
  examples: string[];
}

export interface SizeResult {
  articles: number;
  paragraphs: number;
  corpusMb: number;
  areas: number;
  quotes: number;
  figures: number;
  placeNames: number;
  speakers: number;
  vocabulary: number;
  problems: number;
  generateMs: number;
  loadMs: number;
  /** Cold load (no extraction cache), one-file reload, full reload; warm load in its own process. */
  serving: { cold: Phase; oneFile: Phase & { servedNewAnswer: boolean; rebuilt: boolean }; full: Phase & { rebuilt: boolean }; warm?: Phase & { rssMb: number; rssJustAfterGcMb: number } };
  /** The previous design, in the same run: every file read, extracted and indexed in one go on the main thread. */
  baseline: { ms: number; maxLoopDelayMs: number };
  memory: { heapUsedMb: number; heapDeltaMb: number; rssMb: number; rssJustAfterGcMb: number; peakRssMb: number };
  ours: Record<string, Stats>;
  relevance: Record<string, Relevance>;
  fuse: { buildMs: number; heapMb: number; queries: number; cuts: Stats; topHitRight: number };
  minisearch: { buildMs: number; heapMb: number; search: Stats; place: Stats; placeTopHitRight: number; placeQueries: number };
}

// ---------------------------------------------------------------------------------------------
// Measuring.

function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) {
    g();
    g();
  }
}

const mb = (bytes: number) => bytes / 1024 / 1024;

/**
 * Memory after a full collection, once V8 has given the freed pages back: that happens in a task
 * after the collection, and RSS read at once was 50 to 100 MB above what the process then keeps.
 * Both are returned; the settled figure is the one checked.
 */
async function settledMemory(): Promise<NodeJS.MemoryUsage & { rssJustAfterGc: number }> {
  gc();
  const rssJustAfterGc = process.memoryUsage.rss();
  await new Promise((resolve) => setTimeout(resolve, 500));
  return { ...process.memoryUsage(), rssJustAfterGc };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function stats(times: number[], coldMs: number): Stats {
  const sorted = [...times].sort((a, b) => a - b);
  if (sorted.length === 0) return { n: 0, coldMs: NaN, p50: NaN, p95: NaN, p99: NaN, max: NaN };
  return { n: sorted.length, coldMs, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1)! };
}

/**
 * Times each query on its own. An untimed pass over all queries first warms the JIT and anything
 * built lazily, and its answers are returned for the relevance counts; `warmAll: false` warms with
 * one query only, for baselines that take seconds a query.
 */
function timeQueries<T, R>(queries: T[], run: (q: T) => R, rounds = ROUNDS, warmAll = true): Stats & { samples: number[]; answers: R[] } {
  if (queries.length === 0) return { ...stats([], NaN), samples: [], answers: [] };
  let t = performance.now();
  run(queries[0]!);
  const coldMs = performance.now() - t;
  const answers = warmAll ? queries.map(run) : [];
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      t = performance.now();
      const answer = run(q);
      times.push(performance.now() - t);
      if (!warmAll && r === 0) answers.push(answer);
    }
  }
  return { ...stats(times, coldMs), samples: times, answers };
}

/** Stats without the samples and answers, for the report. */
const plain = ({ n, coldMs, p50, p95, p99, max }: Stats): Stats => ({ n, coldMs, p50, p95, p99, max });

function placeOf(kb: KnowledgeBase, value: string): string | null {
  const r = resolvePlace(kb, value);
  return r.kind === 'found' ? r.place.name : null;
}

function namesOf(places: PlaceEntry[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of places) for (const n of [a.name, a.council, ...a.aliases, ...a.towns]) out.set(normalize(n), a.name);
  return out;
}

function cutsRelevance(queries: PlaceQuery[], answers: Answer[]): Relevance {
  const r: Relevance = { total: queries.length, right: 0, suggested: 0, wrong: 0, examples: [] };
  for (const [i, q] of queries.entries()) {
    const a = answers[i]!;
    if (a.title === `Care cuts in ${q.place}`) r.right++;
    else if (a.kind === 'cuts') {
      r.wrong++;
      if (r.examples.length < 5) r.examples.push(`“${q.query}” (meant ${q.place}) → ${a.title}`);
    } else if (a.suggestions.some((s) => s === q.place || s.endsWith(`(${q.place})`))) r.suggested++;
    else if (r.examples.length < 5) r.examples.push(`“${q.query}” (meant ${q.place}) → ${a.title}: ${a.suggestions.slice(0, 3).join(', ') || 'no suggestions'}`);
  }
  return r;
}

/** Measures one generated corpus. The parent generated it, so the generator's garbage is not in this process's RSS. */
async function measureSize(dir: string, corpus: { articles: number; bytes: number; generateMs: number }): Promise<SizeResult> {
  const log = (s: string) => process.stderr.write(`  [${corpus.articles}] ${s}\n`);
  const queries = JSON.parse(await readFile(path.join(dir, 'queries.json'), 'utf8')) as QuerySet;

  gc();
  const before = process.memoryUsage();
  const readOptions = { cacheFile: arg('--cache') ?? null };
  const cold = await phase(() => reloadKnowledge(dir, null, readOptions));
  const { kb, problems } = cold.result;
  const loadMs = cold.phase.ms;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const after = await settledMemory();
  if (problems.length > 0) log(`!!! ${problems.length} problems, e.g. ${JSON.stringify(problems.slice(0, 3))}`);
  log(`loaded in ${(loadMs / 1000).toFixed(2)} s (event loop held at most ${cold.phase.maxLoopDelayMs.toFixed(0)} ms)`);
  // Before the baselines below, whose indexes stay in memory and would count in the reloads' peak RSS.
  log('reloads: one file edited, then a full reload');
  const reloads = await measureReloads(dir, cold.result, readOptions);
  log('timing queries');
  let t = performance.now();

  const ours: Record<string, Stats> = {};
  const relevance: Record<string, Relevance> = {};
  const cutsSamples: number[] = [];
  for (const kind of ['exact', 'typo', 'town', 'alias'] as const) {
    const timed = timeQueries(queries[kind], (q) => cutsAnswer(kb, { place: q.query, now: NOW }));
    ours[`cuts ${kind}`] = plain(timed);
    cutsSamples.push(...timed.samples);
    relevance[`cuts ${kind}`] = cutsRelevance(queries[kind], timed.answers);
  }
  ours['cuts all'] = stats(cutsSamples, ours['cuts exact']!.coldMs);
  const autoSamples: number[] = [];
  for (let len = 1; len <= 5; len++) {
    const timed = timeQueries(queries.autocomplete.filter((q) => q.query.length === len), (q) => autocompletePlaces(kb, q.query));
    ours[`autocomplete ${len} chars`] = plain(timed);
    autoSamples.push(...timed.samples);
  }
  ours['autocomplete all'] = stats(autoSamples, ours['autocomplete 1 chars']!.coldMs);
  const quoteTimed = timeQueries(queries.speakers, (q) => quoteAnswer(kb, { query: q.query }));
  ours['quote speaker'] = plain(quoteTimed);
  const searchTimed = timeQueries(queries.search, (q) => searchAnswer(kb, { query: q }));
  ours['search'] = plain(searchTimed);

  const speakers: Relevance = { total: queries.speakers.length, right: 0, suggested: 0, wrong: 0, examples: [] };
  for (const [i, q] of queries.speakers.entries()) {
    const a = quoteTimed.answers[i]!;
    if (a.title === `Quotes from ${q.speaker}`) speakers.right++;
    else if (a.title.startsWith('Quotes from ')) speakers.wrong++;
    if (a.title !== `Quotes from ${q.speaker}` && speakers.examples.length < 5) speakers.examples.push(`“${q.query}” (meant ${q.speaker}) → ${a.title}`);
  }
  relevance['quote speaker'] = speakers;
  const names = namesOf(kb.places);
  for (const typo of [false, true]) {
    const list = queries.autocomplete.filter((q) => q.typo === typo && q.query.length >= 3);
    const r: Relevance = { total: list.length, right: 0, suggested: 0, wrong: 0, examples: [] };
    for (const q of list) {
      // A choice's value is what a member submits ("Crosby (Sefton)" for a town): resolve it as /cuts would.
      if (autocompletePlaces(kb, q.query).some((c) => names.get(normalize(c.value)) === q.place || placeOf(kb, c.value) === q.place)) r.right++;
      else if (r.examples.length < 3) r.examples.push(`“${q.query}” (${q.place})`);
    }
    relevance[`autocomplete ≥3 chars${typo ? ', typo' : ''}`] = r;
  }
  const search: Relevance = { total: queries.search.length, right: 0, suggested: 0, wrong: 0, examples: [] };
  search.right = searchTimed.answers.filter((a) => a.kind === 'search').length;
  relevance['search (any hit)'] = search;

  // Baseline (a): what a quick bot does, one Fuse over whole articles.
  log('baseline: Fuse over whole articles');
  const areaOf = new Map<string, string>();
  for (const p of kb.places) for (const id of p.articleIds) if (!areaOf.has(id)) areaOf.set(id, p.name);
  gc();
  let heap0 = process.memoryUsage().heapUsed;
  t = performance.now();
  const docs = kb.articles.map((a) => ({ id: a.id, title: a.title, body: a.paragraphs.map((p) => p.text).join('\n') }));
  const fuse = new Fuse(docs, { keys: ['title', 'body'], ignoreLocation: true, includeScore: true });
  const fuseBuildMs = performance.now() - t;
  gc();
  const fuseHeapMb = mb(process.memoryUsage().heapUsed - heap0);
  const rng = prng(7);
  const kinds = ['exact', 'typo', 'town', 'alias'] as const;
  const fuseQueries = Array.from({ length: FUSE_QUERIES }, (_, i) => {
    const list = queries[kinds[i % kinds.length]!];
    return list[Math.floor(rng() * list.length)]!;
  });
  const fuseTimed = timeQueries(fuseQueries, (q) => fuse.search(q.query, { limit: 10 })[0], 1, false);
  const fuseRight = fuseTimed.answers.filter((top, i) => top && areaOf.get(top.item.id) === fuseQueries[i]!.place).length;

  // Baseline (b): MiniSearch, an inverted index over paragraphs.
  log('baseline: MiniSearch over paragraphs');
  const refs = kb.index.paragraphRefs;
  gc();
  heap0 = process.memoryUsage().heapUsed;
  t = performance.now();
  const mini = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], storeFields: [] });
  mini.addAll(refs.map((r, id) => ({ id, text: kb.byId.get(r.articleId)!.paragraphs[r.n - 1]!.text })));
  const miniBuildMs = performance.now() - t;
  gc();
  const miniHeapMb = mb(process.memoryUsage().heapUsed - heap0);
  const miniSearch = timeQueries(queries.search, (q) => mini.search(q, { fuzzy: 0.2, prefix: true }).slice(0, 8));
  const placeQueries = [...queries.exact, ...queries.typo, ...queries.town, ...queries.alias];
  const miniPlace = timeQueries(placeQueries, (q) => mini.search(q.query, { fuzzy: 0.2, combineWith: 'AND' }).slice(0, 10), 1);
  const miniRight = miniPlace.answers.filter((hits, i) => hits[0] && areaOf.get(refs[hits[0].id as number]!.articleId) === placeQueries[i]!.place).length;

  log('baseline: the whole load in one go on the main thread');
  gc();
  const baseline = await phase(async () => {
    const [{ articles }, { gazetteer }] = await Promise.all([loadArticles(dir, { workers: 0 }), readGazetteer(dir)]);
    // Held on purpose, as the previous design held it: this is what members used to wait behind.
    const built = buildKnowledgeBase(articles, gazetteer);
    return { ...cold.result, kb: built };
  });

  return {
    articles: kb.articles.length,
    paragraphs: refs.length,
    corpusMb: corpus.bytes / 1e6,
    areas: kb.places.length,
    quotes: kb.quotes.length,
    figures: kb.figures.length,
    placeNames: kb.index.places.fuse.getIndex().size(),
    speakers: kb.index.speakers.speakers.length,
    vocabulary: [...kb.index.paragraphs.vocabulary.values()].reduce((n, words) => n + words.length, 0),
    problems: problems.length,
    generateMs: corpus.generateMs,
    loadMs,
    serving: { cold: cold.phase, oneFile: reloads.oneFile, full: reloads.full },
    baseline: { ms: baseline.phase.ms, maxLoopDelayMs: baseline.phase.maxLoopDelayMs },
    memory: { heapUsedMb: mb(after.heapUsed), heapDeltaMb: mb(after.heapUsed - before.heapUsed), rssMb: mb(after.rss), rssJustAfterGcMb: mb(after.rssJustAfterGc), peakRssMb },
    ours,
    relevance,
    fuse: { buildMs: fuseBuildMs, heapMb: fuseHeapMb, queries: fuseQueries.length, cuts: plain(fuseTimed), topHitRight: fuseRight },
    minisearch: { buildMs: miniBuildMs, heapMb: miniHeapMb, search: plain(miniSearch), place: plain(miniPlace), placeTopHitRight: miniRight, placeQueries: placeQueries.length },
  };
}

// ---------------------------------------------------------------------------------------------
// Reporting.

const ms = (v: number) => (Number.isNaN(v) ? '–' : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : v >= 10 ? `${v.toFixed(0)} ms` : v >= 1 ? `${v.toFixed(2)} ms` : `${v.toFixed(3)} ms`);
const times = (x: number) => `${x >= 100 ? Math.round(x).toLocaleString('en-GB') : x.toFixed(1)}×`;
const pad = (s: string | number, n: number) => String(s).padStart(n);

export function table(r: SizeResult): string[] {
  const out: string[] = [];
  out.push(`== ${r.articles.toLocaleString('en-GB')} articles: ${r.paragraphs.toLocaleString('en-GB')} paragraphs, ${r.corpusMb.toFixed(1)} MB, ${r.areas} council areas (${r.placeNames.toLocaleString('en-GB')} place names), ${r.speakers.toLocaleString('en-GB')} speakers, ${r.quotes.toLocaleString('en-GB')} quotes, ${r.figures.toLocaleString('en-GB')} figures, ${r.vocabulary.toLocaleString('en-GB')} terms ==`);
  if (r.problems > 0) out.push(`!!! ${r.problems} PROBLEMS loading the generated corpus`);
  const sv = r.serving;
  const held = (p: { maxLoopDelayMs: number }) => `event loop held ≤ ${ms(p.maxLoopDelayMs)}`;
  out.push(`cold load (no cache)    ${ms(sv.cold.ms)}   ${held(sv.cold)}, peak RSS ${sv.cold.peakRssMb.toFixed(0)} MB; baseline (all on the main thread) ${ms(r.baseline.ms)}, ${held(r.baseline)}: ${times(r.baseline.ms / sv.cold.ms)} faster, loop held ${times(r.baseline.maxLoopDelayMs / sv.cold.maxLoopDelayMs)} less`);
  if (sv.warm) out.push(`warm load (cached)      ${ms(sv.warm.ms)}   ${held(sv.warm)}, RSS after ${sv.warm.rssMb.toFixed(0)} MB (${sv.warm.rssJustAfterGcMb?.toFixed(0) ?? '?'} MB just after the GC; fresh process; ${sv.warm.extracted} extracted): ${times(r.baseline.ms / sv.warm.ms)} faster than the baseline`);
  out.push(`one file edited         ${ms(sv.oneFile.ms)}   ${held(sv.oneFile)}, peak RSS ${sv.oneFile.peakRssMb.toFixed(0)} MB, ${sv.oneFile.filesRead} file read, indexes ${sv.oneFile.rebuilt ? 'REBUILT' : 'updated'}; new text searchable: ${sv.oneFile.servedNewAnswer ? 'yes' : 'NO'}; ${times(r.baseline.ms / sv.oneFile.ms)} faster than the baseline`);
  out.push(`full reload             ${ms(sv.full.ms)}   ${held(sv.full)}, peak RSS ${sv.full.peakRssMb.toFixed(0)} MB, ${sv.full.filesRead} files hashed, ${sv.full.extracted} extracted, indexes ${sv.full.rebuilt ? 'rebuilt' : 'updated'}`);
  out.push(`(generating took ${ms(r.generateMs)})`);
  out.push(`memory after load       heap ${r.memory.heapUsedMb.toFixed(0)} MB (+${r.memory.heapDeltaMb.toFixed(0)} MB for the knowledge base), RSS ${r.memory.rssMb.toFixed(0)} MB (${r.memory.rssJustAfterGcMb?.toFixed(0) ?? '?'} MB just after the GC; peak ${r.memory.peakRssMb.toFixed(0)} MB)`);
  out.push('');
  out.push(`${'query'.padEnd(34)}${pad('n', 6)}${pad('cold', 11)}${pad('p50', 11)}${pad('p95', 11)}${pad('p99', 11)}${pad('max', 11)}`);
  const row = (name: string, s: Stats) => out.push(`${name.padEnd(34)}${pad(s.n, 6)}${pad(ms(s.coldMs), 11)}${pad(ms(s.p50), 11)}${pad(ms(s.p95), 11)}${pad(ms(s.p99), 11)}${pad(ms(s.max), 11)}`);
  for (const [k, s] of Object.entries(r.ours)) row(k.startsWith('cuts') ? `/${k}` : k.startsWith('quote') ? '/quote <surname>' : k === 'search' ? '/search <1–3 words>' : k, s);
  row(`Fuse over whole articles (/cuts)`, r.fuse.cuts);
  row('MiniSearch /search', r.minisearch.search);
  row('MiniSearch place lookup', r.minisearch.place);
  out.push('');
  out.push(`baselines: Fuse.js over title+body (ignoreLocation: true): built in ${ms(r.fuse.buildMs)}, +${r.fuse.heapMb.toFixed(0)} MB heap; only ${r.fuse.queries} queries (each scans every article); top hit in the intended place ${r.fuse.topHitRight}/${r.fuse.queries}`);
  out.push(`           MiniSearch over paragraphs (fuzzy 0.2): built in ${ms(r.minisearch.buildMs)}, +${r.minisearch.heapMb.toFixed(0)} MB heap; place lookup top hit in the intended place ${r.minisearch.placeTopHitRight}/${r.minisearch.placeQueries}`);
  out.push('');
  out.push('relevance (answered for the intended place or speaker / suggested it / answered for the WRONG one):');
  for (const [k, v] of Object.entries(r.relevance)) {
    out.push(`  ${k.padEnd(30)} ${v.right}/${v.total} right${k.startsWith('cuts') ? `, ${v.suggested} suggested, ${v.wrong} wrong` : ''}${v.examples.length && v.right < v.total ? `  e.g. ${v.examples.slice(0, 2).join('; ')}` : ''}`);
  }
  const cutsAll = r.ours['cuts all']!;
  const ours = (k: string) => r.ours[k]!;
  out.push('');
  out.push('ratios (p95, ours vs baseline):');
  out.push(`  /cuts p95: ${ms(cutsAll.p95)} vs Fuse-over-bodies ${ms(r.fuse.cuts.p95)} = ${times(r.fuse.cuts.p95 / cutsAll.p95)} faster (p50: ${times(r.fuse.cuts.p50 / cutsAll.p50)})`);
  out.push(`  /cuts p95: ${ms(cutsAll.p95)} vs MiniSearch place lookup ${ms(r.minisearch.place.p95)} = ${times(r.minisearch.place.p95 / cutsAll.p95)} faster`);
  out.push(`  /search p95: ${ms(ours('search').p95)} vs MiniSearch ${ms(r.minisearch.search.p95)} = ${times(r.minisearch.search.p95 / ours('search').p95)}${ours('search').p95 <= r.minisearch.search.p95 ? ' faster' : ' (slower is < 1×)'}`);
  out.push(`  load: ${ms(r.loadMs)} vs MiniSearch build alone ${ms(r.minisearch.buildMs)}; memory: +${r.memory.heapDeltaMb.toFixed(0)} MB (whole knowledge base) vs MiniSearch index alone +${r.minisearch.heapMb.toFixed(0)} MB`);
  return out;
}

interface Check {
  name: string;
  value: string;
  pass: boolean;
}

export function checks(r: SizeResult): Check[] {
  const cutsKinds = ['exact', 'typo', 'town', 'alias'].map((k) => [k, r.ours[`cuts ${k}`]!.p95] as const);
  const worstCuts = cutsKinds.reduce((a, b) => (b[1] > a[1] ? b : a));
  const auto = [1, 2, 3, 4, 5].map((n) => [n, r.ours[`autocomplete ${n} chars`]!.p95] as const);
  const worstAuto = auto.reduce((a, b) => (b[1] > a[1] ? b : a));
  const speedup = r.fuse.cuts.p95 / r.ours['cuts all']!.p95;
  return [
    { name: `/cuts p95 ≤ ${TARGETS.cutsP95Ms} ms (worst kind)`, value: `${ms(worstCuts[1])} (${worstCuts[0]})`, pass: worstCuts[1] <= TARGETS.cutsP95Ms },
    { name: `autocomplete p95 ≤ ${TARGETS.autocompleteP95Ms} ms (worst length)`, value: `${ms(worstAuto[1])} (${worstAuto[0]} chars)`, pass: worstAuto[1] <= TARGETS.autocompleteP95Ms },
    { name: `/search p95 ≤ ${TARGETS.searchP95Ms} ms`, value: ms(r.ours['search']!.p95), pass: r.ours['search']!.p95 <= TARGETS.searchP95Ms },
    { name: `cold load + index ≤ ${TARGETS.loadMs / 1000} s`, value: ms(r.loadMs), pass: r.loadMs <= TARGETS.loadMs },
    ...(r.serving.warm ? [{ name: `warm load ≤ ${TARGETS.warmLoadMs / 1000} s`, value: ms(r.serving.warm.ms), pass: r.serving.warm.ms <= TARGETS.warmLoadMs }] : []),
    { name: `one file changed → served ≤ ${TARGETS.oneFileMs} ms`, value: ms(r.serving.oneFile.ms), pass: r.serving.oneFile.ms <= TARGETS.oneFileMs && r.serving.oneFile.servedNewAnswer },
    ...loopChecks(r),
    { name: `RSS after load ≤ ${TARGETS.rssMb} MB`, value: `${r.memory.rssMb.toFixed(0)} MB`, pass: r.memory.rssMb <= TARGETS.rssMb },
    { name: `RSS at the peak of any reload ≤ ${TARGETS.peakRssMb} MB`, value: `${Math.max(r.serving.oneFile.peakRssMb, r.serving.full.peakRssMb).toFixed(0)} MB`, pass: Math.max(r.serving.oneFile.peakRssMb, r.serving.full.peakRssMb) <= TARGETS.peakRssMb },
    { name: `/cuts ≥ ${TARGETS.fuseSpeedup}× faster than Fuse over bodies (p95)`, value: times(speedup), pass: speedup >= TARGETS.fuseSpeedup },
    { name: 'generated corpus loads with no problems', value: String(r.problems), pass: r.problems === 0 },
    { name: '/cuts never answers for the wrong place', value: String(Object.entries(r.relevance).filter(([k]) => k.startsWith('cuts')).reduce((n, [, v]) => n + v.wrong, 0)), pass: Object.entries(r.relevance).every(([k, v]) => !k.startsWith('cuts') || v.wrong === 0) },
  ];
}

function loopChecks(r: SizeResult): Check[] {
  const phases: [string, { maxLoopDelayMs: number }][] = [['cold load', r.serving.cold], ['one-file reload', r.serving.oneFile], ['full reload', r.serving.full]];
  if (r.serving.warm) phases.push(['warm load', r.serving.warm]);
  return phases.map(([name, p]) => ({ name: `event loop held ≤ ${TARGETS.loopDelayMs} ms during the ${name}`, value: ms(p.maxLoopDelayMs), pass: p.maxLoopDelayMs <= TARGETS.loopDelayMs }));
}

// ---------------------------------------------------------------------------------------------

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** A fresh process loading with the cache an earlier process filled: the warm start. */
async function warmChild(): Promise<void> {
  gc();
  const warm = await phase(() => reloadKnowledge(arg('--warm')!, null, { cacheFile: arg('--cache')! }));
  const after = await settledMemory();
  await writeFile(arg('--out')!, JSON.stringify({ ...warm.phase, rssMb: mb(after.rss), rssJustAfterGcMb: mb(after.rssJustAfterGc) }));
}

async function child(): Promise<void> {
  const corpus = JSON.parse(arg('--corpus')!) as { articles: number; bytes: number; generateMs: number };
  const result = await measureSize(arg('--child')!, corpus);
  await writeFile(arg('--out')!, JSON.stringify(result));
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const quick = process.argv.includes('--quick');
  const seed = Number(arg('--seed') ?? 1);
  const sizes = (arg('--sizes') ?? (quick ? '1000' : '1000,10000')).split(',').map(Number);
  const machine = { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(os.totalmem() / 1024 ** 3), loadAverage: os.loadavg()[0]! };
  // With --json, stdout carries only the JSON object; the table goes to stderr with the progress lines.
  const say = (s = '') => (json ? process.stderr.write(`${s}\n`) : console.log(s));
  say(`cutsbot benchmark: Node ${machine.node}, ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGb} GB, seed ${seed}, sizes ${sizes.join(', ')}`);
  if (machine.loadAverage > 0.5) say(`note: load average ${machine.loadAverage.toFixed(2)} at start; other work on this machine slows every figure`);
  const results: SizeResult[] = [];
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'cutsbot-bench-out-'));
  try {
    for (const size of sizes) {
      const out = path.join(tmp, `${size}.json`);
      const dir = path.join(tmp, `kb-${size}`);
      const t = performance.now();
      const generated = await generateKnowledgeBase(dir, { articles: size, seed });
      const corpus = { articles: size, bytes: generated.bytes, generateMs: performance.now() - t };
      process.stderr.write(`  [${size}] generated ${(generated.bytes / 1e6).toFixed(1)} MB in ${(corpus.generateMs / 1000).toFixed(1)} s; measuring in a fresh process\n`);
      // The child inherits tsx's loader flags from execArgv; --expose-gc lets it measure memory after a full collection.
      const cache = path.join(tmp, `cache-${size}.db`);
      const args = [...process.execArgv, '--expose-gc', SELF, '--child', dir, '--corpus', JSON.stringify(corpus), '--out', out, '--cache', cache];
      const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] });
      if (r.status !== 0) throw new Error(`benchmark for ${size} articles failed (exit ${r.status ?? r.signal})`);
      const result = JSON.parse(await readFile(out, 'utf8')) as SizeResult;
      process.stderr.write(`  [${size}] warm start: a fresh process loading with the cache the first one filled\n`);
      const warmOut = path.join(tmp, `warm-${size}.json`);
      const w = spawnSync(process.execPath, [...process.execArgv, '--expose-gc', SELF, '--warm', dir, '--cache', cache, '--out', warmOut], { stdio: ['ignore', 'inherit', 'inherit'] });
      await rm(dir, { recursive: true, force: true });
      if (w.status !== 0) throw new Error(`warm start for ${size} articles failed (exit ${w.status ?? w.signal})`);
      result.serving.warm = JSON.parse(await readFile(warmOut, 'utf8')) as Phase & { rssMb: number; rssJustAfterGcMb: number };
      results.push(result);
      say();
      table(result).forEach((l) => say(l));
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  const reminders = await measureReminders();
  say();
  reminderTable(reminders).forEach((l) => say(l));
  const target = results.find((r) => r.articles === 10_000) ?? results.at(-1)!;
  const verdicts = checks(target);
  say();
  say(`targets at ${target.articles.toLocaleString('en-GB')} articles${target.articles !== 10_000 ? ' (the targets are set for 10,000; run without --quick to check them there)' : ''}:`);
  for (const c of verdicts) say(`  ${c.pass ? 'PASS' : '*** MISS ***'}  ${c.name}: ${c.value}`);
  const missed = verdicts.filter((c) => !c.pass);
  if (missed.length > 0) say(`\n*** ${missed.length} TARGET${missed.length === 1 ? '' : 'S'} MISSED: ${missed.map((c) => c.name).join('; ')} ***`);
  if (json) console.log(JSON.stringify({ machine, seed, targets: TARGETS, results, reminders, checks: verdicts.map((c) => ({ ...c, size: target.articles })) }, null, 2));
}

// Only as a script: the table and checks can be imported to print a saved --json run.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.includes('--child')) await child();
  else if (process.argv.includes('--warm')) await warmChild();
  else await main();
}
