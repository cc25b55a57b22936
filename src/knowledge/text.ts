/** Text normalisation shared by every index, so a query and what it is matched against agree. */

/** Lowercase, no accents, apostrophes dropped ("B'ham" → "bham"), "&" as "and", other punctuation as spaces. */
export function normalize(text: string): string {
  return normalizedWords(text).join(' ');
}

/** The words of `normalize(text)`: one pass by char code, not three regex replaces (every index's text goes through here). */
function normalizedWords(text: string): string[] {
  // ASCII text has no accents to take off (and NFKD leaves it as it is).
  const lower = (ASCII.test(text) ? text : text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')).toLowerCase();
  const words: string[] = [];
  let word = ''; // the word so far: runs of a-z0-9 joined across apostrophes
  let run = -1; // where the current run started
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : -1;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (run < 0) run = i;
      continue;
    }
    if (run >= 0) word += lower.slice(run, i);
    run = -1;
    if (c === 39 || c === 96 || c === 0x2018 || c === 0x2019) continue;
    if (word !== '') words.push(word);
    word = '';
    if (c === 38) words.push('and');
  }
  return words;
}

const ASCII = /^[\x00-\x7f]*$/;

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
  for (const word of normalizedWords(text)) {
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

/** Marks a word of `markedPlaceWords` that was written with a capital. */
export const CAPITAL = '^';

/**
 * The text's words, normalised, each one written with a capital marked by a leading `CAPITAL`: what
 * finding place names in an article needs (a place name starts with a capital), in one string a
 * worker thread can hand over cheaply.
 */
export function markedPlaceWords(text: string): string {
  const source = text.includes('&') ? text.replace(/&/g, ' and ') : text;
  const out: string[] = [];
  // The words are the runs of letters, digits and apostrophes (/[\p{L}\p{N}'’‘`]+/u), found by char code: a
  // regex scan made most of this function's time, and most words are plain ASCII.
  for (let i = 0; i < source.length; ) {
    if (charKind(source, i) === NOT_WORD) {
      i += charSize(source, i);
      continue;
    }
    let end = i;
    let plain = true; // ASCII letters and digits only: its normal form is its lower case
    let ascii = true; // and apostrophes: its normal form is its lower case without them
    for (let kind = charKind(source, end); kind !== NOT_WORD; kind = charKind(source, end)) {
      if (kind !== ALNUM) plain = false;
      if (kind === OTHER) ascii = false;
      end += charSize(source, end);
    }
    const word = source.slice(i, end);
    i = end;
    const first = word.charCodeAt(0);
    const capital = first < 128 ? first >= 65 && first <= 90 : CAPITALISED.test(word);
    if (plain || ascii) {
      const w = plain ? word.toLowerCase() : word.replace(APOSTROPHES, '').toLowerCase();
      if (w) out.push(capital ? CAPITAL + w : w);
      continue;
    }
    for (const w of normalizedWords(word)) out.push(capital ? CAPITAL + w : w);
  }
  return out.join(' ');
}

const NOT_WORD = 0;
const ALNUM = 1;
const APOSTROPHE = 2;
const OTHER = 3;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const CAPITALISED = /^\p{Lu}/u;
const APOSTROPHES = /['’‘`]/g;

/** 2 at a surrogate pair (one code point), else 1. */
function charSize(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff || i + 1 >= text.length) return 1;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
}

/** What the code point at `i` is to a word: an ASCII letter or digit, an apostrophe, another letter or digit, or none. */
function charKind(text: string, i: number): number {
  if (i >= text.length) return NOT_WORD;
  const c = text.charCodeAt(i);
  if (c < 128) {
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) return ALNUM;
    return c === 39 || c === 96 ? APOSTROPHE : NOT_WORD;
  }
  if (c === 0x2018 || c === 0x2019) return APOSTROPHE;
  return LETTER_OR_DIGIT.test(text.slice(i, i + charSize(text, i))) ? OTHER : NOT_WORD;
}
