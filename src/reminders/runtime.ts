import type Database from 'better-sqlite3';
import type { REST } from 'discord.js';
import type pg from 'pg';
import type { Config } from '../config.js';
import type { ConsultationEntry } from '../knowledge/knowledge-base.js';
import type { Logger } from '../log.js';
import { createRest, createRestPoster, type Poster } from './poster.js';
import { createScheduler, systemClock, type Clock, type Scheduler, type SchedulerOptions } from './scheduler.js';
import type { ServiceDeps } from './service.js';
import { openFailureMessage, pgOpenFailureMessage, StoreOpenError } from './db-faults.js';
import { openPgStore } from './pg-store.js';
import { dbFileIn, openStore, type Store } from './store.js';
import { deliverPersonal, type PersonalStore } from './personal.js';
import { createPersonalStore } from './personal-sqlite.js';
import { createPgPersonalStore } from './pg-personal.js';
import { createFollowStore, type FollowStore } from './follows.js';
import { createPgFollowStore } from './pg-follows.js';

/**
 * Reminders as the bot runs them: the database, the REST client and the one delivery loop, started
 * together and stopped together.
 */

export interface ReminderRuntime {
  store: Store;
  scheduler: Scheduler;
  /** Members' own "Remind me" direct messages, kept with the reminders. */
  personal: PersonalStore;
  /** Sends the personal reminders that are due now (the loop calls it every poll; tests call it). */
  tickPersonal(): Promise<number>;
  /** Channels following a place (/follow) and what each has been told, kept with the reminders. */
  follows: FollowStore;
  rest: REST;
  deps: ServiceDeps;
  stop(): Promise<void>;
}

export interface StartRemindersOptions {
  config: Pick<Config, 'DISCORD_TOKEN' | 'DISCORD_API_BASE' | 'DATA_DIR' | 'ORGANISER_ROLE_ID'> & Partial<Pick<Config, 'DATABASE_URL'>>;
  log: Logger;
  consultations: () => readonly ConsultationEntry[];
  clock?: Clock;
  /** For tests: a poster other than Discord's REST API. */
  poster?: Poster;
  /** Passed to the scheduler; defaults suit production. */
  leaseMs?: number;
  pollMs?: number;
  /** Start the delivery loop (default true); false leaves it to another process (run-scheduler.ts). */
  deliver?: boolean;
  /** Discord rejected the token while posting (401); whoever runs the process should end it. */
  onUnauthorized?: (error: string) => void;
  onOutcome?: SchedulerOptions['onOutcome'];
}

/**
 * Opens `DATA_DIR/cutsbot.db`, or throws a `StoreOpenError` whose message is one line naming
 * DATA_DIR, the file and what to do (corrupt, read-only, locked, newer schema).
 */
export function openStoreIn(dataDir: string): Store {
  const file = dbFileIn(dataDir);
  try {
    return openStore({ file });
  } catch (err) {
    throw new StoreOpenError(openFailureMessage(err, file, dataDir), { cause: err });
  }
}

/**
 * The reminders store the settings ask for: PostgreSQL when DATABASE_URL is set, else the SQLite
 * file in DATA_DIR. A store that cannot be opened throws a `StoreOpenError` with one line to print.
 */
export async function openConfiguredStore(config: { DATA_DIR: string; DATABASE_URL?: string | undefined }): Promise<Store> {
  if (!config.DATABASE_URL) return openStoreIn(config.DATA_DIR);
  try {
    return await openPgStore({ url: config.DATABASE_URL });
  } catch (err) {
    throw new StoreOpenError(pgOpenFailureMessage(err, config.DATABASE_URL), { cause: err });
  }
}

/** "Remind me" and /follow records in the same database, on the same connection(s), as the reminders. */
export function companionStores(store: Store): { personal: PersonalStore; follows: FollowStore } {
  if ('db' in store) return { personal: createPersonalStore(store.db as Database.Database), follows: createFollowStore(store.db as Database.Database) };
  if ('pool' in store) return { personal: createPgPersonalStore(store.pool as pg.Pool), follows: createPgFollowStore(store.pool as pg.Pool) };
  throw new Error(`reminders store ${store.location} (${store.backend}) offers neither a SQLite handle nor a PostgreSQL pool`);
}

export async function startReminders(opts: StartRemindersOptions): Promise<ReminderRuntime> {
  const log = opts.log.child({ module: 'reminders' });
  const store = await openConfiguredStore(opts.config);
  const rest = createRest({ token: opts.config.DISCORD_TOKEN, ...(opts.config.DISCORD_API_BASE ? { apiBase: opts.config.DISCORD_API_BASE } : {}) });
  const clock = opts.clock ?? systemClock;
  const poster = opts.poster ?? createRestPoster(rest);
  const { personal, follows } = companionStores(store);
  const tickPersonal = () => deliverPersonal(personal, poster, clock, log);
  let personalTimer: NodeJS.Timeout | null = null;
  const scheduler = createScheduler({
    store,
    poster,
    clock,
    log,
    ...(opts.leaseMs !== undefined ? { leaseMs: opts.leaseMs } : {}),
    ...(opts.pollMs !== undefined ? { pollMs: opts.pollMs } : {}),
    ...(opts.onUnauthorized ? { onUnauthorized: opts.onUnauthorized } : {}),
    ...(opts.onOutcome ? { onOutcome: opts.onOutcome } : {}),
  });
  const deps: ServiceDeps = {
    store,
    clock,
    consultations: opts.consultations,
    defaultOrganiserRoleId: opts.config.ORGANISER_ROLE_ID ?? null,
  };
  if (opts.deliver !== false) {
    void scheduler.start();
    personalTimer = setInterval(() => {
      tickPersonal().catch((err: unknown) => log.warn({ err }, 'personal reminders: delivery pass failed'));
    }, opts.pollMs ?? 30_000);
    personalTimer.unref();
    log.info({ store: store.location, owner: scheduler.owner }, 'reminder scheduler started');
  }
  let stopping: Promise<void> | null = null;
  const runtime: ReminderRuntime = {
    store,
    scheduler,
    personal,
    tickPersonal,
    follows,
    rest,
    deps,
    stop: () => {
      stopping ??= (async () => {
        if (personalTimer) clearInterval(personalTimer);
        await scheduler.stop();
        await store.close();
        log.info('reminder scheduler stopped');
      })();
      return stopping;
    },
  };
  return runtime;
}
