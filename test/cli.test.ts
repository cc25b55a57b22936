import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** The CLI as a newcomer runs it: a real child process through tsx. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', ['--import', 'tsx', 'src/cli.ts', ...args], { env: { ...process.env, KNOWLEDGE_DIR: '' } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('cli', () => {
  it('ask "/cuts birmingham" prints the cited answer', async () => {
    const { code, stdout } = await cli('ask', '/cuts birmingham');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Care cuts in Birmingham\n/);
    expect(stdout).toContain('£4 million (savings)');
    expect(stdout).toContain('[Birmingham enablement care workers face redundancy, ¶3]');
    expect(stdout).toContain('(Caroline Johnson, Unison spokeswoman)\n    [Birmingham enablement care workers face redundancy, ¶6–9]');
  });

  it('ask --json prints the answer object', async () => {
    const { stdout } = await cli('ask', '/cuts ebbw vale', '--json');
    const answer = JSON.parse(stdout);
    expect(answer.kind).toBe('cuts');
    expect(answer.sources[0].articleId).toBe('blaenau-gwent-home-care-outsourcing');
  });

  it('ask about an unknown place prints suggestions', async () => {
    const { code, stdout } = await cli('ask', '/cuts birmingem');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Care cuts in Birmingham|Did you mean: Birmingham/);
    const unknown = await cli('ask', '/cuts atlantis');
    expect(unknown.stdout).toContain('No place called “atlantis”');
    const real = await cli('ask', '/cuts billingham');
    expect(real.stdout).toContain('Billingham is in Stockton-on-Tees. No articles about Stockton-on-Tees Borough Council');
  });

  it('extract --json prints exactly the documented shape', async () => {
    const { stdout } = await cli('extract', 'knowledge/blaenau-gwent-home-care-outsourcing.md', '--json');
    const x = JSON.parse(stdout);
    expect(Object.keys(x)).toEqual(['quotes', 'figures']);
    expect(Object.keys(x.quotes[0])).toEqual(['speaker', 'role', 'text', 'paragraphs', 'kind', 'attribution', 'confidence', 'reason']);
    expect(Object.keys(x.figures[0])).toEqual(['kind', 'value', 'unit', 'text', 'qualifier', 'counts', 'sentence', 'paragraph', 'range', 'change', 'outOf']);
    expect(x.figures).toContainEqual(expect.objectContaining({ kind: 'money', value: 2500000, unit: 'GBP', paragraph: 3 }));
  });

  it('extract --json prints 85,000 figures of one 256 KB paragraph, each with a clipped sentence', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cutsbot-cli-'));
    try {
      const file = path.join(dir, 'figures.txt');
      await writeFile(file, '5% '.repeat(87_000));
      const { stdout } = await run('node', ['--import', 'tsx', 'src/cli.ts', 'extract', file, '--json'], { maxBuffer: 200e6 });
      const { figures } = JSON.parse(stdout) as { figures: { text: string; sentence: string }[] };
      expect(figures.length).toBe(87_000);
      expect(Math.max(...figures.map((f) => f.sentence.length))).toBeLessThanOrEqual(300);
      expect(figures.every((f) => f.sentence.includes(f.text))).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('kb check passes the committed knowledge and fails a broken folder with file:line messages', async () => {
    const good = await cli('kb', 'check', 'knowledge');
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/2 article\(s\) OK/);
    const bad = await cli('kb', 'check', 'test/fixtures/malformed');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('impossible-date.md:8: consultations.0.closes: is not a real date and time');
    expect(bad.stdout).toContain('missing-title.md:2: title: is required but missing');
  });

  it('kb check --review lists every quote and figure, what needs a human look first, and fails on a stale correction', async () => {
    const file = 'test/fixtures/corrections/eastmere-day-centres.md';
    const { code, stdout } = await cli('kb', 'check', '--review', file);
    expect(code).toBe(1);
    const headings = stdout.split('\n').filter((l) => /^\S.*\(\d+\):$/.test(l));
    expect(headings).toEqual([
      'Corrections that no longer match (1):',
      'Check these quotes: speaker unsure, unnamed or a document (2):',
      'Corrected by a moderator (3):',
      'Quotes (1):',
      'Figures (2):', // "two day centres" and "60 jobs": number words are figures too
    ]);
    const at = (s: string) => {
      const i = stdout.indexOf(s);
      expect(i, `"${s}" in:\n${stdout}`).toBeGreaterThan(-1);
      return i;
    };
    expect(at('eastmere-day-centres.md:16: corrections.3.quote: paragraph 12 does not exist')).toBeLessThan(at('¶2 no name (council spokeswoman) [unnamed, high]'));
    expect(at('¶2 no name (council spokeswoman)')).toBeLessThan(at('line 7: ¶4 Jo Marsh, chair of the carers’ forum [named, high]: “Families are frightened”'));
    expect(at('line 11: ¶1 money “£1.2 million a year”, counts: annual savings')).toBeLessThan(at('line 14: dropped figure ¶6 count “120 people”'));
    expect(at('line 14: dropped figure')).toBeLessThan(at('¶3 Tom Reed, Unison branch secretary [named, high]: “This is a disgrace'));
    expect(at('¶3 Tom Reed')).toBeLessThan(at('¶1 count “60 jobs”, counts: jobs'));

    const json = await cli('kb', 'check', '--review', file, '--json');
    const parsed = JSON.parse(json.stdout);
    expect(parsed.ok).toBe(false);
    expect(parsed.problems).toEqual([{ file: 'eastmere-day-centres.md', line: 16, field: 'corrections.3.quote', message: 'paragraph 12 does not exist: the article has 6 paragraphs' }]);

    const clean = await cli('kb', 'check', '--review', 'knowledge/birmingham-enablement-redundancies.md');
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('¶12–15 Paulette Hamilton, Labour cabinet member for social care [named, high]');
    expect(clean.stdout).toContain('0 corrections applied.');
  });

  it('extract applies a file’s corrections and names a stale one on stderr', async () => {
    const { code, stdout, stderr } = await cli('extract', 'test/fixtures/corrections/eastmere-day-centres.md', '--json');
    expect(code).toBe(0);
    const x = JSON.parse(stdout);
    expect(x.quotes).toContainEqual(expect.objectContaining({ text: 'Families are frightened', speaker: 'Jo Marsh', confidence: 'high' }));
    expect(x.figures.map((f: { text: string }) => f.text)).not.toContain('120 people');
    expect(stderr).toContain('eastmere-day-centres.md:16: corrections.3.quote:');
  });

  it('an unknown command prints usage and fails', async () => {
    const { code, stderr } = await cli('ask', '/nonsense');
    expect(code).toBe(2);
    expect(stderr).toContain('Unknown command');
  });

  it('ask --page turns to a later page of a long answer and says how many there are', async () => {
    const first = await cli('ask', '/search care');
    expect(first.stdout).toMatch(/\nPage 1 of (\d+) \(--page 2 for the next\)/);
    const second = await cli('ask', '/search care', '--page', '2');
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/\nPage 2 of \d+/);
    expect(second.stdout.split('Best matches:')[1]).not.toEqual(first.stdout.split('Best matches:')[1]);
    const bad = await cli('ask', '/search care', '--page', 'two');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--page needs a page number from 1');
  });
});
