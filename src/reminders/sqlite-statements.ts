import type Database from 'better-sqlite3';

// The SQL of the SQLite reminder store (store.ts), kept apart from what the store does with it.

const ACTIVE = `r.status = 'active' AND EXISTS (
  SELECT 1 FROM deliveries d WHERE d.reminder_id = r.id AND d.status IN ('scheduled', 'sending'))`;

// Both subqueries and ACTIVE's EXISTS are answered per reminder by deliveries_reminder_status
// (test/reminders/store-plan.test.ts checks the plan); params: guild, limit, offset.
export const LIST_UPCOMING_SQL = `
  SELECT r.*,
    (SELECT min(d.due_ms) FROM deliveries d WHERE d.reminder_id = r.id AND d.status IN ('scheduled', 'sending')) AS next_ms,
    (SELECT count(*) FROM deliveries d WHERE d.reminder_id = r.id AND d.status IN ('scheduled', 'sending')) AS pending
  FROM reminders r WHERE r.guild_id = ? AND ${ACTIVE}
  ORDER BY next_ms, r.id LIMIT ? OFFSET ?`;

export const COUNT_ACTIVE_SQL = `SELECT count(*) AS n FROM reminders r WHERE r.guild_id = ? AND ${ACTIVE}`;

/** Every statement the store runs, prepared on its connection. */
export function prepareStatements(db: Database.Database) {
  return {
    getSettings: db.prepare('SELECT * FROM guild_settings WHERE guild_id = ?'),
    upsertSettings: db.prepare(`
      INSERT INTO guild_settings (guild_id, zone, organiser_role_id, fallback_channel_id, updated_at)
      VALUES (@guildId, @zone, @organiserRoleId, @fallbackChannelId, @now)
      ON CONFLICT (guild_id) DO UPDATE SET zone = excluded.zone, organiser_role_id = excluded.organiser_role_id,
        fallback_channel_id = excluded.fallback_channel_id, updated_at = excluded.updated_at`),
    insertReminder: db.prepare(`
      INSERT INTO reminders (guild_id, channel_id, created_by, kind, consultation_key, title, message, url, role_id,
        zone, deadline_ms, repeat_json, wall_time, status, created_at, updated_at)
      VALUES (@guildId, @channelId, @createdBy, @kind, @consultationKey, @title, @message, @url, @roleId,
        @zone, @deadlineMs, @repeatJson, @wallTime, 'active', @now, @now)`),
    insertDelivery: db.prepare(`
      INSERT INTO deliveries (reminder_id, due_ms, lead, nonce, status, status_at, last_error)
      VALUES (?, ?, ?, ?, ?, ?, ?)`),
    countGuild: db.prepare(COUNT_ACTIVE_SQL),
    countMember: db.prepare(`SELECT count(*) AS n FROM reminders r WHERE r.guild_id = ? AND r.created_by = ? AND ${ACTIVE}`),
    getReminder: db.prepare('SELECT * FROM reminders WHERE id = ? AND guild_id = ?'),
    getReminderById: db.prepare('SELECT * FROM reminders WHERE id = ?'),
    deliveriesOf: db.prepare('SELECT * FROM deliveries WHERE reminder_id = ? ORDER BY due_ms, id'),
    listUpcoming: db.prepare(LIST_UPCOMING_SQL),
    cancelReminder: db.prepare(`
      UPDATE reminders SET status = 'cancelled', cancelled_at = @now, cancelled_by = @by, updated_at = @now
      WHERE id = @id AND guild_id = @guildId AND status = 'active'`),
    cancelScheduled: db.prepare(`
      UPDATE deliveries SET status = 'cancelled', status_at = @now, last_error = @why
      WHERE reminder_id = @id AND status = 'scheduled'`),
    updateReminderText: db.prepare(`
      UPDATE reminders SET message = coalesce(@message, message), channel_id = coalesce(@channelId, channel_id),
        failure_notified_at = CASE WHEN @channelId IS NULL THEN failure_notified_at ELSE NULL END, updated_at = @now
      WHERE id = @id AND guild_id = @guildId AND status = 'active'`),
    setRepeatAndDeadline: db.prepare('UPDATE reminders SET deadline_ms = ?, repeat_json = ?, wall_time = ? WHERE id = ?'),
    setScheduledEvent: db.prepare('UPDATE reminders SET scheduled_event_id = ? WHERE id = ? AND guild_id = ?'),
  };
}
