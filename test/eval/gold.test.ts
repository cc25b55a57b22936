import { describe, it, expect } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ADDED_HELD_OUT_SPLITS, ADDED_TUNING_SPLITS, REAL_DIR, REAL_SPLITS, TUNING_SPLITS, loadManifest, loadRealSplit } from './gold.js';

const article = (id: string) => `---\nid: ${id}\ntitle: A title\ncouncil: Some Council\n---\n\nThe council said it would cut 30 jobs.\n`;

describe('real-article set', () => {
  it('splits by the fixed rule: care articles final, later rounds tune2 to tune7 and report2, the rest alternating tune and report in id order', () => {
    const manifest = loadManifest();
    const added = [...ADDED_TUNING_SPLITS, ...ADDED_HELD_OUT_SPLITS];
    const rest = manifest.filter((e) => e.split !== 'final' && !added.includes(e.split)).sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(rest.map((e) => e.split)).toEqual(rest.map((_, i) => (i % 2 === 0 ? 'tune' : 'report')));
    expect(rest.length).toBeGreaterThanOrEqual(20);
    expect(manifest.filter((e) => e.split === 'final').length).toBeGreaterThanOrEqual(6);
    expect(manifest.filter((e) => e.split === 'tune2').length).toBeGreaterThanOrEqual(10);
    expect(manifest.filter((e) => e.split === 'tune3').length).toBeGreaterThanOrEqual(12);
    expect(manifest.filter((e) => e.split === 'tune4').length).toBeGreaterThanOrEqual(12);
    expect(manifest.filter((e) => e.split === 'tune5').length).toBeGreaterThanOrEqual(12);
    expect(manifest.filter((e) => e.split === 'tune6').length).toBeGreaterThanOrEqual(12);
    expect(manifest.filter((e) => e.split === 'tune7').length).toBeGreaterThanOrEqual(12);
    expect(manifest.filter((e) => e.split === 'tune8').length).toBeGreaterThanOrEqual(12);
    expect(manifest.filter((e) => e.split === 'report2').length).toBeGreaterThanOrEqual(12);
    expect(manifest.filter((e) => e.split === 'report3').length).toBeGreaterThanOrEqual(12);
    expect(manifest.filter((e) => e.split === 'tune9').length).toBeGreaterThanOrEqual(12);
    expect(new Set(manifest.map((e) => e.url)).size, 'every URL once').toBe(manifest.length);
    expect(manifest.every((e) => REAL_SPLITS.includes(e.split)), 'known splits only').toBe(true);
    for (const e of manifest) {
      expect(e.url, e.id).toMatch(/^https?:\/\//);
      expect(() => readFileSync(path.join(REAL_DIR, 'labels', `${e.id}.expected.json`), 'utf8'), e.id).not.toThrow();
    }
  });

  it('declares tune6 a tuning split added whole (outside the alternation), of non-care articles', () => {
    expect(REAL_SPLITS).toContain('tune6');
    expect(TUNING_SPLITS).toContain('tune6');
    expect(ADDED_TUNING_SPLITS).toContain('tune6');
    for (const e of loadManifest().filter((m) => m.split === 'tune6')) expect(e.topic, e.id).not.toMatch(/care/i);
  });

  it('declares tune7 a tuning split added whole (outside the alternation), of non-care articles', () => {
    expect(TUNING_SPLITS).toContain('tune7');
    expect(ADDED_TUNING_SPLITS).toContain('tune7');
    for (const e of loadManifest().filter((m) => m.split === 'tune7')) expect(e.topic, e.id).not.toMatch(/care/i);
  });

  it('holds report2 and report3 out: never tuning splits, so evaluation prints their totals only, like report', () => {
    expect(REAL_SPLITS).toContain('report2');
    expect(TUNING_SPLITS).not.toContain('report2');
    expect(REAL_SPLITS).toContain('report3');
    expect(TUNING_SPLITS).not.toContain('report3');
    for (const e of loadManifest().filter((m) => m.split === 'report3')) expect(e.topic, e.id).not.toMatch(/care/i);
    expect(TUNING_SPLITS).not.toContain('report');
    for (const e of loadManifest().filter((m) => m.split === 'report2')) expect(e.topic, e.id).not.toMatch(/care/i);
  });

  it('loads the articles present locally and names the ones missing', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'eval-real-'));
    try {
      const tune = loadManifest().filter((e) => e.split === 'tune');
      mkdirSync(path.join(dir, 'tune'));
      writeFileSync(path.join(dir, 'tune', `${tune[0]!.id}.md`), article(tune[0]!.id));
      const { articles, missing } = loadRealSplit('tune', dir);
      expect(articles.map((a) => a.id)).toEqual([tune[0]!.id]);
      expect(missing).toEqual(tune.slice(1).map((e) => e.id));
      expect(loadRealSplit('final', dir).articles).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a text file whose id is not the one the manifest gives it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'eval-real-'));
    try {
      const first = loadManifest().find((e) => e.split === 'report')!;
      mkdirSync(path.join(dir, 'report'));
      writeFileSync(path.join(dir, 'report', `${first.id}.md`), article('some-other-article'));
      expect(() => loadRealSplit('report', dir)).toThrow(/does not match the manifest/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
