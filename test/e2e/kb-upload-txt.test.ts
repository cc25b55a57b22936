import { cp, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApplicationCommandOptionType, PermissionFlagsBits } from 'discord-api-types/v10';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../src/discord/commands/index.js';
import { startBot, type RunningBot } from '../../src/main.js';
import { snowflake, startEmulator, type Emulator, type InteractionOptions, type SentMessage } from './emulator.js';
import { captureLog, emulatorConfig, onlyMessage, shownText, visibleText, cleanUpAfter } from './helpers.js';

/**
 * `/kb upload` of a plain-text article through the real bot and discord.js client against the
 * emulator: drafted and shown privately, written only when its uploader presses Save.
 */

const MEMBER = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.UseApplicationCommands;
const MOD = { id: '310000000000000001' };
const OTHER_MOD = { id: '310000000000000002' };
const AS_MOD: InteractionOptions = { user: MOD, permissions: MEMBER | PermissionFlagsBits.ManageGuild };
const FIXTURES = 'test/fixtures/import';
const GLASGOW = 'glasgow-city-learning-disabilities-jobs-at-risk';

let emulator: Emulator;
let bot: RunningBot;
let dir: string;
const log = captureLog();
const served = new Map<string, Buffer>();

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cutsbot-kb-txt-e2e-'));
  await cp('knowledge', dir, { recursive: true });
  emulator = await startEmulator({ channels: [{ name: 'general' }] });
  emulator.route('GET', /^\/files\/([\w.-]+)$/, (_req, m) => {
    const bytes = served.get(m[1]!);
    return bytes ? { status: 200, body: bytes, headers: {} } : { status: 404, body: { message: 'not found' } };
  });
  const config = emulatorConfig(emulator, { KNOWLEDGE_DIR: dir, KB_GUILD_IDS: emulator.guildId, ATTACHMENT_HOSTS: `127.0.0.1:${emulator.port}` });
  bot = await startBot(config, { logger: log.logger });
  emulator.registerCommands(commands.map((c) => c.data.toJSON()));
});

cleanUpAfter(() => ({ bot, emulator, dir }));
// Each test counts the drafts it leaves; one that failed half-way must not confuse the next.
beforeEach(() => rm(path.join(dir, '.drafts'), { recursive: true, force: true }));

async function upload(filename: string, content: string, as: InteractionOptions = AS_MOD): Promise<SentMessage> {
  const key = `${snowflake()}-${filename.replace(/[^\w.-]/g, '_')}`;
  served.set(key, Buffer.from(content));
  const id = snowflake();
  const url = `${emulator.apiBase.replace(/\/api$/, '')}/files/${key}`;
  const reply = await emulator.sendCommand(
    'kb upload',
    { file: { type: ApplicationCommandOptionType.Attachment, value: id } },
    { ...as, resolved: { attachments: { [id]: { id, filename, size: Buffer.byteLength(content), url, proxy_url: url, content_type: 'text/plain' } } } },
  );
  return onlyMessage(reply);
}

const fixture = (name: string) => readFile(path.join(FIXTURES, name), 'utf8');
type Button = { custom_id: string; label: string };
const buttons = (m: SentMessage): Button[] => (m.components as { components: Button[] }[]).flatMap((r) => r.components);
const button = (m: SentMessage, label: RegExp) => {
  const b = buttons(m).find((x) => label.test(x.label));
  if (!b) throw new Error(`no button ${label} among ${buttons(m).map((x) => x.label).join(', ')}`);
  return b;
};
/** The folder's articles and its drafts, to prove what a press wrote or left alone. */
const articles = async () => (await readdir(dir)).filter((n) => n.endsWith('.md')).sort();
const drafts = async () => (await readdir(path.join(dir, '.drafts')).catch(() => [] as string[])).sort();
const cutsText = async (place: string) => shownText(onlyMessage(await emulator.sendCommand('cuts', { place })));
const noMentions = (m: SentMessage) => m.bodies.every((b) => JSON.stringify((b as { allowed_mentions?: unknown }).allowed_mentions) === '{"parse":[]}');

describe('/kb upload of a .txt', () => {
  it('drafts privately with the file attached and Save/Discard, writes nothing; Save writes it and /cuts answers from it', async () => {
    const before = await articles();
    const draft = await upload('glasgow day services.txt', await fixture('glasgow-day-services.txt'));
    expect(draft.ephemeral).toBe(true);
    const text = shownText(draft);
    expect(text).toContain('**Draft of `'+GLASGOW+'.md`** from **glasgow day services.txt**, attached');
    expect(text).toContain('Nothing is saved until you press Save');
    expect(text).toContain('council: Glasgow City Council');
    expect(text).toContain('unions: Unison, Unite');
    expect(text).toMatch(/consultation closing 2027-01-15T17:00:00\+00:00/);
    expect(text).toContain('source, published: add the publisher, URL and date');
    expect(draft.files.map((f) => f.filename)).toEqual([`${GLASGOW}.md`]);
    const drafted = draft.files[0]!.data.toString('utf8');
    expect(drafted).toMatch(/^council: "Glasgow City Council" {2}# check:/m);
    expect(drafted).not.toMatch(/^(source|url|published):/m);
    expect(buttons(draft).map((b) => b.label)).toEqual([`Save as ${GLASGOW}.md`, 'Discard']);
    expect(noMentions(draft)).toBe(true);
    // Nothing is served or written before Save.
    expect(await articles()).toEqual(before);
    expect(await cutsText('glasgow')).not.toContain('day services');

    const saveId = button(draft, /^Save as/).custom_id;
    const saved = onlyMessage(await emulator.pressButton(draft, saveId, AS_MOD));
    expect(saved.id).toBe(draft.id);
    expect(shownText(saved)).toContain("Saved as `" + GLASGOW + ".md` in the knowledge folder: members now get it, e.g. with /cuts Glasgow City");
    expect(saved.components).toEqual([]);
    expect(noMentions(saved)).toBe(true);
    expect(await readFile(path.join(dir, `${GLASGOW}.md`), 'utf8')).toBe(drafted);
    expect(await drafts()).toEqual([]);
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    const cuts = await cutsText('glasgow');
    expect(cuts).toMatch(/£1\.8 million/);

    // The same button pressed again (a stale copy of the message): the draft is gone, and it says so.
    const again = onlyMessage(await emulator.pressUnknownButton(draft, saveId, AS_MOD));
    expect(shownText(again)).toContain('This draft is no longer kept');
  });

  it('refuses to save over an id that is taken in the meantime, and keeps that file as it is', async () => {
    const draft = await upload('belfast.txt', await fixture('belfast-care-homes.txt'));
    const name = draft.files[0]!.filename;
    const theirs = (await readFile(path.join(dir, 'birmingham-enablement-redundancies.md'), 'utf8')).replace(/^id: .*$/m, `id: ${name.replace(/\.md$/, '')}`);
    await writeFile(path.join(dir, `by-hand-${name}`), theirs);
    await bot.keeper!.reload();
    const refused = await emulator.pressButton(draft, button(draft, /^Save as/).custom_id, AS_MOD);
    const text = shownText(refused.followUps[0]!);
    expect(text).toContain(`is already used by `+'`'+`by-hand-${name}`+'`');
    expect(text).toContain('the draft was not saved');
    expect(refused.followUps[0]!.ephemeral).toBe(true);
    expect(await readFile(path.join(dir, `by-hand-${name}`), 'utf8')).toBe(theirs);
    expect(await articles()).not.toContain(name);
    // The moderator can still discard it.
    const still = draft;
    expect(buttons(still).map((b) => b.label)).toContain('Discard');
    await emulator.pressButton(still, button(still, /^Discard$/).custom_id, AS_MOD);
    expect(await drafts()).toEqual([]);
    await rm(path.join(dir, `by-hand-${name}`));
    await bot.keeper!.reload();
  });

  it('lets no one but its uploader, as a moderator of a knowledge-base server, save it; Discard leaves nothing', async () => {
    const before = await articles();
    const draft = await upload('newport.txt', await fixture('newport-home-care.txt'));
    const save = button(draft, /^Save as/).custom_id;
    const [kept] = await drafts();
    expect(kept).toMatch(/^[0-9a-f]{24}\.md$/);

    const demoted = onlyMessage(await emulator.pressButton(draft, save, { user: MOD, permissions: MEMBER }));
    expect(visibleText(demoted)).toContain('Only moderators can manage the knowledge base');

    const otherGuild = emulator.joinGuild({ name: 'Someone else’s server' });
    const elsewhere = onlyMessage(await emulator.pressButton(draft, save, { ...AS_MOD, guildId: otherGuild }));
    expect(visibleText(elsewhere)).toContain('does not work in this server');

    // Another moderator with the custom_id copied onto a message they can press.
    const publicMessage = onlyMessage(await emulator.sendCommand('sources', {}));
    const copied = onlyMessage(await emulator.pressUnknownButton(publicMessage, save, { user: OTHER_MOD, permissions: AS_MOD.permissions! }));
    expect(visibleText(copied)).toContain('Only the moderator who uploaded this draft');
    expect(await articles()).toEqual(before);
    expect(await drafts()).toEqual([kept]);

    const discarded = onlyMessage(await emulator.pressButton(draft, button(draft, /^Discard$/).custom_id, AS_MOD));
    expect(visibleText(discarded)).toContain('Discarded: the draft was deleted and nothing was saved');
    expect(discarded.components).toEqual([]);
    expect(await drafts()).toEqual([]);
    expect(await articles()).toEqual(before);
  });

  it('says a draft has expired after a week and does not save it', async () => {
    const before = await articles();
    const draft = await upload('kent.txt', await fixture('kent-sevenoaks-respite.txt'));
    const [kept] = await drafts();
    const old = new Date(Date.now() - 8 * 86_400_000);
    await utimes(path.join(dir, '.drafts', kept!), old, old);
    const pressed = onlyMessage(await emulator.pressButton(draft, button(draft, /^Save as/).custom_id, AS_MOD));
    expect(visibleText(pressed)).toContain('has expired, so it was not saved');
    expect(await articles()).toEqual(before);
    expect(await drafts()).toEqual([]);
  });

  it('refuses a .txt with no place it knows, or with front matter, naming the file and saving nothing', async () => {
    const before = await articles();
    const nowhere = visibleText(await upload('nowhere.txt', await fixture('no-place.txt')));
    expect(nowhere).toContain('nowhere.txt');
    expect(nowhere).toContain('no council or town the gazetteer knows is named in the text');
    expect(nowhere).toContain('upload it as `.md`');
    expect(nowhere).not.toContain('--council');
    const md = await readFile(path.join(dir, 'birmingham-enablement-redundancies.md'), 'utf8');
    const fronted = visibleText(await upload('article.txt', md));
    expect(fronted).toContain('already has front matter');
    expect(await articles()).toEqual(before);
    expect(await drafts()).toEqual([]);
  });
});
