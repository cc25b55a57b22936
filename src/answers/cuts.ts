import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { carePlace } from '../knowledge/national-places.js';
import { resolvePlace } from '../knowledge/places.js';
import { clip } from '../knowledge/text.js';
import { cite, firstSentence, placeNotFound, sourcesOf } from './cite.js';
import { careNote, noArticlesAnswer, regionAnswer } from './cuts-area.js';
import { keyFigures, keyQuotes, newestFirst } from './key-items.js';
import { consultationLine, figureLine, quoteLine } from './lines.js';
import type { Answer, AnswerSection } from './types.js';

const KEY_FIGURES = 6;
const KEY_QUOTES = 3;
const LEAD_ARTICLES = 5;
const SUMMARY_ARTICLES = 10;

/** `/cuts <place>`: what is being cut there, the key figures and quotes, each cited, and the sources. */
export function cutsAnswer(kb: KnowledgeBase, opts: { place: string; now?: Date }): Answer {
  const r = resolvePlace(kb, opts.place);
  if (r.kind !== 'found') return placeNotFound(kb, r);
  let place = r.place;
  let note =
    r.via === 'town' && r.fuzzy
      ? `Showing ${r.matched} (in ${place.name}) for “${opts.place}”. `
      : r.via === 'town'
        ? `${r.matched} is in ${place.name}. `
        : r.fuzzy || r.via === 'alias'
          ? `Showing ${place.name} for “${opts.place}”. `
          : '';
  if (place.area?.kind === 'region' || place.area?.kind === 'nation') return regionAnswer(kb, place, note);
  // A district with no articles of its own answers with the county's, since the county runs its care.
  const care = carePlace(kb.places, place);
  if (care && place.articleIds.length === 0 && care.articleIds.length > 0) {
    note += `${careNote(place)} `;
    place = care;
  }
  const ids = [...newestFirst(kb, place.articleIds), ...newestFirst(kb, place.mentionedIn)];
  if (ids.length === 0) return noArticlesAnswer(kb, place, note);
  const sections: AnswerSection[] = [];
  // A summary reads the newest articles only, so a place with hundreds answers as fast as one with two.
  const recent = ids.slice(0, SUMMARY_ARTICLES);
  const own = recent.map((id) => kb.byArticle.get(id)!);
  const all = ids.map((id) => kb.byArticle.get(id)!);

  sections.push({
    heading: 'What is being cut',
    lines: recent.slice(0, LEAD_ARTICLES).map((id) => {
      const a = kb.byId.get(id)!;
      const lead = a.paragraphs.find((p) => !p.caption) ?? a.paragraphs[0]!;
      return { text: clip(firstSentence(lead.text), 400), citation: cite(kb, id, lead.n) };
    }),
    ...(ids.length > LEAD_ARTICLES ? { more: { count: ids.length - LEAD_ARTICLES, hint: `/sources ${place.name}` } } : {}),
  });

  const figures = keyFigures(own.flatMap((o) => o.figures));
  if (figures.length > 0) {
    const shown = figures.slice(0, KEY_FIGURES);
    const total = all.reduce((n, o) => n + o.figures.length, 0);
    sections.push({
      heading: 'Key figures',
      lines: shown.map((f) => figureLine(kb, f)),
      ...(total > shown.length ? { more: { count: total - shown.length, hint: `/figures ${place.name}` } } : {}),
    });
  }

  const quotes = keyQuotes(own.flatMap((o) => o.quotes));
  if (quotes.length > 0) {
    const shown = quotes.slice(0, KEY_QUOTES);
    const total = all.reduce((n, o) => n + o.quotes.length, 0);
    sections.push({
      heading: 'Key quotes',
      lines: shown.map((q) => quoteLine(kb, q, 300)),
      ...(total > shown.length ? { more: { count: total - shown.length, hint: `/quote ${place.name}` } } : {}),
    });
  }

  const now = (opts.now ?? new Date()).getTime();
  const open = all.flatMap((o) => o.consultations.filter((c) => Date.parse(c.closes) > now)).sort((x, y) => Date.parse(x.closes) - Date.parse(y.closes));
  if (open.length > 0) sections.push({ heading: 'Open consultations', lines: open.map((c) => consultationLine(kb, c)) });

  const n = ids.length;
  return {
    kind: 'cuts',
    title: `Care cuts in ${place.name}`,
    summary: [`${note}${n} article${n === 1 ? '' : 's'} about ${place.council}.`, place === r.place ? careNote(place) : ''].filter(Boolean).join(' '),
    sections,
    suggestions: [],
    sources: sourcesOf(kb, recent),
  };
}
