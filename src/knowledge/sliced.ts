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

/**
 * When this thread last came back from giving the event loop a turn, for every slicer alike. Each
 * used to time its slice from when it was made, so the end of one loop's slice, the unsliced work
 * after it (a sort, opening the cache) and the first slice of the next loop ran as one hold: 40–55 ms
 * at the start of a warm load, of 12 ms slices. A clock that is late (the loop turned meanwhile for
 * an await of I/O) only makes the next turn come early.
 */
let sliceStart = performance.now();

/** How long this thread has worked since its last turn (as far as the slicers know). */
export const sliceUsed = () => performance.now() - sliceStart;

async function giveTurn(): Promise<void> {
  await nextTurn();
  sliceStart = performance.now();
}

/** Runs the steps, giving the event loop a turn whenever a slice of `sliceMs` has been used. */
export async function runSliced<T>(steps: Steps<T>, sliceMs = SLICE_MS): Promise<T> {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (sliceUsed() >= sliceMs) await giveTurn();
  }
}

/**
 * For a long loop in an async function: `await turn()` at each step gives the event loop a turn
 * whenever a slice has been used or `turnNow` says so (after `beforeTurn`, e.g. writing what the
 * slice gathered, which `turnNow` can keep small).
 */
export function slices(beforeTurn?: () => void, sliceMs = SLICE_MS, turnNow: () => boolean = () => false): () => Promise<void> {
  return async () => {
    if (sliceUsed() < sliceMs && !turnNow()) return;
    beforeTurn?.();
    await giveTurn();
  };
}

/** A turn of the event loop if this thread's slice is used up: between two pieces of work that are each sliced, or short. */
export const turnIfDue = slices();
