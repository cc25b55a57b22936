import { nameKey } from './name-keys.js';
import Fuse from 'fuse.js';
import type { KnowledgeBase, PlaceEntry } from './knowledge-base.js';
import { allowedSlips, editDistance } from './edit-distance.js';
import { fuzzySearch } from './fuzzy.js';
import { fuseSteps } from './fuse-steps.js';
import { runSync, type Steps } from './sliced.js';
import { normalize } from './text.js';

/** How a query reached its place: the place's own name, its council's name, a nickname, or a town inside it. */
export type Via = 'name' | 'council' | 'alias' | 'town';
export const VIA_RANK: Record<Via, number> = { name: 0, council: 1, alias: 2, town: 3 };

export interface PlaceName {
  name: string;
  norm: string;
  place: PlaceEntry;
  via: Via;
}

export interface PlaceIndex {
  /** Normalised name → every place it names (more than one only when genuinely shared). */
  exact: Map<string, PlaceName[]>;
  /** Fuse over short names only: places, councils, aliases, towns (see the README's Performance section). */
  fuse: Fuse<PlaceName>;
  /** The names `fuse` searches, in its order. */
  records: PlaceName[];
  /** Each name (its position in `records`) under its normalised form and under each later word ("vale" → "Ebbw Vale"), sorted for prefix lookup. */
  prefixes: { key: string; rec: number }[];
  /**
   * Each name under itself and every form with one letter deleted. A query and a name one slip apart
   * share such a form, so most typos cost a few map lookups instead of a fuzzy scan of every name.
   * (Forms with two letters deleted would catch every two-slip typo too, but cost 28 MB at 3,000 names.)
   */
  deletions: Map<string, number[]>;
  /** The names of places with articles, for autocomplete's fuzzy fill (a few dozen with real data, not the gazetteer's 5,000). */
  live: { records: PlaceName[]; fuse: () => Fuse<PlaceName> };
}

export type PlaceResolution =
  | { kind: 'found'; place: PlaceEntry; via: Via; matched: string; fuzzy: boolean }
  | { kind: 'ambiguous' | 'unknown'; query: string; suggestions: string[] };


export const FUSE_OPTIONS = { keys: ['norm'], threshold: 0.6, includeScore: true, ignoreLocation: true };

export function buildPlaceIndex(places: PlaceEntry[]): PlaceIndex {
  return runSync(placeIndexSteps(places));
}

/** `buildPlaceIndex` as steps (see `sliced.ts`). */
export function* placeIndexSteps(places: PlaceEntry[]): Steps<PlaceIndex> {
  const records: PlaceName[] = [];
  // Turns between places and between names too: over the national gazetteer and 10,000 articles these loops held the loop for 60–110 ms.
  for (const [p, place] of places.entries()) {
    if (p % 256 === 255) yield;
    const add = (name: string, via: Via) => records.push({ name, norm: nameKey(name), place, via });
    add(place.name, 'name');
    if (nameKey(place.council) !== nameKey(place.name)) add(place.council, 'council');
    place.aliases.forEach((a) => add(a, 'alias'));
    place.towns.forEach((t) => add(t, 'town'));
  }
  const prefixes: PlaceIndex['prefixes'] = [];
  for (const [i, rec] of records.entries()) {
    if (i % 1024 === 1023) yield;
    const words = rec.norm.split(' ');
    words.forEach((_, w) => prefixes.push({ key: words.slice(w).join(' '), rec: i }));
  }
  yield;
  prefixes.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  yield;
  const fuse = yield* fuseSteps(records, FUSE_OPTIONS);
  yield;
  const deletions = new Map<string, number[]>();
  for (const [i, rec] of records.entries()) {
    if (i % 256 === 255) yield;
    for (const form of deletionForms(rec.norm, Math.min(1, allowedSlips(rec.norm.length)))) {
      const list = deletions.get(form);
      if (!list) deletions.set(form, [i]);
      else if (!list.includes(i)) list.push(i);
    }
  }
  yield;
  return { ...placesOfRecords(records, fuse), prefixes, deletions };
}

/** The parts of the index that point at places, over the names `records` (in `fuse`'s order). */
function placesOfRecords(records: PlaceName[], fuse: Fuse<PlaceName>): Pick<PlaceIndex, 'records' | 'exact' | 'fuse' | 'live'> {
  const exact = new Map<string, PlaceName[]>();
  for (const rec of records) {
    if (!rec.norm) continue;
    const list = exact.get(rec.norm) ?? [];
    if (!list.some((r) => r.place === rec.place)) list.push(rec);
    exact.set(rec.norm, list);
  }
  const liveRecords = records.filter((r) => hasArticles(r.place));
  let liveFuse: Fuse<PlaceName> | undefined;
  const live = { records: liveRecords, fuse: () => (liveFuse ??= new Fuse(liveRecords, FUSE_OPTIONS)) };
  return { records, exact, fuse, live };
}

/**
 * The index with some places replaced by new objects with the same names (their articles
 * changed), as a new index: what `placeIndexSteps` gives over the new places, sharing every part
 * that depends on names only (prefixes, deletion forms, Fuse's index of names) with `index`.
 */
export function replacePlaces(index: PlaceIndex, replaced: ReadonlyMap<PlaceEntry, PlaceEntry>): PlaceIndex {
  const records = index.records.map((r) => {
    const place = replaced.get(r.place);
    return place ? { ...r, place } : r;
  });
  const fuse = new Fuse(records, FUSE_OPTIONS, index.fuse.getIndex());
  return { ...placesOfRecords(records, fuse), prefixes: index.prefixes, deletions: index.deletions };
}

/** Same as `index.fuse.search(norm, { limit })`, in a fraction of the time (see `fuzzySearch`). */
export function searchPlaceNames(index: PlaceIndex, norm: string, limit: number, maxScore?: number) {
  return fuzzySearch(() => index.fuse, index.records, (r) => r.norm, FUSE_OPTIONS, norm, limit, maxScore);
}

/** Words that follow a place's name in a council's name and that people type or leave out at will. */
const COUNCIL_WORDS = /\b(?:metropolitan|county|city|borough|district|council|of)\b/g;

/**
 * Resolves what a member typed to one place, never to a wrong one: an exact name, council, alias or
 * town wins outright; a fuzzy match is accepted only when it is close and clearly ahead of the rest.
 */
export function resolvePlace(kb: KnowledgeBase, query: string): PlaceResolution {
  const index = kb.index.places;
  const norm = normalize(query);
  if (!norm) return { kind: 'unknown', query, suggestions: [] };
  const within = qualified(index, query);
  if (within) return within;
  for (const key of [norm, norm.replace(COUNCIL_WORDS, ' ').replace(/\s+/g, ' ').trim()]) {
    const hits = index.exact.get(key);
    if (!hits) continue;
    if (hits.length === 1 || distinctPlaces(hits).length === 1) {
      const best = [...hits].sort((a, b) => VIA_RANK[a.via] - VIA_RANK[b.via])[0]!;
      return { kind: 'found', place: best.place, via: best.via, matched: best.name, fuzzy: false };
    }
    return { kind: 'ambiguous', query, suggestions: hits.map(describeApart) };
  }
  // A typo is accepted only a slip or two away from the whole name, so "ham" is not Birmingham and
  // "billingham" is a suggestion, not an answer; fewer slips first, then a place's own name first.
  const hits = () => searchPlaceNames(index, norm, 20).map((h) => ({ rec: h.item, score: h.score ?? 1 }));
  let close = closeNames(index, norm);
  // Two slips in a long name ("birmngam" for Birmingham) are not in the deletion index: Fuse finds them.
  if (close.length === 0) close = hits().filter((h) => editDistance(norm, h.rec.norm) <= allowedSlips(h.rec.norm.length));
  const top = close[0];
  if (top) {
    if (close.every((h) => h.rec.place === top.rec.place)) {
      return { kind: 'found', place: top.rec.place, via: top.rec.via, matched: top.rec.name, fuzzy: true };
    }
    return { kind: 'ambiguous', query, suggestions: suggestionsFrom(close) };
  }
  const plausible = hits().filter((h) => h.score <= 0.5 && h.rec.norm.length <= norm.length * 2 + 2);
  return { kind: 'unknown', query, suggestions: suggestionsFrom(plausible) };
}

/** Names within their allowed number of slips of the query that the deletion index finds, nearest first. */
function closeNames(index: PlaceIndex, norm: string): { rec: PlaceName }[] {
  const found = new Map<PlaceName, number>();
  for (const form of deletionForms(norm, 2)) {
    for (const i of index.deletions.get(form) ?? []) {
      const rec = index.records[i]!;
      if (found.has(rec)) continue;
      const slips = editDistance(norm, rec.norm);
      if (slips <= allowedSlips(rec.norm.length)) found.set(rec, slips);
    }
  }
  return [...found]
    .map(([rec, slips]) => ({ rec, slips }))
    .sort((a, b) => a.slips - b.slips || VIA_RANK[a.rec.via] - VIA_RANK[b.rec.via] || a.rec.name.localeCompare(b.rec.name));
}

/** The word itself and every form of it with up to `max` letters deleted. */
function deletionForms(word: string, max: number): Set<string> {
  const forms = new Set([word]);
  let frontier = [word];
  for (let d = 0; d < max; d++) {
    const next: string[] = [];
    for (const w of frontier) {
      for (let i = 0; i < w.length; i++) {
        const form = w.slice(0, i) + w.slice(i + 1);
        if (!forms.has(form)) {
          forms.add(form);
          next.push(form);
        }
      }
    }
    frontier = next;
  }
  return forms;
}

/**
 * "Newport (Isle of Wight)", as suggestions and autocomplete write a town: the town of that name in
 * that place, so picking a suggestion never asks again. Null when the text is not of that form.
 */
function qualified(index: PlaceIndex, query: string): PlaceResolution | null {
  const m = /^(.+?)\s*\((.+)\)\s*$/.exec(query);
  if (!m) return null;
  const within = index.exact.get(normalize(m[2]!));
  // The qualifier is the place itself ("Newport (Isle of Wight)") or a region or nation around it ("Newport (Wales)").
  const around = (w: PlaceName, p: PlaceEntry) => w.place === p || ((w.place.area?.kind === 'region' || w.place.area?.kind === 'nation') && w.place.area.members.includes(p));
  const hit = (index.exact.get(normalize(m[1]!)) ?? []).find((r) => within?.some((w) => around(w, r.place)));
  if (!hit) return null;
  const rec = hit.place.towns.some((t) => normalize(t) === hit.norm) ? { ...hit, via: 'town' as const } : hit;
  return { kind: 'found', place: rec.place, via: rec.via, matched: rec.name, fuzzy: false };
}

function distinctPlaces(recs: PlaceName[]): PlaceEntry[] {
  return [...new Set(recs.map((r) => r.place))];
}

export function describe(rec: PlaceName): string {
  // A town named like its own council area (the city of Birmingham) is just that place.
  return rec.via === 'town' && normalize(rec.name) !== normalize(rec.place.name) ? `${rec.name} (${rec.place.name})` : rec.place.name;
}

/** As `describe`, but a council by its full name, for a list of places that share a name ("Newport City Council"). */
function describeApart(rec: PlaceName): string {
  return rec.via === 'town' ? describe(rec) : rec.place.council;
}

function suggestionsFrom(hits: { rec: PlaceName }[], max = 5): string[] {
  const out: string[] = [];
  for (const h of hits) {
    const text = describe(h.rec);
    if (!out.includes(text)) out.push(text);
    if (out.length === max) break;
  }
  return out;
}

export const hasArticles = (p: PlaceEntry) => p.articleIds.length + p.mentionedIn.length > 0;

