import type { FigureKind, FigureRange, FigureChange } from '../schema.js';

/** A figure found in a paragraph, before it is given its qualifier, label and sentence. */
export interface Hit {
  kind: FigureKind;
  value: number | string;
  unit: string;
  start: number;
  end: number;
  /** What it counts, when found with the figure; money and percentages are labelled afterwards otherwise. */
  counts: string | null;
  /** Set when the words that make the figure also qualify it ("between", "hundreds of"). */
  qualifier?: string;
  range?: FigureRange;
  change?: FigureChange;
  outOf?: number;
}

/**
 * The figures of one paragraph so far. A stretch of text claimed by one figure is not read again, so
 * "£4 million" is never also a count of 4; a mask of claimed characters keeps long paragraphs linear.
 */
export interface Hits {
  text: string;
  list: Hit[];
  taken(start: number, end: number): boolean;
  claim(start: number, end: number): void;
  /** Adds the hit unless its stretch is already claimed; true when added. */
  add(hit: Hit): boolean;
}

export function newHits(text: string): Hits {
  const claimed = new Uint8Array(text.length);
  const hits: Hits = {
    text,
    list: [],
    taken: (start, end) => claimed.subarray(start, end).includes(1),
    claim: (start, end) => claimed.fill(1, start, end),
    add(hit) {
      if (hits.taken(hit.start, hit.end)) return false;
      hits.claim(hit.start, hit.end);
      hits.list.push(hit);
      return true;
    },
  };
  return hits;
}

/** A match's span without trailing punctuation or space. */
export function spanOf(m: RegExpMatchArray): { start: number; end: number } {
  return { start: m.index!, end: m.index! + m[0].replace(/[\s.,]+$/, '').length };
}
