/** Text normalisation shared by every index, so a query and what it is matched against agree. */

/** Lowercase, no accents, apostrophes dropped ("B'ham" → "bham"), other punctuation as spaces. */
export function normalize(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’‘`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const STOPWORDS = new Set(
  'a an and are as at be been but by for from had has have he her his i in is it its of on or our she that the their them they this to was we were which who will with would you'.split(' '),
);

/** Crude plural folding: "workers" finds "worker", "cuts" finds "cut"; enough for news English. */
export function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us')) return word.slice(0, -1);
  return word;
}

/** Search terms of a text: normalised, stemmed, without stopwords. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const word of normalize(text).split(' ')) {
    if (word.length < 2 || STOPWORDS.has(word)) continue;
    out.push(stem(word));
  }
  return out;
}

/**
 * The one clip: cuts text to at most `max` characters at a word boundary, with an ellipsis when cut. It may
 * be given text already escaped for Discord, so a trailing backslash (it would escape the ellipsis) and a lone
 * high surrogate (invalid text) are dropped with the cut.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return '…'.slice(0, max);
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  const kept = (space > max * 0.6 ? cut.slice(0, space) : cut)
    .replace(/[\s,;:.–-]+$/, '')
    .replace(/\\+$/, '')
    .replace(/[\uD800-\uDBFF]$/, '');
  return `${kept}…`;
}

/**
 * A window of at most `max` characters around text[start, end) (a figure in its sentence): about a third
 * of the room before it and the rest after, cut at word boundaries, with an ellipsis where cut. The
 * figure itself is never cut unless it alone is longer than `max`.
 */
export function clipAround(text: string, start: number, end: number, max: number): string {
  if (text.length <= max) return text;
  if (end - start >= max - 2) return clip(text.slice(start), max);
  const room = max - (end - start) - 2; // two ellipses at most
  let from = Math.max(0, start - Math.floor(room / 3));
  let to = Math.min(text.length, from + (end - start) + room);
  from = Math.max(0, Math.min(from, to - (end - start) - room));
  // Move each cut back to a space inside the window, unless that would lose most of the context.
  // Only 20 characters are searched: a text without spaces must not cost a scan per figure.
  if (from > 0) {
    const space = text.slice(from, Math.min(from + 20, start)).indexOf(' ');
    if (space >= 0) from += space + 1;
  }
  if (to < text.length) {
    const space = text.slice(Math.max(to - 20, end), to).lastIndexOf(' ');
    if (space >= 0) to = Math.max(to - 20, end) + space;
  }
  const body = text.slice(from, to).trim();
  return `${from > 0 ? '…' : ''}${body}${to < text.length ? '…' : ''}`;
}

const PLAIN = /^[A-Za-z0-9]+$/;

/** Marks a word of `markedPlaceWords` that was written with a capital. */
export const CAPITAL = '^';

/**
 * The text's words, normalised, each one written with a capital marked by a leading `CAPITAL`: what
 * finding place names in an article needs (a place name starts with a capital), in one string a
 * worker thread can hand over cheaply.
 */
export function markedPlaceWords(text: string): string {
  const out: string[] = [];
  for (const m of text.replace(/&/g, ' and ').matchAll(/[\p{L}\p{N}'’‘`]+/gu)) {
    // Most words are plain ASCII letters and digits, whose normal form is their lower case: twice as fast over a whole article.
    if (PLAIN.test(m[0])) {
      const first = m[0].charCodeAt(0);
      out.push(first >= 65 && first <= 90 ? CAPITAL + m[0].toLowerCase() : m[0].toLowerCase());
      continue;
    }
    const capital = /^\p{Lu}/u.test(m[0]);
    for (const w of normalize(m[0]).split(' ')) if (w) out.push(capital ? CAPITAL + w : w);
  }
  return out.join(' ');
}
