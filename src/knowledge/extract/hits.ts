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
 * Plain data and module functions: closures made per paragraph showed up in the profile.
 */
export interface Hits {
  text: string;
  list: Hit[];
  claimed: Uint8Array;
}

// One mask reused across paragraphs (extraction is synchronous), grown for the longest one.
let mask = new Uint8Array(4096);

export function newHits(text: string): Hits {
  if (mask.length < text.length) mask = new Uint8Array(text.length * 2);
  const claimed = mask.subarray(0, text.length);
  claimed.fill(0);
  return { text, list: [], claimed };
}

export function taken(hits: Hits, start: number, end: number): boolean {
  return hits.claimed.subarray(start, end).includes(1);
}

export function claim(hits: Hits, start: number, end: number): void {
  hits.claimed.fill(1, start, end);
}

/** Adds the hit unless its stretch is already claimed; true when added. */
export function addHit(hits: Hits, hit: Hit): boolean {
  if (taken(hits, hit.start, hit.end)) return false;
  claim(hits, hit.start, hit.end);
  hits.list.push(hit);
  return true;
}

/** A match's span without trailing punctuation or space. */
export function spanOf(m: RegExpMatchArray): { start: number; end: number } {
  return { start: m.index!, end: m.index! + m[0].replace(/[\s.,]+$/, '').length };
}
