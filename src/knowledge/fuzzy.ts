import Fuse, { type FuseResult, type IFuseOptions } from 'fuse.js';

/**
 * Fuzzy matching of short names (places, speakers, vocabulary words) without running Fuse's Bitap on
 * every record: a bit-parallel edit distance bounds each record's score, and only the records that
 * could still make the results are scored by Fuse itself.
 */

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
