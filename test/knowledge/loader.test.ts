import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, loadArticles, parseKnowledgeFile } from '../../src/knowledge/loader.js';
import { MALFORMED_EXPECTED } from '../fixtures/malformed/expected.js';

const MALFORMED = path.resolve('test/fixtures/malformed');


describe('loading a folder with malformed files', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'cutsbot-kb-'));
  await cp(MALFORMED, dir, { recursive: true });
  await cp('knowledge/birmingham-enablement-redundancies.md', path.join(dir, 'birmingham.md'));
  await writeFile(path.join(dir, 'huge.md'), `---\nid: huge\ntitle: Huge\ncouncil: X Council\n---\n\n${'word '.repeat(60_000)}`);
  const { articles, problems } = await loadArticles(dir);

  it('still loads every good file', () => {
    expect(articles.map((a) => a.id).sort()).toEqual(['birmingham-enablement-redundancies', 'same-id']);
  });

  it.each(MALFORMED_EXPECTED)('%s: names line %i, field %s, and says what is wrong', (file, line, field, message) => {
    const mine = problems.filter((p) => p.file === file);
    expect(mine.length, `problems for ${file}: ${JSON.stringify(problems.filter((p) => p.file === file))}`).toBeGreaterThan(0);
    expect(mine[0]).toMatchObject({ line, field });
    expect(mine[0]!.message).toMatch(message);
  });

  it('refuses a file over the size limit without reading it as an article', () => {
    expect(problems.find((p) => p.file === 'huge.md')?.message).toMatch(/at most 256 KB/);
  });

  it('gives every faulty file a problem and no good file one', () => {
    const faulty = new Set(problems.map((p) => p.file));
    expect([...faulty].sort()).toEqual([...MALFORMED_EXPECTED.map(([f]) => f), 'huge.md'].sort());
  });
});

describe('parseKnowledgeFile', () => {
  it('reads front matter, paragraphs with their file lines, and captions', () => {
    const text = '---\nid: x\ntitle: T\ncouncil: Northbridge Council\npublished: 2013\n---\n\nFirst paragraph\nwrapped.\n\nCaption: A photo\n\nThird.\n';
    const r = parseKnowledgeFile(text, 'x.md');
    expect(r.problems).toEqual([]);
    expect(r.article?.published).toBe('2013');
    expect(r.article?.paragraphs).toEqual([
      { n: 1, text: 'First paragraph wrapped.', caption: false, line: 8 },
      { n: 2, text: 'A photo', caption: true, line: 11 },
      { n: 3, text: 'Third.', caption: false, line: 13 },
    ]);
  });

  it('formats a problem as file:line: field: message', () => {
    const r = parseKnowledgeFile('---\nid: x\ncouncil: C\n---\n\nBody.', 'x.md');
    expect(r.problems.map(formatProblem)).toEqual(['x.md:2: title: is required but missing (expected string, received undefined)']);
  });

  it('accepts both seed knowledge files as they are committed', async () => {
    const { articles, problems } = await loadArticles('knowledge');
    expect(problems).toEqual([]);
    expect(articles.map((a) => a.id)).toEqual(['birmingham-enablement-redundancies', 'blaenau-gwent-home-care-outsourcing']);
  });
});
