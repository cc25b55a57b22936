import { nameKey } from './name-keys.js';
import Fuse from 'fuse.js';
import type { CitedQuote } from './knowledge-base.js';
import type { Quote } from './schema.js';
import { fuzzySearch } from './fuzzy.js';
import { fuseSteps } from './fuse-steps.js';
import { runSync, type Steps } from './sliced.js';
import { normalize } from './text.js';
import { layered } from './layered-map.js';
import { insertAt } from './sorted.js';

export interface Speaker {
  name: string;
  /** Roles as the articles give them, most frequent first. */
  roles: string[];
  /** In the knowledge base's order. */
  quotes: CitedQuote[];
}

export interface SpeakerIndex {
  speakers: Speaker[];
  /** Full name and, when only one speaker has it, surname → speaker. */
  exact: Map<string, Speaker>;
  fuse: Fuse<Speaker>;
  /** Each speaker under their normalised name, in order of their first quote. */
  byKey: ReadonlyMap<string, Speaker>;
}

/** Whether a member can be told who said a quote: a speaker or a source the rules are sure of. */
export function speakerIsClear(q: Pick<Quote, 'speaker' | 'role' | 'attribution' | 'confidence'>): boolean {
  return q.confidence === 'high' && q.attribution !== 'none' && (q.speaker !== null || q.role !== null);
}

const FUSE_OPTIONS = { keys: ['name'], threshold: 0.3, includeScore: true, ignoreLocation: true };

export function buildSpeakerIndex(quotes: CitedQuote[]): SpeakerIndex {
  return runSync(speakerIndexSteps(quotes));
}

/** `buildSpeakerIndex` as steps (see `sliced.ts`). */
export function* speakerIndexSteps(quotes: CitedQuote[]): Steps<SpeakerIndex> {
  const byKey = new Map<string, CitedQuote[]>();
  for (const [i, q] of quotes.entries()) {
    // Each name's key is worked out here on a cold start: 1,024 at a time held the loop for 60–80 ms.
    if (i % 64 === 63) yield;
    const key = speakerKey(q);
    if (key === null) continue;
    const list = byKey.get(key);
    if (list) list.push(q);
    else byKey.set(key, [q]);
  }
  yield;
  // In steps too: at 10,000 articles making every speaker at once held the loop for about 40 ms.
  const speakers = new Map<string, Speaker>();
  for (const [key, list] of byKey) {
    if (speakers.size % 512 === 511) yield;
    speakers.set(key, speakerOf(list));
  }
  yield;
  return yield* indexSteps(speakers);
}

/** Only a speaker the rules are sure of: an unsure quote never appears under `/quote <speaker>`. */
const speakerKey = (q: CitedQuote): string | null => (q.speaker && speakerIsClear(q) ? nameKey(q.speaker) : null);

/** A speaker from their quotes in the knowledge base's order: named as the first one names them, roles most frequent first (ties: first seen first). */
function speakerOf(quotes: CitedQuote[]): Speaker {
  const roleCounts = new Map<string, number>();
  for (const q of quotes) if (q.role) roleCounts.set(q.role, (roleCounts.get(q.role) ?? 0) + 1);
  const roles = [...roleCounts.entries()].sort((a, b) => b[1] - a[1]).map(([r]) => r);
  return { name: quotes[0]!.speaker!, roles, quotes };
}

/** The index over speakers listed in order of their first quote. */
function indexOf(byKey: ReadonlyMap<string, Speaker>, speakers = [...byKey.values()]): SpeakerIndex {
  return runSync(indexSteps(byKey, speakers));
}

function* indexSteps(byKey: ReadonlyMap<string, Speaker>, speakers = [...byKey.values()]): Steps<SpeakerIndex> {
  const exact = new Map<string, Speaker>();
  const surnames = new Map<string, Speaker[]>();
  for (const [i, s] of speakers.entries()) {
    if (i % 256 === 255) yield;
    const norm = nameKey(s.name);
    exact.set(norm, s);
    const surname = norm.split(' ').at(-1)!;
    const same = surnames.get(surname);
    if (same) same.push(s);
    else surnames.set(surname, [s]);
  }
  for (const [surname, list] of surnames) if (list.length === 1 && !exact.has(surname)) exact.set(surname, list[0]!);
  yield;
  const fuse = yield* fuseSteps(speakers, FUSE_OPTIONS);
  return { speakers, exact, fuse, byKey };
}

/**
 * The index after some articles' quotes were removed and others added, as a new index (the old one
 * is still served): only the speakers of those quotes are made again, each put in at its place (the
 * quotes of the others are not looked at), and the result is what `speakerIndexSteps` gives over the
 * new knowledge base's quotes. `order` is that knowledge base's order of quotes (by article id, then
 * within the article).
 */
export function updateSpeakerIndex(index: SpeakerIndex, removed: readonly CitedQuote[], added: readonly CitedQuote[], order: (a: CitedQuote, b: CitedQuote) => number): SpeakerIndex {
  const gone = new Set(removed);
  const keys = new Set<string>();
  for (const q of [...removed, ...added]) {
    const key = speakerKey(q);
    if (key !== null) keys.add(key);
  }
  const speakers = index.speakers.slice();
  const changes: [string, Speaker | undefined][] = [];
  const remade: Speaker[] = [];
  for (const key of keys) {
    const old = index.byKey.get(key);
    if (old) speakers.splice(speakers.indexOf(old), 1);
    // The old quotes are in order already: the new ones are put in at their place.
    const quotes = (old?.quotes ?? []).filter((q) => !gone.has(q));
    for (const q of added) if (speakerKey(q) === key) quotes.splice(insertAt(quotes, q, order), 0, q);
    const speaker = quotes.length > 0 ? speakerOf(quotes) : undefined;
    changes.push([key, speaker]);
    if (speaker) remade.push(speaker);
  }
  const byFirst = (a: Speaker, b: Speaker) => order(a.quotes[0]!, b.quotes[0]!);
  for (const s of remade) speakers.splice(insertAt(speakers, s, byFirst), 0, s);
  return indexOf(layered(index.byKey).with(changes), speakers);
}

/** Same as `index.fuse.search(query, { limit })`, without running Fuse over every speaker (see `fuzzySearch`). */
export function searchSpeakers(index: SpeakerIndex, query: string, limit: number) {
  return fuzzySearch(() => index.fuse, index.speakers, (s) => s.name.toLowerCase(), FUSE_OPTIONS, query, limit);
}

/** Titles people put before a surname: "Cllr Hamilton" is found as "Hamilton". */
const TITLES = /^(?:cllr|councillor|mr|mrs|ms|miss|dr|prof|professor|sir|dame|lord|lady)\s+/;

/** Finds a speaker by full name, surname, title + surname, or a close misspelling of the name. */
export function findSpeaker(index: SpeakerIndex, query: string): Speaker | null {
  const norm = normalize(query).replace(TITLES, '');
  if (!norm) return null;
  const hit = index.exact.get(norm);
  if (hit) return hit;
  const [top, second] = searchSpeakers(index, norm, 2);
  if (!top || (top.score ?? 1) > 0.3) return null;
  // Substring matches ("ham" in "Hamilton") are not the speaker someone meant.
  const name = normalize(top.item.name);
  const lengths = [name.length, ...name.split(' ').map((w) => w.length)];
  if (!lengths.some((l) => norm.length >= 0.7 * l && norm.length <= l / 0.7 + 2)) return null;
  if (second && (second.score ?? 1) - (top.score ?? 1) < 0.1) return null;
  return top.item;
}
