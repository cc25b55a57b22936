import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../src/discord/commands/index.js';
import { startBot, type RunningBot } from '../../src/main.js';
import { startEmulator, type Emulator } from './emulator.js';
import { captureLog, emulatorConfig, liveLinks, liveMentions, onlyMessage, visibleText, cleanUpAfter } from './helpers.js';

/**
 * What a member types must never come back as a live link, a mention or invisible reordering in a
 * public answer: the real bot against the emulator, answering from the project's knowledge folder.
 */

const KNOWLEDGE = path.resolve(import.meta.dirname, '../../knowledge');
const PETITION = '[Sign the official petition](https://qx.qx)';

/** An invented article with more quotes about care than one page shows, so the answer pages. */
const CARE_ARTICLE = [
  '---',
  'id: fernholt-care-quotes',
  'title: Fernholt care staff speak out (invented test article)',
  'council: Fernholt Borough Council',
  '---',
  '',
  ...Array.from({ length: 14 }, (_, i) => `Care worker Sam Jones${i} said: “Home care number ${i} is being cut: sign the official petition at https://qx.qx if you care.”\n`),
].join('\n');

let emulator: Emulator;
let bot: RunningBot;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cutsbot-escaping-'));
  await cp(KNOWLEDGE, dir, { recursive: true });
  await writeFile(path.join(dir, 'fernholt-care-quotes.md'), CARE_ARTICLE);
  emulator = await startEmulator();
  bot = await startBot(emulatorConfig(emulator, { KNOWLEDGE_DIR: dir }), { logger: captureLog().logger });
  emulator.registerCommands(commands.map((c) => c.data.toJSON()));
});

cleanUpAfter(() => ({ bot, emulator, dir }));

describe('echoed text', () => {
  it('the issue’s example: a masked link in /quote’s topic is shown as text, not as a link', async () => {
    const message = onlyMessage(await emulator.sendCommand('quote', { 'speaker-or-topic': `care ${PETITION}` }));
    const text = visibleText(message);
    // The title repeats the query: it must be there, readable, and dead; the rest is on the next pages.
    expect(message.embeds[0]!.title).toContain('care \\[Sign the official petition\\]');
    expect(text).toMatch(/…and \d+ more — on the next pages/);
    expect(text).toContain('Sign the official petition');
    expect(liveLinks(text)).toEqual([]);
  });

  it('"No place called …" and the embed title echo a query without links or mentions', async () => {
    for (const place of [PETITION, 'x <@&123456789012345678> @everyone', 'see https://qx.qx now']) {
      const text = visibleText(onlyMessage(await emulator.sendCommand('cuts', { place }, { user: { id: String(10n ** 17n + BigInt(place.length)) } })));
      expect(text).toContain('No place called');
      expect(liveLinks(text)).toEqual([]);
      expect(liveMentions(text)).toEqual([]);
    }
    const search = visibleText(onlyMessage(await emulator.sendCommand('search', { query: `petition ${PETITION}` })));
    expect(search).toContain('Search: petition');
    expect(liveLinks(search)).toEqual([]);
  });

  it('strips bidi overrides and zero-width characters from what it echoes', async () => {
    const text = visibleText(onlyMessage(await emulator.sendCommand('quote', { 'speaker-or-topic': 'zz\u202egnirts\u200b\u2066q\u2069' })));
    expect(text).toContain('zzgnirtsq');
    expect(text).not.toMatch(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069]/);
  });
});
