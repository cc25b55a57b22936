import type { KnowledgeBase, PlaceEntry } from '../knowledge/knowledge-base.js';
import type { PlaceResolution } from '../knowledge/places.js';
import type { Answer, AnswerKind, Citation } from './types.js';

export function cite(kb: KnowledgeBase, articleId: string, paragraph: number | null = null): Citation {
  const a = kb.byId.get(articleId);
  return {
    articleId,
    title: a?.title ?? articleId,
    paragraph,
    url: a?.source?.url ?? null,
    publisher: a?.source?.publisher ?? null,
  };
}

/** Each article once, in the order first cited. */
export function sourcesOf(kb: KnowledgeBase, articleIds: Iterable<string>): Citation[] {
  return [...new Set(articleIds)].map((id) => cite(kb, id));
}

export function emptyAnswer(kind: AnswerKind, title: string, summary: string): Answer {
  return { kind, title, summary, sections: [], suggestions: [], sources: [] };
}

/** The answer to a place that did not resolve: what was not found and what might have been meant. */
export function placeNotFound(kb: KnowledgeBase, r: Exclude<PlaceResolution, { kind: 'found' }>): Answer {
  const known = kb.places.filter((p) => p.articleIds.length > 0).map((p) => p.name).sort();
  const listed = `Places with articles: ${known.slice(0, 15).join(', ')}${known.length > 15 ? ` and ${known.length - 15} more (see /sources)` : ''}.`;
  const summary =
    r.kind === 'ambiguous' ? `“${r.query}” could mean more than one place. Pick one of the suggestions.` : `No place called “${r.query}” is in the knowledge base. ${listed}`;
  return { ...emptyAnswer('not-found', r.kind === 'ambiguous' ? 'Which place?' : 'Place not found', summary), suggestions: r.suggestions };
}

/** The first sentence of a paragraph: a fair one-line summary of a news paragraph. */
export function firstSentence(text: string): string {
  const m = /^(.+?[.!?])(?:\s+[A-Z“"‘]|$)/.exec(text);
  return (m?.[1] ?? text).trim();
}

/** Articles about the place first, then those that only mention it (the build keeps the two apart). */
export function articlesFor(place: PlaceEntry): string[] {
  return [...place.articleIds, ...place.mentionedIn];
}
