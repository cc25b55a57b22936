import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cutsAnswer } from '../../src/answers/index.js';
import type { Answer } from '../../src/answers/types.js';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { formatProblem } from '../../src/knowledge/loader.js';
import { reloadArticles } from '../../src/knowledge/reload.js';
import { isWatchedName } from '../../src/knowledge/watch.js';
import { serve, tempKnowledgeDir, type Serving } from './watch-helpers.js';

const NB = 'northbridge-day-centres';
const BIRMINGHAM = 'birmingham-enablement-redundancies';
const nbText = () => readFile('test/fixtures/answers/northbridge-day-centres.md', 'utf8');
const leadOf = (a: Answer) => a.sections.find((s) => s.heading === 'What is being cut')?.lines[0]?.text ?? '';
const cuts = (kb: KnowledgeBase, place: string) => cutsAnswer(kb, { place, now: new Date('2026-11-23T12:00:00Z') });

let running: Serving | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

describe('watching a knowledge folder that is serving', () => {
  it('follows a file through add, break, fix and delete, and never serves an empty knowledge base', async () => {
    const s = (running = await serve(await tempKnowledgeDir()));
    const file = path.join(s.dir, 'northbridge.md');
    expect(cuts(s.served().kb, 'Northbridge').kind).toBe('not-found');

    // Add: members can now ask about Northbridge.
    let reloaded = s.next((r) => r.diff.added.includes(NB));
    await writeFile(file, await nbText());
    let r = await reloaded;
    expect(r.diff).toMatchObject({ added: [NB], updated: [], removed: [], newProblems: [] });
    expect(cuts(s.served().kb, 'Northbridge').kind).toBe('cuts');
    expect(leadOf(cuts(s.served().kb, 'Eastfield'))).toMatch(/^Northbridge Borough Council wants to close two day centres/);

    // Break: the title goes missing and the text changes; the last good version keeps answering.
    reloaded = s.next((r) => r.diff.newProblems.length > 0);
    await writeFile(file, (await nbText()).replace(/^title: .*\n/m, '').replaceAll('two day centres', 'FOUR day centres'));
    r = await reloaded;
    expect(r.diff.newProblems.map(formatProblem)).toEqual(['northbridge.md:2: title: is required but missing (expected string, received undefined)']);
    expect(r.kept).toEqual(['northbridge.md']);
    expect(r.diff).toMatchObject({ added: [], updated: [], removed: [] });
    expect(leadOf(cuts(s.served().kb, 'Northbridge'))).toMatch(/close two day centres/);
    expect(s.served().kb.articles).toHaveLength(3);

    // Fix: the new text is served and the problem is gone.
    reloaded = s.next((r) => r.diff.updated.includes(NB));
    await writeFile(file, (await nbText()).replaceAll('two day centres', 'three day centres'));
    r = await reloaded;
    expect(r.problems).toEqual([]);
    expect(r.kept).toEqual([]);
    expect(leadOf(cuts(s.served().kb, 'Northbridge'))).toMatch(/close three day centres/);

    // Delete: the article goes, everything else stays.
    reloaded = s.next((r) => r.diff.removed.includes(NB));
    await rm(file);
    r = await reloaded;
    expect(r.diff).toMatchObject({ added: [], updated: [], removed: [NB] });
    expect(cuts(s.served().kb, 'Northbridge').kind).toBe('not-found');
    expect(cuts(s.served().kb, 'Birmingham').sources.map((c) => c.articleId)).toEqual([BIRMINGHAM]);
    expect(s.reloads.every((x) => x.kb.articles.length >= 2)).toBe(true);
  });

  it('keeps serving a committed article and the gazetteer when their files turn bad', async () => {
    const s = (running = await serve(await tempKnowledgeDir()));
    const before = cuts(s.served().kb, 'Birmingham');

    let reloaded = s.next((r) => r.diff.newProblems.some((p) => p.file === `${BIRMINGHAM}.md`));
    await writeFile(path.join(s.dir, `${BIRMINGHAM}.md`), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0xff, 0x00]));
    let r = await reloaded;
    expect(r.diff.newProblems.map(formatProblem)).toEqual([`${BIRMINGHAM}.md:1: is not valid UTF-8 text (save it as UTF-8)`]);
    expect(cuts(s.served().kb, 'Birmingham')).toEqual(before);

    // Tredegar is only known from places.yaml: it must keep answering while that file is broken.
    expect(cuts(s.served().kb, 'tredegar').summary).toMatch(/^Tredegar is in Blaenau Gwent\./);
    reloaded = s.next((r) => r.diff.newProblems.some((p) => p.file === 'places.yaml'));
    await writeFile(path.join(s.dir, 'places.yaml'), '- name: Birmingham\n  council: Birmingham City Council\n  towns: Sutton Coldfield\n');
    r = await reloaded;
    expect(r.diff.newProblems).toHaveLength(1);
    expect(formatProblem(r.diff.newProblems[0]!)).toMatch(/^places\.yaml:3: 0\.towns: .*expected array, received string/);
    expect(r.kept.sort()).toEqual([`${BIRMINGHAM}.md`, 'places.yaml']);
    expect(cuts(s.served().kb, 'tredegar').summary).toMatch(/^Tredegar is in Blaenau Gwent\./);
  });

  it('reports a problem once, not again on every later reload', async () => {
    const s = (running = await serve(await tempKnowledgeDir()));
    let reloaded = s.next((r) => r.diff.newProblems.length > 0);
    await writeFile(path.join(s.dir, 'broken.md'), '# no front matter\n');
    expect((await reloaded).diff.newProblems.map(formatProblem)).toEqual(['broken.md:1: must start with a line `---` that opens the YAML front matter']);

    reloaded = s.next((r) => r.diff.added.includes(NB));
    await writeFile(path.join(s.dir, 'northbridge.md'), await nbText());
    const r = await reloaded;
    expect(r.problems.map((p) => p.file)).toEqual(['broken.md']);
    expect(r.diff.newProblems).toEqual([]);
  });

  it('turns a burst of writes into one reload', async () => {
    const s = (running = await serve(await tempKnowledgeDir(), 400));
    const base = await nbText();
    const ids = Array.from({ length: 8 }, (_, i) => `burst-${i}`);
    const first = s.next();
    for (const id of ids) {
      await writeFile(path.join(s.dir, `${id}.md`), base.replace(`id: ${NB}`, `id: ${id}`));
    }
    const r = await first;
    expect(r.diff.added.sort()).toEqual(ids);

    // Had the burst given a second reload, it would arrive before the sentinel's.
    const sentinel = s.next();
    await writeFile(path.join(s.dir, 'sentinel.md'), base.replace(`id: ${NB}`, 'id: sentinel'));
    expect((await sentinel).diff.added).toEqual(['sentinel']);
    expect(s.reloads).toHaveLength(2);
  });

  it('treats a rename as the same article in a new file, and an atomic temp-file write as one change', async () => {
    const s = (running = await serve(await tempKnowledgeDir()));
    let reloaded = s.next((r) => r.diff.added.includes(NB));
    // How an upload writes: a dot-named temp file, then a rename into place.
    await writeFile(path.join(s.dir, '.upload-1.tmp'), await nbText());
    await rename(path.join(s.dir, '.upload-1.tmp'), path.join(s.dir, `${NB}.md`));
    await reloaded;

    reloaded = s.next((r) => r.diff.updated.includes(NB));
    await rename(path.join(s.dir, `${NB}.md`), path.join(s.dir, 'nb.md'));
    const r = await reloaded;
    expect(r.diff).toMatchObject({ added: [], removed: [] });
    expect(s.served().kb.byId.get(NB)?.file).toBe('nb.md');
    expect(cuts(s.served().kb, 'Eastfield').kind).toBe('cuts');

    // Moved to the trash (how /kb remove works): gone for members.
    reloaded = s.next((r) => r.diff.removed.includes(NB));
    await mkdir(path.join(s.dir, '.trash'));
    await rename(path.join(s.dir, 'nb.md'), path.join(s.dir, '.trash', 'nb.md'));
    await reloaded;
    expect(cuts(s.served().kb, 'Eastfield').kind).toBe('not-found');
  });

  it('reloads on request too, one reload at a time', async () => {
    const s = (running = await serve(await tempKnowledgeDir(), 60_000));
    await writeFile(path.join(s.dir, 'northbridge.md'), await nbText());
    const [a, b] = await Promise.all([s.watcher.reload(), s.watcher.reload()]);
    expect(a.diff.added).toEqual([NB]);
    // The second builds on the first, so it does not announce the same article again.
    expect(b.diff.added).toEqual([]);
    expect(s.watcher.latest()).toBe(b);
  });
});

describe('which file names the watcher reacts to', () => {
  it.each([
    ['northbridge.md', true],
    ['Upper.MD', true],
    ['places.yaml', true],
    ['.northbridge.md.swp', false],
    ['.upload-123.tmp', false],
    ['northbridge.md.tmp', false],
    ['.trash', false],
    ['4913', false],
    ['notes.txt', false],
  ])('%s → %s', (name, watched) => {
    expect(isWatchedName(name)).toBe(watched);
  });
});

describe('reloadArticles without a previous load', () => {
  it('serves nothing stale: a broken file has no last good version to fall back on', async () => {
    const dir = await tempKnowledgeDir();
    await writeFile(path.join(dir, `${BIRMINGHAM}.md`), 'garbage');
    const r = await reloadArticles(dir);
    expect(r.articles.map((a) => a.id)).toEqual(['blaenau-gwent-home-care-outsourcing']);
    expect(r.kept).toEqual([]);
    await rm(dir, { recursive: true, force: true });
  });
});
