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

type Target = { kind: 'quote'; item: Quote } | { kind: 'figure'; item: Figure };

/** Words compared as whole words, case, accents and punctuation aside ("£4 million" matches "4 million"). */
const words = (text: string) => ` ${normalize(text)} `;

export function applyCorrections(article: Article, extraction: Extraction): CorrectedExtraction {
  const result: CorrectedExtraction = { quotes: extraction.quotes, figures: extraction.figures, changed: new Map(), dropped: [], problems: [] };
  if (article.corrections.length === 0) return result;

  // Indexed by paragraph once, so each correction looks only at its own paragraph's items.
  const quotesAt = new Map<number, Quote[]>();
  for (const q of extraction.quotes) for (const n of q.paragraphs) push(quotesAt, n, q);
  const figuresAt = new Map<number, Figure[]>();
  for (const f of extraction.figures) push(figuresAt, f.paragraph, f);
  const normalized = new Map<Quote | Figure, string>();
  const textOf = (t: Target) => {
    let n = normalized.get(t.item);
    if (n === undefined) normalized.set(t.item, (n = words(t.item.text)));
    return n;
  };

  const replaced = new Map<Quote | Figure, Quote | Figure | null>();
  const claimedBy = new Map<Quote | Figure, number>();
  article.corrections.forEach((c, i) => {
    const kind = c.quote !== undefined ? 'quote' : 'figure';
    const n = (c.quote ?? c.figure)!;
    const fail = (field: string, message: string) => result.problems.push({ file: article.file, line: c.line, field: `corrections.${i}.${field}`, message });

    const paragraph = article.paragraphs[n - 1];
    if (!paragraph) return fail(kind, `paragraph ${n} does not exist: the article has ${article.paragraphs.length} paragraphs`);
    const here: Target[] =
      kind === 'quote'
        ? (quotesAt.get(n) ?? []).map((item) => ({ kind, item }))
        : (figuresAt.get(n) ?? []).map((item) => ({ kind, item }));
    if (here.length === 0) {
      const why = kind === 'quote' && paragraph.caption ? ' (it is a photo caption, which is never quoted as speech)' : '';
      return fail(kind, `no ${kind} is found in paragraph ${n} any more${why}: check the paragraph, then fix or remove this correction`);
    }
    const needle = c.match === undefined ? null : words(c.match);
    const matching = needle === null ? here : here.filter((t) => textOf(t).includes(needle));
    if (matching.length === 0) {
      return fail('match', `no ${kind} in paragraph ${n} contains “${clip(c.match!, 60)}” any more; it has ${listed(here)}`);
    }
    if (matching.length > 1) {
      const field = needle === null ? kind : 'match';
      const advice = needle === null ? 'add `match:` with a few words of the one you mean' : 'give more words in `match:`';
      return fail(field, `paragraph ${n} has ${matching.length} ${kind}s${needle === null ? '' : ` containing “${clip(c.match!, 60)}”`} (${listed(matching)}): ${advice}`);
    }
    const target = matching[0]!;
    const earlier = claimedBy.get(target.item);
    if (earlier !== undefined) return fail(kind, `corrects the same ${kind} as the correction on line ${earlier}: put both changes in one correction`);
    claimedBy.set(target.item, c.line);

    if (c.drop) {
      replaced.set(target.item, null);
      result.dropped.push(target.kind === 'quote' ? { line: c.line, quote: target.item } : { line: c.line, figure: target.item });
      return;
    }
    const fixed = target.kind === 'quote' ? correctQuote(target.item, c) : { ...target.item, counts: c.counts ?? null };
    replaced.set(target.item, fixed);
    result.changed.set(fixed, c.line);
  });

  result.quotes = swap(extraction.quotes, replaced) as Quote[];
  result.figures = swap(extraction.figures, replaced) as Figure[];
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

function swap<T extends Quote | Figure>(list: T[], replaced: Map<Quote | Figure, Quote | Figure | null>): T[] {
  if (replaced.size === 0) return list;
  const out: T[] = [];
  for (const item of list) {
    const r = replaced.has(item) ? replaced.get(item) : item;
    if (r) out.push(r as T);
  }
  return out;
}

function listed(targets: Target[]): string {
  const shown = targets.slice(0, 3).map((t) => `“${clip(t.item.text, 50)}”`);
  return `${shown.join(', ')}${targets.length > 3 ? ` and ${targets.length - 3} more` : ''}`;
}

function push<T>(map: Map<number, T[]>, key: number, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
