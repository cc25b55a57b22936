import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listKnowledgeFolder, relistKnowledgeFolder } from '../../src/knowledge/folder.js';

/** The watcher's reload looks only at the names it was told of; what it finds must be what a full look finds. */

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cutsbot-relist-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('relisting the folder from the names that changed', () => {
  it('gives what listing the whole folder gives: new, changed and deleted files, symbolic links, folders and places.yaml', async () => {
    for (const n of ['a.md', 'b.md', 'c.md', 'notes.txt']) await writeFile(path.join(dir, n), `${n}\n`);
    const before = await listKnowledgeFolder(dir);
    await rm(path.join(dir, 'b.md'));
    await writeFile(path.join(dir, 'c.md'), 'changed\n');
    await writeFile(path.join(dir, 'd.md'), 'new\n');
    await writeFile(path.join(dir, 'places.yaml'), '[]\n');
    await symlink(path.join(dir, 'a.md'), path.join(dir, 'link.md'));
    await mkdir(path.join(dir, 'folder.md'));
    const names = ['b.md', 'c.md', 'd.md', 'places.yaml', 'link.md', 'folder.md'];
    const relisted = await relistKnowledgeFolder(dir, before, names);
    expect(relisted).toEqual(await listKnowledgeFolder(dir));
    expect(relisted.articles.map((a) => a.name)).toEqual(['a.md', 'c.md', 'd.md']);
    expect(relisted.articles[1]!.sig).not.toBe(before.articles[2]!.sig);
    expect(relisted.problems.map((p) => p.file)).toEqual(['link.md']);

    // And back: the link and the folder removed are gone from the listing too.
    await rm(path.join(dir, 'link.md'));
    await rm(path.join(dir, 'folder.md'), { recursive: true });
    expect(await relistKnowledgeFolder(dir, relisted, ['link.md', 'folder.md'])).toEqual(await listKnowledgeFolder(dir));
  });
});
