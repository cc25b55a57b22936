/**
 * Binary search in sorted lists: the one place it is written (folder listings, term lists, place prefixes,
 * speakers and consultations kept in order by an update all use it).
 */

/** The first index whose item is not before `item` under `order`: where `item` is, or goes to keep the list sorted. */
export function insertAt<T>(list: readonly T[], item: T, order: (a: T, b: T) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (order(list[mid]!, item) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index whose key is not below `k`, in a list sorted by `key` (string order). */
export function lowerBound<T>(list: readonly T[], k: string, key: (item: T) => string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(list[mid]!) < k) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
