/** Recognising people's names: name runs, organisations, places and possessors (people in narrative: narrative-names.ts). */
import { fromCapitals, isInitial, isNameRun, isNameToken, isParticle, isPossessive, POSSESSIVE, titleOf } from './name-tokens.js';
import { MONTHS, ORG_WORDS, ROLE_NOUNS, TITLES, type Gender } from './words.js';

export { fromCapitals, isInitial, isNameRun, isNameToken, isParticle, isPossessive, titleOf };

/**
 * Where a name starts in a capitalised run that opens with a role ("General Secretary Andrea Bradley", "Chief
 * Executive Jane Smith"): after the last role word that leaves at least two words. 0 when there is none.
 */
export function nameStart(run: string[]): number {
  for (let k = run.length - 3; k >= 0; k--) if (ROLE_NOUNS.has(run[k]!.toLowerCase()) || PARTY_WORDS.has(run[k]!)) return k + 1;
  return 0;
}

// "Liberal Democrat Jo Bell", "Labour Jo Bell": a party before a name says who they are; no one's name holds it.
const PARTY_WORDS = new Set(['Labour', 'Conservative', 'Tory', 'Democrat', 'Dem', 'Green', 'Greens', 'SNP', 'Plaid', 'Cymru', 'Reform', 'Independent', 'Ukip', 'UKIP', 'Alliance', 'DUP', 'SDLP']);
// "Liberal Democrats warned", "Lib Dems said": a party named by its members in the plural is a body, never a person.
const PARTY_PLURALS = new Set(['Democrats', 'Dems', 'Conservatives', 'Tories', 'Greens', 'Liberals', 'Nationalists', 'Unionists', 'Republicans', 'Independents', 'Socialists']);

// A campaign is named by what it wants done ("Save Aberdeen Libraries", "Stop the Cuts"): no person's name opens with an imperative.
const CAMPAIGN_VERBS = new Set(['Save', 'Stop', 'Keep', 'Protect', 'Defend', 'Fight', 'Scrap', 'Reopen']);

// Nations and regions ("Historic England", "Arriva North West", "Unison Yorkshire"): a body's name, never a person's.
const REGIONS = new Set(['England', 'Scotland', 'Wales', 'Britain', 'Ireland', 'Cymru', 'Midlands', 'Yorkshire']);
const COMPASS = new Set(['North', 'South', 'East', 'West']);

// "Liberal Democrat", "Lib Dem", "Plaid Cymru", "Clifton Independent": a party's name, never a person's ("Green" is a surname too).
const PARTY_ENDS = new Set([...PARTY_WORDS].filter((w) => w !== 'Green'));

export function isOrgLike(tokens: string[]): boolean {
  if (tokens.length > 1 && CAMPAIGN_VERBS.has(tokens[0]!)) return true;
  if (tokens.length > 1 && PARTY_ENDS.has(tokens.at(-1)!)) return true;
  if (tokens.some((t) => PARTY_PLURALS.has(t))) return true;
  if (tokens.length > 1 && tokens.some((t, i) => REGIONS.has(t) || (i > 0 && COMPASS.has(tokens[i - 1]!) && (COMPASS.has(t) || t === 'Midlands')))) return true;
  // A plural inside a capitalised phrase makes it a group ("Bus Users Shropshire"); a surname is never plural there.
  return tokens.some(
    (t, i) => ORG_WORDS.has(t.toLowerCase().replace(/[’']s$/, '')) || /^\p{Lu}{2,}$/u.test(t) || (i < tokens.length - 1 && tokens.length > 1 && isGroupNoun(t)),
  );
}

/**
 * Reads "Title? First Last" from tokens that are all name-like. Returns null when the phrase is not a
 * person's name (an organisation, or not capitalised).
 */
export function parseName(tokens: string[]): { name: string; gender: Gender | null } | null {
  let rest = tokens;
  let gender: Gender | null = null;
  const title = rest[0] ? titleOf(rest[0]) : null;
  if (title !== null && rest.length > 1) {
    gender = TITLES[title] ?? null;
    rest = rest.slice(1);
  }
  // "Ms van der Berg": after a title a surname may open with its particles.
  const particles = title !== null ? rest.findIndex((t) => !isParticle(t)) : 0;
  if (rest.length === 0 || rest.length > 4 || particles < 0 || !isNameRun(rest.slice(particles)) || isOrgLike(rest.filter((t) => !isInitial(t)))) return null;
  if (rest.slice(0, -1).some(isPossessive) || isPossessive(rest.at(-1)!)) return null;
  // "Last May Jane Smith": a month or weekday opens a date, not a name (but "Theresa May" is a name).
  if (rest.length > 1 && MONTHS.has(rest[0]!.toLowerCase())) return null;
  return { name: rest.join(' '), gender };
}

/** "Hartley Law’s" before a name: the capitalised words ending in the possessive at `end`, without the ’s. */
export function possessor(words: string[], end: number): string {
  let k = end;
  while (k > 0 && end - k < 3 && isNameToken(words[k - 1]!) && !isPossessive(words[k - 1]!)) k--;
  return words.slice(k, end + 1).join(' ').replace(POSSESSIVE, '');
}

// Words that make a capitalised run a place ("North East Somerset", "Westshire", "Eastmere Vale"), not a person.
const PLACE_STARTS = new Set(['North', 'South', 'East', 'West', 'New', 'Great', 'Little', 'Upper', 'Lower', 'Saint', 'Port', 'Fort', 'Mount', 'Lake']);
const PLACE_ENDS = new Set(['Vale', 'Valley', 'Bay', 'Island', 'Isles']);

export function isPlaceLike(run: string[]): boolean {
  return PLACE_STARTS.has(run[0]!) || PLACE_ENDS.has(run.at(-1)!) || run.some((t) => /shire$/.test(t));
}

/**
 * A lone capitalised plural such as "Campaigners" or "Residents" opening a sentence is a group, not a
 * surname, unless the article has already named someone so.
 */
export function isGroupNoun(word: string): boolean {
  return /(?:ers|ists|ants|ents|ors|ics|ies|ials|ves|ees)$/.test(word);
}
