import type { CitedFigure, CitedQuote, KnowledgeBase } from '../knowledge/knowledge-base.js';

/** What an answer about a place shows first: its newest articles, key figures and key quotes (/cuts, its area summaries, follow posts). */

/** Newest first by publication date; undated articles after dated ones, in file order. */
export function newestFirst(kb: KnowledgeBase, ids: string[]): string[] {
  // Dates looked up once, compared as plain strings (ISO-like dates sort so; localeCompare cost a millisecond).
  return ids
    .map((id) => ({ id, date: kb.byId.get(id)?.published ?? '' }))
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))
    .map((x) => x.id);
}

const KIND_ORDER = { count: 0, money: 1, percent: 2, date: 3 } as const;

/** Jobs and people first, then money, then percentages; each value once per article; dates left to /figures. */
export function keyFigures(figures: CitedFigure[]): CitedFigure[] {
  const seen = new Set<string>();
  return figures
    .filter((f) => f.kind !== 'date')
    .filter((f) => {
      const key = `${f.articleId}|${f.kind}|${f.value}|${f.unit}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
}

/** Direct quotes, one per speaker before any speaker's second, in article order. */
export function keyQuotes(quotes: CitedQuote[]): CitedQuote[] {
  const direct = quotes.filter((q) => q.kind === 'direct');
  const first: CitedQuote[] = [];
  const rest: CitedQuote[] = [];
  const speakers = new Set<string>();
  for (const q of direct) {
    const who = q.speaker ?? q.role ?? '?';
    (speakers.has(who) ? rest : first).push(q);
    speakers.add(who);
  }
  return [...first, ...rest];
}
