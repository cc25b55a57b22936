import Fuse from 'fuse.js';
import { fuzzySearch } from './fuzzy.js';
import { runSync, type Steps } from './sliced.js';
import { terms } from './text.js';

/**
 * A per-word inverted index (term → documents) with BM25 ranking. Fuse.js scans every record on
 * every query, which is far too slow over article bodies (see the README's Performance section),
 * so Fuse only sees the vocabulary, to correct typos in query words.
 *
 * A reload that changes a few articles does not rebuild it (150,000 paragraphs take seconds): the
 * documents of removed or replaced articles are marked dead and the new ones appended after the
 * base (see `term-update.ts`). Every count BM25 reads (documents, average length, each term's
 * document frequency) is over live documents only, so scores are exactly those of a fresh build.
 */
export interface TermSegment {
  /** term → postings, each `doc * 8 + min(tf, 7)`, ascending by doc (numbered within the segment). */
  postings: Map<string, Uint32Array>;
  docLength: Uint16Array;
}

export interface TermIndex {
  base: TermSegment;
  /** Documents appended since the base was built, numbered after the base's. */
  added: TermSegment;
  /** The appended documents' texts (tokenized), from which `added` is rebuilt when more are appended. */
  addedTexts: readonly string[];
  /** `dead[doc] === 1`: a document of an article removed or replaced since the base was built. Null when none. */
  dead: Uint8Array | null;
  deadCount: number;
  /** How many dead documents hold each term. */
  deadDf: ReadonlyMap<string, number>;
  /** Live documents, and their words in all (BM25's N and, divided, its average length). */
  live: number;
  totalLength: number;
  /** The live vocabulary by first letter, each list sorted, for correcting typos in query words. */
  vocabulary: Map<string, readonly string[]>;
  /** How two documents that score alike are ordered; by number when absent (a fresh build numbers documents in the knowledge base's order). */
  tie?: (a: number, b: number) => number;
}

export function buildTermIndex(docs: readonly string[]): TermIndex {
  return runSync(termIndexSteps(docs));
}

/** Documents indexed between two chances to yield; a few hundred paragraphs take about a millisecond. */
const DOCS_PER_STEP = 256;

export const splitTokenized = (text: string): string[] => (text === '' ? [] : text.split(' '));

/** A typed array at least `size` long, `a` itself if it is (grown by doubling, contents kept). */
function atLeast(a: Uint32Array<ArrayBuffer>, size: number): Uint32Array<ArrayBuffer> {
  if (size <= a.length) return a;
  const grown = new Uint32Array(Math.max(size, a.length * 2));
  grown.set(a);
  return grown;
}

/**
 * One segment over `docs` (each its `terms()` joined by spaces when `tokenized`), and its words in all.
 * Two passes over the words: the first numbers the terms (in the order first seen, which is the
 * order `postings` lists them in) and counts each one's documents, the second puts every posting
 * straight into its place in one array, of which each term's postings are a view (the layout
 * `index-store.ts` stores). A list per term grown by `push` (millions of numbers at 10,000
 * articles) lived through the build, was promoted to the old generation and left it fragmented
 * once copied and freed: 25–40 MB more heap kept after a build. Counted with typed arrays by term
 * number rather than a map per document, the two passes take less time than the one did.
 */
export function* segmentSteps(docs: readonly string[], tokenized: boolean): Steps<{ segment: TermSegment; total: number }> {
  const words = (doc: number) => (tokenized ? splitTokenized(docs[doc]!) : terms(docs[doc]!));
  const ids = new Map<string, number>();
  let df = new Uint32Array(1024);
  // The last document (numbered from 1) each term was counted in.
  let seenIn = new Uint32Array(1024);
  const docLength = new Uint16Array(docs.length);
  let total = 0;
  let longest = 0;
  for (let doc = 0; doc < docs.length; doc++) {
    if (doc % DOCS_PER_STEP === DOCS_PER_STEP - 1) yield;
    const list = words(doc);
    docLength[doc] = Math.min(list.length, 65535);
    total += list.length;
    longest = Math.max(longest, list.length);
    for (const t of list) {
      let id = ids.get(t);
      if (id === undefined) {
        ids.set(t, (id = ids.size));
        df = atLeast(df, ids.size);
        seenIn = atLeast(seenIn, ids.size);
      }
      if (seenIn[id] !== doc + 1) {
        seenIn[id] = doc + 1;
        df[id]!++;
      }
    }
  }
  const start = new Uint32Array(ids.size + 1);
  for (let id = 0; id < ids.size; id++) start[id + 1] = start[id]! + df[id]!;
  df = seenIn = new Uint32Array(0);
  const all = new Uint32Array(start[ids.size]!);
  const next = start.slice(0, ids.size);
  // Per document: each term's count, and the terms it holds.
  const tf = new Uint16Array(ids.size);
  const held = new Uint32Array(longest);
  for (let doc = 0; doc < docs.length; doc++) {
    if (doc % DOCS_PER_STEP === DOCS_PER_STEP - 1) yield;
    let k = 0;
    for (const t of words(doc)) {
      const id = ids.get(t)!;
      if (tf[id] === 0) held[k++] = id;
      if (tf[id]! < 7) tf[id]!++;
    }
    for (let j = 0; j < k; j++) {
      const id = held[j]!;
      all[next[id]!++] = doc * 8 + tf[id]!;
      tf[id] = 0;
    }
  }
  const postings = new Map<string, Uint32Array>();
  let id = 0;
  for (const t of ids.keys()) {
    if (id % 4096 === 4095) yield;
    postings.set(t, all.subarray(start[id]!, start[id + 1]!));
    id++;
  }
  return { segment: { postings, docLength }, total };
}

export const EMPTY_SEGMENT: TermSegment = { postings: new Map(), docLength: new Uint16Array(0) };

/**
 * `buildTermIndex` as steps, for building on a serving thread without holding it (see `sliced.ts`).
 * With `tokenized`, each document is already its `terms()` joined by spaces.
 */
export function* termIndexSteps(docs: readonly string[], tokenized = false): Steps<TermIndex> {
  const { segment, total } = yield* segmentSteps(docs, tokenized);
  const byLetter = new Map<string, string[]>();
  for (const t of segment.postings.keys()) {
    const bucket = byLetter.get(t[0]!);
    if (bucket) bucket.push(t);
    else byLetter.set(t[0]!, [t]);
  }
  yield;
  // Sorted, so which of several equally close words a typo is corrected to never depends on the order documents were added in.
  for (const bucket of byLetter.values()) bucket.sort();
  return { base: segment, added: EMPTY_SEGMENT, addedTexts: [], dead: null, deadCount: 0, deadDf: new Map(), live: docs.length, totalLength: total, vocabulary: byLetter };
}

/** Documents numbered so far, dead ones included. */
export const numberedDocs = (index: TermIndex) => index.base.docLength.length + index.added.docLength.length;

/** How many live documents hold `term`. */
export function documentFrequency(index: TermIndex, term: string): number {
  return (index.base.postings.get(term)?.length ?? 0) + (index.added.postings.get(term)?.length ?? 0) - (index.deadDf.get(term) ?? 0);
}

export const hasTerm = (index: TermIndex, term: string) => documentFrequency(index, term) > 0;

const VOCABULARY_FUSE = { threshold: 0.3, includeScore: true, ignoreLocation: true };
/** Fuse over one first letter's words, built only if a query word is too long for `fuzzySearch`'s shortcut; kept while the list is served. */
const vocabularyFuse = new WeakMap<readonly string[], Fuse<string>>();

/** Vocabulary words close to a misspelt one ("redundancys" → "redundancy"), best first. */
export function correct(index: TermIndex, term: string): string[] {
  if (term.length < 4) return [];
  const words = index.vocabulary.get(term[0]!);
  if (!words) return [];
  const fullFuse = () => {
    let fuse = vocabularyFuse.get(words);
    if (!fuse) vocabularyFuse.set(words, (fuse = new Fuse(words, VOCABULARY_FUSE)));
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
 * Ranks documents by how many query words they contain, then by BM25, then by `index.tie`. Scores
 * accumulate in one typed array sized to the collection, which keeps a query over 150,000
 * paragraphs to a few ms.
 */
export function searchTerms(index: TermIndex, query: string, limit = 10, filter?: (doc: number) => boolean): SearchResult {
  const corrections: SearchResult['corrections'] = [];
  const groups: string[][] = [];
  for (const t of new Set(terms(query))) {
    if (hasTerm(index, t)) {
      groups.push([t]);
      continue;
    }
    const near = correct(index, t);
    if (near.length > 0) {
      corrections.push({ from: t, to: near });
      groups.push(near);
    }
  }
  const size = numberedDocs(index);
  // Buffers sized to the collection are reused between queries (zeroing 150,000 entries costs more
  // than the search); taken out of the cache while in use, so a nested search gets its own.
  const buffers = scratch.get(index) ?? { score: new Float64Array(size), matched: new Uint8Array(size), group: new Uint32Array(size) };
  scratch.delete(index);
  const { score, matched, group: inGroup } = buffers;
  const touched: number[] = [];
  const n = index.live;
  const averageLength = n ? index.totalLength / n : 0;
  const { dead } = index;
  const offset = index.base.docLength.length;
  const k1 = 1.2;
  const b = 0.75;
  groups.forEach((group, g) => {
    // `inGroup[doc] === g + 1`: the document already counted for this query word (a corrected word may have several spellings).
    for (const t of group) {
      const df = documentFrequency(index, t);
      if (df <= 0) continue;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      for (const [segment, first] of [[index.base, 0], [index.added, offset]] as const) {
        const list = segment.postings.get(t);
        if (!list) continue;
        for (const p of list) {
          const doc = (p >>> 3) + first;
          if ((dead && dead[doc] === 1) || (filter && !filter(doc))) continue;
          const tf = p & 7;
          const norm = 1 - b + (b * segment.docLength[doc - first]!) / (averageLength || 1);
          if (matched[doc] === 0) touched.push(doc);
          if (inGroup[doc] !== g + 1) {
            inGroup[doc] = g + 1;
            matched[doc]! += 1;
          }
          score[doc]! += (idf * tf * (k1 + 1)) / (tf + k1 * norm);
        }
      }
    }
  });
  const hits = topK(touched, score, matched, limit, index.tie ?? ((x, y) => x - y));
  for (const doc of touched) {
    score[doc] = 0;
    matched[doc] = 0;
    inGroup[doc] = 0;
  }
  scratch.set(index, buffers);
  return { hits, total: touched.length, corrections };
}

const scratch = new WeakMap<TermIndex, { score: Float64Array; matched: Uint8Array; group: Uint32Array }>();

/** The best `k` hits without sorting every touched document (a common word touches most of them). */
function topK(touched: number[], score: Float64Array, matched: Uint8Array, k: number, tie: (a: number, b: number) => number): Hit[] {
  const better = (x: Hit, y: Hit) => y.matched - x.matched || y.score - x.score || tie(x.doc, y.doc);
  const top: Hit[] = [];
  for (const doc of touched) {
    // `better(hit, top[k - 1]) >= 0` before making the hit: most documents fail it.
    if (top.length === k) {
      const last = top[k - 1]!;
      if ((last.matched - matched[doc]! || last.score - score[doc]! || tie(doc, last.doc)) >= 0) continue;
    }
    const hit = { doc, score: score[doc]!, matched: matched[doc]! };
    let i = top.length;
    while (i > 0 && better(hit, top[i - 1]!) < 0) i--;
    top.splice(i, 0, hit);
    if (top.length > k) top.pop();
  }
  return top;
}
