import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '../config.js';
import { isEntryPoint } from '../discord/entry.js';
import { createLogger } from '../log.js';
import { createRest, createRestPoster } from './poster.js';
import { deliverPersonal } from './personal.js';
import { createScheduler, systemClock } from './scheduler.js';
import { StoreOpenError } from './db-faults.js';
import { companionStores, openConfiguredStore } from './runtime.js';

/**
 * The delivery loop on its own, without the gateway: `tsx src/reminders/run-scheduler.ts`.
 * Useful to post reminders while the bot is down for maintenance, and what the crash tests run.
 * Several may run against one database file, or one PostgreSQL database (DATABASE_URL) from several
 * hosts; leases keep them from posting twice. It sends members' "Remind me" direct messages too.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'lease-ms': { type: 'string' }, 'poll-ms': { type: 'string' }, owner: { type: 'string' } },
  });
  const config = loadConfigOrExit();
  const log = createLogger({ level: config.LOG_LEVEL }).child({ module: 'reminders' });
  let store;
  try {
    store = await openConfiguredStore(config);
  } catch (err) {
    if (!(err instanceof StoreOpenError)) throw err;
    console.error(err.message);
    process.exit(1);
  }
  const rest = createRest({ token: config.DISCORD_TOKEN, ...(config.DISCORD_API_BASE ? { apiBase: config.DISCORD_API_BASE } : {}) });
  const poster = createRestPoster(rest);
  const { personal } = companionStores(store);
  const personalTimer = setInterval(() => {
    deliverPersonal(personal, poster, systemClock, log).catch((err: unknown) => log.warn({ err }, 'personal reminders: delivery pass failed'));
  }, values['poll-ms'] ? Number(values['poll-ms']) : 30_000);
  const scheduler = createScheduler({
    store,
    poster,
    log,
    ...(values['lease-ms'] ? { leaseMs: Number(values['lease-ms']) } : {}),
    ...(values['poll-ms'] ? { pollMs: Number(values['poll-ms']) } : {}),
    ...(values.owner ? { owner: values.owner } : {}),
    // A reset token will not come back: exit non-zero so a supervisor restarts with the new one.
    onUnauthorized: () => {
      clearInterval(personalTimer);
      void scheduler.stop().then(async () => {
        await store.close();
        process.exit(1);
      });
    },
  });
  const loop = scheduler.start();
  log.info({ store: store.location, owner: scheduler.owner }, 'reminder scheduler started');
  const shutdown = (signal: NodeJS.Signals) => {
    log.info({ signal }, 'stopping the reminder scheduler');
    setTimeout(() => process.exit(1), 10_000).unref();
    clearInterval(personalTimer);
    void scheduler.stop().then(async () => {
      await store.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await loop;
}

if (isEntryPoint(import.meta.url)) await main();
