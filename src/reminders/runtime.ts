import type { REST } from 'discord.js';
import type { Config } from '../config.js';
import type { ConsultationEntry } from '../knowledge/knowledge-base.js';
import type { Logger } from '../log.js';
import { createRest, createRestPoster, type Poster } from './poster.js';
import { createScheduler, systemClock, type Clock, type Scheduler } from './scheduler.js';
import type { ServiceDeps } from './service.js';
import { openFailureMessage, StoreOpenError } from './db-faults.js';
import { dbFileIn, openStore, type Store } from './store.js';
import { createPersonalStore, deliverPersonal, type PersonalStore } from './personal.js';
import { createFollowStore, type FollowStore } from './follows.js';

/**
 * Reminders as the bot runs them: the database, the REST client and the one delivery loop, started
 * together and stopped together.
 */

export interface ReminderRuntime {
  store: Store;
  scheduler: Scheduler;
  /** Members' own "Remind me" direct messages. */
  personal: PersonalStore;
  /** Sends the personal reminders that are due now (the loop calls it every poll; tests call it). */
  tickPersonal(): Promise<number>;
  /** Channels following a place (/follow) and what each has been told. */
  follows: FollowStore;
  rest: REST;
  deps: ServiceDeps;
  stop(): Promise<void>;
}

export interface StartRemindersOptions {
  config: Pick<Config, 'DISCORD_TOKEN' | 'DISCORD_API_BASE' | 'DATA_DIR' | 'ORGANISER_ROLE_ID'>;
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

export function startReminders(opts: StartRemindersOptions): ReminderRuntime {
  const log = opts.log.child({ module: 'reminders' });
  const store = openStoreIn(opts.config.DATA_DIR);
  const rest = createRest({ token: opts.config.DISCORD_TOKEN, ...(opts.config.DISCORD_API_BASE ? { apiBase: opts.config.DISCORD_API_BASE } : {}) });
  const clock = opts.clock ?? systemClock;
  const poster = opts.poster ?? createRestPoster(rest);
  const personal = createPersonalStore(store.db);
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
    log.info({ file: store.file, owner: scheduler.owner }, 'reminder scheduler started');
  }
  let stopping: Promise<void> | null = null;
  const runtime: ReminderRuntime = {
    store,
    scheduler,
    personal,
    tickPersonal,
    follows: createFollowStore(store.db),
    rest,
    deps,
    stop: () => {
      stopping ??= (async () => {
        if (personalTimer) clearInterval(personalTimer);
        await scheduler.stop();
        store.close();
        log.info('reminder scheduler stopped');
      })();
      return stopping;
    },
  };
  return runtime;
}
