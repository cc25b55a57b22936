import { mkdtempSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config.js';
import { createLogger, type Logger } from '../../src/log.js';
import { afterAll, afterEach, expect } from 'vitest';
import type { RunningBot } from '../../src/main.js';
import type { Emulator, InteractionReply, SentMessage } from './emulator.js';

const dataDirs: string[] = [];
process.once('exit', () => dataDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cutsbot-data-'));
  dataDirs.push(dir);
  return dir;
}

/** A config as `npm start` would build it from the environment, pointed at the emulator. */
export function emulatorConfig(emulator: Emulator, env: Record<string, string | undefined> = {}): Config {
  return loadConfig({
    DISCORD_TOKEN: emulator.token,
    DISCORD_APPLICATION_ID: emulator.applicationId,
    DISCORD_API_BASE: emulator.apiBase,
    LOG_LEVEL: 'debug',
    // Each bot gets its own reminders database, so tests never share or leave one in the repo.
    DATA_DIR: tempDataDir(),
    ...env,
  });
}

export interface CapturedLog {
  logger: Logger;
  lines: Record<string, unknown>[];
  text(): string;
}

/** A real pino logger whose JSON lines are kept for the test to read. */
export function captureLog(): CapturedLog {
  const raw: string[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (s: string) => void raw.push(s) } });
  return {
    logger,
    get lines() {
      return raw.map((s) => JSON.parse(s) as Record<string, unknown>);
    },
    text: () => raw.join(''),
  };
}

/** Everything a member reads in one message: embed titles, descriptions, fields and footers, and the content. */
export function visibleText(message: SentMessage): string {
  const parts = [message.content];
  for (const e of message.embeds) {
    parts.push(e.title ?? '', e.description ?? '');
    for (const f of e.fields ?? []) parts.push(f.name, f.value);
    parts.push(e.footer?.text ?? '');
  }
  return parts.filter(Boolean).join('\n');
}

/** What Discord displays of escaped text: `\[named\]` shows as `[named]`. */
export function shownText(message: SentMessage): string {
  return visibleText(message).replace(/\\([^\w\s])/g, '$1');
}

/** The emulator is strict: a route it does not know, or a body Discord would refuse, fails the test. */
export function expectNoStrayRequests(emulator: Emulator): void {
  expect(emulator.unknownRequests.map((r) => `${r.method} ${r.path}`)).toEqual([]);
  expect(emulator.rejectedRequests.map((r) => [r.method, r.path, r.error])).toEqual([]);
}

/** The one message an interaction showed the member. */
export function onlyMessage(reply: InteractionReply): SentMessage {
  expect(reply.messages).toHaveLength(1);
  return reply.messages[0]!;
}

/**
 * The links Discord would make live in `text`: masked links `[label](url)` and bare URLs, read the
 * way Discord's markdown reads them (a backslash makes the next punctuation character literal).
 */
export function liveLinks(text: string): string[] {
  const plain = text.replace(/\\[^\sA-Za-z0-9]/g, '\u0000');
  const masked = [...plain.matchAll(/\[[^\]\n]*\]\(\s*<?([a-z][\w+.-]*:[^)\s>]*)/gi)].map((m) => m[0]);
  const bare = [...plain.matchAll(/\b[a-z][\w+.-]*:\/\/[^\s<]+/gi)].map((m) => m[0]);
  return [...masked, ...bare];
}

/** Mentions Discord would render (`<@id>`, `<@&id>`, `<#id>`, `@everyone`, `@here`) in `text`. */
export function liveMentions(text: string): string[] {
  const plain = text.replace(/\\[^\sA-Za-z0-9]/g, '\u0000');
  return [...plain.matchAll(/<(?:@[!&]?|#)\d+>|@everyone|@here/g)].map((m) => m[0]);
}

/**
 * The end every bot-against-emulator file shares: each test leaves no stray request, and afterwards
 * the bot stops, the emulator closes and the test's folder goes. `state` is read when they run.
 */
export function cleanUpAfter(state: () => { bot?: RunningBot | undefined; emulator?: Emulator | undefined; dir?: string | undefined }): void {
  afterEach(() => expectNoStrayRequests(state().emulator!));
  afterAll(async () => {
    const { bot, emulator, dir } = state();
    await bot?.stop();
    await emulator?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });
}
