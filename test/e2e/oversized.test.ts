import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../src/discord/commands/index.js';
import { EMBED_LIMITS, embedsLength } from '../../src/discord/render.js';
import { startBot, type RunningBot } from '../../src/main.js';
import { startEmulator, type Emulator, type SentMessage } from './emulator.js';
import { captureLog, emulatorConfig, visibleText, cleanUpAfter } from './helpers.js';

/**
 * A knowledge folder far bigger than one Discord message can show, made in a temp dir and loaded
 * through KNOWLEDGE_DIR as in production.
 */

const FIGURES = 160;

function bigArticle(): string {
  const paragraphs = Array.from(
    { length: FIGURES },
    (_, i) => `Testshire Council will cut ${100 + i} care jobs in round ${i + 1} to save £${i + 1} million from the home care budget.`,
  );
  return [
    '---',
    'id: testshire-mass-cuts',
    'title: Testshire plans the deepest care cuts yet',
    'council: Testshire Council',
    'places: [Testshire]',
    'nation: England',
    'source: { publisher: Example News, url: "https://news.example.org/testshire-cuts" }',
    '---',
    '',
    paragraphs.join('\n\n'),
    '',
    'Union rep Jo Bloggs said: “@everyone should come to the **protest** on Friday, and tell <@123456789012345678> too.”',
    '',
  ].join('\n');
}

let dir: string;
let emulator: Emulator;
let bot: RunningBot;
const log = captureLog();

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cutsbot-knowledge-'));
  await writeFile(path.join(dir, 'testshire-mass-cuts.md'), bigArticle());
  emulator = await startEmulator();
  bot = await startBot(emulatorConfig(emulator, { KNOWLEDGE_DIR: dir }), { logger: log.logger });
  emulator.registerCommands(commands.map((c) => c.data.toJSON()));
});

cleanUpAfter(() => ({ bot, emulator, dir }));

function expectWithinLimits(message: SentMessage) {
  expect(message.embeds.length).toBeGreaterThan(0);
  expect(message.embeds.length).toBeLessThanOrEqual(EMBED_LIMITS.embeds);
  expect(embedsLength(message.embeds)).toBeLessThanOrEqual(EMBED_LIMITS.total);
  for (const e of message.embeds) {
    expect((e.description ?? '').length).toBeLessThanOrEqual(EMBED_LIMITS.description);
    expect((e.fields ?? []).length).toBeLessThanOrEqual(EMBED_LIMITS.fields);
    for (const f of e.fields ?? []) expect(f.value.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldValue);
  }
}

describe('an answer too long for one message', () => {
  it('loaded the generated folder', () => {
    expect(log.lines.find((l) => l.msg === 'knowledge base loaded')).toMatchObject({ articles: 1, problems: 0 });
  });

  it('/figures is cut at a line with "…and N more" and stays within every limit', async () => {
    const reply = await emulator.sendCommand('figures', { place: 'testshire' });
    expect(reply.messages).toHaveLength(1);
    const message = reply.messages[0]!;
    expectWithinLimits(message);
    const text = visibleText(message);
    const more = [...text.matchAll(/…and (\d+) more/g)].map((m) => Number(m[1]));
    expect(more.length).toBeGreaterThan(0);
    const shown = text.split('\n').filter((l) => l.startsWith('• ')).length;
    // Nothing is lost silently: what is shown plus what is counted covers every money and jobs figure.
    expect(shown + more.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2 * FIGURES);
    // Shown lines are whole and linked to the article.
    for (const line of text.split('\n').filter((l) => l.startsWith('• ')))
      expect(line).toMatch(/\[Testshire plans the deepest care cuts yet\]\(<https:\/\/news\.example\.org\/testshire-cuts>\) ¶\d+\)$/);
  });

  it('/cuts and /search stay within every limit too', async () => {
    expectWithinLimits((await emulator.sendCommand('cuts', { place: 'testshire' })).messages[0]!);
    expectWithinLimits((await emulator.sendCommand('search', { query: 'care jobs budget' })).messages[0]!);
  });

  it('an article quoting @everyone and a user mention pings no one and keeps its Markdown literal', async () => {
    const reply = await emulator.sendCommand('quote', { 'speaker-or-topic': 'Jo Bloggs' });
    const message = reply.messages[0]!;
    const text = visibleText(message);
    expect(text).toContain('@everyone');
    expect(text).toContain('\\*\\*protest\\*\\*');
    for (const body of message.bodies) expect((body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [] });
  });
});
