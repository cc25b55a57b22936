import { mkdtempSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { createRemindCommand } from '../../src/discord/commands/remind.js';
import type { ConsultationEntry } from '../../src/knowledge/knowledge-base.js';
import { startBot, type RunningBot } from '../../src/main.js';
import { startReminders, type ReminderRuntime } from '../../src/reminders/runtime.js';
import { startEmulator, validateCommands, type Emulator } from './emulator.js';
import { captureLog, emulatorConfig, expectNoStrayRequests } from './helpers.js';

/** /remind end to end: the real bot and discord.js against the emulator, with a fake clock for the scheduler. */

const GUILD = '100000000000000001';
const ROLE = '300000000000000001';
const ORGANISER = { id: '400000000000000001' };
const MEMBER = { id: '400000000000000002' };
const BASE = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.UseApplicationCommands;
const ORGANISER_PERMS = BASE | PermissionFlagsBits.ManageEvents;
const CONSULTATION: ConsultationEntry = {
  key: 'birmingham-enablement-redundancies/1',
  articleId: 'birmingham-enablement-redundancies',
  title: 'Enablement service review',
  council: 'Birmingham City Council',
  closes: '2026-12-15T17:00:00+00:00',
  url: 'https://example.org/consult',
};

let emulator: Emulator | null = null;
let runtime: ReminderRuntime | null = null;
let bot: RunningBot | null = null;
let dir = '';

afterEach(async () => {
  await bot?.stop();
  await runtime?.stop();
  await emulator?.close();
  bot = null;
  runtime = null;
  emulator = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function setup() {
  emulator = await startEmulator({ guilds: [{ id: GUILD }], channels: [{ name: 'general' }] });
  dir = mkdtempSync(join(tmpdir(), 'cutsbot-remind-'));
  let now = Date.parse('2026-11-23T10:00:00Z');
  const clock = { now: () => now };
  const log = captureLog();
  const config = emulatorConfig(emulator, { DATA_DIR: dir, KNOWLEDGE_DIR: 'knowledge', LOG_LEVEL: 'debug' });
  const rt = await startReminders({ config, log: log.logger, consultations: () => [CONSULTATION], clock, deliver: false });
  runtime = rt;
  const remind = createRemindCommand();
  bot = await startBot(config, { commands: [remind], logger: log.logger, reminders: rt });
  emulator.registerCommands([remind.data.toJSON()]);
  return { emulator, rt, log, general: emulator.channelId, setNow: (iso: string) => (now = Date.parse(iso)) };
}

const channelOpt = (id: string) => ({ type: 7, value: id });

describe('/remind', () => {
  it('registers with Discord without errors', async () => {
    const remind = createRemindCommand();
    expect(validateCommands([remind.data.toJSON()])).toEqual([]);
  });

  it('an organiser creates a reminder, anyone lists it, and it is posted on time with no mentions', async () => {
    const { emulator, rt, general, setNow } = await setup();
    const created = await emulator.sendCommand(
      'remind at',
      { at: 'tomorrow 9am', message: 'Branch meeting, all welcome @everyone', channel: channelOpt(general) },
      { user: ORGANISER, permissions: ORGANISER_PERMS },
    );
    const confirm = created.messages[0]!;
    expect(created.ephemeral).toBe(true);
    const due = Date.parse('2026-11-24T09:00:00Z') / 1000;
    expect(confirm.content).toContain(`<t:${due}:F>`);
    expect(confirm.content).toContain(`<t:${due}:R>`);
    expect(confirm.content).toContain('Europe/London');
    expect(confirm.content).toContain(`<#${general}>`);

    const listed = await emulator.sendCommand('remind list', {}, { user: MEMBER, permissions: BASE });
    expect(listed.messages[0]!.content).toContain('Branch meeting, all welcome');

    setNow('2026-11-24T09:00:00Z');
    await rt.scheduler.tick();
    const posted = emulator.channelMessages(general);
    expect(posted).toHaveLength(1);
    const [text, marker] = posted[0]!.content.split('\n');
    expect(text).toBe('⏰ **Reminder:** Branch meeting, all welcome @everyone');
    // The last line marks the post as this reminder's, for finding it again after a crash.
    expect(marker).toMatch(/^-# Reminder #\d+ · cb[\w-]+$/);
    expect(posted[0]!.allowedMentions).toEqual({ parse: [] });
    expect(emulator.rejectedRequests).toEqual([]);
    expect(emulator.unknownRequests).toEqual([]);
  });

  it('a consultation reminder mentions the chosen role, and only it', async () => {
    const { emulator, rt, general, setNow } = await setup();
    const choices = await emulator.sendAutocomplete('remind consultation', 'consultation', 'enable', { user: ORGANISER, permissions: ORGANISER_PERMS });
    expect(choices.map((c) => c.value)).toEqual([CONSULTATION.key]);
    const created = await emulator.sendCommand(
      'remind consultation',
      { consultation: CONSULTATION.key, channel: channelOpt(general), role: { type: 8, value: ROLE } },
      { user: ORGANISER, permissions: ORGANISER_PERMS },
    );
    expect(created.messages[0]!.content).toContain('Enablement service review');
    expect(created.messages[0]!.content).toContain(`<t:${Date.parse(CONSULTATION.closes) / 1000}:F>`);
    setNow('2026-12-08T17:00:00Z');
    await rt.scheduler.tick();
    const [post] = emulator.channelMessages(general);
    expect(post?.content).toContain(`<@&${ROLE}>`);
    expect(post?.content).toContain('<https://example.org/consult>');
    expect(post?.allowedMentions).toEqual({ roles: [ROLE], parse: [] });
  });

  it('refuses members without Manage Events or the organiser role, and lets the organiser role in', async () => {
    const { emulator, general } = await setup();
    const refused = await emulator.sendCommand('remind at', { at: 'tomorrow 9am', message: 'x', channel: channelOpt(general) }, { user: MEMBER, permissions: BASE });
    expect(refused.messages[0]!.content).toContain('Manage Events');
    expect(refused.ephemeral).toBe(true);
    // Discord sends the guild's roles to the bot; the emulator's guild has none but @everyone.
    emulator.dispatch('GUILD_ROLE_CREATE', {
      guild_id: GUILD,
      role: { id: ROLE, name: 'organisers', color: 0, hoist: false, position: 1, permissions: '0', managed: false, mentionable: true, flags: 0, icon: null, unicode_emoji: null },
    });
    const settings = await emulator.sendCommand('remind settings', { organiser_role: { type: 8, value: ROLE } }, { user: ORGANISER, permissions: ORGANISER_PERMS });
    expect(settings.messages[0]!.content).toContain(`<@&${ROLE}>`);
    const allowed = await emulator.sendCommand('remind at', { at: 'tomorrow 9am', message: 'Rota', channel: channelOpt(general) }, { user: MEMBER, permissions: BASE, roles: [ROLE] });
    expect(allowed.messages[0]!.content).toContain('Reminder **#1** set');
    const cancel = await emulator.sendCommand('remind cancel', { id: '1' }, { user: { id: '400000000000000003' }, permissions: BASE });
    expect(cancel.messages[0]!.content).toContain('Manage Events');
  });

  it('cancels through autocomplete, and nothing is posted afterwards', async () => {
    const { emulator, rt, general, setNow } = await setup();
    await emulator.sendCommand('remind at', { at: '15/12 17:00', message: 'Lobby the council', channel: channelOpt(general) }, { user: ORGANISER, permissions: ORGANISER_PERMS });
    const ids = await emulator.sendAutocomplete('remind cancel', 'id', 'lobby', { user: ORGANISER, permissions: ORGANISER_PERMS });
    expect(ids).toHaveLength(1);
    expect(ids[0]!.name).toContain('Lobby the council');
    const cancelled = await emulator.sendCommand('remind cancel', { id: String(ids[0]!.value) }, { user: ORGANISER, permissions: ORGANISER_PERMS });
    expect(cancelled.messages[0]!.content).toContain('cancelled');
    const listed = await emulator.sendCommand('remind list', {}, { user: MEMBER, permissions: BASE });
    expect(listed.messages[0]!.content).toBe('No upcoming reminders in this server.');
    setNow('2026-12-15T17:00:00Z');
    await rt.scheduler.tick();
    expect(emulator.channelMessages(general)).toHaveLength(0);
  });

  it('explains refused times and zones, and creates nothing', async () => {
    const { emulator, general } = await setup();
    const zone = await emulator.sendCommand('remind timezone', { zone: 'Atlantis/Capital' }, { user: ORGANISER, permissions: ORGANISER_PERMS });
    expect(zone.messages[0]!.content).toContain('not a time zone I know');
    const far = await emulator.sendCommand('remind at', { at: '25/12/2027 18:00', message: 'x', channel: channelOpt(general) }, { user: ORGANISER, permissions: ORGANISER_PERMS });
    expect(far.messages[0]!.content).toContain('more than a year ahead');
    const twice = await emulator.sendCommand('remind at', { at: '31/10/2027 01:30', message: 'x', channel: channelOpt(general) }, { user: ORGANISER, permissions: ORGANISER_PERMS });
    expect(twice.messages[0]!.content).toContain('happens twice');
    expect(twice.messages[0]!.content).toContain('2027-10-31T01:30+01:00');
    const listed = await emulator.sendCommand('remind list', {}, { user: MEMBER, permissions: BASE });
    expect(listed.messages[0]!.content).toBe('No upcoming reminders in this server.');
    const soon = await emulator.sendCommand('remind at', { at: 'sometime soon', message: 'x', channel: channelOpt(general) }, { user: ORGANISER, permissions: ORGANISER_PERMS });
    expect(soon.messages[0]!.content).toContain('“sometime soon”');
  });

  it('can also create a Discord event and hand over an .ics file for the deadline', async () => {
    const { emulator, general } = await setup();
    const events: { entity_metadata: { location: string }; scheduled_start_time: string; entity_type: number }[] = [];
    emulator.route('POST', new RegExp(`^/guilds/${GUILD}/scheduled-events$`), (req) => {
      events.push(req.body as (typeof events)[number]);
      return { body: { id: '500000000000000001' } };
    });
    const created = await emulator.sendCommand(
      'remind consultation',
      { consultation: CONSULTATION.key, channel: channelOpt(general), event: true, calendar: true },
      { user: ORGANISER, permissions: ORGANISER_PERMS },
    );
    const reply = created.messages[0]!;
    expect(created.ephemeral).toBe(true);
    expect(reply.content).toContain('A Discord event was created');
    expect(events).toHaveLength(1);
    expect(events[0]!.scheduled_start_time).toBe('2026-12-15T17:00:00.000Z');
    expect(events[0]!.entity_metadata.location).toBe('https://example.org/consult');
    expect(reply.files).toHaveLength(1);
    const ics = reply.files[0]!.data.toString('utf8').replace(/\r\n[ \t]/g, '');
    expect(reply.files[0]!.filename).toMatch(/\.ics$/);
    expect(ics).toContain('DTSTART:20261215T170000Z');
    expect(ics).toContain('TRIGGER:-PT168H');
  });

  it('keeps the confirmation and its .ics private when creating the Discord event takes over 2 s', async () => {
    const { emulator, general } = await setup();
    // The emulator's clock agrees with the scheduler's fake one, so the event is in the future for both.
    emulator.advanceTime(Date.parse('2026-11-23T10:00:00Z') - Date.now());
    emulator.slowDown('POST', /^\/guilds\/\d+\/scheduled-events$/, 2_300);
    const created = await emulator.sendCommand(
      'remind consultation',
      { consultation: CONSULTATION.key, channel: channelOpt(general), event: true, calendar: true },
      { user: ORGANISER, permissions: ORGANISER_PERMS },
    );
    // The router had to defer (Discord waits 3 s), and did so privately.
    expect(created.deferred).toBe(true);
    expect(created.ephemeral).toBe(true);
    expect(created.messages).toHaveLength(1);
    const reply = created.messages[0]!;
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain('A Discord event was created');
    expect(reply.files.map((f) => f.filename)).toEqual([expect.stringMatching(/^reminder-1-2026-12-15\.ics$/)]);
    expect(emulator.scheduledEvents).toHaveLength(1);
    expect(emulator.scheduledEvents[0]!.body).toMatchObject({ entity_type: 3, entity_metadata: { location: 'https://example.org/consult' } });
    expect(emulator.channelMessages(general)).toEqual([]);
    expectNoStrayRequests(emulator);
  });

  it('refuses at creation a channel of another server, one the bot cannot see, and one it cannot post or embed in, naming what is missing', async () => {
    const { emulator } = await setup();
    const other = emulator.joinGuild({ name: 'Another server' });
    const foreign = emulator.addChannel({ guildId: other, name: 'elsewhere' });
    const hidden = emulator.addChannel({ guildId: GUILD, name: 'committee', overwrites: [{ id: GUILD, type: 0, deny: PermissionFlagsBits.ViewChannel }] });
    const muted = emulator.addChannel({
      guildId: GUILD,
      name: 'announcements',
      overwrites: [{ id: emulator.botRoleId, type: 0, deny: PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks }],
    });
    const attempt = (channel: string) =>
      emulator.sendCommand('remind at', { at: 'tomorrow 9am', message: 'Branch meeting', channel: channelOpt(channel) }, { user: ORGANISER, permissions: ORGANISER_PERMS });

    const elsewhere = (await attempt(foreign.id)).messages[0]!;
    expect(elsewhere.ephemeral).toBe(true);
    expect(elsewhere.content).toContain('That channel is not in this server');
    expect((await attempt(hidden.id)).messages[0]!.content).toContain(`I cannot post reminders in <#${hidden.id}>: I am missing View Channel there`);
    expect((await attempt(muted.id)).messages[0]!.content).toContain(`I cannot post reminders in <#${muted.id}>: I am missing Send Messages and Embed Links there`);
    const consultation = await emulator.sendCommand(
      'remind consultation',
      { consultation: CONSULTATION.key, channel: channelOpt(muted.id) },
      { user: ORGANISER, permissions: ORGANISER_PERMS },
    );
    expect(consultation.messages[0]!.content).toContain('I am missing Send Messages and Embed Links');
    const listed = await emulator.sendCommand('remind list', {}, { user: MEMBER, permissions: BASE });
    expect(listed.messages[0]!.content).toBe('No upcoming reminders in this server.');
    expectNoStrayRequests(emulator);
  });
});

describe('/remind while the reminders database is locked by another process', () => {
  it('answers within the interaction window that nothing changed and to try again, and works once the lock is gone', async () => {
    const { emulator, rt, general } = await setup();
    const other = new Database(rt.store.location);
    other.exec('BEGIN IMMEDIATE');
    other.exec("INSERT INTO guild_settings VALUES ('1', 'UTC', NULL, NULL, 1)");
    try {
      const refused = await emulator.sendCommand(
        'remind at',
        { at: 'tomorrow 9am', message: 'Branch meeting', channel: channelOpt(general) },
        { user: ORGANISER, permissions: ORGANISER_PERMS },
      );
      const reply = refused.messages[0]!;
      expect(reply.ephemeral).toBe(true);
      expect(reply.content + JSON.stringify(reply.embeds)).toContain('another process has it locked), so nothing was read or changed. Try again in a minute.');
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(await rt.store.countActive(GUILD)).toBe(0);
    const ok = await emulator.sendCommand(
      'remind at',
      { at: 'tomorrow 9am', message: 'Branch meeting', channel: channelOpt(general) },
      { user: ORGANISER, permissions: ORGANISER_PERMS },
    );
    expect(ok.messages[0]!.content).toContain('set in');
    expect(await rt.store.countActive(GUILD)).toBe(1);
  });
});
