/**
 * The one escape for text the bot did not write (members' queries, article text, file names, YAML
 * keys, consultation titles) before Discord renders it. Without it a member's query such as
 * `care [Sign the official petition](https://qx.qx)` would come back as a live, disguised link in a
 * public answer. Every rule below is a single pass over the text (linear time).
 */

// Bidi embeddings, overrides, isolates and marks, and zero-width characters: invisible, and used to
// make echoed text read other than it is (a file name shown backwards, a hidden break in a word).
const INVISIBLE = /[\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0]/g;

export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

export function escapeText(text: string): string {
  return (
    stripInvisible(text)
      // Inline formatting, code, spoilers, masked links (`[…](…)`) and everything in `<…>` (mentions
      // `<@id>` `<@&id>` `<#id>`, timestamps, `<https://…>`, custom emoji). A backslash before any of
      // them shows the character itself; escaping every one is what keeps this a single pass
      // (discord.js's escapeMarkdown has look-behinds that go quadratic on long lines).
      .replace(/[\\*_~|`[\]<>]/g, '\\$&')
      // What only counts at the start of a line: headings, subtext, quotes, lists.
      .replace(/^([ \t]*)(#|-|\+|\d{1,9}\.)/gm, '$1\\$2')
      .replace(/@(everyone|here)\b/gi, '\\@$1')
      // A bare URL becomes a live link; an escaped colon shows the same text but links nowhere.
      .replace(/\b([a-z][a-z0-9+.-]{1,20}):\/\//gi, '$1\\://')
  );
}

/**
 * A URL that is safe to show as `<url>` or inside `[…](<url>)`: http(s) only (never `javascript:`
 * or `data:`), with the characters that would end the link early percent-encoded. Null otherwise.
 */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  const cleaned = stripInvisible(url.trim());
  let parsed: URL;
  try {
    parsed = new URL(cleaned);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return cleaned.replace(/[()\s<>[\]]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
