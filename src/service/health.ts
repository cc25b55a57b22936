import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

/**
 * `GET /healthz` and `GET /metrics` for a supervisor, a container HEALTHCHECK and Prometheus.
 * Bound to loopback unless the operator says otherwise: metrics name servers and commands.
 */

export interface HealthInputs {
  /** The gateway session is ready (false while disconnected or resuming). */
  gatewayReady(): boolean;
  /** The knowledge base has been loaded at least once. */
  knowledgeLoaded(): boolean;
  /** When the reminder scheduler last finished a tick (ms since the epoch), or null when it runs elsewhere. */
  schedulerTickedAt(): number | null;
  /** How long without a tick counts as stuck. */
  schedulerStaleMs: number;
  now?: () => number;
}

export interface HealthReport {
  ok: boolean;
  reasons: string[];
}

export function checkHealth(inputs: HealthInputs): HealthReport {
  const reasons: string[] = [];
  if (!inputs.gatewayReady()) reasons.push('gateway session is not ready');
  if (!inputs.knowledgeLoaded()) reasons.push('knowledge base is not loaded');
  const ticked = inputs.schedulerTickedAt();
  const now = (inputs.now ?? Date.now)();
  if (ticked !== null && now - ticked > inputs.schedulerStaleMs) {
    reasons.push(`reminder scheduler has not ticked for ${Math.round((now - ticked) / 1000)} s`);
  }
  return { ok: reasons.length === 0, reasons };
}

export interface HealthServer {
  server: Server;
  /** The bound port (useful when 0 asked for any free one). */
  port: number;
  close(): Promise<void>;
}

export async function startHealthServer(opts: { port: number; host: string; health: HealthInputs; registry: Registry }): Promise<HealthServer> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('method not allowed\n');
      return;
    }
    if (url.pathname === '/healthz') {
      const report = checkHealth(opts.health);
      res
        .writeHead(report.ok ? 200 : 503, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
        .end(JSON.stringify({ status: report.ok ? 'ok' : 'unhealthy', reasons: report.reasons }) + '\n');
      return;
    }
    if (url.pathname === '/metrics') {
      opts.registry.metrics().then(
        (body) => res.writeHead(200, { 'content-type': opts.registry.contentType }).end(body),
        (err: unknown) => res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(`metrics failed: ${String(err)}\n`),
      );
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found: try /healthz or /metrics\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
