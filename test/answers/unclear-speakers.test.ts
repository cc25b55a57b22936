import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { cutsAnswer, quoteAnswer } from '../../src/answers/index.js';
import { renderText } from '../../src/cli.js';
import { formatLine } from '../../src/discord/render.js';
import { buildKnowledgeBase } from '../../src/knowledge/build.js';
import { loadGazetteer } from '../../src/knowledge/gazetteer.js';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { parseKnowledgeFile } from '../../src/knowledge/loader.js';

/**
 * An article where "he" could be either of two men (¶3: both named in one sentence, so nobody is
 * credited; ¶6: Tom Hale is nearer but was only mentioned, not quoted, so he is credited unsure), and
 * one quote from a cabinet paper, then two unnamed speakers. Members must be told the speaker
 * is not clear, never shown a guessed name, and a document must be shown as what it is.
 */
let kb: KnowledgeBase;
beforeAll(async () => {
  const file = 'kestrelford-unclear-speakers.md';
  const parsed = parseKnowledgeFile(await readFile(`test/fixtures/answers/${file}`, 'utf8'), file);
  if (!parsed.article) throw new Error(JSON.stringify(parsed.problems));
  const { gazetteer } = loadGazetteer(await readFile('knowledge/places.yaml', 'utf8'));
  kb = buildKnowledgeBase([parsed.article], gazetteer);
});

const saidBy = (a: ReturnType<typeof quoteAnswer>) =>
  a.sections.flatMap((s) => s.lines).filter((l) => l.saidBy !== undefined).map((l) => [l.text, l.speaker, l.saidBy]);

describe('speakers the article does not make clear', () => {
  const expected = [
    ['“Members will not accept this.”', 'Tom Hale', 'Tom Hale, Unison branch secretary'],
    ['“Nobody asked the carers”', null, 'speaker not clear in the article'],
    ['“Savings of this size cannot be found elsewhere”', null, 'a paper to the cabinet'],
    ['“We will fight the cuts”', null, 'speaker not clear in the article'],
    ['“No decision has been made.”', null, 'a council spokeswoman'],
    ['“We were never asked.”', null, 'Care workers'],
  ];

  it('/cuts and /quote <place> show an unknown or unsure speaker as "speaker not clear in the article", and a document as what it is', () => {
    expect(saidBy(cutsAnswer(kb, { place: 'Kestrelford' }))).toEqual(expected.slice(0, 3)); // /cuts shows three key quotes
    expect(saidBy(quoteAnswer(kb, { query: 'Kestrelford' }))).toEqual(expected);
  });

  it('never lists an unsure quote under /quote <speaker>, by name or by topic search', () => {
    for (const query of ['Tom Hale', 'hale']) {
      const a = quoteAnswer(kb, { query });
      expect(a.title).toBe('Quotes from Tom Hale');
      expect(a.sections[0]!.lines.map((l) => l.text)).toEqual(['“Members will not accept this.”']);
    }
  });

  it('says so on Discord and in the terminal', () => {
    const a = cutsAnswer(kb, { place: 'Kestrelford' });
    const lines = a.sections.flatMap((s) => s.lines).filter((l) => l.saidBy !== undefined);
    expect(formatLine(lines[1]!)).toContain('“Nobody asked the carers” — speaker not clear in the article');
    expect(formatLine(lines[2]!)).toContain('— a paper to the cabinet');
    expect(renderText(a)).toContain('“Nobody asked the carers” (speaker not clear in the article)');
    expect(renderText(quoteAnswer(kb, { query: 'Kestrelford' }))).toContain('“We will fight the cuts” (speaker not clear in the article)');
  });
});
