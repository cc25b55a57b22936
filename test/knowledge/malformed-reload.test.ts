import { copyFile, cp, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cutsAnswer } from '../../src/answers/index.js';
import { formatProblem, loadArticles, MAX_FILE_BYTES } from '../../src/knowledge/loader.js';
import { reloadArticles } from '../../src/knowledge/reload.js';
import { serve, tempKnowledgeDir, type Serving } from './watch-helpers.js';
import { MALFORMED_EXPECTED } from '../fixtures/malformed/expected.js';

const MALFORMED = path.resolve('test/fixtures/malformed');
const BIRMINGHAM = 'birmingham-enablement-redundancies';


const article = (front: string, body = 'Northbridge Council plans to cut 40 home care jobs to save £1 million.') =>
  `---\n${front}\n---\n\n${body}\n`;
const head = 'title: A test article about Northbridge\ncouncil: Northbridge Council';

/** Cases the fixtures do not cover: size, raw binary, more path tricks, dates, nested unknown fields, a served id. */
const EXTRA: [file: string, content: string | Buffer, line: number, field: string | null, message: RegExp][] = [
  ['huge.md', article(`id: huge\n${head}`, 'word '.repeat(MAX_FILE_BYTES / 4)), 1, null, /is 320 KB; a knowledge file may be at most 256 KB/],
  ['just-over.md', article(`id: just-over\n${head}`, 'x'.repeat(MAX_FILE_BYTES)), 1, null, /at most 256 KB/],
  ['photo.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]), 1, null, /not valid UTF-8/],
  ['nul-in-text.md', article(`id: nul\n${head}`, 'Some text\u0000more'), 1, null, /binary/],
  ['empty-file.md', '', 1, null, /must start with a line `---`/],
  ['etc-passwd.md', article(`id: ../../etc/passwd\n${head}`), 2, 'id', /must be a slug/],
  ['dotted-id.md', article(`id: northbridge.md\n${head}`), 2, 'id', /must be a slug/],
  ['slash-id.md', article(`id: a/b\n${head}`), 2, 'id', /must be a slug/],
  ['upper-id.md', article(`id: Northbridge\n${head}`), 2, 'id', /must be a slug/],
  ['number-id.md', article(`id: 123\n${head}`), 2, 'id', /expected string/],
  ['front-matter-only.md', '---\nid: front-only\ntitle: T\ncouncil: Northbridge Council\n---\n', 6, null, /body is empty/],
  ['feb-30.md', article(`id: feb-30\n${head}\nconsultations:\n  - title: Review\n    closes: 2027-02-30T12:00:00Z`), 7, 'consultations.0.closes', /not a real date/],
  ['hour-25.md', article(`id: hour-25\n${head}\nconsultations:\n  - title: Review\n    closes: 2027-01-10T25:00:00Z`), 7, 'consultations.0.closes', /not a real date/],
  ['year-1066.md', article(`id: year-1066\n${head}\npublished: 1066`), 5, 'published', /not a real date/],
  ['nested-unknown.md', article(`id: nested-unknown\n${head}\nconsultations:\n  - title: Review\n    closes: 2027-01-10T12:00:00Z\n    deadline: soon`), 8, 'consultations.0.deadline', /unknown field "deadline"/],
  ['source-unknown.md', article(`id: source-unknown\n${head}\nsource:\n  name: Gazette`), 6, 'source.name', /unknown field "name"/],
  // Sorts before the file that serves this id: by name alone it would take the id over.
  ['aaa-copy.md', article(`id: ${BIRMINGHAM}\ntitle: A copy\ncouncil: Birmingham City Council`, 'Birmingham is cutting NOTHING.'), 2, 'id', new RegExp(`duplicate id "${BIRMINGHAM}": ${BIRMINGHAM}\\.md already uses it`)],
  ['long-title.md', article(`id: long-title\ntitle: ${'A'.repeat(300)}\ncouncil: Northbridge Council`), 3, 'title', /at most 256 characters/],
];

describe('malformed files dropped one at a time into a folder that is serving', () => {
  let s: Serving;
  beforeAll(async () => {
    const dir = await tempKnowledgeDir();
    await copyFile(path.join(MALFORMED, 'dup-a.md'), path.join(dir, 'dup-a.md'));
    s = await serve(dir, 80);
  });
  afterAll(() => s.close());

  const cases = [
    ...MALFORMED_EXPECTED.map(([file, line, field, message]) => ({ file, content: () => readFile(path.join(MALFORMED, file)), line, field, message })),
    ...EXTRA.map(([file, content, line, field, message]) => ({ file, content: async () => content, line, field, message })),
  ];

  it('has at least 20 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases)('$file: says file:$line exactly and changes nothing that was serving', async ({ file, content, line, field, message }) => {
    const before = s.served();
    const birmingham = cutsAnswer(before.kb, { place: 'Birmingham' });

    const dropped = s.next((r) => r.problems.some((p) => p.file === file));
    // Written aside and renamed in, so a slow write of a big file cannot be caught half done.
    await writeFile(path.join(s.dir, `.${file}.tmp`), await content());
    await rename(path.join(s.dir, `.${file}.tmp`), path.join(s.dir, file));
    const r = await dropped;
    try {
      const mine = r.diff.newProblems.filter((p) => p.file === file);
      expect(mine[0], JSON.stringify(r.problems)).toMatchObject({ line, field });
      expect(mine[0]!.message).toMatch(message);
      expect(formatProblem(mine[0]!)).toMatch(new RegExp(`^${file.replace('.', '\\.')}:${line}: `));
      // Only the dropped file is at fault, and members see exactly what they saw before.
      expect(r.problems.every((p) => p.file === file)).toBe(true);
      expect(r.diff).toMatchObject({ added: [], updated: [], removed: [] });
      expect(r.articles).toEqual(before.articles);
      expect(cutsAnswer(r.kb, { place: 'Birmingham' })).toEqual(birmingham);
    } finally {
      // The next case starts from a clean folder even when this one failed.
      const cleared = s.next((r) => r.problems.length === 0);
      await rm(path.join(s.dir, file));
      expect((await cleared).articles).toEqual(before.articles);
    }
  });
});

describe('reloadArticles and the loader agree', () => {
  it('finds the same articles and problems in the malformed fixtures as loadArticles, when nothing was served before', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cutsbot-malformed-'));
    await cp(MALFORMED, dir, { recursive: true });
    const [mine, loader] = await Promise.all([reloadArticles(dir), loadArticles(dir)]);
    expect(mine.problems).toEqual(loader.problems);
    expect(mine.articles).toEqual([...loader.articles].sort((a, b) => a.id.localeCompare(b.id)));
    await rm(dir, { recursive: true, force: true });
  });

  it('lets the file that served an id keep it against a newcomer, whatever the names’ order', async () => {
    const dir = await tempKnowledgeDir();
    const first = await reloadArticles(dir);
    await writeFile(path.join(dir, 'aaa-copy.md'), article(`id: ${BIRMINGHAM}\ntitle: A copy\ncouncil: Birmingham City Council`));
    const next = await reloadArticles(dir, first);
    expect(next.articles.find((a) => a.id === BIRMINGHAM)?.file).toBe(`${BIRMINGHAM}.md`);
    // A fresh start has no history: the loader's rule (first by name) decides.
    expect((await reloadArticles(dir)).articles.find((a) => a.id === BIRMINGHAM)?.file).toBe('aaa-copy.md');
    await rm(dir, { recursive: true, force: true });
  });
});
