import { afterEach, describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/service/metrics.js';
import { startHealthServer, type HealthServer } from '../../src/service/health.js';

let server: HealthServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

function state() {
  return { gateway: true, loaded: true, tick: Date.now() as number | null };
}

async function serve(s: ReturnType<typeof state>) {
  const metrics = createMetrics();
  server = await startHealthServer({
    port: 0,
    host: '127.0.0.1',
    registry: metrics.registry,
    health: { gatewayReady: () => s.gateway, knowledgeLoaded: () => s.loaded, schedulerTickedAt: () => s.tick, schedulerStaleMs: 60_000 },
  });
  return { metrics, base: `http://127.0.0.1:${server.port}` };
}

describe('health endpoint', () => {
  it('answers 200 when the gateway is ready, the knowledge base is loaded and the scheduler ticked recently', async () => {
    const { base } = await serve(state());
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', reasons: [] });
  });

  it('answers 503 with every reason when something is wrong', async () => {
    const s = state();
    s.gateway = false;
    s.tick = Date.now() - 5 * 60_000;
    const { base } = await serve(s);
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { reasons: string[] };
    expect(body.reasons).toEqual(['gateway session is not ready', expect.stringMatching(/^reminder scheduler has not ticked for 3\d\d s$/)]);
  });

  it('is healthy without a scheduler in this process (delivery run elsewhere)', async () => {
    const s = state();
    s.tick = null;
    const { base } = await serve(s);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('says what exists for an unknown path and refuses other methods', async () => {
    const { base } = await serve(state());
    const res = await fetch(`${base}/nope`);
    expect(res.status).toBe(404);
    expect(await res.text()).toMatch(/\/healthz or \/metrics/);
    expect((await fetch(`${base}/healthz`, { method: 'POST' })).status).toBe(405);
  });
});

describe('metrics endpoint', () => {
  it('serves what the bot counted in the Prometheus text format', async () => {
    const { base, metrics } = await serve(state());
    metrics.command('cuts', 'answered', 0.02);
    metrics.command('cuts', 'failed', 4);
    metrics.reminder('posted', 2);
    metrics.reload(1.5, 120, 3);
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain('cutsbot_commands_total{command="cuts",outcome="answered"} 1');
    expect(text).toContain('cutsbot_commands_total{command="cuts",outcome="failed"} 1');
    expect(text).toContain('cutsbot_answer_seconds_bucket{le="3",command="cuts"} 1');
    expect(text).toContain('cutsbot_reminders_total{outcome="posted"} 2');
    expect(text).toContain('cutsbot_reminders_total{outcome="failed"} 0');
    expect(text).toContain('cutsbot_knowledge_articles 120');
    expect(text).toContain('cutsbot_knowledge_problems 3');
    expect(text).toContain('cutsbot_knowledge_reload_seconds_count 1');
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
  });
});
