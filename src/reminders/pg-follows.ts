import type pg from 'pg';
import { guard, inTransaction } from './pg-connection.js';
import type { Row } from './records.js';
import { CLAIM_SQL, FOLLOW_CLAIM_MS, toFollow, type FollowStore } from './follows.js';

/**
 * /follow records in PostgreSQL, for several bot processes sharing one database: starting a
 * follow meets the partial unique index (one active follow per channel and place) through ON
 * CONFLICT, and each item is claimed with the same INSERT … ON CONFLICT as on SQLite, which
 * PostgreSQL runs atomically against a concurrent claim of the same (follow, item).
 */

export function createPgFollowStore(pool: pg.Pool): FollowStore {
  const tx = inTransaction(pool);
  const run = (sql: string, params: unknown[] = []) => guard(() => pool.query(sql, params));

  return {
    follow: (guildId, channelId, place, by, known, now) =>
      tx(async (c) => {
        const inserted = await c.query(
          `INSERT INTO follows (guild_id, channel_id, place, created_by, status, created_at) VALUES ($1, $2, $3, $4, 'active', $5)
           ON CONFLICT (guild_id, channel_id, place) WHERE status = 'active' DO NOTHING RETURNING *`,
          [guildId, channelId, place, by, now],
        );
        const row = inserted.rows[0] as Row | undefined;
        if (!row) {
          const existing = await c.query("SELECT * FROM follows WHERE guild_id = $1 AND channel_id = $2 AND place = $3 AND status = 'active'", [guildId, channelId, place]);
          return { created: false, follow: toFollow(existing.rows[0] as Row) };
        }
        await c.query(
          'INSERT INTO follow_announced (follow_id, item, message_id, at) SELECT $1, unnest($2::text[]), NULL, $3 ON CONFLICT DO NOTHING',
          [row.id, known, now],
        );
        return { created: true, follow: toFollow(row) };
      }),
    ofGuild: async (guildId) => (await run("SELECT * FROM follows WHERE guild_id = $1 AND status = 'active' ORDER BY id", [guildId])).rows.map(toFollow),
    active: async () => (await run("SELECT * FROM follows WHERE status = 'active' ORDER BY id")).rows.map(toFollow),
    stop: async (guildId, id, now) => (await run("UPDATE follows SET status = 'stopped', stopped_at = $1 WHERE id = $2 AND guild_id = $3 AND status = 'active'", [now, id, guildId])).rowCount === 1,
    settledItems: async (followId, now) =>
      new Set((await run('SELECT item FROM follow_announced WHERE follow_id = $1 AND (lease_expires_ms IS NULL OR lease_expires_ms > $2)', [followId, now])).rows.map((r: Row) => String(r.item))),
    claim: async (followId, item, owner, now) => (await run(CLAIM_SQL((n) => `$${n}`), [followId, item, now, owner, now + FOLLOW_CLAIM_MS])).rowCount === 1,
    markAnnounced: async (followId, item, owner, messageId, now) => {
      await run('UPDATE follow_announced SET message_id = $1, at = $2, lease_owner = NULL, lease_expires_ms = NULL WHERE follow_id = $3 AND item = $4 AND lease_owner = $5', [messageId, now, followId, item, owner]);
    },
    release: async (followId, item, owner) => {
      await run('DELETE FROM follow_announced WHERE follow_id = $1 AND item = $2 AND lease_owner = $3 AND lease_expires_ms IS NOT NULL', [followId, item, owner]);
    },
  };
}
