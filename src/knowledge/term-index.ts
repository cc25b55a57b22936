import Fuse from 'fuse.js';
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
  /** Fuse over the vocabulary, one per first letter, built on first use. */
  vocabulary: Map<string, Fuse<string> | string[]>;
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
  const vocabulary = new Map<string, Fuse<string> | string[]>();
  for (const [t, list] of lists) {
    postings.set(t, Uint32Array.from(list));
    const bucket = vocabulary.get(t[0]!) as string[] | undefined;
    if (bucket) bucket.push(t);
    else vocabulary.set(t[0]!, [t]);
  }
  return { postings, docLength, averageLength: docs.length ? total / docs.length : 0, vocabulary };
}

/** Vocabulary words close to a misspelt one ("redundancys" → "redundancy"), best first. */
export function correct(index: TermIndex, term: string): string[] {
  if (term.length < 4) return [];
  let bucket = index.vocabulary.get(term[0]!);
  if (!bucket) return [];
  if (Array.isArray(bucket)) {
    bucket = new Fuse(bucket, { threshold: 0.3, includeScore: true, ignoreLocation: true });
    index.vocabulary.set(term[0]!, bucket);
  }
  const hits = bucket.search(term, { limit: 3 });
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
