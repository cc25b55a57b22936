import Fuse from 'fuse.js';
import type { CitedQuote } from './knowledge-base.js';
import type { Quote } from './schema.js';
import { fuzzySearch } from './fuzzy.js';
import { runSync, type Steps } from './sliced.js';
import { normalize } from './text.js';

export interface Speaker {
  name: string;
  /** Roles as the articles give them, most frequent first. */
  roles: string[];
  /** Indices into `kb.quotes`. */
  quotes: number[];
}

export interface SpeakerIndex {
  speakers: Speaker[];
  /** Full name and, when only one speaker has it, surname → speaker. */
  exact: Map<string, Speaker>;
  fuse: Fuse<Speaker>;
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
  const byName = new Map<string, Speaker & { roleCounts: Map<string, number> }>();
  for (const [i, q] of quotes.entries()) {
    if (i % 1024 === 1023) yield;
    // Only a speaker the rules are sure of: an unsure quote never appears under `/quote <speaker>`.
    if (!q.speaker || !speakerIsClear(q)) continue;
    const key = normalize(q.speaker);
    let s = byName.get(key);
    if (!s) byName.set(key, (s = { name: q.speaker, roles: [], quotes: [], roleCounts: new Map() }));
    s.quotes.push(i);
    if (q.role) s.roleCounts.set(q.role, (s.roleCounts.get(q.role) ?? 0) + 1);
  }
  yield;
  const speakers: Speaker[] = [...byName.values()].map(({ roleCounts, ...s }) => ({
    ...s,
    roles: [...roleCounts.entries()].sort((a, b) => b[1] - a[1]).map(([r]) => r),
  }));
  const exact = new Map<string, Speaker>();
  const surnames = new Map<string, Speaker[]>();
  for (const s of speakers) {
    const norm = normalize(s.name);
    exact.set(norm, s);
    const surname = norm.split(' ').at(-1)!;
    surnames.set(surname, [...(surnames.get(surname) ?? []), s]);
  }
  for (const [surname, list] of surnames) if (list.length === 1 && !exact.has(surname)) exact.set(surname, list[0]!);
  yield;
  const fuse = new Fuse(speakers, FUSE_OPTIONS);
  return { speakers, exact, fuse };
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
