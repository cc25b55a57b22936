import { execFile } from 'node:child_process';
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
    expect(Object.keys(x.figures[0])).toEqual(['kind', 'value', 'unit', 'text', 'qualifier', 'counts', 'sentence', 'paragraph']);
    expect(x.figures).toContainEqual(expect.objectContaining({ kind: 'money', value: 2500000, unit: 'GBP', paragraph: 3 }));
  });

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
