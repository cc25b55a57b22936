import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/**
 * The time and parsing code must give the same instants whatever zone the host runs in: the bot is
 * deployed with TZ=UTC, developers run it in London, and CI may be anywhere. Run those test files
 * again in child processes with other TZ values.
 */
const ZONES = ['UTC', 'America/New_York', 'Europe/London'];

describe.skipIf(process.env.EXPECT_TZ)('time tests under other process zones', () => {
  for (const tz of ZONES) {
    it(`pass under TZ=${tz}`, { timeout: 60_000 }, () => {
      const res = spawnSync('npx', ['vitest', 'run', '--reporter=verbose', 'test/reminders/time.test.ts', 'test/reminders/parse-time.test.ts'], {
        env: { ...process.env, TZ: tz, EXPECT_TZ: tz, NO_COLOR: '1', FORCE_COLOR: '0' },
        encoding: 'utf8',
      });
      const out = `${res.stdout}\n${res.stderr}`;
      expect(res.status, out).toBe(0);
      expect(out, out).toMatch(/✓ .*runs under the zone it was started with/);
      expect(out, out).toMatch(/Tests\s+\d+ passed \(\d+\)/);
      expect(out, out).not.toMatch(/skipped|failed/);
    });
  }
});
