import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApplicationCommandOptionType, PermissionFlagsBits } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { commands } from '../../src/discord/commands/index.js';
import { MAX_FILE_BYTES } from '../../src/knowledge/loader.js';
import { startBot, type RunningBot } from '../../src/main.js';
import { snowflake, startEmulator, type Emulator, type InteractionOptions } from './emulator.js';
import { captureLog, emulatorConfig, visibleText, liveLinks, liveMentions, onlyMessage, shownText, cleanUpAfter } from './helpers.js';

/**
 * /kb through the real bot and discord.js client, logged in to the emulator, keeping a temp copy of
 * the knowledge folder. Attachments are served by the emulator on 127.0.0.1, as Discord's CDN would.
 */

const NB = 'northbridge-day-centres';
const BIRMINGHAM = 'birmingham-enablement-redundancies';
const MOD_LOG = snowflake();
const MOD_ROLE = snowflake();
const MEMBER = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.UseApplicationCommands;
const MODERATOR: InteractionOptions = { permissions: MEMBER | PermissionFlagsBits.ManageGuild };

let emulator: Emulator;
let bot: RunningBot;
let dir: string;
const log = captureLog();
/** Attachments the emulator serves, and how often each was fetched. */
const served = new Map<string, { bytes: Buffer; headers?: Record<string, string>; status?: number }>();
const fetched: string[] = [];
let nbText: string;

beforeAll(async () => {
  nbText = await readFile('test/fixtures/answers/northbridge-day-centres.md', 'utf8');
  dir = await mkdtemp(path.join(tmpdir(), 'cutsbot-kb-e2e-'));
  await cp('knowledge', dir, { recursive: true });
  emulator = await startEmulator({ channels: [{ name: 'general' }, { id: MOD_LOG, name: 'mod-log' }] });
  emulator.route('GET', /^\/files\/([\w.-]+)$/, (_req, m) => {
    const file = served.get(m[1]!);
    fetched.push(m[1]!);
    return file ? { status: file.status ?? 200, body: file.bytes, headers: file.headers ?? {} } : { status: 404, body: { message: 'not found' } };
  });
  const config = emulatorConfig(emulator, {
    KNOWLEDGE_DIR: dir,
    MOD_LOG_CHANNEL_ID: MOD_LOG,
    MODERATOR_ROLE_ID: MOD_ROLE,
    LOG_LEVEL: 'debug',
    KB_GUILD_IDS: emulator.guildId,
    // The emulator stands in for Discord's attachment host.
    ATTACHMENT_HOSTS: `127.0.0.1:${emulator.port}`,
  });
  bot = await startBot(config, { logger: log.logger });
  expect(bot.keeper?.dir).toBe(dir);
  emulator.registerCommands(commands.map((c) => c.data.toJSON()));
});

cleanUpAfter(() => ({ bot, emulator, dir }));

const only = onlyMessage;

/** Offers `text` as an attachment named `filename` and runs `/kb upload` with it. */
function upload(
  filename: string,
  content: string | Buffer,
  opts: { replace?: boolean; size?: number; headers?: Record<string, string>; status?: number; as?: InteractionOptions; url?: string } = {},
) {
  const key = `${snowflake()}-${filename.replace(/[^\w.-]/g, '_')}`;
  const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content);
  served.set(key, { bytes, ...(opts.headers ? { headers: opts.headers } : {}), ...(opts.status ? { status: opts.status } : {}) });
  const id = snowflake();
  const url = opts.url ?? `${emulator.apiBase.replace(/\/api$/, '')}/files/${key}`;
  return {
    key,
    reply: emulator.sendCommand(
      'kb upload',
      { file: { type: ApplicationCommandOptionType.Attachment, value: id }, ...(opts.replace !== undefined ? { replace: opts.replace } : {}) },
      {
        ...(opts.as ?? MODERATOR),
        resolved: { attachments: { [id]: { id, filename, size: opts.size ?? bytes.length, url, proxy_url: url, content_type: 'text/markdown' } } },
      },
    ),
  };
}

/** Deletes a file as a moderator's editor would, and waits until the bot has caught up. */
async function deleteByHand(name: string) {
  await rm(path.join(dir, name));
  await bot.keeper!.reload();
}

const cutsText = async (place: string) => visibleText(only(await emulator.sendCommand('cuts', { place })));
const listing = async () => (await readdir(dir)).sort();

/** Every file in the folder with its bytes, to prove a refusal changed nothing. */
async function snapshot(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of await listing()) {
    if (name === '.trash') continue;
    out[name] = (await readFile(path.join(dir, name))).toString('base64');
  }
  return out;
}

describe('/kb upload', () => {
  it('saves a valid article, tells the moderator what members get, and /cuts answers from it', async () => {
    expect(await cutsText('northbridge')).toMatch(/No place called “northbridge”/);
    const message = only(await upload('Northbridge day centres.md', nbText).reply);
    expect(message.ephemeral).toBe(true);
    const text = visibleText(message);
    expect(message.embeds[0]!.title).toBe('Northbridge to close two day centres (invented test article)');
    expect(text).toContain(`Saved as ${NB}.md (new article)`);
    expect(text).toContain('/cuts Northbridge');
    expect(text).toMatch(/£1\.2 million/);
    expect(text).toMatch(/Amira Patel/);
    expect(text).toMatch(/Day centres consultation/);
    expect(await readFile(path.join(dir, `${NB}.md`), 'utf8')).toBe(nbText);
    expect((await listing()).filter((n) => n.endsWith('.tmp'))).toEqual([]);

    const cuts = await cutsText('northbridge');
    expect(cuts).toContain('Care cuts in Northbridge');
    expect(cuts).toContain('close two day centres');
    expect(message.bodies.every((b) => JSON.stringify((b as { allowed_mentions?: unknown }).allowed_mentions) === '{"parse":[]}')).toBe(true);
  });

  it('refuses an invalid file with its problems at file:line and leaves the folder as it was', async () => {
    const before = await snapshot();
    const broken = nbText.replace(/^title: .*\n/m, '').replace('nation: England', 'nation: Cornwall');
    const text = visibleText(only(await upload('broken.md', broken).reply));
    expect(text).toContain('broken.md:2: title: is required but missing');
    expect(text).toMatch(/broken\.md:5: nation: .*England/);
    expect(text).toContain('Nothing was saved');
    expect(await snapshot()).toEqual(before);
  });

  it('names the file after the article id, never after the attachment, and refuses path tricks in the id', async () => {
    const outside = path.join(path.dirname(dir), 'evil-test.md');
    const text = visibleText(only(await upload('../../evil.md', nbText.replace(`id: ${NB}`, 'id: evil-test')).reply));
    expect(text).toContain('Saved as evil-test.md (new article)');
    expect(await listing()).toContain('evil-test.md');
    await expect(readFile(outside)).rejects.toThrow(/ENOENT/);

    const before = await snapshot();
    const tricked = visibleText(only(await upload('x.md', nbText.replace(`id: ${NB}`, 'id: ../../x')).reply));
    expect(tricked).toMatch(/x\.md:2: id: must be a slug/);
    expect(await snapshot()).toEqual(before);
    await deleteByHand('evil-test.md');
  });

  it('lets only one of two simultaneous uploads claim a new id', async () => {
    const a = upload('a.md', nbText.replace(`id: ${NB}`, 'id: race').replace('two day centres', 'A day centres'));
    const b = upload('b.md', nbText.replace(`id: ${NB}`, 'id: race').replace('two day centres', 'B day centres'));
    try {
      const texts = (await Promise.all([a.reply, b.reply])).map((r) => visibleText(only(r)));
      expect(texts.filter((t) => t.includes('Saved as race.md (new article)'))).toHaveLength(1);
      expect(texts.filter((t) => t.includes('The id `race` is already used by `race.md`'))).toHaveLength(1);
    } finally {
      await deleteByHand('race.md');
    }
  });

  it('refuses a file that is not Markdown, or too big, without downloading it', async () => {
    const before = await snapshot();
    const notMd = upload('photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    expect(visibleText(only(await notMd.reply))).toMatch(/not a knowledge file/);
    const big = upload('big.md', 'x', { size: MAX_FILE_BYTES + 1 });
    expect(visibleText(only(await big.reply))).toMatch(/at most 256 KB/);
    expect(fetched).not.toContain(notMd.key);
    expect(fetched).not.toContain(big.key);
    expect(await snapshot()).toEqual(before);
  });

  it('stops a download that turns out bigger than declared', async () => {
    const before = await snapshot();
    const huge = `---\nid: huge\ntitle: Huge\ncouncil: Northbridge Council\n---\n\n${'word '.repeat(MAX_FILE_BYTES / 2)}`;
    const liar = upload('liar.md', huge, { size: 1000 });
    expect(visibleText(only(await liar.reply))).toMatch(/a knowledge file may be at most 256 KB/);
    expect(fetched).toContain(liar.key);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an id that another file uses, and replaces it with replace:true', async () => {
    const changed = nbText.replaceAll('two day centres', 'three day centres');
    const before = await snapshot();
    const refused = visibleText(only(await upload('new-version.md', changed).reply));
    expect(refused).toContain(`The id \`${NB}\` is already used by \`${NB}.md\``);
    expect(refused).toContain('replace: True');
    expect(await snapshot()).toEqual(before);
    expect(await cutsText('eastfield')).toContain('close two day centres');

    const replaced = visibleText(only(await upload('new-version.md', changed, { replace: true }).reply));
    expect(replaced).toContain(`Saved as ${NB}.md (replaced the article from ${NB}.md)`);
    expect(await readFile(path.join(dir, `${NB}.md`), 'utf8')).toBe(changed);
    expect(await listing()).not.toContain('new-version.md');
    expect(await cutsText('eastfield')).toContain('close three day centres');
  });
});

describe('/kb upload downloads only from Discord', () => {
  it('refuses an attachment URL on any other host, without fetching it', async () => {
    const before = await snapshot();
    const requestsBefore = emulator.requests.length;
    const text = visibleText(only(await upload('elsewhere.md', nbText, { url: `http://127.0.0.1:${emulator.port + 1}/files/elsewhere.md` }).reply));
    expect(text).toContain('is not on Discord');
    expect(text).toContain('Nothing was saved');
    expect(emulator.requests.slice(requestsBefore).filter((r) => r.path.startsWith('/files/'))).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('never follows a redirect', async () => {
    const before = await snapshot();
    const target = upload('target.md', nbText.replace(`id: ${NB}`, 'id: redirected'));
    const hop = upload('hop.md', '', { status: 302, headers: { location: `${emulator.apiBase.replace(/\/api$/, '')}/files/${target.key}` } });
    const text = visibleText(only(await hop.reply));
    expect(text).toContain('redirects elsewhere (HTTP 302)');
    expect(fetched).toContain(hop.key);
    await target.reply;
    expect(fetched.filter((k) => k === target.key)).toHaveLength(1);
    expect(await snapshot()).toEqual({ ...before, 'redirected.md': (await readFile(path.join(dir, 'redirected.md'))).toString('base64') });
    await deleteByHand('redirected.md');
  });
});

describe('/kb remove and preview', () => {
  it('offers served articles by id or title', async () => {
    const choices = await emulator.sendAutocomplete('kb remove', 'id', 'day centres', MODERATOR);
    expect(choices.map((c) => c.value)).toEqual([NB]);
  });

  it('previews every quote and figure of an article with speaker, attribution and confidence', async () => {
    const message = only(await emulator.sendCommand('kb preview', { id: BIRMINGHAM }, MODERATOR));
    expect(message.ephemeral).toBe(true);
    expect(message.embeds[0]!.title).toBe('Review: Birmingham enablement care workers face redundancy');
    const text = shownText(message);
    expect(text).toContain('Members see it with /cuts Birmingham.');
    expect(text).toContain('¶12–15 Paulette Hamilton, Labour cabinet member for social care [named, high]');
    expect(text).toContain('¶3 money “£4 million”, counts: savings');
  });

  it('keeps a long preview within Discord’s limits and says where to see every line', async () => {
    const many = Array.from({ length: 60 }, (_, i) => `Spokesperson ${i} said: “Quote number ${i} about the __cuts__ and *more* words to fill the line up nicely.”`);
    const body = ['---', 'id: long-review', 'title: Long review', 'council: Eastmere Borough Council', '---', '', ...many.flatMap((p) => [p, ''])].join('\n');
    await writeFile(path.join(dir, 'long_review.md'), body);
    await bot.keeper!.reload();
    const review = only(await emulator.sendCommand('kb preview', { id: 'long-review' }, MODERATOR));
    const text = visibleText(review);
    expect(text).toMatch(/…and \d+ more — run npm run --silent cli -- kb check --review long\\_review\.md in the knowledge folder/);
    expect(text).toContain('\\_\\_cuts\\_\\_');
    await deleteByHand('long_review.md');
  });

  it('moves the file to .trash/ and members no longer get the article', async () => {
    const text = visibleText(only(await emulator.sendCommand('kb remove', { id: NB }, MODERATOR)));
    expect(text).toContain(`Moved \`${NB}.md\` to \`.trash/${NB}.md\``);
    expect(await listing()).not.toContain(`${NB}.md`);
    expect(await readdir(path.join(dir, '.trash'))).toEqual([`${NB}.md`]);
    expect(await cutsText('northbridge')).toMatch(/No place called “northbridge”/);
    expect(await cutsText('birmingham')).toContain('Care cuts in Birmingham');
  });
});

describe('/kb status, reload and the moderators’ channel', () => {
  it('posts a new problem once to the mod-log channel, pinging no one, and lists it in status', async () => {
    const modLog = () => emulator.channelMessages(MOD_LOG);
    expect(modLog()).toEqual([]);
    await writeFile(path.join(dir, 'pasted.md'), 'Just some pasted text, @everyone\n');
    await vi.waitFor(() => expect(modLog()).toHaveLength(1), { timeout: 5_000, interval: 25 });
    // Escaped like every file name and message echoed to Discord; it reads as `---`.
    expect(modLog()[0]!.content).toContain('pasted.md:1: must start with a line \\`---\\`');
    expect(modLog()[0]!.allowedMentions).toEqual({ parse: [] });
    expect(log.lines.filter((l) => l.level === 40 && String(l.msg).startsWith('pasted.md:1:'))).toHaveLength(1);

    const status = visibleText(only(await emulator.sendCommand('kb status', {}, MODERATOR)));
    expect(status).toMatch(/\*\*Knowledge base\*\*: 2 articles in the knowledge folder, last reloaded <t:\d+:R>/);
    // Where the bot's files live is nobody's business on Discord.
    expect(status).not.toContain(dir);
    expect(status).not.toContain(tmpdir());
    expect(status).toMatch(/Extracted: \d+ quotes · \d+ figures · \d+ places · \d+ consultations\./);
    expect(status).toContain('pasted.md:1:');

    const reload = visibleText(only(await emulator.sendCommand('kb reload', {}, MODERATOR)));
    expect(reload).toContain('Added: none. Updated: none. Removed: none.');
    expect(reload).toContain('No new problems (1 known');
    expect(modLog()).toHaveLength(1);
    expect(log.lines.filter((l) => String(l.msg).startsWith('pasted.md:1:'))).toHaveLength(1);
    await deleteByHand('pasted.md');
  });

  it('posts file names and YAML keys to the mod-log as text: no live link, no mention', async () => {
    const modLog = () => emulator.channelMessages(MOD_LOG);
    const before = modLog().length;
    const name = '<@&123456789012345678> [file](x).md';
    await writeFile(path.join(dir, name), nbText.replace(`id: ${NB}`, 'id: keyed\n"[Sign the official petition](https://qx.qx)": yes'));
    await vi.waitFor(() => expect(modLog()).toHaveLength(before + 1), { timeout: 5_000, interval: 25 });
    const content = modLog().at(-1)!.content;
    expect(content).toContain('Sign the official petition');
    expect(liveLinks(content)).toEqual([]);
    expect(liveMentions(content)).toEqual([]);
    await deleteByHand(name);
  });

  it('reports what a reload added', async () => {
    await writeFile(path.join(dir, 'by-hand.md'), nbText.replace(`id: ${NB}`, 'id: by-hand'));
    const reload = visibleText(only(await emulator.sendCommand('kb reload', {}, MODERATOR)));
    // The watcher may have got there first; either way the article is served and named once.
    expect(reload).toMatch(/Added: (`by-hand`|none)\./);
    expect(await cutsText('eastfield')).toContain('Care cuts in Northbridge');
  });
});

describe('who may use /kb', () => {
  it('is registered for Manage Server only, in servers only', () => {
    const registered = emulator.commands.get('global')!.find((c) => c.name === 'kb')!;
    expect(registered.default_member_permissions).toBe(String(PermissionFlagsBits.ManageGuild));
    expect(registered.contexts).toEqual([0]);
  });

  it('refuses a member without Manage Server, downloads nothing and changes nothing', async () => {
    const before = await snapshot();
    const member: InteractionOptions = { permissions: MEMBER };
    const attempt = upload('sneaky.md', nbText.replace(`id: ${NB}`, 'id: sneaky'), { as: member });
    const refused = only(await attempt.reply);
    expect(refused.ephemeral).toBe(true);
    expect(visibleText(refused)).toMatch(/Only moderators/);
    expect(fetched).not.toContain(attempt.key);
    expect(visibleText(only(await emulator.sendCommand('kb remove', { id: BIRMINGHAM }, member)))).toMatch(/Only moderators/);
    expect(await snapshot()).toEqual(before);
    expect(await cutsText('birmingham')).toContain('Care cuts in Birmingham');
  });

  it('refuses /kb in a server not named in KB_GUILD_IDS, even to its admins, and changes nothing', async () => {
    const otherGuild = emulator.joinGuild({ name: 'Someone else’s server' });
    const otherChannel = emulator.addChannel({ guildId: otherGuild, name: 'general' });
    const admin: InteractionOptions = { permissions: MEMBER | PermissionFlagsBits.ManageGuild | PermissionFlagsBits.Administrator, channelId: otherChannel.id };
    const before = await snapshot();
    const attempt = upload('takeover.md', nbText.replace(`id: ${NB}`, 'id: takeover'), { as: admin });
    const refused = only(await attempt.reply);
    expect(refused.ephemeral).toBe(true);
    expect(visibleText(refused)).toContain('kept from the union’s own server only');
    expect(fetched).not.toContain(attempt.key);
    for (const sub of ['kb remove', 'kb reload', 'kb status']) {
      const reply = only(await emulator.sendCommand(sub, sub === 'kb remove' ? { id: BIRMINGHAM } : {}, admin));
      expect(visibleText(reply)).toContain('kept from the union’s own server only');
    }
    expect(await emulator.sendAutocomplete('kb remove', 'id', 'birm', admin)).toEqual([]);
    expect(await snapshot()).toEqual(before);
    expect(await cutsText('birmingham')).toContain('Care cuts in Birmingham');
  });

  it('lets a member with the moderator role in', async () => {
    // The role exists in the server, as it would on Discord: the bot learns of it from the gateway.
    emulator.dispatch('GUILD_ROLE_CREATE', {
      guild_id: emulator.guildId,
      role: { id: MOD_ROLE, name: 'Moderators', color: 0, hoist: false, position: 1, permissions: String(MEMBER), managed: false, mentionable: false, flags: 0 },
    });
    const text = visibleText(only(await emulator.sendCommand('kb status', {}, { permissions: MEMBER, roles: [MOD_ROLE] })));
    expect(text).toContain('**Knowledge base**');
  });
});

describe('moderator corrections on Discord', () => {
  it('posts a correction that no longer matches to the moderators, and /kb preview shows it first, then unsure speakers, then what was corrected', async () => {
    const modLog = () => emulator.channelMessages(MOD_LOG);
    const before = modLog().length;
    await writeFile(path.join(dir, 'eastmere.md'), await readFile('test/fixtures/corrections/eastmere-day-centres.md'));
    await bot.keeper!.reload();
    await vi.waitFor(() => expect(modLog()).toHaveLength(before + 1), { timeout: 5_000, interval: 25 });
    expect(modLog().at(-1)!.content).toContain('eastmere.md:16: corrections.3.quote: paragraph 12 does not exist: the article has 6 paragraphs');
    const review = only(await emulator.sendCommand('kb preview', { id: 'eastmere-day-centres' }, MODERATOR));
    const fields = review.embeds[0]!.fields!.map((f) => f.name);
    expect(fields).toEqual([
      'Corrections that no longer match (1)',
      'Check these quotes: speaker unsure, unnamed or a document (2)',
      'Corrected by a moderator (3)',
      'Quotes (1)',
      'Figures (2)', // "two day centres" and "60 jobs"
    ]);
    const shown = shownText(review);
    expect(shown).toContain('eastmere.md:16: corrections.3.quote: paragraph 12 does not exist');
    expect(shown).toContain('line 7: ¶4 Jo Marsh, chair of the carers’ forum [named, high]: “Families are frightened”');
    expect(shown).toContain('line 14: dropped figure ¶6 count “120 people”');
    expect(review.bodies.every((b) => JSON.stringify((b as { allowed_mentions?: unknown }).allowed_mentions) === '{"parse":[]}')).toBe(true);
    await deleteByHand('eastmere.md');
  });
});
