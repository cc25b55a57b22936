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
    const unknown = await cli('ask', '/cuts billingham');
    expect(unknown.stdout).toContain('Did you mean: Birmingham');
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

  it('an unknown command prints usage and fails', async () => {
    const { code, stderr } = await cli('ask', '/nonsense');
    expect(code).toBe(2);
    expect(stderr).toContain('Unknown command');
  });
});
