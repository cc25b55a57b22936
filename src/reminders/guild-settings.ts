import { DateTime } from 'luxon';
import { quote } from './parsed.js';
import { canManage, permissionRefusal, refuse, snowflake, type Actor, type Outcome, type ServiceDeps } from './service-deps.js';
import type { GuildSettings } from './store.js';
import { isValidZone } from './time.js';

/** A server's reminder settings: its time zone, who organises, where failures are reported. */

export async function setTimezone(deps: ServiceDeps, req: { guildId: string; actor: Actor; zone: string }): Promise<Outcome<GuildSettings>> {
  const guild = await deps.store.settings(req.guildId);
  if (!canManage(deps, guild, req.actor)) return permissionRefusal(deps, guild);
  const zone = req.zone.trim();
  if (!isValidZone(zone)) {
    return refuse('invalid-zone', `${quote(zone)} is not a time zone I know. Use a name from the IANA list such as Europe/London or Europe/Dublin.`);
  }
  const next = await deps.store.updateSettings(req.guildId, { zone }, deps.clock.now());
  const local = DateTime.fromMillis(deps.clock.now(), { zone }).toFormat('HH:mm');
  return {
    ok: true,
    message: `Times you type for reminders are now read in ${zone} (it is ${local} there now). Reminders already set keep their times.`,
    value: next,
  };
}

/** Who may manage reminders and where failures are reported; Manage Events only, not the organiser role. */
export async function configureGuild(
  deps: ServiceDeps,
  req: { guildId: string; actor: Actor; organiserRoleId?: string | null; fallbackChannelId?: string | null },
): Promise<Outcome<GuildSettings>> {
  const guild = await deps.store.settings(req.guildId);
  if (!req.actor.hasManageEvents) return refuse('permission', 'Only members with the Manage Events permission can change who manages reminders.');
  for (const id of [req.organiserRoleId, req.fallbackChannelId]) {
    if (id && !snowflake.safeParse(id).success) return refuse('id', 'That role or channel is not valid.');
  }
  const next = await deps.store.updateSettings(
    req.guildId,
    {
      ...(req.organiserRoleId !== undefined ? { organiserRoleId: req.organiserRoleId } : {}),
      ...(req.fallbackChannelId !== undefined ? { fallbackChannelId: req.fallbackChannelId } : {}),
    },
    deps.clock.now(),
  );
  const role = next.organiserRoleId ? `<@&${next.organiserRoleId}>` : 'no role (Manage Events only)';
  const fb = next.fallbackChannelId ? `<#${next.fallbackChannelId}>` : 'nowhere (only the bot log)';
  return { ok: true, message: `Reminder organisers: ${role}. Failed reminders are reported in ${fb}. Time zone: ${guild.zone}.`, value: next };
}
