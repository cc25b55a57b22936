import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';

import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cutsAnswer } from '../../src/answers/index.js';
import { statusText } from '../../src/discord/kb-report.js';
import { formatProblem, loadKnowledgeBase, MAX_FILE_BYTES } from '../../src/knowledge/loader.js';
import { reloadKnowledge } from '../../src/knowledge/reload.js';
import { tempKnowledgeDir } from './watch-helpers.js';

/** places.yaml follows the articles' rules (size, no symbolic links), and nothing in the folder is left out silently. */
const run = promisify(execFile);

describe('the knowledge folder’s rules', () => {
  it('refuses a places.yaml over the size limit, keeping the last good one', async () => {
    const dir = await tempKnowledgeDir();
    const first = await reloadKnowledge(dir);
    const good = await readFile(path.join(dir, 'places.yaml'), 'utf8');
    await writeFile(path.join(dir, 'places.yaml'), `${good}\n# ${'x'.repeat(MAX_FILE_BYTES)}\n`);
    const next = await reloadKnowledge(dir, first);
    expect(next.problems.map(formatProblem)).toEqual(['places.yaml:1: is 257 KB; a knowledge file may be at most 256 KB']);
    expect(next.kept).toEqual(['places.yaml']);
    expect(cutsAnswer(next.kb, { place: 'ebbw vale' }).title).toBe('Care cuts in Blaenau Gwent');
    await rm(dir, { recursive: true, force: true });
  });

  it('does not follow a symbolic link for places.yaml or an article, and says so', async () => {
    const dir = await tempKnowledgeDir();
    const outside = await tempKnowledgeDir();
    await rm(path.join(dir, 'places.yaml'));
    await symlink(path.join(outside, 'places.yaml'), path.join(dir, 'places.yaml'));
    await symlink(path.join(outside, 'birmingham-enablement-redundancies.md'), path.join(dir, 'linked.md'));
    const { kb, problems } = await loadKnowledgeBase(dir);
    expect(problems.map(formatProblem).sort()).toEqual([
      'linked.md:1: is a symbolic link; knowledge files must be regular files in the folder (copy the file in instead), so it is not loaded',
      'places.yaml:1: is a symbolic link; knowledge files must be regular files in the folder (copy the file in instead), so it is not loaded',
    ]);
    // Without places.yaml its nicknames are gone (the national gazetteer's names stay); the articles themselves still answer.
    expect(kb.places.flatMap((p) => p.aliases)).not.toContain('Brum');
    expect(kb.articles).toHaveLength(2);
    await rm(dir, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  it('lists subfolders and other files it skips in `kb check` and `/kb status`, without failing the check', async () => {
    const dir = await tempKnowledgeDir();
    await mkdir(path.join(dir, 'archive'));
    await writeFile(path.join(dir, 'archive', 'old-article.md'), '---\nid: old\n---\n');
    await writeFile(path.join(dir, 'notes.txt'), 'to do');
    await mkdir(path.join(dir, '.trash'));
    const loaded = await reloadKnowledge(dir);
    expect(loaded.skipped).toEqual([
      { name: 'archive/', reason: 'a folder: files inside it are not loaded (articles must be directly in the knowledge folder)' },
      { name: 'notes.txt', reason: 'not a `.md` article or `places.yaml`: not loaded' },
    ]);
    const status = statusText(loaded);
    expect(status).toContain('**Not loaded (2)**:');
    expect(status).toContain('• archive/: skipped, a folder');
    expect(status).toContain('• notes.txt: skipped, not a ');

    const cwd = path.resolve('.');
    const check = await run('node', ['--import', 'tsx', path.join(cwd, 'src/cli.ts'), 'kb', 'check', dir], { env: { ...process.env, KNOWLEDGE_DIR: '' } });
    expect(check.stdout).toContain('archive/: skipped, a folder: files inside it are not loaded');
    expect(check.stdout).toContain('notes.txt: skipped, not a `.md` article');
    expect(check.stdout).toMatch(/2 article\(s\) OK/);
    await rm(dir, { recursive: true, force: true });
  });
});

