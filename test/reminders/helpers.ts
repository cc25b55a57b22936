import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MessageBody, Poster, PostResult } from '../../src/reminders/poster.js';
import type { SchedulerLog } from '../../src/reminders/scheduler.js';
import { openStore, type SqliteStore } from '../../src/reminders/store.js';

export const GUILD = '100000000000000001';
export const OTHER_GUILD = '100000000000000002';
export const CHANNEL = '200000000000000001';
export const FALLBACK = '200000000000000009';
export const ROLE = '300000000000000001';
export const ORGANISER = '400000000000000001';
export const MEMBER = '400000000000000002';

/** A real database file in a fresh temp dir; `cleanup` closes every store opened through it. */
export function tempDb() {
  const dir = mkdtempSync(join(tmpdir(), 'cutsbot-rem-'));
  const file = join(dir, 'cutsbot.db');
  const opened: SqliteStore[] = [];
  return {
    dir,
    file,
    open(): SqliteStore {
      const s = openStore({ file });
      opened.push(s);
      return s;
    },
    cleanup() {
      for (const s of opened) {
        try {
          s.close();
        } catch {
          /* already closed */
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function fakeClock(iso: string) {
  let t = Date.parse(iso);
  return {
    now: () => t,
    set(isoOrMs: string | number) {
      t = typeof isoOrMs === 'number' ? isoOrMs : Date.parse(isoOrMs);
    },
    advance(ms: number) {
      t += ms;
    },
  };
}

export interface PostedMessage {
  id: string;
  channelId: string;
  body: MessageBody;
}

/**
 * Stands in for Discord: a message per nonce (with enforce_nonce a repeated nonce returns the first
 * message), and scripted failures per call.
 */
export function fakePoster() {
  const messages: PostedMessage[] = [];
  const calls: { channelId: string; body: MessageBody }[] = [];
  const script: (PostResult | 'ok')[] = [];
  const gone = new Set<string>();
  let gate: Promise<void> | null = null;
  let seq = 0;
  const poster: Poster = {
    async findPosted(channelId, marker) {
      const found = [...messages].reverse().find((m) => m.channelId === channelId && m.body.content.split('\n').includes(marker));
      return { ok: true, messageId: found?.id ?? null };
    },
    async post(channelId, body) {
      calls.push({ channelId, body });
      if (gate) await gate;
      const next = script.shift();
      if (next && next !== 'ok') return next;
      if (gone.has(channelId)) return { ok: false, kind: 'permanent', reason: 'gone', error: '404 10003: Unknown Channel' };
      const dup = messages.find((m) => m.channelId === channelId && m.body.nonce === body.nonce);
      if (dup && body.enforce_nonce) return { ok: true, messageId: dup.id };
      const id = String(900000000000000000n + BigInt(++seq));
      messages.push({ id, channelId, body });
      return { ok: true, messageId: id };
    },
  };
  return {
    poster,
    messages,
    calls,
    /** Results for the next calls, in order; 'ok' lets a call through. */
    fail(...results: (PostResult | 'ok')[]) {
      script.push(...results);
    },
    deleteChannel(id: string) {
      gone.add(id);
    },
    /** Holds every post until the returned function is called. */
    hold(): () => void {
      let release!: () => void;
      gate = new Promise<void>((r) => (release = r));
      return () => {
        gate = null;
        release();
      };
    },
  };
}

export function captureLog() {
  const lines: { level: string; obj: object; msg?: string }[] = [];
  const log: SchedulerLog = {
    info: (obj, msg) => lines.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => lines.push({ level: 'warn', obj, msg }),
    error: (obj, msg) => lines.push({ level: 'error', obj, msg }),
  };
  return { log, lines };
}

export const organiser = { userId: ORGANISER, hasManageEvents: true, roleIds: [] as string[] };
export const member = { userId: MEMBER, hasManageEvents: false, roleIds: [] as string[] };
