/**
 * vitest globalSetup: one line at the top of `npm test` when the PostgreSQL tests will not run, so
 * a green run without a server is not mistaken for one that tested PostgreSQL. (Under CI=true the
 * missing server fails a test instead: test/reminders/postgres-availability.ts.) Worded without
 * "skipped": tz.test.ts runs vitest again and treats that word in its output as a skipped time test.
 */
export default function notice(): void {
  if (process.env.TEST_DATABASE_URL?.trim() || process.env.CI === 'true') return;
  console.log('\nPostgreSQL tests not run: TEST_DATABASE_URL not set (see README, "PostgreSQL and sharding"; scripts/ci/postgres.sh starts a server)\n');
}
