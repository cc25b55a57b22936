import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MessageFlags } from 'discord.js';
import { commands } from '../../src/discord/commands/index.js';
import { startBot, type RunningBot } from '../../src/main.js';
import { startEmulator, type Emulator, type InteractionReply } from './emulator.js';
import { captureLog, emulatorConfig, visibleText, onlyMessage, cleanUpAfter } from './helpers.js';

/**
 * The real bot (startBot, as `npm start` runs it) with the real discord.js client, logged in to
 * the emulator, answering from the project's own knowledge folder.
 */

const KNOWLEDGE = path.resolve(import.meta.dirname, '../../knowledge');
const BIRMINGHAM_ARTICLE = 'Birmingham enablement care workers face redundancy';

let emulator: Emulator;
let bot: RunningBot;
const log = captureLog();

beforeAll(async () => {
  emulator = await startEmulator();
  bot = await startBot(emulatorConfig(emulator, { KNOWLEDGE_DIR: KNOWLEDGE }), { logger: log.logger });
  // Discord only sends commands it has registered; register them as deploy-commands would.
  emulator.registerCommands(commands.map((c) => c.data.toJSON()));
});

cleanUpAfter(() => ({ bot, emulator }));

const only = onlyMessage;

/** Every message body the bot sent for this interaction says "ping no one". */
function expectNoMentions(reply: InteractionReply) {
  const bodies = reply.messages.flatMap((m) => m.bodies);
  expect(bodies.length).toBeGreaterThan(0);
  for (const body of bodies) expect((body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [] });
}

describe('connecting', () => {
  it('identifies with the Guilds intent only and registers no commands on start', () => {
    expect(emulator.identifies).toHaveLength(1);
    expect(emulator.identifies[0]!.intents).toBe(1);
    expect(emulator.requests.filter((r) => r.path.includes('/commands'))).toEqual([]);
    expect(log.lines.find((l) => l.msg === 'ready')).toMatchObject({ guilds: 1, commands: commands.length });
  });
});

describe('/cuts', () => {
  it('answers for Birmingham with cited figures, publicly, after deferring', async () => {
    const reply = await emulator.sendCommand('cuts', { place: 'birmingham' });
    expect(reply.callbackType).toBe(5);
    expect(reply.history.map((h) => h.kind)).toEqual(['callback', 'edit']);
    const message = only(reply);
    expect(message.ephemeral).toBe(false);
    const text = visibleText(message);
    expect(message.embeds[0]!.title).toContain('Birmingham');
    expect(text).toContain('£4 million');
    expect(text).toMatch(new RegExp(`\\*${BIRMINGHAM_ARTICLE}\\* ¶\\d+`));
    // The £4 million line carries its own citation.
    const line = text.split('\n').find((l) => l.includes('£4 million'))!;
    expect(line).toMatch(/\(\*Birmingham enablement care workers face redundancy\* ¶\d+\)$/);
    expectNoMentions(reply);
  });

  it('finds the council area of a town: Ebbw Vale is in Blaenau Gwent', async () => {
    const text = visibleText(only(await emulator.sendCommand('cuts', { place: 'ebbw vale' })));
    expect(text).toContain('Blaenau Gwent');
    expect(text).toMatch(/¶\d+/);
  });

  it('answers privately when asked to', async () => {
    const reply = await emulator.sendCommand('cuts', { place: 'birmingham', private: true });
    expect(reply.history[0]!.body).toMatchObject({ type: 5, data: { flags: MessageFlags.Ephemeral } });
    expect(only(reply).ephemeral).toBe(true);
  });

  it('offers "did you mean" for a place it does not know, not an empty embed', async () => {
    const message = only(await emulator.sendCommand('cuts', { place: 'bir' }));
    const embed = message.embeds[0]!;
    expect(embed.description).toMatch(/Did you mean: .*\*\*Birmingham\*\*/);
    expect(embed.description).toContain('bir');
  });

  it('makes a member wait between heavy commands, saying until when', async () => {
    const user = { id: '300000000000000001' };
    only(await emulator.sendCommand('cuts', { place: 'birmingham' }, { user }));
    const second = only(await emulator.sendCommand('cuts', { place: 'birmingham' }, { user }));
    expect(second.ephemeral).toBe(true);
    expect(second.content).toMatch(/ask again <t:\d+:R>/);
    // Someone else is not held up.
    expect(only(await emulator.sendCommand('cuts', { place: 'birmingham' })).embeds).toHaveLength(1);
  });

  it('re-checks free text longer than the option allows', async () => {
    const reply = await emulator.sendCommand('cuts', { place: 'x'.repeat(150) }, { unchecked: true });
    const message = only(reply);
    expect(message.ephemeral).toBe(true);
    expect(message.content).toMatch(/150 characters long; please keep it to 100 or fewer/);
  });
});

describe('the other commands', () => {
  it('/quote gives a speaker’s quotes with who said them and where', async () => {
    const text = visibleText(only(await emulator.sendCommand('quote', { 'speaker-or-topic': 'hamilton' })));
    expect(text).toContain('Paulette Hamilton');
    expect(text).toMatch(/“[^”]+”.*— Paulette Hamilton.*¶\d+\)/);
  });

  it('/figures lists the figures for a place, each cited', async () => {
    const message = only(await emulator.sendCommand('figures', { place: 'birmingham' }));
    const lines = visibleText(message).split('\n').filter((l) => l.startsWith('• '));
    expect(lines.some((l) => l.includes('£4 million'))).toBe(true);
    for (const l of lines) expect(l).toMatch(/¶\d+\)$/);
  });

  it('/search finds paragraphs across articles', async () => {
    const reply = await emulator.sendCommand('search', { query: 'enablement redundancies' });
    expect(reply.deferred).toBe(true);
    const text = visibleText(only(reply));
    expect(text).toContain(BIRMINGHAM_ARTICLE);
  });

  it('/search with @everyone pings no one', async () => {
    const reply = await emulator.sendCommand('search', { query: '@everyone <@&123456789012345678> hello' });
    expectNoMentions(reply);
    const message = only(reply);
    expect(message.embeds.length + message.content.length).toBeGreaterThan(0);
  });

  it('/sources lists every article, and one place’s when asked', async () => {
    const all = visibleText(only(await emulator.sendCommand('sources')));
    expect(all).toContain(BIRMINGHAM_ARTICLE);
    expect(all).toContain('Blaenau Gwent');
    const one = visibleText(only(await emulator.sendCommand('sources', { place: 'ebbw vale' })));
    expect(one).toContain('Blaenau Gwent');
    expect(one).not.toContain(BIRMINGHAM_ARTICLE);
  });

  it('/consultations answers even when none are open', async () => {
    const message = only(await emulator.sendCommand('consultations'));
    expect(message.embeds[0]!.title).toMatch(/consultation/i);
    expect(visibleText(message).length).toBeGreaterThan(20);
  });

  it('/help lists every command', async () => {
    const reply = await emulator.sendCommand('help', { private: true });
    expect(reply.callbackType).toBe(4);
    const message = only(reply);
    expect(message.ephemeral).toBe(true);
    for (const name of ['/cuts', '/quote', '/figures', '/search', '/sources', '/consultations']) expect(visibleText(message)).toContain(name);
  });
});

describe('autocomplete', () => {
  it('offers Birmingham for the typo "birmingam"', async () => {
    const choices = await emulator.sendAutocomplete('cuts', 'place', 'birmingam');
    expect(choices.map((c) => c.value)).toContain('Birmingham');
  });

  it('stays within 25 choices of at most 100 characters, whatever is typed', async () => {
    for (const [command, option, typed] of [
      ['cuts', 'place', ''],
      ['figures', 'place', 'b'],
      ['sources', 'place', 'x'.repeat(100)],
      ['consultations', 'place', 'blaenau'],
      ['quote', 'speaker-or-topic', 'ham'],
      ['quote', 'speaker-or-topic', ''],
    ] as const) {
      const choices = await emulator.sendAutocomplete(command, option, typed);
      expect(choices.length).toBeLessThanOrEqual(25);
      for (const c of choices) {
        expect(c.name.length).toBeGreaterThan(0);
        expect(c.name.length).toBeLessThanOrEqual(100);
        expect(String(c.value).length).toBeLessThanOrEqual(100);
      }
    }
  });

  it('suggests speakers for /quote', async () => {
    const choices = await emulator.sendAutocomplete('quote', 'speaker-or-topic', 'ham');
    expect(choices.map((c) => c.value)).toContain('Paulette Hamilton');
  });
});
