import type { ChatInputCommandInteraction } from 'discord.js';
import { beforeAll, expect, it } from 'vitest';
import { helpAnswer, QUESTIONS } from '../../src/answers/index.js';
import { ask } from '../../src/cli.js';
import { commands } from '../../src/discord/commands/index.js';
import { readOptions } from '../../src/discord/options.js';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { testKnowledgeBase } from './kb.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await testKnowledgeBase();
});

it('every question in the catalogue is a slash command, a /help line and a CLI question with the same answer', () => {
  const slash = new Map(commands.map((c) => [c.data.name, c.data.toJSON()]));
  const help = helpAnswer().sections[0]!.lines.map((l) => l.text);
  for (const q of QUESTIONS) {
    const json = slash.get(q.name);
    expect(json, q.name).toBeDefined();
    expect(json!.options?.map((o) => o.name)).toEqual([...(q.option ? [q.option.name] : []), 'private']);
    if (q.name !== 'help') expect(help).toContain(`${q.usage}: ${q.what}`);
    const input = q.option?.required ? 'birmingham' : undefined;
    expect(ask(kb, `/${q.name} ${input ?? ''}`)).toEqual(q.answer(kb, input));
  }
});

// Never run: compiled by `tsc --noEmit`, which fails if an option the spec does not declare can be read.
export function optionsAreTyped(interaction: ChatInputCommandInteraction) {
  const args = readOptions(interaction, {
    place: { kind: 'string', label: 'place name', description: 'A place', max: 100, required: true },
    page: { kind: 'integer', description: 'Page' },
  });
  const place: string = args.place;
  // @ts-expect-error an optional option may be missing
  const page: number = args.page;
  // @ts-expect-error no option is called "council"
  return [place, page, args.council];
}
