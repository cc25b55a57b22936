import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli.js';
import { parseKnowledgeFile } from '../../../src/knowledge/loader.js';
import type { Article } from '../../../src/knowledge/schema.js';

const FIXTURES = 'test/fixtures/import';
let dir: string;
const dirs: string[] = [];

async function freshDir(withPlaces = true): Promise<string> {
  const d = await mkdtemp(path.join(tmpdir(), 'cutsbot-import-'));
  dirs.push(d);
  if (withPlaces) await cp('knowledge/places.yaml', path.join(d, 'places.yaml'));
  return d;
}

/** Runs `kb import` in-process as the CLI does and returns its exit code, output and the file it wrote. */
async function importInto(out: string, file: string, ...extra: string[]) {
  const lines: string[] = [];
  const errors: string[] = [];
  const before = new Set(await readdir(out));
  const code = await runCli(['kb', 'import', path.join(FIXTURES, file), '--out', out, ...extra], { out: (s) => lines.push(s), err: (s) => errors.push(s) });
  const written = (await readdir(out)).filter((f) => !before.has(f));
  const text = written[0] ? await readFile(path.join(out, written[0]), 'utf8') : '';
  const article = text ? parseKnowledgeFile(text, written[0]!).article : null;
  return { code, stdout: lines.join('\n'), stderr: errors.join('\n'), written, text, article };
}

const committed = async (file: string): Promise<Article> => parseKnowledgeFile(await readFile(path.join('knowledge', file), 'utf8'), file).article!;

beforeAll(async () => {
  dir = await freshDir();
});
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('kb import on the two seed articles', () => {
  it.each([
    ['000_d894c4e7690777e7.txt', 'birmingham-enablement-redundancies.md'],
    ['002_4050b79476bb4bda.txt', 'blaenau-gwent-home-care-outsourcing.md'],
  ])('%s drafts the council, places, nation and unions of the committed %s', async (seed, file) => {
    const r = await importInto(dir, seed);
    expect(r.code, r.stderr).toBe(0);
    const want = await committed(file);
    expect(r.article).not.toBeNull();
    expect({ council: r.article!.council, places: r.article!.places, nation: r.article!.nation, unions: r.article!.unions }).toEqual({
      council: want.council,
      places: want.places,
      nation: want.nation,
      unions: want.unions,
    });
    // Never invented: the seeds carry no headline, publisher, URL or date.
    expect(r.article!.source).toBeUndefined();
    expect(r.article!.published).toBeUndefined();
    expect(r.article!.paragraphs.length).toBe(want.paragraphs.length);
  });

  it('marks the captions of a pasted web page, so they are never quoted', async () => {
    const r = await importInto(await freshDir(), '000_d894c4e7690777e7.txt');
    expect(r.article!.paragraphs.filter((p) => p.caption).map((p) => p.text)).toEqual([
      'Unison branch secretary Caroline Johnson',
      'Demonstrators protest over social care cuts in Birmingham in January 2017',
    ]);
    expect(r.stdout).toMatch(/¶5, ¶10: short line\(s\) without a full stop, marked as photo captions/);
  });

  it('marks every detected field for the moderator and prints what it found and what to check', async () => {
    const r = await importInto(await freshDir(), '002_4050b79476bb4bda.txt');
    for (const field of ['id', 'title', 'council', 'places', 'unions', 'tags']) expect(r.text).toMatch(new RegExp(`^${field}: .*# check: `, 'm'));
    expect(r.text).toMatch(/^nation: Wales {2}# from the gazetteer for Blaenau Gwent County Borough Council$/m);
    expect(r.text).not.toMatch(/^(?:source|published|url):/m);
    expect(r.stdout).toMatch(/^Wrote .*blaenau-gwent-[a-z-]+\.md$/m);
    expect(r.stdout).toContain('council: Blaenau Gwent Council');
    expect(r.stdout).toContain('places: Blaenau Gwent, Abertillery, Ebbw Vale');
    expect(r.stdout).toMatch(/add the publisher, URL and date if you know them \(never guessed\)/);
  });

  it('refuses to overwrite an existing id, and writes nothing', async () => {
    const out = await freshDir();
    const first = await importInto(out, '002_4050b79476bb4bda.txt');
    expect(first.code).toBe(0);
    const again = await importInto(out, '002_4050b79476bb4bda.txt');
    expect(again.code).toBe(1);
    expect(again.written).toEqual([]);
    expect(again.stderr).toMatch(/^id "blaenau-gwent-[a-z-]+" is already used by blaenau-gwent-[a-z-]+\.md in .*; nothing was written$/);
    // Even a file with that name that does not load (so its id is unknown) is never replaced.
    const other = await freshDir();
    await writeFile(path.join(other, first.written[0]!), 'not a knowledge file');
    const blocked = await importInto(other, '002_4050b79476bb4bda.txt');
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toMatch(/already exists; nothing was written/);
    expect(await readFile(path.join(other, first.written[0]!), 'utf8')).toBe('not a knowledge file');
  });
});

describe('kb import on articles in other styles', () => {
  it('a Scottish article: council, nation, both unions, and a deadline with date and time in UK time', async () => {
    const r = await importInto(await freshDir(), 'glasgow-day-services.txt');
    expect(r.article).toMatchObject({ council: 'Glasgow City Council', nation: 'Scotland', unions: ['Unison', 'Unite'] });
    expect(r.article!.consultations).toEqual([{ title: 'Consultation on the future of day services', closes: '2027-01-15T17:00:00+00:00' }]);
    // A speaker's surname that is also a town (Hamilton, South Lanarkshire) is not a place.
    expect(r.article!.places).toEqual(['Glasgow City']);
  });

  it('a county article naming its district towns: the county, its region, and no deadline from a date without a year', async () => {
    const r = await importInto(await freshDir(), 'kent-sevenoaks-respite.txt');
    expect(r.article).toMatchObject({ council: 'Kent County Council', region: 'South East', nation: 'England', places: ['Sevenoaks', 'Tonbridge', 'Kent'] });
    expect(r.article!.unions).toEqual([]);
    expect(r.article!.consultations).toEqual([]);
    expect(r.stdout).toMatch(/¶4 gives a consultation deadline “on 3 March”, but the text gives no year/);
    expect(r.stdout).not.toMatch(/is the article about Kent/);
  });

  it('a name three places share (Newport) is settled by the council the text names; a councillor called Bury is not a place', async () => {
    const r = await importInto(await freshDir(), 'newport-home-care.txt');
    expect(r.article).toMatchObject({ council: 'Newport City Council', nation: 'Wales', places: ['Newport'], unions: ['GMB'] });
  });

  it('Northern Ireland: the council, and the trusts named as who runs adult social care', async () => {
    const r = await importInto(await freshDir(), 'belfast-care-homes.txt');
    expect(r.article).toMatchObject({ council: 'Belfast City Council', nation: 'Northern Ireland', unions: ['Unison', 'RCN'] });
    expect(r.text).toMatch(/^council: "Belfast City Council" {2}# check: .*adult social care there: Northern Ireland's Health and Social Care Trusts$/m);
    expect(r.article!.consultations).toEqual([{ title: 'Consultation', closes: '2027-02-28T12:00:00+00:00' }]);
  });

  it('no place named: says so and writes nothing; --council supplies it', async () => {
    const out = await freshDir();
    const r = await importInto(out, 'no-place.txt');
    expect(r.code).toBe(1);
    expect(r.written).toEqual([]);
    expect(r.stderr).toBe('no-place.txt: no council or town the gazetteer knows is named in the text. Give the council with --council "Name of Council".');
    const given = await importInto(out, 'no-place.txt', '--council', 'Leeds City Council');
    expect(given.code).toBe(0);
    expect(given.article).toMatchObject({ council: 'Leeds City Council', nation: 'England', region: 'Yorkshire and The Humber', unions: ['Unison'] });
  });

  it('refuses a file that already has front matter, a missing folder, and names the problem', async () => {
    const out = await freshDir();
    const lines: string[] = [];
    const io = { out: (s: string) => lines.push(s), err: (s: string) => lines.push(s) };
    expect(await runCli(['kb', 'import', 'knowledge/birmingham-enablement-redundancies.md', '--out', out], io)).toBe(1);
    expect(lines.pop()).toBe('birmingham-enablement-redundancies.md: already has front matter; it is a knowledge file, not plain text (check it with kb check)');
    expect(await runCli(['kb', 'import', path.join(FIXTURES, 'no-place.txt'), '--out', path.join(out, 'nope')], io)).toBe(1);
    expect(lines.pop()).toMatch(/nope: no such folder/);
    expect(await runCli(['kb', 'import'], io)).toBe(2);
  });
});
