/**
 * The checks a plain-text article passes before drafting, shared by `kb import` (a file on disk) and
 * `/kb upload` (an attachment), so both refuse the same files with the same words.
 */
export type PlainText = { ok: true; text: string } | { ok: false; message: string };

export function readPlainText(bytes: Uint8Array, name: string): PlainText {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, message: `${name}: is not valid UTF-8 text (save it as UTF-8)` };
  }
  if (text.includes('\u0000')) return { ok: false, message: `${name}: is binary, not a text file` };
  if (text.replace(/^\uFEFF/, '').trimStart().startsWith('---')) {
    return { ok: false, message: `${name}: already has front matter; it is a knowledge file, not plain text (check it with kb check)` };
  }
  return { ok: true, text };
}
