import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * What an operator watches, in Prometheus's format. One registry per running bot (not prom-client's
 * global one), so tests that start several bots in one process never mix their counts.
 */

export type CommandOutcome = 'answered' | 'failed';
export type ReminderOutcome = 'posted' | 'late' | 'failed';

export interface Metrics {
  registry: Registry;
  /** A command, a button or an autocomplete, by name, and how long the answer took. */
  command(name: string, outcome: CommandOutcome, seconds: number): void;
  reminder(outcome: ReminderOutcome, count?: number): void;
  reload(seconds: number, articles: number, problems: number): void;
  stop(): void;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  // Node's own: memory, CPU, GC and event-loop lag (nodejs_eventloop_lag_*), sampled at scrape time.
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });

  const commands = new Counter({
    name: 'cutsbot_commands_total',
    help: 'Interactions handled, by command name and outcome (answered or failed).',
    labelNames: ['command', 'outcome'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'cutsbot_answer_seconds',
    help: 'Time from receiving an interaction to sending its answer.',
    labelNames: ['command'] as const,
    // Discord's deadline for a first response is 3 s; the buckets are dense below it.
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10],
    registers: [registry],
  });
  const reminders = new Counter({
    name: 'cutsbot_reminders_total',
    help: 'Reminder deliveries by outcome: posted on time, posted late, or failed for good.',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const reloads = new Histogram({
    name: 'cutsbot_knowledge_reload_seconds',
    help: 'How long loading or reloading the knowledge base took.',
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30],
    registers: [registry],
  });
  const articles = new Gauge({ name: 'cutsbot_knowledge_articles', help: 'Articles being served.', registers: [registry] });
  const problems = new Gauge({ name: 'cutsbot_knowledge_problems', help: 'Problems in the knowledge folder at the last load.', registers: [registry] });
  for (const outcome of ['posted', 'late', 'failed'] as const) reminders.inc({ outcome }, 0);

  return {
    registry,
    command(name, outcome, seconds) {
      commands.inc({ command: name, outcome });
      latency.observe({ command: name }, seconds);
    },
    reminder(outcome, count = 1) {
      reminders.inc({ outcome }, count);
    },
    reload(seconds, nArticles, nProblems) {
      reloads.observe(seconds);
      articles.set(nArticles);
      problems.set(nProblems);
    },
    stop() {
      registry.clear();
    },
  };
}
