// The container's HEALTHCHECK: exit 0 when /healthz says the bot is healthy, 1 otherwise.
// Node has fetch, so the slim image needs no curl.
const port = process.env.HEALTH_PORT;
if (!port) {
  console.error('HEALTH_PORT is not set, so there is no health endpoint to check');
  process.exit(1);
}
const host = process.env.HEALTH_HOST && process.env.HEALTH_HOST !== '0.0.0.0' ? process.env.HEALTH_HOST : '127.0.0.1';
try {
  const res = await fetch(`http://${host.includes(':') ? `[${host}]` : host}:${port}/healthz`, { signal: AbortSignal.timeout(4000) });
  const body = await res.text();
  if (!res.ok) console.error(body.trim());
  process.exit(res.ok ? 0 : 1);
} catch (error) {
  console.error(`health endpoint unreachable: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
