import type { CitedQuote, KnowledgeBase } from '../knowledge/knowledge-base.js';
import { resolvePlace } from '../knowledge/places.js';
import { findSpeaker } from '../knowledge/speakers.js';
import { searchTerms } from '../knowledge/term-index.js';
import { clip } from '../knowledge/text.js';
import { articlesFor, emptyAnswer, sourcesOf } from './cite.js';
import { quoteLine } from './lines.js';
import type { Answer } from './types.js';

const KIND_ORDER = { direct: 0, partial: 1, reported: 2 } as const;

/**
 * `/quote <speaker or topic>`: a speaker by name or surname, else every quote about a place, else
 * quotes whose words match the topic.
 */
export function quoteAnswer(kb: KnowledgeBase, opts: { query: string }): Answer {
  const query = opts.query.trim();
  const speaker = findSpeaker(kb.index.speakers, query);
  if (speaker) {
    const qs = speaker.quotes;
    return build(kb, `Quotes from ${speaker.name}`, `${speaker.name}${speaker.roles[0] ? `, ${speaker.roles[0]}` : ''}.`, qs);
  }
  const place = resolvePlace(kb, query);
  if (place.kind === 'found' && !place.fuzzy) {
    const qs = articlesFor(place.place).flatMap((id) => kb.byArticle.get(id)!.quotes);
    if (qs.length > 0) return build(kb, `Quotes about ${place.place.name}`, '', qs);
  }
  const found = searchTerms(kb.index.quotes, query, 50);
  const best = found.hits[0]?.matched ?? 0;
  const qs = found.hits.filter((h) => h.matched === best).map((h) => kb.index.quoteDocs[h.doc]!);
  if (qs.length > 0) {
    const fixed = found.corrections.map((c) => `“${c.from}” → “${c.to[0]}”`).join(', ');
    return build(kb, `Quotes about “${clip(query, 80)}”`, fixed ? `Searched with ${fixed}.` : '', qs, false);
  }
  const near = kb.index.speakers.fuse.search(query, { limit: 5 }).filter((h) => (h.score ?? 1) <= 0.5).map((h) => h.item.name);
  return { ...emptyAnswer('not-found', 'No quotes found', `No speaker, place or quote matches “${clip(query, 80)}”.`), suggestions: near };
}

function build(kb: KnowledgeBase, title: string, summary: string, qs: CitedQuote[], sort = true): Answer {
  const ordered = sort ? [...qs].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]) : qs;
  return {
    kind: 'quotes',
    title,
    summary,
    sections: [
      {
        heading: `${qs.length} quote${qs.length === 1 ? '' : 's'}`,
        lines: ordered.map((q) => quoteLine(kb, q)),
      },
    ],
    suggestions: [],
    sources: sourcesOf(kb, ordered.map((q) => q.articleId)),
  };
}
