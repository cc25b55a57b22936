/**
 * HTTP plumbing shared by the emulator's parts: ids, Discord-style errors, request bodies.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { UploadedFile } from './types.js';

const DISCORD_EPOCH = 1420070400000n;
let increment = 0n;
export function snowflake(at = Date.now()): string {
  increment = (increment + 1n) % 4096n;
  return ((BigInt(at) - DISCORD_EPOCH) << 22n | (1n << 17n) | increment).toString();
}

export function randomToken(): string {
  const id = Buffer.from(snowflake()).toString('base64url');
  return `${id}.${randomBytes(4).toString('base64url')}.${randomBytes(27).toString('base64url')}`;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: { code: number; message: string; errors?: unknown },
  ) {
    super(body.message);
  }
}

export const unknown = (what: string, code: number) => new HttpError(404, { code, message: `Unknown ${what}` });

/** Builds Discord's nested `errors` object from dotted paths, e.g. `embeds.0.description`. */
export function formErrors(problems: Problem[]): HttpError {
  const errors: Record<string, unknown> = {};
  for (const p of problems) {
    let node = errors;
    for (const key of p.path.split('.')) node = (node[key] ??= {}) as Record<string, unknown>;
    const list = ((node._errors as unknown[]) ??= []);
    list.push({ code: p.code ?? 'BASE_TYPE_BAD_LENGTH', message: p.message });
  }
  return new HttpError(400, { code: 50035, message: 'Invalid Form Body', errors });
}

export interface Problem {
  path: string;
  message: string;
  code?: string;
}

export const len = (v: unknown) => (typeof v === 'string' ? v.length : 0);

/** Just enough multipart/form-data parsing for discord.js uploads: `payload_json` plus files. */
export function parseMultipart(raw: Buffer, contentType: string): { json: unknown; files: UploadedFile[] } {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const mark = Buffer.from(`--${boundary?.[1] ?? boundary?.[2] ?? ''}`);
  const files: UploadedFile[] = [];
  let json: unknown = null;
  let at = raw.indexOf(mark);
  while (at >= 0) {
    const start = at + mark.length;
    if (raw.subarray(start, start + 2).toString() === '--') break;
    const next = raw.indexOf(mark, start);
    if (next < 0) break;
    const part = raw.subarray(start + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, split).toString('utf8');
    const data = part.subarray(split + 4);
    const name = /name="([^"]*)"/i.exec(head)?.[1] ?? '';
    const filename = /filename="([^"]*)"/i.exec(head)?.[1];
    const type = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1] ?? null;
    if (filename !== undefined) files.push({ field: name, filename, contentType: type, data: Buffer.from(data) });
    else if (name === 'payload_json') json = JSON.parse(data.toString('utf8'));
    at = next;
  }
  return { json, files };
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

