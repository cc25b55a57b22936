/**
 * The least of a measure over up to `attempts` tries, stopping as soon as one is under `bound`. For
 * bounds on CPU time on a shared 2-core machine: the suite's other processes and the collector's
 * threads now and then add to one try, while a step that really is too long is too long every time
 * and still fails. The tries are the caller's loop (`while (t.more()) t.note(measure())`), so a
 * measure may be awaited (a child process) or not.
 */
export function tries(bound: number, attempts = 3) {
  let least = Infinity;
  let made = 0;
  return {
    /** Whether to try (again): fewer than `attempts` so far and none under `bound`. */
    more: () => made < attempts && least >= bound,
    /** The try about to be made, from 0. */
    get attempt() {
      return made;
    },
    note(value: number) {
      least = Math.min(least, value);
      made++;
    },
    get least() {
      return least;
    },
  };
}
