/** Downloads an attachment, refusing it as soon as it proves larger than allowed. */

export type Downloaded = { ok: true; bytes: Uint8Array } | { ok: false; reason: string };

export async function downloadAttachment(url: string, maxBytes: number, timeoutMs = 15_000): Promise<Downloaded> {
  if (!/^https?:\/\//i.test(url)) return { ok: false, reason: 'its address is not a web address' };
  const tooBig = (bytes: number) => ({ ok: false as const, reason: `it is ${Math.ceil(bytes / 1024)} KB or more; a knowledge file may be at most ${maxBytes / 1024} KB` });
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    return { ok: false, reason: `it could not be downloaded (${error instanceof Error ? error.message : String(error)})` };
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
