import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DRAFTS_DIR, DRAFT_TTL_MS, keepDraft, pruneDrafts, readDraft } from '../../../src/knowledge/import/draft-store.js';
import { loadKnowledgeBase } from '../../../src/knowledge/loader.js';
import { writeNewFileAtomically } from '../../../src/knowledge/knowledge-files.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cutsbot-drafts-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const DRAFT = '---\nid: x\n---\nText.\n';

describe('drafts waiting for Save', () => {
  it('keeps a draft under its content hash where the loader never serves it', async () => {
    const key = await keepDraft(dir, DRAFT);
    expect(await readdir(path.join(dir, DRAFTS_DIR))).toEqual([`${key}.md`]);
    expect(await readDraft(dir, key)).toEqual({ ok: true, text: DRAFT });
    const { kb, problems } = await loadKnowledgeBase(dir);
    expect(kb.articles).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('does not hand back a draft edited on disk after it was shown, or a key that is not one', async () => {
    const key = await keepDraft(dir, DRAFT);
    await writeFile(path.join(dir, DRAFTS_DIR, `${key}.md`), DRAFT.replace('Text', 'Other text'));
    expect(await readDraft(dir, key)).toEqual({ ok: false, reason: 'missing' });
    expect(await readDraft(dir, '../../etc/passwd')).toEqual({ ok: false, reason: 'missing' });
  });

  it('expires a draft older than the TTL and prunes only such drafts', async () => {
    const old = await keepDraft(dir, DRAFT);
    const fresh = await keepDraft(dir, `${DRAFT}More.\n`);
    const then = new Date(Date.now() - DRAFT_TTL_MS - 60_000);
    await utimes(path.join(dir, DRAFTS_DIR, `${old}.md`), then, then);
    await pruneDrafts(dir);
    expect(await readdir(path.join(dir, DRAFTS_DIR))).toEqual([`${fresh}.md`]);
    await utimes(path.join(dir, DRAFTS_DIR, `${fresh}.md`), then, then);
    expect(await readDraft(dir, fresh)).toEqual({ ok: false, reason: 'expired' });
    expect(await readdir(path.join(dir, DRAFTS_DIR))).toEqual([]);
  });
});

describe('writeNewFileAtomically', () => {
  it('writes a new file whole and never replaces one that is there, leaving no temp file', async () => {
    expect(await writeNewFileAtomically(dir, 'a.md', Buffer.from('new'))).toBe(true);
    expect(await readFile(path.join(dir, 'a.md'), 'utf8')).toBe('new');
    expect(await writeNewFileAtomically(dir, 'a.md', Buffer.from('other'))).toBe(false);
    expect(await readFile(path.join(dir, 'a.md'), 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['a.md']);
  });
});
