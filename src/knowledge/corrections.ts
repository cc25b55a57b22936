import type { Problem } from './problems.js';
import type { Article, Extraction, Figure, LocatedCorrection, Quote } from './schema.js';
import { clip, normalize } from './text.js';

/**
 * Applies a knowledge file's `corrections:` to what the rules extracted from its article. Pure: the
 * extraction is not changed, a corrected copy is returned. A correction that finds nothing to
 * correct (the article text or the rules changed since it was written) is returned as a problem at
 * its line and changes nothing, so a stale fix is never silently ignored nor applied to the wrong item.
 */

export interface CorrectedExtraction extends Extraction {
  /** Quotes and figures (of the returned lists) that a correction changed, with that correction's line. */
  changed: Map<Quote | Figure, number>;
  /** What corrections removed, in the order of the corrections. */
  dropped: Dropped[];
  problems: Problem[];
}

export type Dropped = { line: number } & ({ quote: Quote; figure?: never } | { figure: Figure; quote?: never });

type Item = Quote | Figure;
type Kind = 'quote' | 'figure';

/** Words compared as whole words, case, accents and punctuation aside ("£4 million" matches "4 million"). */
const words = (text: string) => ` ${normalize(text)} `;

/**
 * One paragraph's quotes or figures with a word index, so a `match` checks only the items holding
 * its rarest word: however many corrections point at a paragraph, each costs a few lookups, not a
 * scan of every item there (a paragraph can hold thousands of figures).
 */
interface Shelf {
  items: Item[];
  /** Each item's words, as `words()` gives them. */
  texts: string[];
  /** Word → indices of the items holding it, each index once, in order. */
  holding: Map<string, number[]>;
}

function shelve(items: Item[]): Shelf {
  const texts: string[] = [];
  const holding = new Map<string, number[]>();
  items.forEach((item, i) => {
    const text = words(item.text);
    texts.push(text);
    for (const word of text.split(' ')) {
      if (!word) continue;
      const list = holding.get(word);
      if (!list) holding.set(word, [i]);
      else if (list[list.length - 1] !== i) list.push(i);
    }
  });
  return { items, texts, holding };
}

/** Up to `limit` distinct items whose words contain the needle's, in paragraph order. */
function find(shelf: Shelf, match: string, limit: number): Item[] {
  const needle = words(match);
  let rarest: number[] | undefined;
  for (const word of needle.split(' ')) {
    if (!word) continue;
    const list = shelf.holding.get(word) ?? [];
    if (!rarest || list.length < rarest.length) rarest = list;
  }
  const found: Item[] = [];
  for (const i of rarest ?? []) {
    if (!shelf.texts[i]!.includes(needle)) continue;
    found.push(shelf.items[i]!);
    if (found.length === limit) break;
  }
  return found;
}

/** Enough to tell one match from several and to list a few in a message. */
const SHOWN = 3;

export function applyCorrections(article: Article, extraction: Extraction): CorrectedExtraction {
  const result: CorrectedExtraction = { quotes: extraction.quotes, figures: extraction.figures, changed: new Map(), dropped: [], problems: [] };
  if (article.corrections.length === 0) return result;

  const byParagraph: Record<Kind, Map<number, Item[]>> = { quote: new Map(), figure: new Map() };
  for (const q of extraction.quotes) for (const n of q.paragraphs) push(byParagraph.quote, n, q);
  for (const f of extraction.figures) push(byParagraph.figure, f.paragraph, f);
  const shelves = new Map<string, Shelf>();
  const shelfOf = (kind: Kind, n: number) => {
    let shelf = shelves.get(`${kind}${n}`);
    if (!shelf) shelves.set(`${kind}${n}`, (shelf = shelve(byParagraph[kind].get(n) ?? [])));
    return shelf;
  };

  const replaced = new Map<Item, Item | null>();
  const claimedBy = new Map<Item, number>();
  article.corrections.forEach((c, i) => {
    const kind: Kind = c.quote !== undefined ? 'quote' : 'figure';
    const n = (c.quote ?? c.figure)!;
    const fail = (field: string, message: string) => result.problems.push({ file: article.file, line: c.line, field: `corrections.${i}.${field}`, message });

    const paragraph = article.paragraphs[n - 1];
    if (!paragraph) return fail(kind, `paragraph ${n} does not exist: the article has ${article.paragraphs.length} paragraphs`);
    const here = byParagraph[kind].get(n) ?? [];
    if (here.length === 0) {
      const why = kind === 'quote' && paragraph.caption ? ' (it is a photo caption, which is never quoted as speech)' : '';
      return fail(kind, `no ${kind} is found in paragraph ${n} any more${why}: check the paragraph, then fix or remove this correction`);
    }
    if (c.match === undefined && here.length > 1) {
      return fail(kind, `paragraph ${n} has ${here.length} ${kind}s (${listed(here)}): add \`match:\` with a few words of the one you mean`);
    }
    const matching = c.match === undefined ? here : find(shelfOf(kind, n), c.match, SHOWN + 1);
    if (matching.length === 0) {
      return fail('match', `no ${kind} in paragraph ${n} contains “${clip(c.match!, 60)}” any more; it has ${listed(here)}`);
    }
    if (matching.length > 1) {
      const count = matching.length > SHOWN ? `more than ${SHOWN}` : `${matching.length}`;
      return fail('match', `paragraph ${n} has ${count} ${kind}s containing “${clip(c.match!, 60)}” (${listed(matching)}): give more words in \`match:\``);
    }
    const target = matching[0]!;
    const earlier = claimedBy.get(target);
    if (earlier !== undefined) return fail(kind, `corrects the same ${kind} as the correction on line ${earlier}: put both changes in one correction`);
    claimedBy.set(target, c.line);

    if (c.drop) {
      replaced.set(target, null);
      result.dropped.push(kind === 'quote' ? { line: c.line, quote: target as Quote } : { line: c.line, figure: target as Figure });
      return;
    }
    const fixed = kind === 'quote' ? correctQuote(target as Quote, c) : { ...(target as Figure), counts: c.counts ?? null };
    replaced.set(target, fixed);
    result.changed.set(fixed, c.line);
  });

  result.quotes = swap(extraction.quotes, replaced);
  result.figures = swap(extraction.figures, replaced);
  return result;
}

/** A moderator's word is certain; a new speaker's role is the one given, never the old speaker's. */
function correctQuote(q: Quote, c: LocatedCorrection): Quote {
  const speaker = c.speaker !== undefined ? c.speaker : q.speaker;
  const role = c.role !== undefined ? c.role : c.speaker !== undefined ? null : q.role;
  const attribution = speaker === null ? (role ? 'unnamed' : 'none') : c.speaker !== undefined ? 'named' : q.attribution;
  const reason =
    speaker === null
      ? `a moderator says the article names no speaker (knowledge file line ${c.line})`
      : `speaker set by a moderator (knowledge file line ${c.line})`;
  return { ...q, speaker, role, attribution, confidence: 'high', reason };
}

function swap<T extends Item>(list: T[], replaced: Map<Item, Item | null>): T[] {
  if (replaced.size === 0) return list;
  const out: T[] = [];
  for (const item of list) {
    const r = replaced.has(item) ? replaced.get(item) : item;
    if (r) out.push(r as T);
  }
  return out;
}

function listed(items: Item[]): string {
  const shown = items.slice(0, SHOWN).map((t) => `“${clip(t.text, 50)}”`);
  return `${shown.join(', ')}${items.length > SHOWN ? ` and ${items.length - SHOWN} more` : ''}`;
}

function push<T>(map: Map<number, T[]>, key: number, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
