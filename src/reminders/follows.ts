import type Database from 'better-sqlite3';

/**
 * /follow: which channels follow which place, and every item (article or consultation) already
 * announced to each, so a restart or a re-saved file never posts anything twice.
 */

export interface Follow {
  id: number;
  guildId: string;
  channelId: string;
  /** The place's name as the knowledge base gives it. */
  place: string;
}

type Row = Record<string, unknown>;
const toFollow = (r: Row): Follow => ({ id: Number(r.id), guildId: String(r.guild_id), channelId: String(r.channel_id), place: String(r.place) });

export function createFollowStore(db: Database.Database) {
  const q = {
    find: db.prepare("SELECT * FROM follows WHERE guild_id = ? AND channel_id = ? AND place = ? AND status = 'active'"),
    insert: db.prepare("INSERT INTO follows (guild_id, channel_id, place, created_by, status, created_at) VALUES (?, ?, ?, ?, 'active', ?)"),
    ofGuild: db.prepare("SELECT * FROM follows WHERE guild_id = ? AND status = 'active' ORDER BY id"),
    active: db.prepare("SELECT * FROM follows WHERE status = 'active' ORDER BY id"),
    stop: db.prepare("UPDATE follows SET status = 'stopped', stopped_at = ? WHERE id = ? AND guild_id = ? AND status = 'active'"),
    announced: db.prepare('SELECT 1 FROM follow_announced WHERE follow_id = ? AND item = ?'),
    mark: db.prepare('INSERT OR IGNORE INTO follow_announced (follow_id, item, message_id, at) VALUES (?, ?, ?, ?)'),
  };

  /** Starts following, with everything known now marked announced: only what arrives later is posted. */
  const follow = db.transaction((guildId: string, channelId: string, place: string, by: string, known: string[], now: number) => {
    const existing = q.find.get(guildId, channelId, place) as Row | undefined;
    if (existing) return { created: false, follow: toFollow(existing) };
    const id = Number(q.insert.run(guildId, channelId, place, by, now).lastInsertRowid);
    for (const item of known) q.mark.run(id, item, null, now);
    return { created: true, follow: { id, guildId, channelId, place } };
  });

  return {
    follow: (guildId: string, channelId: string, place: string, by: string, known: string[], now: number) => follow.immediate(guildId, channelId, place, by, known, now),
    ofGuild: (guildId: string): Follow[] => (q.ofGuild.all(guildId) as Row[]).map(toFollow),
    active: (): Follow[] => (q.active.all() as Row[]).map(toFollow),
    stop: (guildId: string, id: number, now: number) => q.stop.run(now, id, guildId).changes === 1,
    isAnnounced: (followId: number, item: string) => q.announced.get(followId, item) !== undefined,
    markAnnounced: (followId: number, item: string, messageId: string | null, now: number) => void q.mark.run(followId, item, messageId, now),
  };
}

export type FollowStore = ReturnType<typeof createFollowStore>;
