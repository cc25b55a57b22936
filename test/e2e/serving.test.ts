import { appendFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApplicationCommandOptionType, PermissionFlagsBits } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../src/discord/commands/index.js';
import { generateKnowledgeBase, type GeneratedKnowledgeBase } from '../bench/generate.js';
import { snowflake, startEmulator, type Emulator, type InteractionReply } from './emulator.js';
import { visibleText } from './helpers.js';
import { runScript, type Child } from './process.js';

/**
 * The bot as its own process (`npm start`) serving 5,000 generated articles, and the emulator here,
 * so Discord's 3-second deadline keeps running while the bot works. Members send commands without
 * pause while a moderator edits a file by hand, uploads an article and runs `/kb reload`: every
 * command must be answered in time, and answers must switch to the new content.
 */

const ARTICLES = 5_000;
const MODERATOR = { permissions: PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.UseApplicationCommands | PermissionFlagsBits.ManageGuild };

let tmp: string;
let gen: GeneratedKnowledgeBase;
let emulator: Emulator;
let bot: Child;
const files = new Map<string, Buffer>();

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'cutsbot-serving-e2e-'));
  gen = await generateKnowledgeBase(path.join(tmp, 'knowledge'), { articles: ARTICLES, seed: 5 });
  emulator = await startEmulator();
  emulator.route('GET', /^\/files\/([\w.-]+)$/, (_req, m) => {
    const bytes = files.get(m[1]!);
    return bytes ? { body: bytes } : { status: 404, body: { message: 'not found' } };
  });
  emulator.registerCommands(commands.map((c) => c.data.toJSON()));
  bot = runScript('src/main.ts', {
    DISCORD_TOKEN: emulator.token,
    DISCORD_APPLICATION_ID: emulator.applicationId,
    DISCORD_API_BASE: emulator.apiBase,
    KNOWLEDGE_DIR: gen.dir,
    DATA_DIR: path.join(tmp, 'data'),
    KB_GUILD_IDS: emulator.guildId,
    ATTACHMENT_HOSTS: `127.0.0.1:${emulator.port}`,
    LOG_LEVEL: 'info',
  });
  await bot.waitFor('"msg":"watching the knowledge folder"', 240_000);
}, 300_000);

afterAll(async () => {
  bot?.kill('SIGTERM');
  await bot?.exited;
  await emulator?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** Members asking, one command after another, until `stop`; every failure (a missed deadline included) is kept. */
function membersAsking(): { stop: () => Promise<{ answered: number; failures: string[] }> } {
  let running = true;
  let answered = 0;
  const failures: string[] = [];
  const place = gen.queries.exact[0]!.query;
  const asks: [string, Record<string, string>][] = [['help', {}], ['cuts', { place }], ['search', { query: gen.queries.search[0]! }]];
  const loop = (async () => {
    for (let i = 0; running; i++) {
      const [name, options] = asks[i % asks.length]!;
      try {
        const reply = await emulator.sendCommand(name, options);
        if (reply.messages.length === 0) failures.push(`/${name}: no answer`);
        else answered++;
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
      }
      await sleep(20);
    }
  })();
  return {
    stop: async () => {
      // Reloads now take well under a second, so the moderators may be done before members have asked much: keep asking until they have.
      for (const until = Date.now() + 30_000; answered + failures.length < 20 && Date.now() < until; ) await sleep(50);
      running = false;
      await loop;
      return { answered, failures };
    },
  };
}

/** Asks `/search query` until the answer contains `text`, for at most `ms`. */
async function untilSearchShows(query: string, text: string, ms = 60_000): Promise<string> {
  const until = Date.now() + ms;
  let last = '';
  while (Date.now() < until) {
    const reply = await emulator.sendCommand('search', { query });
    last = reply.messages.map(visibleText).join('\n');
    if (last.includes(text)) return last;
    await sleep(200);
  }
  throw new Error(`/search ${query} never showed "${text}"; last answer:\n${last}`);
}

function upload(filename: string, text: string): Promise<InteractionReply> {
  const key = `${snowflake()}-${filename}`;
  files.set(key, Buffer.from(text));
  const id = snowflake();
  const url = `${emulator.apiBase.replace(/\/api$/, '')}/files/${key}`;
  return emulator.sendCommand(
    'kb upload',
    { file: { type: ApplicationCommandOptionType.Attachment, value: id } },
    { ...MODERATOR, resolved: { attachments: { [id]: { id, filename, size: text.length, url, proxy_url: url, content_type: 'text/markdown' } } }, timeoutMs: 120_000 },
  );
}

describe(`the bot serving ${ARTICLES.toLocaleString('en-GB')} articles while moderators change them`, () => {
  it('answers every member within the deadline, and switches to the new content', async () => {
    const members = membersAsking();
    try {
      // 1. A moderator edits one article by hand.
      const file = (await readdir(gen.dir)).filter((n) => n.endsWith('.md')).sort()[1234]!;
      await appendFile(path.join(gen.dir, file), '\nThe council will also close the Quillbrook respite unit in the spring.\n');
      expect(await untilSearchShows('quillbrook', 'Quillbrook respite unit')).toContain('Quillbrook respite unit');

      // 2. Another uploads a new article.
      const article = [
        '---',
        'id: zanzibarine-day-centre',
        'title: Zanzibarine day centre to close',
        `council: ${gen.areas[0]!.council}`,
        '---',
        '',
        `The Zanzibarine day centre in ${gen.areas[0]!.name} will close next year, the council said.`,
        '',
      ].join('\n');
      const uploaded = await upload('zanzibarine.md', article);
      expect(uploaded.messages.map(visibleText).join('\n')).toContain('Saved as zanzibarine-day-centre.md (new article)');
      expect(await untilSearchShows('zanzibarine', 'Zanzibarine day centre')).toContain('will close next year');

      // 3. And one asks for a reload.
      const reload = await emulator.sendCommand('kb reload', {}, { ...MODERATOR, timeoutMs: 120_000 });
      expect(reload.messages.map(visibleText).join('\n')).toContain(`**Reloaded**: ${ARTICLES + 1} articles served.`);
    } finally {
      const { answered, failures } = await members.stop();
      expect(failures).toEqual([]);
      expect(answered).toBeGreaterThanOrEqual(20);
    }
  }, 300_000);
});
