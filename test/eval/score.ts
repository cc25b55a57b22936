/**
 * Pure scoring functions for the answer-quality evaluation. Everything here takes predictions and gold
 * labels and returns numbers; reading files and printing live in run.ts.
 */
import type { Extraction, Figure, FigureKind, Quote } from '../../src/knowledge/schema.js';
import { speakerIsClear } from '../../src/knowledge/speakers.js';

export const FIGURE_KINDS: FigureKind[] = ['money', 'percent', 'count', 'date'];

/** True positives against the sizes of both sides: enough for precision, recall and F1, and summable across articles. */
export interface Counts {
  tp: number;
  predicted: number;
  gold: number;
}

export interface Ratio {
  correct: number;
  total: number;
}

export interface ArticleScore {
  id: string;
  quoteExact: Counts;
  quoteOverlap: Counts;
  /** Over quotes matched by overlap: speaker and kind both right. */
  speaker: Ratio;
  /** Over quotes matched by overlap: role right (reported for information, not in the thresholds). */
  role: Ratio;
  figures: Record<FigureKind | 'all', Counts>;
  /** Over matched figures: text, qualifier and counts all right. */
  figureDetail: Ratio;
  /** Over quotes matched by overlap: a named speaker that is not the gold speaker (gold null included), the worst error. */
  wrongNamedSpeakers: number;
  /**
   * The wrong named speakers a member would be shown: those `speakerIsClear` lets through. A low-confidence or
   * unattributed one is shown as "speaker not clear in the article", so it is wrong only in the strict count.
   */
  wrongNamedShown: number;
  /** The strict wrong named speakers by what the label says instead (see `wrongNamedKind`). */
  wrongNamedKinds: Record<WrongNamedKind, number>;
  /** Over quotes matched by overlap whose gold label records an attribution: attribution right. */
  attribution: Ratio;
  /** Figures paired on kind, value and paragraph only (unit and wording free): "value and kind" F1. */
  figureValueKind: Counts;
  /** Gold figures labelled with a class ("number-word", "range", …): how many of each were found (paired on value and kind). */
  figureClasses: Record<string, Ratio>;
}

/** A gold figure may name the pattern it exercises, so recall can be reported by class. */
export type GoldFigure = Figure & { class?: string };
/** Older gold labels predate `attribution`; it is scored only where the label has it. */
export type GoldQuote = Omit<Quote, 'attribution' | 'confidence' | 'reason'> & Partial<Pick<Quote, 'attribution'>>;
export interface GoldExtraction {
  quotes: GoldQuote[];
  figures: GoldFigure[];
}

export function normalizeText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function tokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Shared tokens (with repeats) over the longer side's length, so a fragment of a long quote does not match it. */
export function tokenOverlap(a: string, b: string): number {
  const ta = tokens(a);
  const tb = tokens(b);
  if (ta.length === 0 || tb.length === 0) return ta.length === tb.length ? 1 : 0;
  const bag = new Map<string, number>();
  for (const t of tb) bag.set(t, (bag.get(t) ?? 0) + 1);
  let shared = 0;
  for (const t of ta) {
    const n = bag.get(t) ?? 0;
    if (n > 0) {
      shared++;
      bag.set(t, n - 1);
    }
  }
  return shared / Math.max(ta.length, tb.length);
}

/** One-to-one pairs of gold and predicted quotes; each gold quote takes its best free prediction. */
export function matchQuotes<G extends Pick<Quote, 'text'>>(predicted: Quote[], gold: G[], mode: 'exact' | 'overlap'): [Quote, G][] {
  const free = new Set(predicted.map((_, i) => i));
  const pairs: [Quote, G][] = [];
  for (const g of gold) {
    let best = -1;
    let bestScore = 0;
    for (const i of free) {
      const p = predicted[i]!;
      const score = mode === 'exact' ? (normalizeText(p.text) === normalizeText(g.text) ? 1 : 0) : tokenOverlap(p.text, g.text);
      if (score > bestScore && (mode === 'exact' || score >= 0.5)) {
        best = i;
        bestScore = score;
      }
    }
    if (best >= 0) {
      free.delete(best);
      pairs.push([predicted[best]!, g]);
    }
  }
  return pairs;
}

const strictKey = (f: Figure) => `${f.kind}|${String(f.value)}|${f.unit}|${f.paragraph}`;
// Values compared to 0.1 so a fraction labelled 33.3 matches an extractor's 33.33.
const valueKindKey = (f: Figure) => `${f.kind}|${typeof f.value === 'number' ? f.value.toFixed(1) : f.value}|${f.paragraph}`;

/**
 * One-to-one pairs of gold and predicted figures that agree on kind, value, unit and paragraph
 * (`strict`), or on kind, value and paragraph only (`value-kind`).
 */
export function matchFigures<G extends Figure>(predicted: Figure[], gold: G[], mode: 'strict' | 'value-kind' = 'strict'): [Figure, G][] {
  const key = mode === 'strict' ? strictKey : valueKindKey;
  const free = new Map<string, Figure[]>();
  for (const p of predicted) free.set(key(p), [...(free.get(key(p)) ?? []), p]);
  const pairs: [Figure, G][] = [];
  for (const g of gold) {
    const p = free.get(key(g))?.shift();
    if (p) pairs.push([p, g]);
  }
  return pairs;
}

/** A named speaker where the gold speaker is someone else or nobody: the answer a member must never get. */
export function isWrongNamedSpeaker(predicted: Pick<Quote, 'speaker'>, gold: Pick<Quote, 'speaker'>): boolean {
  return predicted.speaker !== null && predicted.speaker !== gold.speaker;
}

/** A wrong named speaker that answers would show as the speaker, not as "speaker not clear in the article". */
export function isWrongNamedShown(predicted: Pick<Quote, 'speaker' | 'role' | 'attribution' | 'confidence'>, gold: Pick<Quote, 'speaker'>): boolean {
  return isWrongNamedSpeaker(predicted, gold) && speakerIsClear(predicted);
}

export type WrongNamedKind = 'nobody' | 'surname' | 'other';
export const WRONG_NAMED_KINDS: WrongNamedKind[] = ['nobody', 'surname', 'other'];

const lastWord = (name: string) => name.trim().split(/\s+/).at(-1)!.toLowerCase();

/**
 * What a wrong named speaker got wrong, so a round can tell a name finder's slip from a wrong person without
 * reading held-out text: the label names nobody; the label's name ends in the same word (the same surname written
 * another way, e.g. a first name or title missed, so maybe the same person); or another person.
 */
export function wrongNamedKind(predicted: Pick<Quote, 'speaker'>, gold: Pick<Quote, 'speaker'>): WrongNamedKind {
  if (gold.speaker === null) return 'nobody';
  return lastWord(predicted.speaker!) === lastWord(gold.speaker) ? 'surname' : 'other';
}

export function scoreArticle(id: string, predicted: Extraction, gold: GoldExtraction): ArticleScore {
  const exact = matchQuotes(predicted.quotes, gold.quotes, 'exact');
  const overlap = matchQuotes(predicted.quotes, gold.quotes, 'overlap');
  const figures = {} as Record<FigureKind | 'all', Counts>;
  for (const kind of FIGURE_KINDS) {
    const p = predicted.figures.filter((f) => f.kind === kind);
    const g = gold.figures.filter((f) => f.kind === kind);
    figures[kind] = { tp: matchFigures(p, g).length, predicted: p.length, gold: g.length };
  }
  const figurePairs = matchFigures(predicted.figures, gold.figures);
  figures.all = { tp: figurePairs.length, predicted: predicted.figures.length, gold: gold.figures.length };
  const loosePairs = matchFigures(predicted.figures, gold.figures, 'value-kind');
  const found = new Set(loosePairs.map(([, g]) => g));
  const figureClasses: Record<string, Ratio> = {};
  for (const g of gold.figures) {
    if (!g.class) continue;
    const r = (figureClasses[g.class] ??= { correct: 0, total: 0 });
    r.total++;
    if (found.has(g)) r.correct++;
  }
  const attributed = overlap.filter(([, g]) => g.attribution !== undefined);
  return {
    id,
    quoteExact: { tp: exact.length, predicted: predicted.quotes.length, gold: gold.quotes.length },
    quoteOverlap: { tp: overlap.length, predicted: predicted.quotes.length, gold: gold.quotes.length },
    speaker: { correct: overlap.filter(([p, g]) => p.speaker === g.speaker && p.kind === g.kind).length, total: overlap.length },
    role: { correct: overlap.filter(([p, g]) => p.role === g.role).length, total: overlap.length },
    figures,
    figureDetail: {
      correct: figurePairs.filter(([p, g]) => p.text === g.text && p.qualifier === g.qualifier && p.counts === g.counts).length,
      total: figurePairs.length,
    },
    wrongNamedSpeakers: overlap.filter(([p, g]) => isWrongNamedSpeaker(p, g)).length,
    wrongNamedShown: overlap.filter(([p, g]) => isWrongNamedShown(p, g)).length,
    wrongNamedKinds: Object.fromEntries(
      WRONG_NAMED_KINDS.map((k) => [k, overlap.filter(([p, g]) => isWrongNamedSpeaker(p, g) && wrongNamedKind(p, g) === k).length]),
    ) as Record<WrongNamedKind, number>,
    attribution: { correct: attributed.filter(([p, g]) => p.attribution === g.attribution).length, total: attributed.length },
    figureValueKind: { tp: loosePairs.length, predicted: predicted.figures.length, gold: gold.figures.length },
    figureClasses,
  };
}

/** F1 from counts; nothing predicted and nothing expected is a perfect score, not a division by zero. */
export function f1(c: Counts): number {
  if (c.predicted === 0 && c.gold === 0) return 1;
  return (2 * c.tp) / (c.predicted + c.gold);
}

export function accuracy(r: Ratio): number {
  return r.total === 0 ? 1 : r.correct / r.total;
}

export function addCounts(a: Counts, b: Counts): Counts {
  return { tp: a.tp + b.tp, predicted: a.predicted + b.predicted, gold: a.gold + b.gold };
}

export function addRatios(a: Ratio, b: Ratio): Ratio {
  return { correct: a.correct + b.correct, total: a.total + b.total };
}

/** Micro-averaged totals over articles: every quote and figure weighs the same. */
export function totalScore(scores: ArticleScore[]): ArticleScore {
  const zero: Counts = { tp: 0, predicted: 0, gold: 0 };
  const none: Ratio = { correct: 0, total: 0 };
  const total: ArticleScore = {
    id: 'overall',
    quoteExact: zero,
    quoteOverlap: zero,
    speaker: none,
    role: none,
    figures: { money: zero, percent: zero, count: zero, date: zero, all: zero },
    figureDetail: none,
    wrongNamedSpeakers: 0,
    wrongNamedShown: 0,
    wrongNamedKinds: { nobody: 0, surname: 0, other: 0 },
    attribution: none,
    figureValueKind: zero,
    figureClasses: {},
  };
  for (const s of scores) {
    total.wrongNamedSpeakers += s.wrongNamedSpeakers;
    total.wrongNamedShown += s.wrongNamedShown;
    for (const k of WRONG_NAMED_KINDS) total.wrongNamedKinds[k] += s.wrongNamedKinds[k];
    total.attribution = addRatios(total.attribution, s.attribution);
    total.figureValueKind = addCounts(total.figureValueKind, s.figureValueKind);
    for (const [c, r] of Object.entries(s.figureClasses)) total.figureClasses[c] = addRatios(total.figureClasses[c] ?? none, r);
    total.quoteExact = addCounts(total.quoteExact, s.quoteExact);
    total.quoteOverlap = addCounts(total.quoteOverlap, s.quoteOverlap);
    total.speaker = addRatios(total.speaker, s.speaker);
    total.role = addRatios(total.role, s.role);
    total.figureDetail = addRatios(total.figureDetail, s.figureDetail);
    for (const k of [...FIGURE_KINDS, 'all'] as const) total.figures[k] = addCounts(total.figures[k], s.figures[k]);
  }
  return total;
}

/** The headline numbers of one score, the ones thresholds.json records. */
export function headline(s: ArticleScore): Record<string, number> {
  return {
    quoteExactF1: f1(s.quoteExact),
    quoteOverlapF1: f1(s.quoteOverlap),
    speakerAccuracy: accuracy(s.speaker),
    figureF1: f1(s.figures.all),
    figureValueKindF1: f1(s.figureValueKind),
    figureMoneyF1: f1(s.figures.money),
    figurePercentF1: f1(s.figures.percent),
    figureCountF1: f1(s.figures.count),
    figureDateF1: f1(s.figures.date),
  };
}

export interface PlaceQuery {
  query: string;
  /** The place's canonical name, or null when the query must resolve to nothing. */
  expect: string | null;
}

/** Share of queries resolved as expected: to the expected place, or (for unknown places) to no place at all. */
export function placeAccuracy(queries: PlaceQuery[], resolve: (query: string) => string | null): { accuracy: number; misses: { query: string; expect: string | null; got: string | null }[] } {
  const misses: { query: string; expect: string | null; got: string | null }[] = [];
  for (const q of queries) {
    const got = resolve(q.query);
    if (got !== q.expect) misses.push({ query: q.query, expect: q.expect, got });
  }
  return { accuracy: queries.length === 0 ? 1 : (queries.length - misses.length) / queries.length, misses };
}
