import type { KnowledgeBase } from './knowledge-base.js';
import { describe, FUSE_OPTIONS, hasArticles, VIA_RANK, type PlaceIndex, type PlaceName } from './places.js';
import { fuzzySearch, substringEditDistance } from './fuzzy.js';
import { normalize } from './text.js';
import { lowerBound } from './sorted.js';

/** Autocomplete's choices for what a member has typed so far: prefixes first, then a typo's fill. */

export interface PlaceChoice {
  label: string;
  value: string;
}

const FUZZY_FILL_BELOW = 5;

/**
 * Autocomplete for place options: prefix matches on any word first (instant, from a sorted array),
 * then fuzzy ones for typos. Every council, town, region and nation is offered, since each has an
 * answer; places with articles come first, and a town shows its council ("Crosby (Sefton)").
 */
export function suggestPlaces(kb: KnowledgeBase, typed: string, max = 25, opts: { withArticles?: boolean } = {}): PlaceChoice[] {
  const index = kb.index.places;
  const norm = normalize(typed);
  const picked: PlaceName[] = [];
  const seen = new Set<string>();
  const take = (rec: PlaceName) => {
    const key = `${rec.place.name}|${rec.norm}`;
    if (seen.has(key) || (opts.withArticles && !hasArticles(rec.place))) return;
    seen.add(key);
    picked.push(rec);
  };
  if (!norm) {
    [...kb.places]
      .filter(hasArticles)
      .sort((a, b) => b.articleIds.length - a.articleIds.length || a.name.localeCompare(b.name))
      .slice(0, max)
      .forEach((place) => take({ name: place.name, norm: normalize(place.name), place, via: 'name' }));
  } else {
    const prefixHits: PlaceName[] = [];
    for (let i = lowerBound(index.prefixes, norm, (p) => p.key); i < index.prefixes.length; i++) {
      const entry = index.prefixes[i]!;
      if (!entry.key.startsWith(norm) || prefixHits.length >= max * 8) break;
      prefixHits.push(index.records[entry.rec]!);
    }
    prefixHits
      .sort(
        (a, b) =>
          Number(!hasArticles(a.place)) - Number(!hasArticles(b.place)) ||
          Number(!a.norm.startsWith(norm)) - Number(!b.norm.startsWith(norm)) ||
          VIA_RANK[a.via] - VIA_RANK[b.via] ||
          a.name.length - b.name.length ||
          (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
      )
      .forEach(take);
    // A typo's fill runs only when prefixes found almost nothing, and only over places with articles:
    // a misspelt place without articles still resolves when the member sends it.
    if (picked.length < FUZZY_FILL_BELOW && norm.length >= 3) {
      for (const rec of nearPlaceNames(index.live, norm, max * 2)) take(rec);
    }
  }
  return picked.slice(0, max).map((rec) => ({ label: label(rec), value: choiceValue(rec) }));
}

/** As many slips as the fill accepts: four in ten letters typed, as Fuse's threshold 0.4 did. */
const FILL_ERRORS = 0.4;

/**
 * Names within a few slips of what was typed, anywhere in the name, fewest slips first, then shorter
 * names. One pass of Myers' bit-parallel edit distance over the names, with no Fuse scoring of the
 * candidates: this is a fill below the prefix matches, where that order serves as well, and it keeps
 * autocomplete well under a millisecond at a few thousand names.
 */
export function nearPlaceNames(names: PlaceIndex['live'], norm: string, limit: number): PlaceName[] {
  if (norm.length > 32) return fuzzySearch(names.fuse, names.records, (r) => r.norm, FUSE_OPTIONS, norm, limit, FILL_ERRORS).map((h) => h.item);
  const maxErrors = Math.floor(norm.length * FILL_ERRORS + 1e-9);
  const distance = substringEditDistance(norm);
  const byErrors: PlaceName[][] = Array.from({ length: maxErrors + 1 }, () => []);
  for (const rec of names.records) {
    const errors = distance(rec.norm);
    if (errors <= maxErrors) byErrors[errors]!.push(rec);
  }
  const out: PlaceName[] = [];
  for (const bucket of byErrors) {
    if (out.length >= limit) break;
    bucket.sort((a, b) => a.norm.length - b.norm.length || VIA_RANK[a.via] - VIA_RANK[b.via]);
    for (const rec of bucket) {
      if (out.length >= limit) break;
      out.push(rec);
    }
  }
  return out;
}

function label(rec: PlaceName): string {
  const n = rec.place.articleIds.length || rec.place.mentionedIn.length;
  const count = n === 0 ? 'no articles yet' : `${n} article${n === 1 ? '' : 's'}`;
  const kind = rec.place.area?.kind === 'region' || rec.place.area?.kind === 'nation' ? ` (${rec.place.area.kind})` : '';
  if (rec.via === 'town') return `${describe(rec)} · ${count}`;
  if (rec.via === 'alias') return `${rec.name} → ${rec.place.name}${kind} · ${count}`;
  return `${rec.name}${kind} · ${count}`;
}

/** What a choice submits: a town with its council, so a name several places share resolves to the one picked. */
function choiceValue(rec: PlaceName): string {
  return rec.via === 'town' ? describe(rec) : rec.name;
}
