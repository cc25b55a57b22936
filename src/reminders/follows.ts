import type Database from 'better-sqlite3';
import type { Row } from './records.js';

/**
 * /follow: which channels follow which place, and every item (article or consultation) already
 * announced to each, so a restart or a re-saved file never posts anything twice. Kept with the
 * reminders: in the SQLite file (here) or PostgreSQL (pg-follows.ts).
 *
 * Posting an item is claimed first (a row in follow_announced with a lease), so bot processes
 * sharing the database, each announcing after its own reload, post each item once: the claim is
 * one INSERT … ON CONFLICT that only takes an item nobody has announced or holds.
 */

export interface Follow {
  id: number;
  guildId: string;
  channelId: string;
  /** The place's name as the knowledge base gives it. */
  place: string;
}

/** How long a claim to post an item holds; a crashed poster's item is tried again after it (same nonce). */
export const FOLLOW_CLAIM_MS = 60_000;

export interface FollowStore {
  /** Starts following, with everything known now marked announced: only what arrives later is posted. */
  follow(guildId: string, channelId: string, place: string, by: string, known: string[], now: number): Promise<{ created: boolean; follow: Follow }>;
  ofGuild(guildId: string): Promise<Follow[]>;
  active(): Promise<Follow[]>;
  stop(guildId: string, id: number, now: number): Promise<boolean>;
  /** Items announced to the follow or being posted to it now: what a pass need not try. */
  settledItems(followId: number, now: number): Promise<Set<string>>;
  /** Takes the item for `owner` to post: false when it was announced or another poster holds it. */
  claim(followId: number, item: string, owner: string, now: number): Promise<boolean>;
  /** The claimed item was posted. */
  markAnnounced(followId: number, item: string, owner: string, messageId: string | null, now: number): Promise<void>;
  /** The claimed item could not be posted: the next pass tries again. */
  release(followId: number, item: string, owner: string): Promise<void>;
}

export const toFollow = (r: Row): Follow => ({ id: Number(r.id), guildId: String(r.guild_id), channelId: String(r.channel_id), place: String(r.place) });

/** The claim, the same SQL on both back ends: only a new item, or one whose poster's lease ran out. */
export const CLAIM_SQL = (p: (n: number) => string) => `INSERT INTO follow_announced (follow_id, item, message_id, at, lease_owner, lease_expires_ms)
  VALUES (${p(1)}, ${p(2)}, NULL, ${p(3)}, ${p(4)}, ${p(5)})
  ON CONFLICT (follow_id, item) DO UPDATE SET at = excluded.at, lease_owner = excluded.lease_owner, lease_expires_ms = excluded.lease_expires_ms
  WHERE follow_announced.lease_expires_ms IS NOT NULL AND follow_announced.lease_expires_ms <= ${p(3)}`;

export function createFollowStore(db: Database.Database): FollowStore {
  const q = {
    find: db.prepare("SELECT * FROM follows WHERE guild_id = ? AND channel_id = ? AND place = ? AND status = 'active'"),
    insert: db.prepare("INSERT INTO follows (guild_id, channel_id, place, created_by, status, created_at) VALUES (?, ?, ?, ?, 'active', ?)"),
    ofGuild: db.prepare("SELECT * FROM follows WHERE guild_id = ? AND status = 'active' ORDER BY id"),
    active: db.prepare("SELECT * FROM follows WHERE status = 'active' ORDER BY id"),
    stop: db.prepare("UPDATE follows SET status = 'stopped', stopped_at = ? WHERE id = ? AND guild_id = ? AND status = 'active'"),
    settled: db.prepare('SELECT item FROM follow_announced WHERE follow_id = ? AND (lease_expires_ms IS NULL OR lease_expires_ms > ?)'),
    markKnown: db.prepare('INSERT OR IGNORE INTO follow_announced (follow_id, item, message_id, at) VALUES (?, ?, NULL, ?)'),
    claim: db.prepare(CLAIM_SQL((n) => `@p${n}`)),
    announced: db.prepare('UPDATE follow_announced SET message_id = ?, at = ?, lease_owner = NULL, lease_expires_ms = NULL WHERE follow_id = ? AND item = ? AND lease_owner = ?'),
    release: db.prepare('DELETE FROM follow_announced WHERE follow_id = ? AND item = ? AND lease_owner = ? AND lease_expires_ms IS NOT NULL'),
  };

  const follow = db.transaction((guildId: string, channelId: string, place: string, by: string, known: string[], now: number) => {
    const existing = q.find.get(guildId, channelId, place) as Row | undefined;
    if (existing) return { created: false, follow: toFollow(existing) };
    const id = Number(q.insert.run(guildId, channelId, place, by, now).lastInsertRowid);
    for (const item of known) q.markKnown.run(id, item, now);
    return { created: true, follow: { id, guildId, channelId, place } };
  });

  return {
    follow: async (guildId, channelId, place, by, known, now) => follow.immediate(guildId, channelId, place, by, known, now),
    ofGuild: async (guildId) => (q.ofGuild.all(guildId) as Row[]).map(toFollow),
    active: async () => (q.active.all() as Row[]).map(toFollow),
    stop: async (guildId, id, now) => q.stop.run(now, id, guildId).changes === 1,
    settledItems: async (followId, now) => new Set((q.settled.all(followId, now) as Row[]).map((r) => String(r.item))),
    claim: async (followId, item, owner, now) => q.claim.run({ p1: followId, p2: item, p3: now, p4: owner, p5: now + FOLLOW_CLAIM_MS }).changes === 1,
    markAnnounced: async (followId, item, owner, messageId, now) => void q.announced.run(messageId, now, followId, item, owner),
    release: async (followId, item, owner) => void q.release.run(followId, item, owner),
  };
}
