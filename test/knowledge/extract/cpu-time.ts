import { tries } from '../../least-of.js';

/**
 * The least CPU time (ms) of `run` over up to `attempts` runs, stopping as soon as one is under `boundMs`. CPU
 * time, not wall time, and the least of a few runs: on a shared 2-core machine the suite's other processes and
 * this process's collector threads add to one run (a 0.4 s extraction measured 1.02 s once in CI), while a
 * quadratic step costs tens of seconds on every run and still fails.
 */
export function leastCpuMs(run: () => void, boundMs: number, attempts = 3): number {
  const t = tries(boundMs, attempts);
  while (t.more()) {
    const start = process.cpuUsage();
    run();
    const used = process.cpuUsage(start);
    t.note((used.user + used.system) / 1000);
  }
  return t.least;
}
