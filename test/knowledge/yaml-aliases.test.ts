import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { cutsAnswer } from '../../src/answers/index.js';
import { formatProblem, loadKnowledgeBase } from '../../src/knowledge/loader.js';
import { serve, tempKnowledgeDir, type Serving } from './watch-helpers.js';

/** YAML aliases (`&a` … `*a`): a few nested ones expand into billions of values; one with no anchor cannot be read. */
const run = promisify(execFile);

// Nine levels of nine: 9^9 values if expanded. Line 5 holds the first alias.
const BOMB_FRONT = ['id: bomb', 'title: An alias bomb', 'council: Birmingham City Council', 'tags: &a ["x","x","x","x","x","x","x","x","x"]', 'notes: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'unions: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'places: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]', 'region: [*d,*d,*d,*d,*d,*d,*d,*d,*d]'];
const bombArticle = `---\n${BOMB_FRONT.join('\n')}\n---\n\nBody text.\n`;
const unresolvedArticle = '---\nid: unresolved\ntitle: *headline\ncouncil: Birmingham City Council\n---\n\nBody text.\n';
/** The line of the first alias in `bombPlaces(good)`, where the problem must point. */
const firstAliasLine = (good: string) => bombPlaces(good).split('\n').findIndex((l) => l.includes('*n')) + 1;
const bombPlaces = (good: string): string =>
  `${good}\n- name: &n Bombtown\n  council: Bombtown Council\n  aliases: &a [*n,*n,*n,*n,*n,*n,*n,*n,*n,*n]\n  towns: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n- name: Other\n  council: Other Council\n  towns: [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n`;

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', ['--import', 'tsx', 'src/cli.ts', ...args], { env: { ...process.env, KNOWLEDGE_DIR: '' }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('YAML aliases in knowledge files', () => {
  let s: Serving | null = null;
  afterEach(async () => {
    await s?.close();
    s = null;
  });

  it('reports an alias bomb and an unresolved alias in an article at their line, and loads the rest', async () => {
    const dir = await tempKnowledgeDir();
    await writeFile(path.join(dir, 'bomb.md'), bombArticle);
    await writeFile(path.join(dir, 'unresolved.md'), unresolvedArticle);
    const { kb, problems } = await loadKnowledgeBase(dir);
    expect(problems.map(formatProblem)).toEqual([
      'bomb.md:6: bad YAML: its aliases (*name) expand to more than 100 copies, which is refused as a resource-exhaustion attack; write the values out instead',
      'unresolved.md:3: bad YAML: the alias *headline refers to no anchor &headline set before it (a value starting with * must be quoted)',
    ]);
    expect(kb.articles.map((a) => a.id)).toEqual(['birmingham-enablement-redundancies', 'blaenau-gwent-home-care-outsourcing']);
  });

  it('keeps serving the last good places.yaml when an alias bomb is saved over it, and says where', async () => {
    const dir = await tempKnowledgeDir();
    s = await serve(dir, 50);
    const before = cutsAnswer(s.served().kb, { place: 'ebbw vale' });
    expect(before.title).toBe('Care cuts in Blaenau Gwent');
    const good = await readFile(path.join(dir, 'places.yaml'), 'utf8');
    const reloaded = s.next((r) => r.problems.length > 0);
    await writeFile(path.join(dir, 'places.yaml'), bombPlaces(good));
    const r = await reloaded;
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ file: 'places.yaml', field: null });
    expect(r.problems[0]!.message).toMatch(/expand to more than 100 copies/);
    expect(r.problems[0]!.line).toBe(firstAliasLine(good));
    expect(r.kept).toContain('places.yaml');
    expect(cutsAnswer(r.kb, { place: 'ebbw vale' })).toEqual(before);
    // And the next reload is not stuck: fixing the file serves it again.
    const fixed = s.next((x) => x.problems.length === 0);
    await writeFile(path.join(dir, 'places.yaml'), good);
    expect((await fixed).kept).toEqual([]);
  });

  it('`kb check` exits 1 with file:line, and `ask` still answers, when places.yaml is an alias bomb', async () => {
    const dir = await tempKnowledgeDir();
    const good = await readFile(path.join(dir, 'places.yaml'), 'utf8');
    await writeFile(path.join(dir, 'places.yaml'), bombPlaces(good));
    await writeFile(path.join(dir, 'unresolved.md'), unresolvedArticle);
    const check = await cli('kb', 'check', dir);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(new RegExp(`^places\\.yaml:${firstAliasLine(good)}: bad YAML: its aliases`, 'm'));
    expect(check.stdout).toMatch(/^unresolved\.md:3: bad YAML: the alias \*headline/m);
    const ask = await cli('ask', '/cuts birmingham', '--knowledge', dir);
    expect(ask.code).toBe(0);
    expect(ask.stdout).toMatch(/^Care cuts in Birmingham\n/);
  });
});
