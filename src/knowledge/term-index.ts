import Fuse, { type FuseResult, type IFuseOptions } from 'fuse.js';
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
  const lists = new Map<string, number[]>();
  const docLength = new Uint16Array(docs.length);
  let total = 0;
  docs.forEach((text, doc) => {
    const counts = new Map<string, number>();
    const words = terms(text);
    for (const t of words) counts.set(t, (counts.get(t) ?? 0) + 1);
    docLength[doc] = Math.min(words.length, 65535);
    total += words.length;
    for (const [t, tf] of counts) {
      let list = lists.get(t);
      if (!list) lists.set(t, (list = []));
      list.push(doc * 8 + Math.min(tf, 7));
    }
  });
  const postings = new Map<string, Uint32Array>();
  const vocabulary = new Map<string, string[]>();
  for (const [t, list] of lists) {
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
 * beat the current `limit`-th result. Typo queries over a few thousand names usually stop after one
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
  for (let e = 0; e <= maxErrors; e++) {
    const round = byErrors[e]!;
    if (round.length > 0) {
      for (const h of new Fuse(round.map((i) => records[i]!), options).search(pattern)) {
        found.push({ item: h.item, refIndex: round[h.refIndex]!, score: h.score ?? 1 });
      }
      // Fuse's order: score, then position in the collection.
      found.sort((a, b) => a.score - b.score || a.refIndex - b.refIndex);
    }
    const worstKept = found.length >= limit ? found[limit - 1]!.score : Infinity;
    if ((e + 1) / p.length > worstKept) break;
  }
  return found.slice(0, limit).filter(good);
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
    (o.fieldNormWeight ?? 1) >= 0
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
  const score = new Float64Array(n);
  const matched = new Uint8Array(n);
  const touched: number[] = [];
  const k1 = 1.2;
  const b = 0.75;
  for (const group of groups) {
    const seenInGroup = new Set<number>();
    for (const t of group) {
      const list = index.postings.get(t)!;
      const idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
      for (const p of list) {
        const doc = p >>> 3;
        if (filter && !filter(doc)) continue;
        const tf = p & 7;
        const norm = 1 - b + (b * index.docLength[doc]!) / (index.averageLength || 1);
        if (matched[doc] === 0) touched.push(doc);
        if (!seenInGroup.has(doc)) {
          seenInGroup.add(doc);
          matched[doc]! += 1;
        }
        score[doc]! += (idf * tf * (k1 + 1)) / (tf + k1 * norm);
      }
    }
  }
  return { hits: topK(touched, score, matched, limit), total: touched.length, corrections };
}

const better = (x: Hit, y: Hit) => y.matched - x.matched || y.score - x.score || x.doc - y.doc;

/** The best `k` hits without sorting every touched document (a common word touches most of them). */
function topK(touched: number[], score: Float64Array, matched: Uint8Array, k: number): Hit[] {
  const top: Hit[] = [];
  for (const doc of touched) {
    const hit = { doc, score: score[doc]!, matched: matched[doc]! };
    if (top.length === k && better(hit, top[k - 1]!) >= 0) continue;
    let i = top.length;
    while (i > 0 && better(hit, top[i - 1]!) < 0) i--;
    top.splice(i, 0, hit);
    if (top.length > k) top.pop();
  }
  return top;
}
