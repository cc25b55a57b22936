import Fuse, { type FuseResult, type IFuseOptions } from 'fuse.js';
import { runSync, type Steps } from './sliced.js';
import { terms } from './text.js';

/**
 * A per-word inverted index (term → documents) with BM25 ranking. Fuse.js scans every record on
 * every query, which is far too slow over article bodies (see the README's Performance section),
 * so Fuse only sees the vocabulary, to correct typos in query words.
 */
export interface TermIndex {
  /** term → postings, each `doc * 8 + min(tf, 7)`, ascending by doc. */
  postings: Map<string, Uint32Array>;
  docLength: Uint16Array;
  averageLength: number;
  /** The vocabulary by first letter, for correcting typos in query words. */
  vocabulary: Map<string, string[]>;
  /** Fuse over each first letter's words, built only if a query word is too long for `fuzzySearch`'s shortcut. */
  vocabularyFuse: Map<string, Fuse<string>>;
}

export function buildTermIndex(docs: readonly string[]): TermIndex {
  return runSync(termIndexSteps(docs));
}

/** Documents indexed between two chances to yield; a few hundred paragraphs take about a millisecond. */
const DOCS_PER_STEP = 256;

/**
 * `buildTermIndex` as steps, for building on a serving thread without holding it (see `sliced.ts`).
 * With `tokenized`, each document is already its `terms()` joined by spaces.
 */
export function* termIndexSteps(docs: readonly string[], tokenized = false): Steps<TermIndex> {
  const lists = new Map<string, number[]>();
  const docLength = new Uint16Array(docs.length);
  let total = 0;
  const counts = new Map<string, number>();
  for (let doc = 0; doc < docs.length; doc++) {
    if (doc % DOCS_PER_STEP === DOCS_PER_STEP - 1) yield;
    counts.clear();
    const text = docs[doc]!;
    const words = !tokenized ? terms(text) : text === '' ? [] : text.split(' ');
    for (const t of words) counts.set(t, (counts.get(t) ?? 0) + 1);
    docLength[doc] = Math.min(words.length, 65535);
    total += words.length;
    for (const [t, tf] of counts) {
      let list = lists.get(t);
      if (!list) lists.set(t, (list = []));
      list.push(doc * 8 + Math.min(tf, 7));
    }
  }
  const postings = new Map<string, Uint32Array>();
  const vocabulary = new Map<string, string[]>();
  let n = 0;
  for (const [t, list] of lists) {
    if (++n % 4096 === 0) yield;
    postings.set(t, Uint32Array.from(list));
    const bucket = vocabulary.get(t[0]!);
    if (bucket) bucket.push(t);
    else vocabulary.set(t[0]!, [t]);
  }
  return { postings, docLength, averageLength: docs.length ? total / docs.length : 0, vocabulary, vocabularyFuse: new Map() };
}

/**
 * Fewest edits (insert, delete, substitute) that turn `pattern` into some substring of `text`, by
 * Myers' bit-parallel algorithm: one pass over the text, no allocation. Fuse's Bitap never finds a
 * match with fewer errors than this (see `fuzzySearch`). `pattern` must be at most 32 characters.
 */
export function substringEditDistance(pattern: string): (text: string) => number {
  const m = pattern.length;
  const ascii = new Int32Array(128);
  const other = new Map<number, number>();
  for (let i = 0; i < m; i++) {
    const c = pattern.charCodeAt(i);
    if (c < 128) ascii[c]! |= 1 << i;
    else other.set(c, (other.get(c) ?? 0) | (1 << i));
  }
  const last = 1 << (m - 1);
  return (text) => {
    let pv = -1;
    let mv = 0;
    let score = m;
    let best = m;
    for (let j = 0; j < text.length && best > 0; j++) {
      const c = text.charCodeAt(j);
      const eq = c < 128 ? ascii[c]! : (other.get(c) ?? 0);
      const xv = eq | mv;
      const xh = (((eq & pv) + pv) ^ pv) | eq;
      let ph = mv | ~(xh | pv);
      let mh = pv & xh;
      if (ph & last) score++;
      else if (mh & last) score--;
      ph <<= 1;
      mh <<= 1;
      pv = mh | ~(xv | ph);
      mv = ph & xv;
      if (score < best) best = score;
    }
    return best;
  };
}

/**
 * Exactly `fuse.search(pattern, { limit })` (same results, scores and order) for a Fuse with
 * `ignoreLocation: true`, one string key and default weights, without running Bitap on every record.
 *
 * Fuse scores a record (errors ÷ pattern length) ^ norm, where errors is at least the substring edit
 * distance and norm ≤ 1, so distance ÷ length is a lower bound on the score. Records are scored by
 * Fuse in rounds of increasing distance, and the rounds stop once the next distance could no longer
 * beat the current `limit`-th result; within a round, names are scored best bound first, in batches, until
 * none left could enter the results. Typo queries over a few thousand names usually stop after one
 * or two rounds of a few dozen names. With `maxScore`, the same minus the results scoring above it.
 */
export function fuzzySearch<T>(
  /** Fuse over all of `records` with `options`, for the queries this shortcut does not cover. */
  fullFuse: () => Fuse<T>,
  records: readonly T[],
  /** Record's searched field, lowercased as Fuse lowercases it. */
  textOf: (record: T) => string,
  options: IFuseOptions<T> & { threshold: number },
  pattern: string,
  limit: number,
  /** Leave out results scoring worse, for callers that would drop them anyway; spares scoring what cannot reach it. */
  maxScore = 1,
): FuseResult<T>[] {
  // As Fuse reads the pattern; longer patterns are split into chunks by Fuse and blank ones return every record.
  const p = pattern.toLowerCase();
  const good = (h: FuseResult<T>) => (h.score ?? 1) <= maxScore;
  if (!p.trim() || p.length > 32 || !(limit > 0) || !shortcutFits(options)) return fullFuse().search(pattern, { limit }).filter(good);
  let maxErrors = -1;
  while ((maxErrors + 1) / p.length <= Math.min(options.threshold, maxScore)) maxErrors++;
  const distance = substringEditDistance(p);
  const byErrors: number[][] = Array.from({ length: maxErrors + 1 }, () => []);
  for (let i = 0; i < records.length; i++) {
    const e = distance(textOf(records[i]!));
    if (e <= maxErrors) byErrors[e]!.push(i);
  }
  const found: { item: T; refIndex: number; score: number }[] = [];
  // Whether a record whose score is at least `bound` could still displace the `limit`-th result (ties go to the earlier record).
  const mayEnter = (bound: number, refIndex: number) => {
    const last = found[limit - 1];
    return !last || bound < last.score || (bound === last.score && refIndex < last.refIndex);
  };
  for (let e = 0; e <= maxErrors; e++) {
    // Within a round, best bound first: a name of several words scores higher (worse) for the same errors.
    // No errors: Fuse scores an exact match 0 (or ε), a longer name containing the pattern 0.001.
    const bitap = e === 0 ? 0 : Math.max(0.001, e / p.length);
    const round = byErrors[e]!
      .map((i) => ({ i, bound: Math.pow(bitap, fieldNormAtLeast(textOf(records[i]!))) }))
      .filter((c) => c.bound <= maxScore)
      .sort((a, b) => a.bound - b.bound || a.i - b.i);
    for (let k = 0; k < round.length && mayEnter(round[k]!.bound, round[k]!.i); k += BATCH) {
      const batch = round.slice(k, k + BATCH);
      for (const h of new Fuse(batch.map((c) => records[c.i]!), options).search(pattern)) {
        found.push({ item: h.item, refIndex: batch[h.refIndex]!.i, score: h.score ?? 1 });
      }
      // Fuse's order: score, then position in the collection.
      found.sort((a, b) => a.score - b.score || a.refIndex - b.refIndex);
    }
    if (!mayEnter((e + 1) / p.length, -1)) break;
  }
  return found.slice(0, limit).filter(good);
}

/** Records Fuse scores at a time within a round: enough to fill a typical limit, few enough to stop early. */
const BATCH = 48;

/**
 * At least the norm Fuse gives a field, by Fuse's own formula (1 ÷ √words, to three decimals). Words
 * are counted at spaces only, never more than Fuse counts, so the norm is never smaller than Fuse's
 * and the bound never larger than the score.
 */
function fieldNormAtLeast(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) !== 32) {
      if (!inWord) words++;
      inWord = true;
    } else inWord = false;
  }
  return Math.round(1000 / Math.pow(Math.max(words, 1), 0.5)) / 1000;
}

/** The options the lower bound in `fuzzySearch` holds for: one key, norm ≤ 1, location and case ignored, Fuse's own sort. */
function shortcutFits<T>(o: IFuseOptions<T>): boolean {
  const oneKey = o.keys === undefined || (o.keys.length === 1 && typeof o.keys[0] === 'string');
  return (
    oneKey &&
    o.ignoreLocation === true &&
    o.includeScore === true &&
    !o.isCaseSensitive &&
    !o.ignoreDiacritics &&
    !o.useExtendedSearch &&
    !o.useTokenSearch &&
    !o.sortFn &&
    o.shouldSort !== false &&
    !o.getFn &&
    (o.minMatchCharLength ?? 1) <= 1 &&
    (o.fieldNormWeight ?? 1) === 1
  );
}

const VOCABULARY_FUSE = { threshold: 0.3, includeScore: true, ignoreLocation: true };

/** Vocabulary words close to a misspelt one ("redundancys" → "redundancy"), best first. */
export function correct(index: TermIndex, term: string): string[] {
  if (term.length < 4) return [];
  const words = index.vocabulary.get(term[0]!);
  if (!words) return [];
  const fullFuse = () => {
    let fuse = index.vocabularyFuse.get(term[0]!);
    if (!fuse) index.vocabularyFuse.set(term[0]!, (fuse = new Fuse(words, VOCABULARY_FUSE)));
    return fuse;
  };
  const hits = fuzzySearch(fullFuse, words, (w) => w, VOCABULARY_FUSE, term, 3);
  const best = hits[0]?.score ?? 1;
  return hits.filter((h) => (h.score ?? 1) <= best + 0.05).map((h) => h.item);
}

export interface Hit {
  doc: number;
  score: number;
  /** How many distinct query words the document contains. */
  matched: number;
}

export interface SearchResult {
  hits: Hit[];
  total: number;
  /** Query words that were not in the vocabulary, with what was searched instead. */
  corrections: { from: string; to: string[] }[];
}

/**
 * Ranks documents by how many query words they contain, then by BM25. Scores accumulate in one
 * typed array sized to the collection, which keeps a query over 150,000 paragraphs to a few ms.
 */
export function searchTerms(index: TermIndex, query: string, limit = 10, filter?: (doc: number) => boolean): SearchResult {
  const corrections: SearchResult['corrections'] = [];
  const groups: string[][] = [];
  for (const t of new Set(terms(query))) {
    if (index.postings.has(t)) {
      groups.push([t]);
      continue;
    }
    const near = correct(index, t);
    if (near.length > 0) {
      corrections.push({ from: t, to: near });
      groups.push(near);
    }
  }
  const n = index.docLength.length;
  // Buffers sized to the collection are reused between queries (zeroing 150,000 entries costs more
  // than the search); taken out of the cache while in use, so a nested search gets its own.
  const buffers = scratch.get(index) ?? { score: new Float64Array(n), matched: new Uint8Array(n), group: new Uint32Array(n) };
  scratch.delete(index);
  const { score, matched, group: inGroup } = buffers;
  const touched: number[] = [];
  const k1 = 1.2;
  const b = 0.75;
  groups.forEach((group, g) => {
    // `inGroup[doc] === g + 1`: the document already counted for this query word (a corrected word may have several spellings).
    for (const t of group) {
      const list = index.postings.get(t)!;
      const idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
      for (const p of list) {
        const doc = p >>> 3;
        if (filter && !filter(doc)) continue;
        const tf = p & 7;
        const norm = 1 - b + (b * index.docLength[doc]!) / (index.averageLength || 1);
        if (matched[doc] === 0) touched.push(doc);
        if (inGroup[doc] !== g + 1) {
          inGroup[doc] = g + 1;
          matched[doc]! += 1;
        }
        score[doc]! += (idf * tf * (k1 + 1)) / (tf + k1 * norm);
      }
    }
  });
  const hits = topK(touched, score, matched, limit);
  for (const doc of touched) {
    score[doc] = 0;
    matched[doc] = 0;
    inGroup[doc] = 0;
  }
  scratch.set(index, buffers);
  return { hits, total: touched.length, corrections };
}

const scratch = new WeakMap<TermIndex, { score: Float64Array; matched: Uint8Array; group: Uint32Array }>();

const better = (x: Hit, y: Hit) => y.matched - x.matched || y.score - x.score || x.doc - y.doc;

/** The best `k` hits without sorting every touched document (a common word touches most of them). */
function topK(touched: number[], score: Float64Array, matched: Uint8Array, k: number): Hit[] {
  const top: Hit[] = [];
  for (const doc of touched) {
    // `better(hit, top[k - 1]) >= 0` before making the hit: most documents fail it.
    if (top.length === k) {
      const last = top[k - 1]!;
      if ((last.matched - matched[doc]! || last.score - score[doc]! || doc - last.doc) >= 0) continue;
    }
    const hit = { doc, score: score[doc]!, matched: matched[doc]! };
    let i = top.length;
    while (i > 0 && better(hit, top[i - 1]!) < 0) i--;
    top.splice(i, 0, hit);
    if (top.length > k) top.pop();
  }
  return top;
}
