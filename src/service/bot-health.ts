import { Events, Status, type Client } from 'discord.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { Scheduler } from '../reminders/scheduler.js';
import { startHealthServer, type HealthServer } from './health.js';
import type { Metrics } from './metrics.js';

/**
 * The bot's health as `/healthz` reports it, when `HEALTH_PORT` is set. Started before the
 * knowledge base loads, so a supervisor sees "not loaded yet" (503) rather than no answer at all.
 */
export async function startBotHealth(opts: {
  config: Pick<Config, 'HEALTH_PORT' | 'HEALTH_HOST'>;
  log: Logger;
  metrics: Metrics;
  client: () => Client | null;
  knowledgeLoaded: () => boolean;
  scheduler: () => Scheduler | null;
}): Promise<HealthServer | null> {
  if (opts.config.HEALTH_PORT === undefined) return null;
  // discord.js keeps its status "ready" until a reconnect gets under way, so a dropped connection
  // counts as down from the moment the client notices it until the shard is ready or resumed again.
  const shardsDown = new Set<number>();
  let client_: Client | null = null;
  const watch = (client: Client | null) => {
    if (!client) return;
    const down = (_: unknown, id: number) => shardsDown.add(id);
    const up = (id: number) => shardsDown.delete(id);
    client.on(Events.ShardDisconnect, down);
    client.on(Events.ShardReconnecting, (id) => shardsDown.add(id));
    client.on(Events.ShardReady, (id) => up(id));
    client.on(Events.ShardResume, (id) => up(id));
  };
  const server = await startHealthServer({
    port: opts.config.HEALTH_PORT,
    host: opts.config.HEALTH_HOST,
    registry: opts.metrics.registry,
    health: {
      gatewayReady: () => {
        const client = opts.client();
        if (client !== client_) watch((client_ = client));
        return client !== null && client.isReady() && client.ws.status === Status.Ready && shardsDown.size === 0;
      },
      knowledgeLoaded: opts.knowledgeLoaded,
      schedulerTickedAt: () => {
        const scheduler = opts.scheduler();
        // Before its first tick the loop counts from when it started, so a fresh start is not stale.
        return scheduler ? (scheduler.lastTickAt() ?? started) : null;
      },
      // A tick comes at least every poll; three missed polls (or a minute) means the loop is stuck.
      schedulerStaleMs: Math.max(60_000, 3 * (opts.scheduler()?.pollMs ?? 0)),
    },
  });
  const started = Date.now();
  opts.log.info({ host: opts.config.HEALTH_HOST, port: server.port }, `health and metrics on http://${opts.config.HEALTH_HOST}:${server.port}/healthz and /metrics`);
  return server;
}
