/**
 * Downloads an attachment from Discord's attachment hosts only, refusing it as soon as it proves
 * larger than allowed. The URL comes from the interaction payload, which whoever can reach the bot's
 * endpoint controls: without the host check and with redirects followed, `/kb upload` could be made
 * to fetch from inside the bot's network.
 */

export type Downloaded = { ok: true; bytes: Uint8Array } | { ok: false; reason: string };

export interface DownloadOptions {
  maxBytes: number;
  /** Allowed `host` values (name, or name:port), e.g. cdn.discordapp.com. */
  hosts: readonly string[];
  timeoutMs?: number;
}

export async function downloadAttachment(url: string, { maxBytes, hosts, timeoutMs = 15_000 }: DownloadOptions): Promise<Downloaded> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: 'its address is not a web address' };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return { ok: false, reason: 'its address is not a web address' };
  if (!hosts.includes(parsed.host.toLowerCase())) {
    return { ok: false, reason: `it is not on Discord's attachment servers (${parsed.host}); attach the file to the command itself` };
  }
  const tooBig = (bytes: number) => ({ ok: false as const, reason: `it is ${Math.ceil(bytes / 1024)} KB or more; a knowledge file may be at most ${maxBytes / 1024} KB` });
  let response: Response;
  try {
    response = await fetch(parsed, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
  } catch (error) {
    return { ok: false, reason: `it could not be downloaded (${error instanceof Error ? error.message : String(error)})` };
  }
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel().catch(() => undefined);
    return { ok: false, reason: `its address redirects elsewhere (HTTP ${response.status}), and redirects are not followed` };
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel().catch(() => undefined);
    return { ok: false, reason: `it could not be downloaded (HTTP ${response.status})` };
  }
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await response.body.cancel().catch(() => undefined);
    return tooBig(declared);
  }
  // The declared length can be missing or wrong: count what actually arrives.
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return tooBig(total);
      }
      chunks.push(value);
    }
  } catch (error) {
    return { ok: false, reason: `the download failed (${error instanceof Error ? error.message : String(error)})` };
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}
