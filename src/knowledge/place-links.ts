import { createHash } from 'node:crypto';
import { normalizedOf, type ArticleText } from './article-parts.js';
import type { Gazetteer } from './gazetteer.js';
import type { PlaceEntry } from './knowledge-base.js';
import { nameKey } from './name-keys.js';
import { nationalPlacesSteps } from './national-places.js';
import type { Article } from './schema.js';
import type { Steps } from './sliced.js';
import { CAPITAL } from './text.js';

/** "Blaenau Gwent County Borough Council" → "Blaenau Gwent": the name people use for a council's area. */
export function placeNameOfCouncil(council: string): string {
  const stripped = council
    .replace(/\b(?:metropolitan\s+)?(?:county\s+borough|city|county|borough|district|metropolitan\s+borough)?\s*council\b/i, '')
    .replace(/^(?:the\s+)?(?:city|county|borough)\s+of\s+/i, '')
    .trim();
  return stripped || council;
}

/** What linking found, kept beside a knowledge base's places so a reload can link a few articles again without linking them all. */
interface LinkState {
  /** Every name → the position in the places of the place it names. */
  lookup: ReadonlyMap<string, number>;
  /** The names in `lookup` that articles brought (councils and towns the gazetteer does not know). */
  extra: ReadonlySet<string>;
  shared: ReadonlySet<string>;
  starts: ReadonlySet<string>;
  sig: string;
  /** The regions and nations made from these places. */
  regions: PlaceEntry[];
}

const links = new WeakMap<readonly PlaceEntry[], LinkState>();

export function rememberRegions(places: readonly PlaceEntry[], regions: PlaceEntry[]): void {
  const state = links.get(places);
  if (state) state.regions = regions;
}

export const regionsOf = (places: readonly PlaceEntry[]): PlaceEntry[] | undefined => links.get(places)?.regions;

/**
 * Ties articles to places: by their council, by the towns in their front matter, and (as mentions)
 * by gazetteer names found in their text. A council missing from the gazetteer still gets a place.
 */
export function* linkPlaces(articles: readonly Article[], gazetteer: Gazetteer, textOf: (a: Article) => ArticleText): Steps<PlaceEntry[]> {
  const places = yield* nationalPlacesSteps(gazetteer);
  const lookup = new Map<string, PlaceEntry>();
  // Names of two places (Newport): an article's own places settle them, a mere mention does not.
  const shared = new Set<string>();
  // Names registered once articles are being linked (their councils and towns not in the gazetteer).
  let extra: Set<string> | null = null;
  const register = (name: string, place: PlaceEntry) => {
    const key = nameKey(name);
    if (key && !lookup.has(key)) {
      lookup.set(key, place);
      extra?.add(key);
    }
    else if (key && lookup.get(key) !== place) shared.add(key);
  };
  const registerAll = (p: PlaceEntry) => {
    register(p.name, p);
    register(p.council, p);
    register(placeNameOfCouncil(p.council), p);
    p.aliases.forEach((a) => register(a, p));
  };
  places.forEach(registerAll);
  // Towns after names, so a town never shadows a council area of the same name.
  places.forEach((p) => p.towns.forEach((t) => register(t, p)));

  extra = new Set();
  // Sets beside the lists: `includes` on a popular place's list made linking quadratic in the number of articles.
  const linked = new Map<string[], Set<string>>();
  const has = (list: string[], id: string) => linked.get(list)?.has(id) ?? false;
  const link = (list: string[], id: string) => {
    let set = linked.get(list);
    if (!set) linked.set(list, (set = new Set(list)));
    if (set.has(id)) return;
    set.add(id);
    list.push(id);
  };
  for (const [i, article] of articles.entries()) {
    if (i % 64 === 63) yield;
    let home = lookup.get(nameKey(article.council)) ?? lookup.get(nameKey(placeNameOfCouncil(article.council)));
    if (!home) {
      home = { name: placeNameOfCouncil(article.council), council: article.council, towns: [], aliases: [], articleIds: [], mentionedIn: [] };
      places.push(home);
      registerAll(home);
    }
    link(home.articleIds, article.id);
    for (const name of article.places) {
      const key = nameKey(name);
      const place = home.towns.some((t) => nameKey(t) === key) ? home : lookup.get(key);
      if (place) link(place.articleIds, article.id);
      else {
        home.towns.push(name);
        register(name, home);
      }
    }
  }
  // Mentions: every run of one to four words in the text, starting with a capital, that is a known
  // place name. A run is only lengthened while it begins some name, so most words cost one lookup instead of four.
  const starts = new Set<string>();
  for (const key of lookup.keys()) {
    const words = key.split(' ');
    for (let n = 1; n <= Math.min(words.length, 4); n++) starts.add(words.slice(0, n).join(' '));
  }
  // An article's mentions are found again only when the names (or what they name) changed: one edit
  // elsewhere leaves them as they were, and scanning every article's words is most of a rebuild.
  yield;
  const sig = createHash('sha1')
    .update([...lookup].map(([key, place]) => `${key}\u0000${place.name}`).join('\u0001'))
    .update(`\u0002${[...shared].join('\u0001')}`)
    .digest('base64');
  for (const [i, article] of articles.entries()) {
    if (i % 16 === 15) yield;
    const text = textOf(article);
    if (text.mentions?.sig !== sig) {
      text.mentions = { sig, keys: findMentions(normalizedOf(text, article), starts, lookup, shared) };
    }
    text.normalized = null;
    for (const key of text.mentions.keys) {
      const place = lookup.get(key)!;
      if (!has(place.articleIds, article.id)) link(place.mentionedIn, article.id);
    }
  }
  const position = new Map(places.map((p, i) => [p, i]));
  links.set(places, { lookup: new Map([...lookup].map(([key, p]) => [key, position.get(p)!])), extra, shared, starts, sig, regions: [] });
  return places;
}

/** Every known place name in the text, in order of first appearance. */
function findMentions(marked: string, starts: ReadonlySet<string>, lookup: ReadonlyMap<string, unknown>, shared: ReadonlySet<string>): string[] {
  const found = new Set<string>();
  const words = marked.split(' ');
  for (let i = 0; i < words.length; i++) {
    // A name starts with a capital ("Newport", not "a new port"): `markedPlaceWords` marks those words.
    if (!words[i]!.startsWith(CAPITAL)) continue;
    let phrase = '';
    for (let n = 0; n < 4 && i + n < words.length; n++) {
      const word = words[i + n]!.startsWith(CAPITAL) ? words[i + n]!.slice(1) : words[i + n]!;
      phrase = n === 0 ? word : `${phrase} ${word}`;
      if (!starts.has(phrase)) break;
      if (lookup.has(phrase) && !shared.has(phrase)) found.add(phrase);
    }
  }
  return [...found];
}

/** The places an article is linked to (its council, its towns) and those it only mentions, by position; null if linking it would register a name. */
function linksOf(state: LinkState, places: readonly PlaceEntry[], article: Article, text: ArticleText): { linked: Set<number>; mentioned: Set<number> } | null {
  // Only names the gazetteer gave: a name an article brought depends on which article came first.
  const known = (key: string) => (state.extra.has(key) ? null : (state.lookup.get(key) ?? null));
  const first = nameKey(article.council);
  const home = state.lookup.has(first) ? known(first) : known(nameKey(placeNameOfCouncil(article.council)));
  if (home === null) return null;
  const linked = new Set([home]);
  const towns = places[home]!.towns.map(nameKey).filter((k) => !state.extra.has(k));
  for (const name of article.places) {
    const key = nameKey(name);
    const place = towns.includes(key) ? home : known(key);
    if (place === null) return null;
    linked.add(place);
  }
  if (text.mentions?.sig !== state.sig) {
    text.mentions = { sig: state.sig, keys: findMentions(normalizedOf(text, article), state.starts, state.lookup, state.shared) };
  }
  text.normalized = null;
  const mentioned = new Set<number>();
  for (const key of text.mentions.keys) {
    const place = state.lookup.get(key)!;
    if (!linked.has(place)) mentioned.add(place);
  }
  return { linked, mentioned };
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The places after some articles were removed and others added, as new objects for the places
 * whose articles changed (the old ones are still served): exactly what `linkPlaces` gives over the
 * new articles, or null when it cannot be had this way (an article brings or brought a name the
 * gazetteer does not know; then link them all).
 */
export function relinkPlaces(
  previous: readonly PlaceEntry[],
  removed: readonly { article: Article; text: ArticleText }[],
  added: readonly { article: Article; text: ArticleText }[],
): { places: PlaceEntry[]; replaced: Map<PlaceEntry, PlaceEntry> } | null {
  const state = links.get(previous);
  if (!state) return null;
  const gone = new Set<string>();
  const touched = new Set<number>();
  for (const { article, text } of removed) {
    const l = linksOf(state, previous, article, text);
    if (!l) return null;
    gone.add(article.id);
    [...l.linked, ...l.mentioned].forEach((p) => touched.add(p));
  }
  const linked = new Map<number, string[]>();
  const mentioned = new Map<number, string[]>();
  const push = (m: Map<number, string[]>, p: number, id: string) => (m.get(p) ?? m.set(p, []).get(p)!).push(id);
  for (const { article, text } of added) {
    const l = linksOf(state, previous, article, text);
    if (!l) return null;
    l.linked.forEach((p) => (touched.add(p), push(linked, p, article.id)));
    l.mentioned.forEach((p) => (touched.add(p), push(mentioned, p, article.id)));
  }
  const places = [...previous];
  const replaced = new Map<PlaceEntry, PlaceEntry>();
  for (const p of touched) {
    const old = previous[p]!;
    const articleIds = [...old.articleIds.filter((id) => !gone.has(id)), ...(linked.get(p) ?? [])].sort(byText);
    const mentionedIn = [...old.mentionedIn.filter((id) => !gone.has(id)), ...(mentioned.get(p) ?? [])].sort(byText);
    places[p] = { ...old, articleIds, mentionedIn };
    replaced.set(old, places[p]);
  }
  links.set(places, { ...state, regions: [] });
  return { places, replaced };
}
