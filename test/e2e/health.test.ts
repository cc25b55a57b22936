import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startEmulator, type Emulator } from './emulator.js';
import { ROOT, runScript, type Child } from './process.js';

const run = promisify(execFile);

/** The bot as its own process with HEALTH_PORT set, and what a supervisor and Prometheus see of it. */
let emulator: Emulator;
let child: Child;
let dataDir: string;
let base = '';

beforeAll(async () => {
  emulator = await startEmulator();
  dataDir = await mkdtemp(path.join(tmpdir(), 'cutsbot-health-'));
  child = runScript('src/main.ts', {
    DISCORD_TOKEN: emulator.token,
    DISCORD_APPLICATION_ID: emulator.applicationId,
    DISCORD_API_BASE: emulator.apiBase,
    KNOWLEDGE_DIR: path.join(ROOT, 'knowledge'),
    DATA_DIR: dataDir,
    HEALTH_PORT: '0',
  });
  await child.waitFor(/health and metrics on http:\/\/127\.0\.0\.1:(\d+)\/healthz/);
  base = `http://127.0.0.1:${/health and metrics on http:\/\/127\.0\.0\.1:(\d+)/.exec(child.output())![1]}`;
  await child.waitFor('"msg":"ready"');
}, 60_000);

afterAll(async () => {
  child?.kill('SIGTERM');
  await child?.exited;
  await emulator?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const healthcheck = (port: string) =>
  run(process.execPath, [path.join(ROOT, 'scripts/container/healthcheck.mjs')], { env: { PATH: process.env.PATH ?? '', HEALTH_PORT: port } }).then(
    () => 0,
    (e: { code?: number }) => e.code ?? -1,
  );

describe('the health endpoint of a running bot', () => {
  it('is 200 once the gateway is ready, the knowledge base loaded and the scheduler ticking, and the container check passes', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', reasons: [] });
    expect(await healthcheck(new URL(base).port)).toBe(0);
  });

  it('counts answered commands, their latency and the knowledge base on /metrics', async () => {
    await emulator.sendCommand('help');
    await emulator.sendCommand('cuts', { place: 'birmingham' });
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toContain('cutsbot_commands_total{command="help",outcome="answered"} 1');
    expect(text).toContain('cutsbot_commands_total{command="cuts",outcome="answered"} 1');
    expect(text).toMatch(/cutsbot_answer_seconds_count\{command="cuts"\} 1/);
    expect(text).toContain('cutsbot_knowledge_articles 2');
    expect(text).toContain('cutsbot_knowledge_problems 0');
    expect(text).toMatch(/cutsbot_knowledge_reload_seconds_count 1/);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
  });

  it('is 503 naming the gateway while Discord is unreachable, and 200 again once the bot is back', async () => {
    const release = emulator.holdGateway();
    emulator.dropConnections();
    try {
      await vi.waitFor(
        async () => {
          const res = await fetch(`${base}/healthz`);
          expect(res.status).toBe(503);
          expect(((await res.json()) as { reasons: string[] }).reasons).toEqual(['gateway session is not ready']);
        },
        { timeout: 10_000, interval: 100 },
      );
      expect(await healthcheck(new URL(base).port)).toBe(1);
    } finally {
      release();
    }
    await vi.waitFor(async () => expect((await fetch(`${base}/healthz`)).status).toBe(200), { timeout: 30_000, interval: 200 });
  }, 45_000);

  it('listens on loopback only by default', async () => {
    expect(new URL(base).hostname).toBe('127.0.0.1');
    expect(child.output()).toContain('"host":"127.0.0.1"');
  });
});
