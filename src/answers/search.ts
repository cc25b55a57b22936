import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { searchTerms } from '../knowledge/term-index.js';
import { clip, normalize, terms } from '../knowledge/text.js';
import { cite, emptyAnswer, sourcesOf } from './cite.js';
import type { Answer } from './types.js';

/** Paragraphs an answer lists (over several pages); past these, narrower words serve better than more pages. */
const LISTED = 80;

/** `/search <words>`: the paragraphs that best match, across all articles, each cited. */
export function searchAnswer(kb: KnowledgeBase, opts: { query: string }): Answer {
  const query = opts.query.trim();
  if (terms(query).length === 0) {
    return emptyAnswer('not-found', 'Nothing to search for', 'Type a few words to search for, e.g. “enablement redundancies”.');
  }
  const found = searchTerms(kb.index.paragraphs, query, LISTED);
  const fixed = found.corrections.map((c) => `“${c.from}” → “${c.to.join('”, “')}”`).join('; ');
  if (found.hits.length === 0) {
    return emptyAnswer('not-found', 'No matches', `No paragraph mentions “${clip(query, 80)}”. Try fewer or other words, or /sources for the list of articles.`);
  }
  const lines = found.hits.map((h) => {
    const ref = kb.index.paragraphRefs[h.doc]!;
    const text = kb.byId.get(ref.articleId)!.paragraphs[ref.n - 1]!.text;
    return { text: snippet(text, query, 300), citation: cite(kb, ref.articleId, ref.n) };
  });
  return {
    kind: 'search',
    title: `Search: ${clip(query, 80)}`,
    summary: `${found.total} paragraph${found.total === 1 ? '' : 's'} match${found.total === 1 ? 'es' : ''}.${fixed ? ` Searched with ${fixed}.` : ''}`,
    sections: [
      {
        heading: 'Best matches',
        lines,
        ...(found.total > LISTED ? { more: { count: found.total - LISTED, hint: 'add words to narrow the search' } } : {}),
      },
    ],
    suggestions: [],
    sources: sourcesOf(kb, found.hits.map((h) => kb.index.paragraphRefs[h.doc]!.articleId)),
  };
}

/** The part of a long paragraph around the first query word, so the match is visible. */
function snippet(text: string, query: string, max: number): string {
  if (text.length <= max) return text;
  const lower = normalize(text);
  const words = normalize(query).split(' ').filter((w) => w.length > 2);
  const at = Math.min(...words.map((w) => lower.indexOf(w)).filter((i) => i >= 0), Infinity);
  if (!Number.isFinite(at) || at < max / 2) return clip(text, max);
  const start = text.indexOf(' ', Math.max(0, at - max / 3));
  return `…${clip(text.slice(start + 1), max - 1)}`;
}
