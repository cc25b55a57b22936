import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { resolvePlace } from '../knowledge/places.js';
import type { FigureKind } from '../knowledge/schema.js';
import { articlesFor, placeNotFound, sourcesOf } from './cite.js';
import { figureLine } from './lines.js';
import type { Answer, AnswerSection } from './types.js';

const HEADINGS: [FigureKind, string][] = [
  ['count', 'Jobs and people'],
  ['money', 'Money'],
  ['percent', 'Percentages'],
  ['date', 'Dates'],
];

/** `/figures <place>`: every figure in the place's articles, grouped by kind, each with its sentence and citation (the catalogue pages it). */
export function figuresAnswer(kb: KnowledgeBase, opts: { place: string }): Answer {
  const r = resolvePlace(kb, opts.place);
  if (r.kind !== 'found') return placeNotFound(kb, r);
  const ids = new Set(articlesFor(r.place));
  const figures = [...ids].flatMap((id) => kb.byArticle.get(id)!.figures);
  const sections: AnswerSection[] = [];
  for (const [kind, heading] of HEADINGS) {
    const list = figures.filter((f) => f.kind === kind);
    if (list.length === 0) continue;
    sections.push({
      heading,
      lines: list.map((f) => figureLine(kb, f)),
    });
  }
  const where = r.via === 'town' ? `${r.matched} is in ${r.place.name}. ` : '';
  return {
    kind: 'figures',
    title: `Figures for ${r.place.name}`,
    summary: figures.length ? `${where}${figures.length} figure${figures.length === 1 ? '' : 's'} from ${ids.size} article${ids.size === 1 ? '' : 's'}.` : `${where}No figures are recorded for ${r.place.name}.`,
    sections,
    suggestions: [],
    sources: sourcesOf(kb, [...ids]),
  };
}
