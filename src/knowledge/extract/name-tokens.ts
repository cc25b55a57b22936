/** The words a person's name is made of: name words, middle initials and particles, titles, possessors, capitals. */
import { TITLES } from './words.js';

const NAME_TOKEN = /^(?:Mc|Mac|O’|O'|D’|D')?\p{Lu}[\p{L}’'-]*\p{Ll}$/u;
export const POSSESSIVE = /[’']s$/;

// After a hyphen a name goes on capitalised ("Smith-Jones"); "Mum-of-two" and "Labour-run" describe someone.
const LOWER_AFTER_HYPHEN = /-\p{Ll}/u;

export function isNameToken(token: string): boolean {
  return NAME_TOKEN.test(token) && !LOWER_AFTER_HYPHEN.test(token);
}

// "John F. Smith", "Jo van der Berg", "Tom de Souza": a middle initial or a particle, part of a name only between name words.
// "David A Bithell": papers drop the full stop too; only between two name words is a lone capital an initial.
const INITIAL = /^\p{Lu}\.?$/u;
const PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'da', 'di', 'du', 'del', 'della', 'dos', 'das', 'le', 'la', 'ter', 'ten', 'bin', 'al']);

export function isInitial(token: string): boolean {
  return INITIAL.test(token) || PARTICLES.has(token);
}

/** A particle ("van", "de") opening a surname after a title: "Ms van der Berg". */
export function isParticle(token: string): boolean {
  return PARTICLES.has(token);
}

/** Name words, with initials and particles only inside: "John F. Smith", never "F. Smith" or "John F.". */
export function isNameRun(tokens: string[]): boolean {
  return tokens.every((t, k) => isNameToken(t) || (k > 0 && k < tokens.length - 1 && isInitial(t)));
}

const CAPS_WORD = /^\p{Lu}[\p{Lu}’'-]*\p{Lu}$/u;

/**
 * "SMITH", "JOHN SMITH": a name printed in capitals (a transcript line, a shouty lead), as it is written
 * otherwise; null when the words are not all capitals. An acronym looks the same, so callers use this only
 * for a person the article has named or a first name a reader knows.
 */
export function fromCapitals(text: string): string | null {
  const tokens = text.split(/\s+/);
  if (tokens.length === 0 || tokens.length > 3 || !tokens.every((t) => CAPS_WORD.test(t))) return null;
  return tokens.map((t) => t.toLowerCase().replace(/(^|[-’'])(\p{Ll})/gu, (_, sep: string, c: string) => sep + c.toUpperCase()).replace(/^(Ma?c)(\p{Ll})/u, (_, mc: string, c: string) => mc + c.toUpperCase())).join(' ');
}

/** "Hartley Law’s": the possessor, not part of the name that follows. */
export function isPossessive(token: string): boolean {
  return POSSESSIVE.test(token);
}

export const UPPER = /^\p{Lu}/u;

/** `UPPER.test(token)`, with ASCII decided without the regex: the name rules ask it of nearly every word. */
export function startsUpper(token: string): boolean {
  const c = token.charCodeAt(0);
  return c < 128 ? c >= 65 && c <= 90 : UPPER.test(token);
}

export function titleOf(token: string): string | null {
  if (token.length > 15 || !startsUpper(token)) return null; // titles are short ("Superintendent." the longest) and capitalised
  const t = (token.endsWith('.') ? token.slice(0, -1) : token).toLowerCase();
  return Object.hasOwn(TITLES, t) ? t : null;
}

