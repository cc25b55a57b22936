import { describe, it } from 'vitest';
import { TEST_DATABASE_URL } from './backends.js';

const IN_CI = process.env.CI === 'true';

/**
 * Says, as a visible skipped suite, that the PostgreSQL tests did not run; under CI a missing
 * server is a failing test instead, so CI never passes without them.
 */
export function reportPostgresAvailability(): void {
  if (TEST_DATABASE_URL) return;
  if (IN_CI) {
    describe('PostgreSQL tests', () => {
      it('need TEST_DATABASE_URL in CI (.ci/run starts a server with scripts/ci/postgres.sh)', () => {
        throw new Error('CI=true but TEST_DATABASE_URL is not set: the PostgreSQL tests must run in CI (see README, "PostgreSQL and sharding")');
      });
    });
    return;
  }
  describe.skip('PostgreSQL tests skipped: TEST_DATABASE_URL not set (see README)', () => {
    it('store suite and scheduler processes on PostgreSQL', () => {});
  });
}
