import type { ConsultationEntry, KnowledgeBase } from '../knowledge/knowledge-base.js';
import { resolvePlace } from '../knowledge/places.js';
import { articlesFor, placeNotFound, sourcesOf } from './cite.js';
import { consultationLine } from './lines.js';
import type { Answer } from './types.js';

export function upcoming(kb: KnowledgeBase, now: Date): ConsultationEntry[] {
  return kb.consultations.filter((c) => Date.parse(c.closes) > now.getTime());
}

/** `/consultations [place]`: consultations still open, soonest first. */
export function consultationsAnswer(kb: KnowledgeBase, opts: { place?: string; now?: Date }): Answer {
  const now = opts.now ?? new Date();
  let list = upcoming(kb, now);
  let where = '';
  if (opts.place?.trim()) {
    const r = resolvePlace(kb, opts.place);
    if (r.kind !== 'found') return placeNotFound(kb, r);
    const ids = new Set(articlesFor(r.place));
    list = list.filter((c) => ids.has(c.articleId));
    where = ` in ${r.place.name}`;
  }
  const closed = kb.consultations.length - upcoming(kb, now).length;
  return {
    kind: 'consultations',
    title: `Open consultations${where}`,
    summary:
      list.length === 0
        ? `No open consultations are recorded${where}.${closed ? ` ${closed} closed consultation${closed === 1 ? ' is' : 's are'} not shown.` : ''}`
        : `${list.length} open; organisers can schedule reminders with /remind.`,
    sections: list.length ? [{ heading: 'Closing soonest first', lines: list.map((c) => consultationLine(kb, c)) }] : [],
    suggestions: [],
    sources: sourcesOf(kb, list.map((c) => c.articleId)),
  };
}
