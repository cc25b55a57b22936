import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, StartError } from '../../src/main.js';
import { snowflake, startEmulator, type Emulator } from './emulator.js';
import { captureLog, emulatorConfig } from './helpers.js';
import { ROOT, runScript } from './process.js';

const KNOWLEDGE = path.join(ROOT, 'knowledge');
const WRONG_TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.wrongwrongwrongwrongwrongwrongwrongwro';

let emulator: Emulator;
const dataDirs: string[] = [];
/** A reminders database folder of the test's own, removed afterwards. */
const tempDataDir = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'cutsbot-data-'));
  dataDirs.push(dir);
  return dir;
};
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.close();
  for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
});

describe('startBot', () => {
  it('fails with a clear message when Discord rejects the token', async () => {
    const error = await startBot(emulatorConfig(emulator, { DISCORD_TOKEN: WRONG_TOKEN, KNOWLEDGE_DIR: KNOWLEDGE }), {
      logger: captureLog().logger,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StartError);
    expect((error as Error).message).toMatch(/^Discord rejected DISCORD_TOKEN/);
    expect((error as Error).message).toContain('Bot → Reset Token');
    expect((error as Error).message).not.toContain('wrongwrong');
    expect(emulator.sessions()).toBe(0);
  });

  it('gives the same message when the gateway refuses the token (close code 4004)', async () => {
    const other = await startEmulator();
    // REST lets the token through; the gateway still refuses it at IDENTIFY.
    other.route('GET', /^\/gateway\/bot$/, () => ({
      body: { url: other.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } },
    }));
    try {
      const error = await startBot(emulatorConfig(other, { DISCORD_TOKEN: WRONG_TOKEN, KNOWLEDGE_DIR: KNOWLEDGE }), {
        logger: captureLog().logger,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StartError);
      expect((error as Error).message).toMatch(/^Discord rejected DISCORD_TOKEN/);
      expect(other.identifies).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('says which folder it could not read', async () => {
    const missing = path.join(tmpdir(), 'cutsbot-no-such-folder');
    const error = await startBot(emulatorConfig(emulator, { KNOWLEDGE_DIR: missing }), { logger: captureLog().logger }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StartError);
    expect((error as Error).message).toContain(`KNOWLEDGE_DIR "${missing}" could not be read`);
  });

  it('starts despite a broken article, and logs where the problem is', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cutsbot-knowledge-'));
    await writeFile(path.join(dir, 'broken.md'), '---\nid: Not A Slug\n---\n\nText.\n');
    const log = captureLog();
    const bot = await startBot(emulatorConfig(emulator, { KNOWLEDGE_DIR: dir }), { logger: log.logger });
    try {
      const problem = log.lines.find((l) => l.level === 40 && l.file === 'broken.md');
      expect(problem?.msg).toMatch(/^broken\.md:\d+: /);
    } finally {
      await bot.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('npm start (tsx src/main.ts)', () => {
  it('without a token, exits 1 and says how to get one and how to try the answers locally', async () => {
    const child = runScript('src/main.ts', { DISCORD_TOKEN: '', DISCORD_APPLICATION_ID: emulator.applicationId });
    expect(await child.exited).toBe(1);
    expect(child.output()).toContain('DISCORD_TOKEN is not set');
    expect(child.output()).toContain('Bot → Reset Token');
    expect(child.output()).toContain('npm run ask -- "/cuts birmingham"');
  });

  it('with a wrong token, exits 1 with a clear message', async () => {
    const child = runScript('src/main.ts', {
      DISCORD_TOKEN: WRONG_TOKEN,
      DISCORD_APPLICATION_ID: emulator.applicationId,
      DISCORD_API_BASE: emulator.apiBase,
      KNOWLEDGE_DIR: KNOWLEDGE,
      // Its own database: the shared empty working folder may hold another checkout's.
      DATA_DIR: await tempDataDir(),
    });
    expect(await child.exited).toBe(1);
    expect(child.output()).toContain('Discord rejected DISCORD_TOKEN');
    expect(child.output()).not.toContain('wrongwrong');
  });

  it('logs in, never logs the token, and shuts down cleanly on SIGTERM', async () => {
    const child = runScript('src/main.ts', {
      DISCORD_TOKEN: emulator.token,
      DISCORD_APPLICATION_ID: emulator.applicationId,
      DISCORD_API_BASE: emulator.apiBase,
      KNOWLEDGE_DIR: KNOWLEDGE,
      LOG_LEVEL: 'debug',
      DATA_DIR: await tempDataDir(),
    });
    try {
      await child.waitFor('"msg":"ready"');
      expect(emulator.sessions()).toBe(1);
      child.kill('SIGTERM');
      expect(await child.exited).toBe(0);
      expect(child.output()).toContain('"msg":"stopped"');
      expect(child.output()).not.toContain(emulator.token);
      expect(emulator.sessions()).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });

  /** The messages of log lines at warn level or above. */
  const warningsAndErrors = (out: string) =>
    out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { level: number; msg: string })
      .filter((l) => l.level >= 40)
      .map((l) => l.msg);

  /** Exit code, or 'still running' if the process has not ended within `ms`. */
  const exitWithin = (child: ReturnType<typeof runScript>, ms: number) =>
    Promise.race([child.exited, new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), ms))]);

  it('exits 1 with one clear line when the token is reset while it runs (gateway close 4004)', async () => {
    const own = await startEmulator();
    const oldToken = own.token;
    const child = runScript('src/main.ts', {
      DISCORD_TOKEN: own.token,
      DISCORD_APPLICATION_ID: own.applicationId,
      DISCORD_API_BASE: own.apiBase,
      KNOWLEDGE_DIR: KNOWLEDGE,
      DATA_DIR: await tempDataDir(),
    });
    try {
      await child.waitFor('"msg":"ready"');
      const newToken = own.resetToken();
      expect(await exitWithin(child, 10_000)).toBe(1);
      const out = child.output();
      expect(out.match(/Discord no longer accepts DISCORD_TOKEN/g)).toHaveLength(1);
      expect(warningsAndErrors(out)).toEqual([expect.stringMatching(/^Discord no longer accepts DISCORD_TOKEN \(the gateway closed with 4004/)]);
      expect(out).toContain('Reset Token');
      expect(out).not.toContain(oldToken);
      expect(out).not.toContain(newToken);
    } finally {
      child.kill('SIGKILL');
      await own.close();
    }
  });

  it('exits 1 with one clear line when REST answers 401 to the bot’s token', async () => {
    const modLogId = snowflake();
    const own = await startEmulator({ channels: [{ name: 'general' }, { id: modLogId, name: 'mod-log' }] });
    const dir = await mkdtemp(path.join(tmpdir(), 'cutsbot-knowledge-'));
    await writeFile(path.join(dir, 'fine.md'), '---\nid: fine\ntitle: Fine\ncouncil: Fine Council\n---\n\nText.\n');
    const child = runScript('src/main.ts', {
      DISCORD_TOKEN: own.token,
      DISCORD_APPLICATION_ID: own.applicationId,
      DISCORD_API_BASE: own.apiBase,
      KNOWLEDGE_DIR: dir,
      MOD_LOG_CHANNEL_ID: modLogId,
      DATA_DIR: await tempDataDir(),
    });
    try {
      await child.waitFor('"msg":"watching the knowledge folder"');
      // The gateway session lives on; the next REST call (posting a new problem to the mod-log) gets 401.
      own.resetToken({ closeGateway: false });
      await writeFile(path.join(dir, 'broken.md'), 'no front matter\n');
      expect(await exitWithin(child, 10_000)).toBe(1);
      const out = child.output();
      expect(out.match(/Discord no longer accepts DISCORD_TOKEN/g)).toHaveLength(1);
      expect(out).toContain(`401 Unauthorized from POST /channels/:id/messages`);
      // The knowledge problem and the failed post are warnings of their own; the token is the one error.
      expect(warningsAndErrors(out)).toHaveLength(3);
      expect(warningsAndErrors(out)).toEqual(expect.arrayContaining([
        expect.stringMatching(/^broken\.md:1: /),
        'could not post knowledge problems to the moderators’ channel',
        expect.stringMatching(/^Discord no longer accepts DISCORD_TOKEN \(401 Unauthorized/),
      ]));
      expect(own.requests.some((r) => r.path === `/channels/${modLogId}/messages` && r.status === 401)).toBe(true);
    } finally {
      child.kill('SIGKILL');
      await own.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
