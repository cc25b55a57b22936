/**
 * Every match of a global pattern in a text, in order: what `text.matchAll(pattern)` gives, collected in one pass.
 * `matchAll` copies the pattern on every call (a new RegExp and an iterator), which costs more than the search itself
 * where, as in most sentences and paragraphs, there is little or nothing to find. The pattern's `lastIndex` is 0
 * before the search (as it is for a pattern only `matchAll` reads) and left at 0 after it, so callers never see one
 * another's position; the matches are all found before the caller's loop runs, so its body may use the same pattern.
 */
export function allMatches(pattern: RegExp, text: string): RegExpExecArray[] {
  if (!pattern.global) throw new TypeError(`allMatches needs a global pattern: ${pattern}`);
  const out: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    out.push(m);
    // An empty match moves the search on one character (one code point with the u flag), as matchAll does.
    if (m[0] === '') pattern.lastIndex = nextIndex(text, pattern.lastIndex, pattern.unicode || pattern.flags.includes('v'));
  }
  return out;
}

function nextIndex(text: string, at: number, unicode: boolean): number {
  if (!unicode || at + 1 >= text.length) return at + 1;
  const c = text.charCodeAt(at);
  return c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(at + 1) & 0xfc00) === 0xdc00 ? at + 2 : at + 1;
}
