import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Long builds are written once, as generators that `yield` between small units of work, and run
 * either straight through (CLI, tests) or in time slices on a serving thread, so members' commands
 * are answered between slices instead of waiting for the whole build.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs the steps to the end at once. */
export function runSync<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * The longest the main thread works between two chances for the event loop to run: well under the
 * 50 ms a member could notice, and long enough that the hand-over costs little.
 */
export const SLICE_MS = 12;

/** Runs the steps, giving the event loop a turn whenever a slice of `sliceMs` has been used. */
export async function runSliced<T>(steps: Steps<T>, sliceMs = SLICE_MS): Promise<T> {
  let start = performance.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() - start >= sliceMs) {
      await nextTurn();
      start = performance.now();
    }
  }
}

/**
 * For a long loop in an async function: `await turn()` at each step gives the event loop a turn
 * whenever a slice has been used or `turnNow` says so (after `beforeTurn`, e.g. writing what the
 * slice gathered, which `turnNow` can keep small).
 */
export function slices(beforeTurn?: () => void, sliceMs = SLICE_MS, turnNow: () => boolean = () => false): () => Promise<void> {
  let start = performance.now();
  return async () => {
    if (performance.now() - start < sliceMs && !turnNow()) return;
    beforeTurn?.();
    await nextTurn();
    start = performance.now();
  };
}
