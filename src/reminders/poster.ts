import { ChannelType, DiscordAPIError, HTTPError, RateLimitError, REST, Routes } from 'discord.js';
import { clip } from '../knowledge/text.js';

/**
 * Posting to Discord. The scheduler sees only `Poster`, so tests can stand in for Discord and the
 * real one can point at the emulator through DISCORD_API_BASE.
 */

export interface AllowedMentions {
  parse: never[];
  roles?: string[];
  users?: string[];
}

export interface MessageBody {
  content: string;
  allowed_mentions: AllowedMentions;
  /** Stable per delivery: with enforce_nonce Discord returns the first message instead of posting again. */
  nonce: string;
  enforce_nonce: true;
  /** Buttons under the post (Remind me on consultation reminders). */
  components?: unknown[];
}

export type PostResult =
  | { ok: true; messageId: string }
  /** Worth trying again later: rate limits, Discord's 5xx, the network. */
  | { ok: false; kind: 'transient'; error: string; retryAfterMs?: number }
  /** Trying again will not help until someone changes something: a deleted channel, a missing permission. */
  | { ok: false; kind: 'permanent'; reason: 'gone' | 'forbidden' | 'rejected'; error: string }
  /** Discord refused the token itself (reset or revoked): nothing was posted, and nothing can be until a restart with a new one. */
  | { ok: false; kind: 'unauthorized'; error: string };

export type FindResult = { ok: true; messageId: string | null } | { ok: false; error: string };

export interface Poster {
  post(channelId: string, body: MessageBody): Promise<PostResult>;
  /**
   * The id of the bot's own message among the channel's recent ones whose text has `marker` on a
   * line of its own, or null: for a post Discord may no longer recognise by its nonce.
   */
  findPosted(channelId: string, marker: string): Promise<FindResult>;
}

/** How many of a channel's latest messages are searched for an earlier post (Discord's page size). */
export const RECENT_MESSAGES = 100;

export interface RestPosterOptions {
  token: string;
  /** e.g. `http://127.0.0.1:1234/api`; Discord itself when absent. */
  apiBase?: string;
  /** Per request; the scheduler's lease must be longer. */
  timeoutMs?: number;
}

export function createRest(opts: RestPosterOptions): REST {
  const rest = new REST({
    version: '10',
    ...(opts.apiBase ? { api: opts.apiBase } : {}),
    timeout: opts.timeoutMs ?? 15_000,
    // The scheduler owns retries and backoff; the REST client retrying inside one claim would hold
    // the lease for minutes and hide what happened from the delivery record.
    retries: 0,
    rejectOnRateLimit: () => true,
  });
  rest.setToken(opts.token);
  return rest;
}

export function classifyError(err: unknown): Exclude<PostResult, { ok: true }> {
  if (err instanceof RateLimitError) {
    return { ok: false, kind: 'transient', error: `rate limited on ${err.route}`, retryAfterMs: err.retryAfter };
  }
  if (err instanceof DiscordAPIError) {
    const msg = `${err.status} ${String(err.code)}: ${err.message}`;
    if (err.status === 401) return { ok: false, kind: 'unauthorized', error: msg };
    if (err.status === 429 || err.status >= 500) return { ok: false, kind: 'transient', error: msg };
    if (err.status === 404 || err.code === 10003) return { ok: false, kind: 'permanent', reason: 'gone', error: msg };
    if (err.status === 403 || err.code === 50013 || err.code === 50001) {
      return { ok: false, kind: 'permanent', reason: 'forbidden', error: msg };
    }
    return { ok: false, kind: 'permanent', reason: 'rejected', error: msg };
  }
  if (err instanceof HTTPError) {
    if (err.status === 401) return { ok: false, kind: 'unauthorized', error: `${err.status} ${err.message}` };
    if (err.status === 429 || err.status >= 500) return { ok: false, kind: 'transient', error: `${err.status} ${err.message}` };
    return { ok: false, kind: 'permanent', reason: 'rejected', error: `${err.status} ${err.message}` };
  }
  // Network failures and timeouts: the request may or may not have reached Discord; the nonce makes
  // the retry safe either way.
  const e = err as { name?: string; message?: string; code?: string };
  return { ok: false, kind: 'transient', error: `${e?.name ?? 'Error'}: ${e?.code ?? ''} ${e?.message ?? String(err)}`.trim() };
}

/** Forum threads looked through for an earlier post: the newest active ones. */
const RECENT_THREADS = 25;

/** A forum takes posts (each a new thread), not messages; its posts are titled with their first line. */
function threadName(content: string): string {
  const first = content.split('\n').find((l) => l.trim() !== '' && !l.startsWith('<@&')) ?? 'Reminder';
  const plain = first.replace(/[*_~`|>\\]/g, '').replace(/<t:(\d+):[A-Za-z]>/g, (_, s: string) => new Date(Number(s) * 1000).toISOString().slice(0, 10)).trim();
  return (plain || 'Reminder').slice(0, 100);
}

export function createRestPoster(rest: REST): Poster {
  let botId: string | null = null;
  const forums = new Map<string, { guildId: string } | null>();
  /** Whether the channel is a forum (looked up once per channel). */
  async function forumOf(channelId: string): Promise<{ guildId: string } | null> {
    if (!forums.has(channelId)) {
      const c = (await rest.get(Routes.channel(channelId))) as { type?: number; guild_id?: string };
      forums.set(channelId, c.type === ChannelType.GuildForum && c.guild_id ? { guildId: c.guild_id } : null);
    }
    return forums.get(channelId) ?? null;
  }
  /** The forum post (thread) whose first message carries `marker`, among the newest active ones. */
  async function findForumPost(forumId: string, guildId: string, marker: string): Promise<string | null> {
    const active = (await rest.get(Routes.guildActiveThreads(guildId))) as { threads?: { id: string; parent_id?: string }[] };
    const threads = (active.threads ?? []).filter((t) => t.parent_id === forumId).sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1)).slice(0, RECENT_THREADS);
    for (const t of threads) {
      // In a forum, a post's first message has the thread's own id.
      const first = (await rest.get(Routes.channelMessage(t.id, t.id))) as { author?: { id?: string }; content?: string };
      if (first.author?.id === botId && (first.content ?? '').split('\n').includes(marker)) return t.id;
    }
    return null;
  }
  return {
    async findPosted(channelId, marker) {
      try {
        botId ??= ((await rest.get(Routes.user())) as { id: string }).id;
        const forum = await forumOf(channelId);
        if (forum) return { ok: true, messageId: await findForumPost(channelId, forum.guildId, marker) };
        const recent = (await rest.get(Routes.channelMessages(channelId), {
          query: new URLSearchParams({ limit: String(RECENT_MESSAGES) }),
        })) as { id: string; author?: { id?: string }; content?: string }[];
        // Only the bot's own messages count: anyone can type a line that looks like a marker.
        const mine = recent.find((m) => m.author?.id === botId && (m.content ?? '').split('\n').includes(marker));
        return { ok: true, messageId: mine?.id ?? null };
      } catch (err) {
        return { ok: false, error: classifyError(err).error };
      }
    },
    async post(channelId, body) {
      try {
        if (await forumOf(channelId)) {
          // Discord keeps no nonce for forum posts; the marker line lets findPosted recognise one.
          const { nonce: _nonce, enforce_nonce: _enforce, ...message } = body;
          const thread = (await rest.post(Routes.threads(channelId), { body: { name: threadName(body.content), message } })) as { id?: unknown };
          if (typeof thread?.id !== 'string') return { ok: false, kind: 'transient', error: 'Discord answered without a thread id' };
          return { ok: true, messageId: thread.id };
        }
        const res = (await rest.post(Routes.channelMessages(channelId), { body })) as { id?: unknown };
        if (typeof res?.id !== 'string') return { ok: false, kind: 'transient', error: 'Discord answered without a message id' };
        return { ok: true, messageId: res.id };
      } catch (err) {
        return classifyError(err);
      }
    },
  };
}

export interface ScheduledEventInput {
  guildId: string;
  name: string;
  description?: string;
  location: string;
  startMs: number;
  endMs: number;
}

/** Discord caps an external event's location at 100 characters and its name at 100. */
export function scheduledEventBody(e: ScheduledEventInput) {
  return {
    name: clip(e.name, 100),
    ...(e.description ? { description: clip(e.description, 1000) } : {}),
    privacy_level: 2,
    entity_type: 3,
    entity_metadata: { location: clip(e.location, 100) },
    scheduled_start_time: new Date(e.startMs).toISOString(),
    scheduled_end_time: new Date(e.endMs).toISOString(),
  };
}

export async function createScheduledEvent(rest: REST, e: ScheduledEventInput): Promise<{ ok: true; id: string } | { ok: false; error: string }> {
  try {
    const res = (await rest.post(Routes.guildScheduledEvents(e.guildId), { body: scheduledEventBody(e) })) as { id?: unknown };
    return typeof res?.id === 'string' ? { ok: true, id: res.id } : { ok: false, error: 'no event id in the answer' };
  } catch (err) {
    return { ok: false, error: classifyError(err).error };
  }
}
