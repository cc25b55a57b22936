/**
 * Per-user cooldowns for the commands that cost the most to answer, so one member cannot keep the
 * bot busy for everyone else. Kept in memory: a restart forgiving everyone is fine.
 */
export interface Cooldowns {
  /** Records a use and returns null when allowed, else the time (ms since epoch) it is allowed again. */
  take(command: string, userId: string, durationMs: number): number | null;
}

export function createCooldowns(now: () => number = Date.now): Cooldowns {
  const until = new Map<string, number>();
  let lastSweep = now();
  return {
    take(command, userId, durationMs) {
      const t = now();
      // Forget expired entries now and then so the map does not grow with every member ever seen.
      if (t - lastSweep > 60_000) {
        for (const [key, end] of until) if (end <= t) until.delete(key);
        lastSweep = t;
      }
      const key = `${command}\u0000${userId}`;
      const end = until.get(key);
      if (end !== undefined && end > t) return end;
      until.set(key, t + durationMs);
      return null;
    },
  };
}
