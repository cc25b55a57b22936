import { pino, stdSerializers, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Anything that could carry the bot token. Interaction tokens are not secret for long (15 minutes)
 * but they let anyone answer as the bot, so they are kept out too.
 */
const REDACT = [
  'token',
  '*.token',
  'DISCORD_TOKEN',
  '*.DISCORD_TOKEN',
  'config.DISCORD_TOKEN',
  'authorization',
  'headers.authorization',
  '*.headers.authorization',
  'req.headers.authorization',
];

// discord.js errors carry the request URL, and interaction routes have the interaction token in them.
const TOKEN_IN_URL = /\/(interactions\/\d+|webhooks\/\d+)\/[^/?\s]+/g;

export function scrubUrl(text: string): string {
  return text.replace(TOKEN_IN_URL, '/$1/:token');
}

function errSerializer(err: unknown) {
  const out = stdSerializers.err(err as Error) as unknown as Record<string, unknown>;
  for (const key of ['url', 'message', 'stack'] as const) {
    const v = out[key];
    if (typeof v === 'string') out[key] = scrubUrl(v);
  }
  delete out.requestBody;
  return out;
}

export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { app: 'cutsbot' },
      redact: { paths: REDACT, censor: '[redacted]' },
      serializers: { err: errSerializer, error: errSerializer },
    },
    options.destination,
  );
}
