import { describe, expect, it } from 'vitest';
import { buildTermIndex, searchTerms } from '../../src/knowledge/term-index.js';
import { terms } from '../../src/knowledge/text.js';

/** Postings by their definition: for each document, each of its terms once, `doc * 8 + min(tf, 7)`, terms in the order first seen. */
function reference(docs: readonly string[]): [string, number[]][] {
  const lists = new Map<string, number[]>();
  docs.forEach((text, doc) => {
    const counts = new Map<string, number>();
    for (const t of terms(text)) counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const [t, tf] of counts) {
      if (!lists.has(t)) lists.set(t, []);
      lists.get(t)!.push(doc * 8 + Math.min(tf, 7));
    }
  });
  return [...lists];
}

function seededDocs(count: number, seed: number): string[] {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const vocabulary = Array.from({ length: 300 }, (_, i) => `word${i.toString(36)}`);
  return Array.from({ length: count }, () => {
    // Some documents empty, some repeating one word past the count's cap of 7, most a mix of common and rare words.
    const n = Math.floor(next() * 40);
    return Array.from({ length: n }, () => vocabulary[Math.floor(next() ** 3 * vocabulary.length)]!).join(' ');
  });
}

describe('the term index build', () => {
  it('holds exactly the postings of the definition, in its order, with the documents’ lengths', () => {
    const docs = [...seededDocs(2_000, 7), '', 'care care care care care care care care care cuts', 'Cuts to care homes; the council’s homes'];
    const index = buildTermIndex(docs);
    expect([...index.base.postings].map(([t, p]) => [t, [...p]])).toEqual(reference(docs));
    expect([...index.base.docLength]).toEqual(docs.map((d) => terms(d).length));
    expect(index.totalLength).toBe(docs.reduce((n, d) => n + terms(d).length, 0));
    expect(index.live).toBe(docs.length);
  });

  it('finds every document holding a word, the one that says it most first', () => {
    const docs = ['home care cuts announced', 'care care care: the home care budget', 'library closures', 'care homes'];
    const hits = searchTerms(buildTermIndex(docs), 'care', 10);
    expect(hits.hits[0]?.doc).toBe(1);
    expect(hits.hits.map((h) => h.doc).sort()).toEqual([0, 1, 3]);
  });
});
