import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { resolvePlace } from '../knowledge/places.js';
import { articlesFor, cite, placeNotFound, sourcesOf } from './cite.js';
import type { Answer } from './types.js';

/** `/sources [place]`: the articles behind the answers, with what is and is not known about each. */
export function sourcesAnswer(kb: KnowledgeBase, opts: { place?: string }): Answer {
  let ids = kb.articles.map((a) => a.id);
  let where = '';
  if (opts.place?.trim()) {
    const r = resolvePlace(kb, opts.place);
    if (r.kind !== 'found') return placeNotFound(kb, r);
    ids = articlesFor(r.place);
    where = ` for ${r.place.name}`;
  }
  const lines = ids.map((id) => {
    const a = kb.byId.get(id)!;
    const facts = [a.council, a.source?.publisher ?? 'publisher unknown', a.published ? `published ${a.published}` : 'date unknown'];
    return { text: `${a.title} (${facts.join('; ')})`, citation: cite(kb, id) };
  });
  return {
    kind: 'sources',
    title: `Sources${where}`,
    summary: `${ids.length} article${ids.length === 1 ? '' : 's'}${where}.`,
    sections: lines.length ? [{ heading: 'Articles', lines }] : [],
    suggestions: [],
    sources: sourcesOf(kb, ids),
  };
}
