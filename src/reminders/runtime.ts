import type { REST } from 'discord.js';
import type { Config } from '../config.js';
import type { ConsultationEntry } from '../knowledge/knowledge-base.js';
import type { Logger } from '../log.js';
import { createRest, createRestPoster, type Poster } from './poster.js';
import { createScheduler, systemClock, type Clock, type Scheduler, type SchedulerOptions } from './scheduler.js';
import type { ServiceDeps } from './service.js';
import { openFailureMessage, pgOpenFailureMessage, StoreOpenError } from './db-faults.js';
import { openPgStore } from './pg-store.js';
import { dbFileIn, openStore, type SqliteStore, type Store } from './store.js';
import { createPersonalStore, deliverPersonal, type PersonalStore } from './personal.js';
import { createFollowStore, type FollowStore } from './follows.js';

/**
 * Reminders as the bot runs them: the database, the REST client and the one delivery loop, started
 * together and stopped together.
 */

export interface ReminderRuntime {
  store: Store;
  scheduler: Scheduler;
  /** Members' own "Remind me" direct messages; null on PostgreSQL (not ported yet). */
  personal: PersonalStore | null;
  /** Sends the personal reminders that are due now (the loop calls it every poll; tests call it). */
  tickPersonal(): Promise<number>;
  /** Channels following a place (/follow) and what each has been told; null on PostgreSQL (not ported yet). */
  follows: FollowStore | null;
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

/** Said when a member asks for Remind me or /follow on a deployment that keeps reminders in PostgreSQL. */
export const NOT_ON_POSTGRES =
  'Remind me and /follow keep their records in the SQLite reminders file, and this bot keeps reminders in PostgreSQL (DATABASE_URL), so they are switched off here for now.';

export async function startReminders(opts: StartRemindersOptions): Promise<ReminderRuntime> {
  const log = opts.log.child({ module: 'reminders' });
  const store = await openConfiguredStore(opts.config);
  const rest = createRest({ token: opts.config.DISCORD_TOKEN, ...(opts.config.DISCORD_API_BASE ? { apiBase: opts.config.DISCORD_API_BASE } : {}) });
  const clock = opts.clock ?? systemClock;
  const poster = opts.poster ?? createRestPoster(rest);
  // "Remind me" and /follow keep their records in the SQLite file only for now: on PostgreSQL they
  // are off (and say so), rather than kept per host, which would post twice with two processes.
  const sqlite = 'db' in store ? (store as SqliteStore).db : null;
  const personal = sqlite ? createPersonalStore(sqlite) : null;
  const tickPersonal = async () => (personal ? deliverPersonal(personal, poster, clock, log) : 0);
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
    if (personal) personalTimer = setInterval(() => {
      tickPersonal().catch((err: unknown) => log.warn({ err }, 'personal reminders: delivery pass failed'));
    }, opts.pollMs ?? 30_000);
    personalTimer?.unref();
    log.info({ store: store.location, owner: scheduler.owner }, 'reminder scheduler started');
  }
  let stopping: Promise<void> | null = null;
  const runtime: ReminderRuntime = {
    store,
    scheduler,
    personal,
    tickPersonal,
    follows: sqlite ? createFollowStore(sqlite) : null,
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
