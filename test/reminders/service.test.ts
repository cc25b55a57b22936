import { afterEach, describe, expect, it } from 'vitest';
import type { ConsultationEntry } from '../../src/knowledge/knowledge-base.js';
import {
  cancelReminder,
  configureGuild,
  consultationChoices,
  createAtReminder,
  createConsultationReminder,
  editReminder,
  listReminders,
  reminderChoices,
  setTimezone,
  type ServiceDeps,
} from '../../src/reminders/service.js';
import { CHANNEL, FALLBACK, GUILD, MEMBER, OTHER_GUILD, ROLE, fakeClock, member, organiser, tempDb } from './helpers.js';

const OPEN: ConsultationEntry = {
  key: 'a/1',
  articleId: 'a',
  title: 'Day centre closures',
  council: 'Birmingham City Council',
  closes: '2026-12-15T17:00:00+00:00',
};
const SOON: ConsultationEntry = { key: 'b/1', articleId: 'b', title: 'Home care tender', closes: '2026-11-25T12:00:00Z' };
const CLOSED: ConsultationEntry = { key: 'c/1', articleId: 'c', title: 'Old review', closes: '2026-01-01T12:00:00Z' };

let db: ReturnType<typeof tempDb>;
afterEach(() => db?.cleanup());

function setup(over: Partial<ServiceDeps> = {}) {
  db = tempDb();
  const store = db.open();
  const clock = fakeClock('2026-11-23T10:45:00Z');
  const deps: ServiceDeps = { store, clock, consultations: () => [OPEN, SOON, CLOSED], ...over };
  return { deps, store, clock };
}

const at = (deps: ServiceDeps, over: Partial<Parameters<typeof createAtReminder>[1]> = {}) =>
  createAtReminder(deps, { guildId: GUILD, actor: organiser, when: '15/12 17:00', message: 'Lobby the council', channelId: CHANNEL, ...over });

describe('creating', () => {
  it('confirms a consultation reminder with Discord timestamps, the zone and each notice', async () => {
    const { deps } = setup();
    const res = await createConsultationReminder(deps, { guildId: GUILD, actor: organiser, consultationKey: OPEN.key, channelId: CHANNEL, roleId: ROLE });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const deadline = Date.parse(OPEN.closes) / 1000;
    expect(res.message).toContain('Day centre closures (Birmingham City Council)');
    expect(res.message).toContain('Europe/London');
    expect(res.message).toContain(`<t:${deadline}:F>`);
    expect(res.message).toContain(`<t:${deadline}:R>`);
    expect(res.message).toContain(`<t:${deadline - 7 * 86400}:F>`);
    expect(res.message).toContain(`<@&${ROLE}>`);
    expect(res.value.deliveries.map((d) => d.lead)).toEqual(['7d', '1d', '0m']);
  });

  it('records notices that have already passed as skipped and says so', async () => {
    const { deps } = setup();
    const res = await createConsultationReminder(deps, { guildId: GUILD, actor: organiser, consultationKey: SOON.key, channelId: CHANNEL });
    if (!res.ok) throw new Error(res.message);
    expect(res.value.deliveries.map((d) => `${d.lead}:${d.status}`)).toEqual(['7d:skipped', '1d:scheduled', '0m:scheduled']);
    expect(res.message).toContain('skipped, already past');
  });

  it('refuses a consultation that has closed, or one it does not know', async () => {
    const { deps } = setup();
    const closed = await createConsultationReminder(deps, { guildId: GUILD, actor: organiser, consultationKey: CLOSED.key, channelId: CHANNEL });
    expect(closed).toMatchObject({ ok: false, reason: 'closed' });
    const unknown = await createConsultationReminder(deps, { guildId: GUILD, actor: organiser, consultationKey: 'nope/9', channelId: CHANNEL });
    expect(unknown).toMatchObject({ ok: false, reason: 'unknown-consultation' });
  });

  it('offers only open consultations in autocomplete, soonest first', async () => {
    const { deps } = setup();
    expect(consultationChoices(deps, '').map((c) => c.value)).toEqual(['b/1', 'a/1']);
    expect(consultationChoices(deps, 'day centre').map((c) => c.value)).toEqual(['a/1']);
  });

  it('reads the time in the guild’s zone and shows it', async () => {
    const { deps } = setup();
    expect((await setTimezone(deps, { guildId: GUILD, actor: organiser, zone: 'America/New_York' })).ok).toBe(true);
    const res = await at(deps, { when: 'tomorrow 9am' });
    if (!res.ok) throw new Error(res.message);
    expect(res.value.deliveries[0]!.dueMs).toBe(Date.parse('2026-11-24T14:00:00Z'));
    expect(res.message).toContain('America/New_York');
    expect(res.message).toContain(`<t:${Date.parse('2026-11-24T14:00:00Z') / 1000}:R>`);
  });

  it('passes on the parser’s refusals', async () => {
    const { deps } = setup();
    expect(await at(deps, { when: '20/11 17:00' })).toMatchObject({ ok: false, reason: 'past' });
    expect(await at(deps, { when: 'whenever' })).toMatchObject({ ok: false, reason: 'unparseable' });
    expect(await at(deps, { repeat: 'sometimes' })).toMatchObject({ ok: false });
    expect(await at(deps, { message: '   ' })).toMatchObject({ ok: false, reason: 'message' });
    expect(await at(deps, { message: 'x'.repeat(1501) })).toMatchObject({ ok: false, reason: 'message' });
  });

  it('says when an open-ended repeat is cut at a year', async () => {
    const { deps } = setup();
    const res = await at(deps, { repeat: 'weekly' });
    if (!res.ok) throw new Error(res.message);
    // 15 Dec 2026 to 16 Nov 2027: the 23 Nov 2027 17:00 post would be more than a year from now.
    expect(res.value.deliveries.length).toBe(49);
    expect(res.message).toContain('Repeats stop after 49 posts');
  });
});

describe('permissions and limits', () => {
  it('lets only Manage Events or the organiser role create, edit and cancel; anyone may list', async () => {
    const { deps, store, clock } = setup();
    const made = await at(deps);
    if (!made.ok) throw new Error(made.message);
    const id = made.value.reminder.id;
    const refusals = [
      await at(deps, { actor: member }),
      await createConsultationReminder(deps, { guildId: GUILD, actor: member, consultationKey: OPEN.key, channelId: CHANNEL }),
      await cancelReminder(deps, { guildId: GUILD, actor: member, id }),
      await editReminder(deps, { guildId: GUILD, actor: member, id, message: 'x' }),
      await setTimezone(deps, { guildId: GUILD, actor: member, zone: 'Europe/Paris' }),
    ];
    for (const r of refusals) {
      expect(r).toMatchObject({ ok: false, reason: 'permission' });
      if (!r.ok) expect(r.message).toContain('Manage Events');
    }
    expect((await listReminders(deps, GUILD)).message).toContain('Lobby the council');

    await store.updateSettings(GUILD, { organiserRoleId: ROLE }, clock.now());
    const withRole = { ...member, roleIds: [ROLE] };
    expect((await at(deps, { actor: withRole })).ok).toBe(true);
    expect((await cancelReminder(deps, { guildId: GUILD, actor: withRole, id })).ok).toBe(true);
    const refusal = await at(deps, { actor: member });
    expect(!refusal.ok && refusal.message).toContain(`<@&${ROLE}>`);
  });

  it('accepts the organiser role from the bot configuration too', async () => {
    const { deps } = setup({ defaultOrganiserRoleId: ROLE });
    expect((await at(deps, { actor: { ...member, roleIds: [ROLE] } })).ok).toBe(true);
  });

  it('only Manage Events may choose the organiser role and fallback channel', async () => {
    const { deps, store } = setup();
    expect(await configureGuild(deps, { guildId: GUILD, actor: { ...member, roleIds: [ROLE] }, organiserRoleId: ROLE })).toMatchObject({ ok: false });
    expect((await configureGuild(deps, { guildId: GUILD, actor: organiser, organiserRoleId: ROLE, fallbackChannelId: FALLBACK })).ok).toBe(true);
    expect(await store.settings(GUILD)).toMatchObject({ organiserRoleId: ROLE, fallbackChannelId: FALLBACK });
  });

  it('explains the per-member and per-guild limits', async () => {
    const { deps } = setup({ limits: { perGuild: 3, perMember: 2 } });
    expect((await at(deps)).ok).toBe(true);
    expect((await at(deps)).ok).toBe(true);
    const mine = await at(deps);
    expect(mine).toMatchObject({ ok: false, reason: 'limit-member' });
    if (!mine.ok) expect(mine.message).toContain('You already have 2 upcoming reminders');
    const other = { ...organiser, userId: MEMBER };
    expect((await at(deps, { actor: other })).ok).toBe(true);
    const server = await at(deps, { actor: other });
    expect(server).toMatchObject({ ok: false, reason: 'limit-guild' });
    if (!server.ok) expect(server.message).toContain('This server already has 3 upcoming reminders');
  });
});

describe('listing, cancelling and editing', () => {
  it('lists pages of this guild’s reminders only', async () => {
    const { deps } = setup();
    for (let i = 1; i <= 12; i++) await at(deps, { when: `${i}/12 18:00`, message: `meeting ${i}` });
    await at(deps, { guildId: OTHER_GUILD, message: 'secret plans' });
    const p1 = await listReminders(deps, GUILD, 1);
    expect(p1.message).toContain('page 1 of 2');
    expect(p1.message).toContain('meeting 1\n');
    expect(p1.message).not.toContain('meeting 11');
    expect((await listReminders(deps, GUILD, 2)).message).toContain('meeting 12');
    expect(await listReminders(deps, GUILD, 3)).toMatchObject({ ok: false });
    for (let p = 1; p <= 2; p++) expect((await listReminders(deps, GUILD, p)).message).not.toContain('secret plans');
    expect((await reminderChoices(deps, GUILD, '')).every((c) => !c.name.includes('secret'))).toBe(true);
    expect((await listReminders(deps, '100000000000000003')).message).toBe('No upcoming reminders in this server.');
  });

  it('cannot cancel another guild’s reminder, and says the id is unknown', async () => {
    const { deps } = setup();
    const made = await at(deps, { guildId: OTHER_GUILD });
    if (!made.ok) throw new Error(made.message);
    const res = await cancelReminder(deps, { guildId: GUILD, actor: organiser, id: made.value.reminder.id });
    expect(res).toMatchObject({ ok: false, reason: 'not-found' });
    expect((await listReminders(deps, OTHER_GUILD)).message).toContain('Lobby the council');
  });

  it('cancels once', async () => {
    const { deps } = setup();
    const made = await at(deps);
    if (!made.ok) throw new Error(made.message);
    const id = made.value.reminder.id;
    expect(await cancelReminder(deps, { guildId: GUILD, actor: organiser, id })).toMatchObject({ ok: true });
    expect(await cancelReminder(deps, { guildId: GUILD, actor: organiser, id })).toMatchObject({ ok: false, reason: 'already' });
    expect((await listReminders(deps, GUILD)).message).toBe('No upcoming reminders in this server.');
  });

  it('moves a repeating reminder, keeping the number of posts left', async () => {
    const { deps } = setup();
    const made = await at(deps, { when: '24/11 18:00', repeat: 'weekly x3' });
    if (!made.ok) throw new Error(made.message);
    const res = await editReminder(deps, { guildId: GUILD, actor: organiser, id: made.value.reminder.id, when: '26/11 19:00', message: 'New venue' });
    if (!res.ok) throw new Error(res.message);
    expect(res.value.deliveries.map((d) => new Date(d.dueMs).toISOString())).toEqual([
      '2026-11-26T19:00:00.000Z',
      '2026-12-03T19:00:00.000Z',
      '2026-12-10T19:00:00.000Z',
    ]);
    expect(res.value.reminder.message).toBe('New venue');
    expect(res.message).toContain('changed');
  });

  it('refuses to retime a consultation reminder and a bad new time', async () => {
    const { deps } = setup();
    const c = await createConsultationReminder(deps, { guildId: GUILD, actor: organiser, consultationKey: OPEN.key, channelId: CHANNEL });
    if (!c.ok) throw new Error(c.message);
    expect(await editReminder(deps, { guildId: GUILD, actor: organiser, id: c.value.reminder.id, when: 'tomorrow 9am' })).toMatchObject({ ok: false, reason: 'consultation-time' });
    expect((await editReminder(deps, { guildId: GUILD, actor: organiser, id: c.value.reminder.id, channelId: FALLBACK })).ok).toBe(true);
    const m = await at(deps);
    if (!m.ok) throw new Error(m.message);
    expect(await editReminder(deps, { guildId: GUILD, actor: organiser, id: m.value.reminder.id, when: 'yesterday 9am' })).toMatchObject({ ok: false, reason: 'past' });
    expect(await editReminder(deps, { guildId: GUILD, actor: organiser, id: m.value.reminder.id })).toMatchObject({ ok: false, reason: 'nothing' });
  });

  it('refuses an unknown zone and names it', async () => {
    const { deps } = setup();
    const res = await setTimezone(deps, { guildId: GUILD, actor: organiser, zone: 'London' });
    expect(res).toMatchObject({ ok: false, reason: 'invalid-zone' });
    if (!res.ok) expect(res.message).toContain('“London”');
  });
});

describe('a weekly repeat across the spring-forward night', () => {
  it('says in the confirmation and in the list that the 29 March post moves from 01:30 to 02:30', async () => {
    const { deps, clock } = setup();
    clock.set('2026-03-01T12:00:00Z');
    const res = await at(deps, { when: '15/03 01:30', message: 'Night shift meeting', repeat: 'weekly x4' });
    if (!res.ok) throw new Error(res.message);
    const moved = Date.parse('2026-03-29T01:30:00Z') / 1000;
    expect(res.message).toContain(`<t:${moved}:F>`);
    expect(res.message).toMatch(/01:30 does not exist on Sun 29 Mar 2026 in Europe\/London \(the clocks go forward\); that post goes out at 02:30/);
    // Seen in the list while the moved post is still to come, even when it is not the next one.
    const list = await listReminders(deps, GUILD);
    expect(list.message).toMatch(/Sun 29 Mar at 02:30, not 01:30 \(clocks go forward\)/);
    // A repeat that never meets the gap says nothing of it.
    const plain = await at(deps, { when: '15/03 18:00', message: 'Evening', repeat: 'weekly x4' });
    if (!plain.ok) throw new Error(plain.message);
    expect(plain.message).not.toContain('clocks go forward');
  });

  it('says so again when an edit moves the repeat onto the gap', async () => {
    const { deps, clock } = setup();
    clock.set('2026-03-01T12:00:00Z');
    const res = await at(deps, { when: '15/03 18:00', message: 'Night shift meeting', repeat: 'weekly x4' });
    if (!res.ok) throw new Error(res.message);
    const edited = await editReminder(deps, { guildId: GUILD, actor: organiser, id: res.value.reminder.id, when: '15/03 01:30' });
    if (!edited.ok) throw new Error(edited.message);
    expect(edited.message).toContain('that post goes out at 02:30');
    expect((await listReminders(deps, GUILD)).message).toContain('02:30, not 01:30');
  });
});
