import type { CorrectedExtraction } from '../knowledge/corrections.js';
import { formatProblem } from '../knowledge/problems.js';
import type { Article, Attribution, Figure, Quote } from '../knowledge/schema.js';
import { clip } from '../knowledge/text.js';
import type { Answer, AnswerLine, AnswerSection, Citation } from './types.js';

/**
 * A moderator's review of one article: every quote with its speaker, attribution and confidence,
 * and every figure, with what needs a human look first (corrections that no longer match, then
 * quotes whose speaker is unsure, unnamed, a document or nobody), then what a moderator corrected,
 * then the rest. Shared by `kb check --review FILE` and `/kb preview`; each edge renders it.
 *
 * Lines give their paragraph (¶n) in the text rather than as a citation: the whole review is about
 * the one article in its title, and repeating the title on every line would crowd out the items.
 */

/**
 * Attributions where no person is named at the attribution, so a human should confirm who spoke, in
 * the order they are listed: nobody first, then a document or body, then an unnamed person. A
 * low-confidence quote of any attribution comes before all of them.
 */
const UNSURE_RANK: Partial<Record<Attribution, number>> = { none: 1, document: 2, unnamed: 3 };

const QUOTE_CHARS = 140;

export function needsLook(q: Quote): boolean {
  return q.confidence === 'low' || UNSURE_RANK[q.attribution] !== undefined;
}

function attentionRank(q: Quote): number {
  return q.confidence === 'low' ? 0 : (UNSURE_RANK[q.attribution] ?? 9);
}

function speakerText(q: Quote): string {
  if (q.speaker) return q.role ? `${q.speaker}, ${q.role}` : q.speaker;
  return q.role ? `no name (${q.role})` : 'speaker: none';
}

/** `withReason: false` where the line already says which correction set the speaker. */
export function quoteReviewText(q: Quote, withReason = true): string {
  const how = `${q.attribution}, ${q.confidence}${withReason && q.reason ? `: ${q.reason}` : ''}`;
  const paragraphs = q.paragraphs.length > 1 ? `${q.paragraphs[0]}–${q.paragraphs.at(-1)}` : `${q.paragraphs[0] ?? '?'}`;
  const said = q.kind === 'reported' ? `(reported) ${clip(q.text, QUOTE_CHARS)}` : `“${clip(q.text, QUOTE_CHARS)}”`;
  return `¶${paragraphs} ${speakerText(q)} [${how}]${q.kind === 'partial' ? ' (partial)' : ''}: ${said}`;
}

export function figureReviewText(f: Figure): string {
  const counts = f.kind === 'date' ? '' : `, counts: ${f.counts ?? 'not said'}`;
  return `¶${f.paragraph} ${f.kind} “${clip(f.text, 80)}”${f.qualifier ? ` (${f.qualifier})` : ''}${counts}`;
}

const line = (text: string): AnswerLine => ({ text, citation: null });
const byLine = (a: { at: number }, b: { at: number }) => a.at - b.at;

export interface ReviewOptions {
  /** Where to see every line, for an edge that has to cut the listing to fit. */
  allHint?: string;
}

export function reviewAnswer(article: Article, x: CorrectedExtraction, opts: ReviewOptions = {}): Answer {
  const corrected = [...x.changed.entries()].map(([item, at]) => ({ item, at }));
  const isChanged = (item: Quote | Figure) => x.changed.has(item);

  const unsure = x.quotes
    .filter((q) => !isChanged(q) && needsLook(q))
    .map((q, i) => ({ q, i }))
    .sort((a, b) => attentionRank(a.q) - attentionRank(b.q) || a.i - b.i)
    .map(({ q }) => line(quoteReviewText(q)));
  const fixes = [
    ...corrected.map(({ item, at }) => ({ at, text: `line ${at}: ${'attribution' in item ? quoteReviewText(item, false) : figureReviewText(item)}` })),
    ...x.dropped.map((d) => ({ at: d.line, text: `line ${d.line}: dropped ${d.quote ? `quote ${quoteReviewText(d.quote)}` : `figure ${figureReviewText(d.figure!)}`}` })),
  ]
    .sort(byLine)
    .map((f) => line(f.text));
  const quotes = x.quotes.filter((q) => !isChanged(q) && !needsLook(q)).map((q) => line(quoteReviewText(q)));
  // A figure that does not say what it counts is the likeliest to be misread: those first.
  const unlabelled = (f: Figure) => f.kind !== 'date' && f.counts === null;
  const figures = x.figures
    .filter((f) => !isChanged(f))
    .map((f, i) => ({ f, i }))
    .sort((a, b) => Number(unlabelled(b.f)) - Number(unlabelled(a.f)) || a.i - b.i)
    .map(({ f }) => line(figureReviewText(f)));

  const more = opts.allHint ? { more: { count: 0, hint: opts.allHint } } : {};
  const section = (heading: string, lines: AnswerLine[]): AnswerSection[] => (lines.length === 0 ? [] : [{ heading: `${heading} (${lines.length})`, lines, ...more }]);
  const sections = [
    ...section('Corrections that no longer match', x.problems.map((p) => line(formatProblem(p)))),
    ...section('Check these quotes: speaker unsure, unnamed or a document', unsure),
    ...section('Corrected by a moderator', fixes),
    ...section('Quotes', quotes),
    ...section('Figures', figures),
  ];
  if (sections.length === 0) sections.push({ heading: 'Nothing extracted', lines: [line('No quotes or figures were found in this article.')] });

  const total = x.quotes.length;
  const summary =
    `${total} quote${total === 1 ? '' : 's'} (${unsure.length} to check), ${x.figures.length} figure${x.figures.length === 1 ? '' : 's'}` +
    `; ${corrected.length + x.dropped.length} correction${corrected.length + x.dropped.length === 1 ? '' : 's'} applied` +
    (x.problems.length > 0 ? `, ${x.problems.length} that no longer match${x.problems.length === 1 ? 'es' : ''}` : '') +
    '. What needs a human look comes first.';
  const source: Citation = { articleId: article.id, title: article.title, paragraph: null, url: article.source?.url ?? null, publisher: article.source?.publisher ?? null };
  return { kind: 'sources', title: clip(`Review: ${article.title}`, 256), summary, sections, suggestions: [], sources: [source] };
}
