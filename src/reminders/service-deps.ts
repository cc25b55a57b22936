import { z } from 'zod';
import type { ConsultationEntry } from '../knowledge/knowledge-base.js';
import type { Clock } from './scheduler.js';
import type { GuildSettings, Limits, Store } from './store.js';

/** What every organiser operation needs, who is asking, and the refusals they share. */

export const DEFAULT_LIMITS: Limits = { perGuild: 200, perMember: 25 };
export const PAGE_SIZE = 10;

export interface ServiceDeps {
  store: Store;
  clock: Clock;
  consultations: () => readonly ConsultationEntry[];
  limits?: Limits;
  /** A role that may manage reminders in every guild (ORGANISER_ROLE_ID), besides each guild's own. */
  defaultOrganiserRoleId?: string | null;
}

/** Who is asking, as the Discord edge sees them. */
export interface Actor {
  userId: string;
  hasManageEvents: boolean;
  roleIds: readonly string[];
}

export type Outcome<T = undefined> = { ok: true; message: string; value: T } | { ok: false; reason: string; message: string };

export const refuse = (reason: string, message: string) => ({ ok: false as const, reason, message });

export const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id');

export function canManage(deps: ServiceDeps, guild: GuildSettings, actor: Actor): boolean {
  if (actor.hasManageEvents) return true;
  const roles = [guild.organiserRoleId, deps.defaultOrganiserRoleId].filter((r): r is string => !!r);
  return roles.some((r) => actor.roleIds.includes(r));
}

export function permissionRefusal(deps: ServiceDeps, guild: GuildSettings) {
  const role = guild.organiserRoleId ?? deps.defaultOrganiserRoleId;
  return refuse(
    'permission',
    `Only members with the Manage Events permission${role ? ` or the <@&${role}> role` : ''} can create, change or cancel reminders. Anyone can use \`/remind list\`.`,
  );
}

export function limitRefusal(deps: ServiceDeps, limit: 'guild' | 'member') {
  const l = deps.limits ?? DEFAULT_LIMITS;
  return limit === 'guild'
    ? refuse('limit-guild', `This server already has ${l.perGuild} upcoming reminders, the most allowed. Cancel some with \`/remind cancel\` first.`)
    : refuse('limit-member', `You already have ${l.perMember} upcoming reminders, the most one member may have. Cancel some with \`/remind cancel\` first.`);
}
