import type { KnowledgeBase, PlaceEntry } from '../knowledge-base.js';
import type { Paragraph } from '../schema.js';
import { normalize } from '../text.js';

/** A place named in the text: where, as written, and whether the text says "<name> … Council". */
export interface PlaceMention {
  place: PlaceEntry;
  /** The gazetteer's spelling of the name matched ("Ebbw Vale"). */
  name: string;
  /** Whether the name is a town inside the place rather than the place itself. */
  town: boolean;
  paragraph: number;
  /** "Blaenau Gwent Council" when the text names the council itself, else undefined. */
  councilWording?: string;
}

export interface PlaceFindings {
  mentions: PlaceMention[];
  /** Names that fit several places ("Newport"), left for the moderator when nothing else in the text settles them. */
  unsettled: { name: string; paragraph: number; places: string[] }[];
}

const MAX_WORDS = 5;
/** Capitalised words that are also towns somewhere ("March", "Sunday") but in news text are nearly always dates. */
const NOT_PLACES = new Set('january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday'.split(' '));
const COUNCIL_TAIL = /^(?:(?:metropolitan|county|city|borough|district)\s+)*council\b/i;

interface Token {
  text: string;
  norm: string;
  start: number;
  end: number;
  capital: boolean;
  /** First word of a sentence, where a capital says nothing about being a name. */
  initial: boolean;
}

/** Words of a paragraph with their offsets; hyphens join ("Stockton-on-Tees" is three words of one name). */
function tokens(text: string): Token[] {
  const out: Token[] = [];
  let initial = true;
  for (const m of text.matchAll(/[\p{L}\p{N}'’]+|[.!?:;“”"]/gu)) {
    const t = m[0];
    if (/^[.!?:;“”"]$/u.test(t)) {
      if (/[.!?:“"]/.test(t)) initial = true;
      continue;
    }
    const norm = normalize(t);
    if (!norm) continue;
    out.push({ text: t, norm, start: m.index!, end: m.index! + t.length, capital: /^\p{Lu}/u.test(t), initial });
    initial = false;
  }
  return out;
}

/**
 * Every place the gazetteer knows that the text names, in text order. Only capitalised runs count;
 * a one-word match is skipped when it is a month or day, a word of a quoted speaker's name, or the
 * second word of a capitalised pair ("Cllr Hamilton", "Paulette Hamilton"), since those are people.
 * Linear in the text: at most five lookups a word.
 */
export function findPlaces(kb: KnowledgeBase, paragraphs: Paragraph[], personWords: Set<string>): PlaceFindings {
  const exact = kb.index.places.exact;
  const raw: { recs: { name: string; place: PlaceEntry; town: boolean }[]; paragraph: number; councilWording?: string; key: string }[] = [];
  for (const p of paragraphs) {
    const ts = tokens(p.text);
    for (let i = 0; i < ts.length; i++) {
      const t = ts[i]!;
      if (!t.capital) continue;
      let found: { n: number; key: string } | null = null;
      let phrase = '';
      for (let n = 1; n <= MAX_WORDS && i + n <= ts.length; n++) {
        phrase = n === 1 ? t.norm : `${phrase} ${ts[i + n - 1]!.norm}`;
        if (exact.has(phrase)) found = { n, key: phrase };
      }
      if (!found) continue;
      const prev = ts[i - 1];
      const person = found.n === 1 && (NOT_PLACES.has(t.norm) || personWords.has(t.norm) || (prev && prev.capital && !prev.initial && prev.end + 1 >= t.start));
      if (person) continue;
      const last = ts[i + found.n - 1]!;
      const recs = exact.get(found.key)!.filter((r) => r.place.area?.kind !== 'region' && r.place.area?.kind !== 'nation');
      if (recs.length === 0) continue;
      const after = p.text.slice(last.end);
      const gap = /^[\s-]*/.exec(after)![0].length;
      const tail = COUNCIL_TAIL.exec(after.slice(gap));
      const named = last.norm === 'council' || recs.some((r) => r.via === 'council');
      const wording = named ? p.text.slice(t.start, last.end) : tail ? p.text.slice(t.start, last.end + gap + tail[0].length) : undefined;
      raw.push({
        recs: recs.map((r) => ({ name: r.via === 'town' ? r.name : r.place.name, place: r.place, town: r.via === 'town' })),
        paragraph: p.n,
        key: found.key,
        ...(wording ? { councilWording: wording } : {}),
      });
      i += found.n - 1;
    }
  }
  // A name several places share counts for the one the rest of the text is about, if any.
  const settled = new Set(raw.filter((m) => new Set(m.recs.map((r) => r.place)).size === 1).map((m) => m.recs[0]!.place));
  const mentions: PlaceMention[] = [];
  const unsettled: PlaceFindings['unsettled'] = [];
  for (const m of raw) {
    const places = [...new Set(m.recs.map((r) => r.place))];
    const pick = places.length === 1 ? places[0] : places.find((pl) => settled.has(pl));
    const rec = m.recs.find((r) => r.place === pick);
    if (!rec) {
      unsettled.push({ name: m.recs[0]!.name, paragraph: m.paragraph, places: places.map((pl) => pl.name) });
      continue;
    }
    mentions.push({ place: rec.place, name: rec.name, town: rec.town, paragraph: m.paragraph, ...(m.councilWording ? { councilWording: m.councilWording } : {}) });
  }
  return { mentions, unsettled };
}

/** The place the article is about: the one named most, a council named as such counting three times; ties to the first named. */
export function mainPlace(mentions: PlaceMention[]): PlaceEntry | undefined {
  const score = new Map<PlaceEntry, number>();
  for (const m of mentions) score.set(m.place, (score.get(m.place) ?? 0) + (m.councilWording ? 3 : 1));
  let best: PlaceEntry | undefined;
  for (const [place, s] of score) if (!best || s > score.get(best)!) best = place;
  return best;
}
