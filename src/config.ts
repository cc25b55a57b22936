import dotenv from 'dotenv';
import { z } from 'zod';

/**
 * The bot's settings, read from the environment once at start. Entry points load `.env` with
 * dotenv first; everything else receives a `Config` and never reads `process.env` itself.
 */

// Copying .env.example leaves `NAME=` lines behind: an empty value means "not set", not "set to ''".
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const notSet = { error: (iss: { input: unknown }) => (iss.input === undefined ? 'is not set' : 'must be text') };

const snowflake = (message: string) =>
  z
    .string(notSet)
    .trim()
    .regex(/^\d{17,20}$/, message);

const copyId = (what: string) =>
  `must be a ${what} id of 17–20 digits (turn on Developer Mode in Discord, then right-click the ${what} → Copy ${what[0]!.toUpperCase()}${what.slice(1)} ID)`;

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

const listOf = (what: string) =>
  `must list ${what} ids of 17–20 digits separated by commas (turn on Developer Mode in Discord, then right-click the ${what} → Copy ${what[0]!.toUpperCase()}${what.slice(1)} ID)`;

/** A comma-separated list of ids, e.g. `KB_GUILD_IDS=123…,456…`. */
const idList = (what: string) =>
  optional(
    z
      .string()
      .transform((v) => v.split(',').map((id) => id.trim()).filter((id) => id !== ''))
      .pipe(z.array(z.string().regex(/^\d{17,20}$/, `${listOf(what)}`)).min(1, listOf(what))),
  );

/** Discord's attachment hosts: the only places `/kb upload` downloads from. */
export const DISCORD_ATTACHMENT_HOSTS = ['cdn.discordapp.com', 'media.discordapp.net'] as const;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const ConfigSchema = z.object({
  DISCORD_TOKEN: z.preprocess(
    blankToUndefined,
    z
      .string(notSet)
      .trim()
      // Pasting "Bot xxx" or the client secret instead of the bot token are the usual mistakes.
      .transform((v) => v.replace(/^Bot\s+/i, ''))
      .refine((v) => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(v), {
        message: 'does not look like a bot token (three parts separated by dots); copy it again from the Bot page',
      }),
  ),
  DISCORD_APPLICATION_ID: z.preprocess(
    blankToUndefined,
    snowflake('must be the Application ID of 17–20 digits from the Developer Portal → General Information'),
  ),
  DISCORD_GUILD_ID: optional(snowflake(copyId('server'))),
  KNOWLEDGE_DIR: z.preprocess(blankToUndefined, z.string().default('knowledge')),
  LOG_LEVEL: z.preprocess(
    (v) => (typeof v === 'string' ? blankToUndefined(v.toLowerCase()) : v),
    z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  ),
  DISCORD_API_BASE: optional(
    z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://127.0.0.1:8080/api' }),
  ),
  DATA_DIR: z.preprocess(blankToUndefined, z.string().default('data')),
  /** Reminders in PostgreSQL instead of `DATA_DIR/cutsbot.db`, for several processes or hosts sharing them. */
  DATABASE_URL: optional(
    z.url({ protocol: /^postgres(ql)?$/, error: 'must be a PostgreSQL URL such as postgres://cutsbot:secret@db.example.org:5432/cutsbot' }),
  ),
  /** How many gateway shards the whole deployment runs (discord.js `shardCount`); unset: one process, Discord's recommendation. */
  SHARD_COUNT: optional(
    z.coerce.number({ error: 'must be a whole number of shards, 1 or more' }).int('must be a whole number of shards, 1 or more').min(1, 'must be a whole number of shards, 1 or more'),
  ),
  /** The shards this process runs, e.g. `0,1` (discord.js `shards`); needs SHARD_COUNT. Unset: all of them. */
  SHARD_IDS: optional(
    z
      .string()
      .transform((v) => v.split(',').map((id) => id.trim()).filter((id) => id !== ''))
      .pipe(z.array(z.string().regex(/^\d+$/, 'must list shard numbers separated by commas, e.g. 0,1').transform(Number)).min(1, 'must list shard numbers separated by commas, e.g. 0,1')),
  ),
  MOD_LOG_CHANNEL_ID: optional(snowflake(copyId('channel'))),
  MODERATOR_ROLE_ID: optional(snowflake(copyId('role'))),
  ORGANISER_ROLE_ID: optional(snowflake(copyId('role'))),
  /** Servers whose moderators may change the knowledge base with /kb; unset: nobody may. */
  KB_GUILD_IDS: idList('server'),
  /** Servers the bot stays in; unset: any server it is invited to. */
  ALLOWED_GUILD_IDS: idList('server'),
  /** Hosts (`name` or `name:port`) that /kb upload may download from. */
  ATTACHMENT_HOSTS: z.preprocess(
    blankToUndefined,
    z
      .string()
      .transform((v) => v.split(',').map((h) => h.trim().toLowerCase()).filter((h) => h !== ''))
      .pipe(z.array(z.string().regex(/^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:]+\](:\d{1,5})?$/, 'must list host names (optionally with :port) separated by commas, e.g. cdn.discordapp.com')).min(1))
      .default([...DISCORD_ATTACHMENT_HOSTS]),
  ),
  /** Serves GET /healthz and /metrics on this port when set (0: any free port, logged). */
  HEALTH_PORT: optional(
    z.coerce.number({ error: 'must be a port number' }).int('must be a whole number').min(0, 'must be 0–65535').max(65535, 'must be 0–65535'),
  ),
  /** Where the health server listens; loopback unless a scraper elsewhere needs it. */
  HEALTH_HOST: z.preprocess(blankToUndefined, z.string().trim().min(1).default('127.0.0.1')),
});

export type Config = z.output<typeof ConfigSchema>;

/** Rules between settings, checked after each one is valid on its own. */
function crossCheck(config: Config): Config {
  const { SHARD_COUNT: count, SHARD_IDS: ids } = config;
  if (ids && count === undefined) {
    throw new ConfigError('SHARD_IDS needs SHARD_COUNT too: set SHARD_COUNT to the number of shards the whole deployment runs', ['SHARD_IDS']);
  }
  const outside = ids?.filter((id) => count !== undefined && id >= count) ?? [];
  if (outside.length) {
    throw new ConfigError(`SHARD_IDS lists shard ${outside.join(', ')}, but SHARD_COUNT=${count} numbers them 0 to ${count! - 1}`, ['SHARD_IDS']);
  }
  return config;
}

/** A configuration fault, phrased so the person starting the bot can fix it from the message alone. */
export class ConfigError extends Error {
  constructor(
    message: string,
    /** The variables at fault, in the order the schema lists them. */
    readonly variables: string[],
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

const MISSING_TOKEN_HELP = [
  'DISCORD_TOKEN is not set, so the bot cannot log in to Discord.',
  'Get a token: https://discord.com/developers/applications → your application → Bot → Reset Token,',
  'then put DISCORD_TOKEN=<token> in .env (copy .env.example to start).',
  'To try the answers without Discord: npm run ask -- "/cuts birmingham"',
].join('\n');

export class MissingTokenError extends ConfigError {
  constructor() {
    super(MISSING_TOKEN_HELP, ['DISCORD_TOKEN']);
    this.name = 'MissingTokenError';
  }
}

/**
 * Validates the environment. Throws `MissingTokenError` when there is no token at all (the first
 * thing a newcomer meets), else a `ConfigError` with one line per bad variable.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const result = ConfigSchema.safeParse(env);
  if (result.success) return crossCheck(result.data);
  const error = toConfigError(result.error.issues);
  if (error.variables.includes('DISCORD_TOKEN') && blankToUndefined(env.DISCORD_TOKEN) === undefined) throw new MissingTokenError();
  throw error;
}

/**
 * Reads only some settings, for tools that do not talk to Discord (the CLI needs KNOWLEDGE_DIR
 * but no token). Same rules and messages as `loadConfig`.
 */
export function loadSettings<K extends keyof Config>(env: Record<string, string | undefined>, keys: readonly K[]): Pick<Config, K> {
  const shape = Object.fromEntries(keys.map((k) => [k, ConfigSchema.shape[k]]));
  const result = z.object(shape).safeParse(env);
  if (result.success) return result.data as unknown as Pick<Config, K>;
  throw toConfigError(result.error.issues);
}

function toConfigError(issues: readonly z.core.$ZodIssue[]): ConfigError {
  const lines = new Map<string, string>();
  for (const issue of issues) {
    const name = String(issue.path[0] ?? 'environment');
    if (!lines.has(name)) lines.set(name, `${name} ${issue.message}`);
  }
  return new ConfigError([...lines.values()].join('\n'), [...lines.keys()]);
}

/**
 * For entry points (`npm start`, deploy-commands, the standalone scheduler): reads `.env`, then the
 * environment, and on a fault prints the one-line explanation and exits, since nothing can run without it.
 */
export function loadConfigOrExit(): Config {
  dotenv.config({ quiet: true });
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
