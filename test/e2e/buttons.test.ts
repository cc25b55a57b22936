import { copyFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../src/discord/commands/index.js';
import { startBot, type RunningBot } from '../../src/main.js';
import { startEmulator, type Emulator, type InteractionReply, type SentMessage } from './emulator.js';
import { captureLog, emulatorConfig, onlyMessage, visibleText, cleanUpAfter } from './helpers.js';

/**
 * Buttons on answers, pressed as a member's client presses them: pages, share, did-you-mean, who
 * may press, and buttons that keep working after the bot restarts on a changed knowledge base.
 */

const KNOWLEDGE = path.resolve(import.meta.dirname, '../../knowledge');

/** An invented article with `n` job figures, one a paragraph, so /figures runs to several pages. */
function pagetown(n: number): string {
  const paragraphs = Array.from({ length: n }, (_, i) => `Pagetown Council will cut ${200 + i} care jobs in stage ${i + 1} of its plan.`);
  return [
    '---',
    'id: pagetown-cuts',
    'title: Pagetown cuts care jobs in stages',
    'council: Pagetown Council',
    'places: [Pagetown]',
    'nation: England',
    '---',
    '',
    paragraphs.join('\n\n'),
    '',
  ].join('\n');
}

let dir: string;
let emulator: Emulator;
let bot: RunningBot;
const log = captureLog();
const ASKER = { id: '300000000000000001' };
const OTHER = { id: '300000000000000002' };

const start = async () => {
  bot = await startBot(emulatorConfig(emulator, { KNOWLEDGE_DIR: dir }), { logger: log.logger });
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cutsbot-buttons-'));
  await writeFile(path.join(dir, 'pagetown-cuts.md'), pagetown(30));
  await copyFile(path.join(KNOWLEDGE, 'birmingham-enablement-redundancies.md'), path.join(dir, 'birmingham-enablement-redundancies.md'));
  emulator = await startEmulator();
  await start();
  emulator.registerCommands(commands.map((c) => c.data.toJSON()));
});

cleanUpAfter(() => ({ bot, emulator, dir }));

interface Button {
  custom_id: string;
  label: string;
  disabled?: boolean;
}
const buttons = (m: SentMessage): Button[] => (m.components as { components: Button[] }[]).flatMap((r) => r.components);
const button = (m: SentMessage, label: string): Button => {
  const b = buttons(m).find((x) => x.label === label);
  if (!b) throw new Error(`no "${label}" button; the message has ${buttons(m).map((x) => x.label).join(', ')}`);
  return b;
};
/** The stages of the Pagetown plan a message lists, one per figure line. */
const stages = (m: SentMessage) => [...visibleText(m).matchAll(/in stage (\d+) of/g)].map((x) => Number(x[1]));
const expectNoMentions = (reply: InteractionReply) => {
  for (const body of reply.messages.flatMap((m) => m.bodies)) expect((body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [] });
};

let publicFigures: SentMessage;

describe('pages', () => {
  it('/figures shows page 1 of 3 with first and previous disabled, and anyone can turn to the next page in place', async () => {
    publicFigures = onlyMessage(await emulator.sendCommand('figures', { place: 'pagetown' }, { user: ASKER }));
    expect(publicFigures.embeds[0]!.footer!.text).toMatch(/^Page 1 of 3 · /);
    expect(stages(publicFigures)).toEqual(Array.from({ length: 12 }, (_, i) => 1 + i));
    expect(buttons(publicFigures).map((b) => [b.label, b.disabled ?? false])).toEqual([
      ['« First', true],
      ['‹ Previous', true],
      ['Next ›', false],
    ]);
    for (const b of buttons(publicFigures)) expect(b.custom_id.length).toBeLessThanOrEqual(100);

    const turned = await emulator.pressButton(publicFigures, button(publicFigures, 'Next ›').custom_id, { user: OTHER });
    // The same message changes: no new message appears in the channel.
    expect(turned.messages).toEqual([publicFigures]);
    expect(turned.followUps).toEqual([]);
    expect(publicFigures.embeds[0]!.footer!.text).toMatch(/^Page 2 of 3 · /);
    expect(stages(publicFigures)).toEqual(Array.from({ length: 12 }, (_, i) => 13 + i));
    expect(button(publicFigures, '‹ Previous').disabled).toBeUndefined();
    expectNoMentions(turned);
  });

  it('/search pages too, acknowledged at once with a deferred update (type 6), since a search can take a while', async () => {
    const first = onlyMessage(await emulator.sendCommand('sources', {}, { user: ASKER }));
    // Two articles fit on one page: no pager on a one-page answer.
    expect(buttons(first)).toEqual([]);
    const search = onlyMessage(await emulator.sendCommand('search', { query: 'care jobs stage' }, { user: ASKER }));
    const pages = /^Page 1 of (\d+) · /.exec(search.embeds[0]!.footer!.text)?.[1];
    expect(Number(pages)).toBeGreaterThanOrEqual(4);
    const next = await emulator.pressButton(search, button(search, 'Next ›').custom_id, { user: OTHER });
    expect(next.history.map((h) => h.kind)).toEqual(['callback', 'edit']);
    expect(next.history[0]!.body).toMatchObject({ type: 6 });
    expect(search.embeds[0]!.footer!.text).toBe(`Page 2 of ${pages} · From 1 article in the knowledge base · ¶ = paragraph of the article`);
  });
});

describe('share', () => {
  it('a private answer carries Share in channel; pressing it posts the same page publicly, pinging no one, and the private copy loses the button', async () => {
    const mine = onlyMessage(await emulator.sendCommand('figures', { place: 'pagetown', private: true }, { user: ASKER }));
    expect(mine.ephemeral).toBe(true);
    expect(buttons(mine).map((b) => b.label)).toEqual(['« First', '‹ Previous', 'Next ›', 'Share in channel']);
    await emulator.pressButton(mine, button(mine, 'Next ›').custom_id, { user: ASKER });
    const shared = await emulator.pressButton(mine, button(mine, 'Share in channel').custom_id, { user: ASKER });
    expect(buttons(mine).map((b) => b.label)).toEqual(['« First', '‹ Previous', 'Next ›']);
    expect(mine.ephemeral).toBe(true);
    expect(shared.followUps).toHaveLength(1);
    const post = shared.followUps[0]!;
    expect(post.ephemeral).toBe(false);
    expect(stages(post)).toEqual(stages(mine));
    expect(post.embeds[0]!.footer!.text).toMatch(/^Page 2 of 3 · /);
    // The public copy's pager is for everyone: no asker in its custom_ids, no Share button.
    expect(buttons(post).map((b) => b.label)).toEqual(['« First', '‹ Previous', 'Next ›']);
    for (const b of buttons(post)) expect(b.custom_id).not.toContain(ASKER.id);
    expectNoMentions(shared);
  });

  it('only the asker may press the buttons of a private answer, even with a copied custom_id', async () => {
    const mine = onlyMessage(await emulator.sendCommand('figures', { place: 'pagetown', private: true }, { user: ASKER }));
    const copied = button(mine, 'Next ›').custom_id;
    const refused = onlyMessage(await emulator.pressUnknownButton(publicFigures, copied, { user: OTHER }));
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toContain('belong to the member who asked');
    expect(refused.content).toContain('/figures <place>');
  });
});

describe('buttons the bot did not make', () => {
  it('an unknown or mangled custom_id gets a clear private message', async () => {
    for (const id of ['v0|old-button', '1p|nosuchquestion|2|-|x', '1p|figures|x|-|pagetown']) {
      const reply = onlyMessage(await emulator.pressUnknownButton(publicFigures, id, { user: OTHER }));
      expect(reply.ephemeral).toBe(true);
      expect(reply.content).toMatch(/^This button no longer works/);
    }
  });
});

describe('did you mean', () => {
  it('offers each suggestion as a button that answers for that place', async () => {
    const asked = onlyMessage(await emulator.sendCommand('cuts', { place: 'birmingum' }, { user: ASKER }));
    expect(visibleText(asked)).toContain('Did you mean');
    const answered = await emulator.pressButton(asked, button(asked, 'Birmingham').custom_id, { user: OTHER });
    const message = onlyMessage(answered);
    expect(message.ephemeral).toBe(false);
    expect(message.embeds[0]!.title).toBe('Care cuts in Birmingham');
    expect(visibleText(message)).toContain('£4 million');
    expectNoMentions(answered);
  });

  it('on a private answer, the suggestion replaces it in place (an update, type 7)', async () => {
    const asked = onlyMessage(await emulator.sendCommand('sources', { place: 'birmingum', private: true }, { user: ASKER }));
    const answered = await emulator.pressButton(asked, button(asked, 'Birmingham').custom_id, { user: ASKER });
    expect(answered.history.map((h) => h.kind)).toEqual(['callback']);
    expect(answered.history[0]!.body).toMatchObject({ type: 7 });
    expect(answered.messages).toEqual([asked]);
    expect(asked.ephemeral).toBe(true);
    expect(asked.embeds[0]!.title).toBe('Sources for Birmingham');
  });
});

describe('after a restart on a changed knowledge base', () => {
  it('old buttons still work, and a page past the new end says so and shows the last page', async () => {
    const onPage2 = onlyMessage(await emulator.sendCommand('figures', { place: 'pagetown' }, { user: ASKER }));
    await emulator.pressButton(onPage2, button(onPage2, 'Next ›').custom_id, { user: ASKER });
    await bot.stop();
    // Fewer figures now: two pages where there were three.
    await writeFile(path.join(dir, 'pagetown-cuts.md'), pagetown(14));
    await start();
    await emulator.pressButton(publicFigures, button(publicFigures, '« First').custom_id, { user: OTHER });
    expect(publicFigures.embeds[0]!.footer!.text).toMatch(/^Page 1 of 2 · /);
    const past = await emulator.pressButton(onPage2, button(onPage2, 'Next ›').custom_id, { user: OTHER });
    expect(onlyMessage(past)).toBe(onPage2);
    expect(onPage2.embeds[0]!.description).toContain('Page 3 no longer exists');
    expect(onPage2.embeds[0]!.footer!.text).toMatch(/^Page 2 of 2 · /);
    expect(stages(onPage2)).toEqual([13, 14]);
    expect(button(onPage2, 'Next ›').disabled).toBe(true);
  });
});
