import { articleParts, articleText, extractForServing, paragraphTermsOf, type ArticleParts, type ArticleText } from './article-parts.js';
import type { Gazetteer } from './gazetteer.js';
import type { StoredIndexes } from './index-store.js';
import type { CitedFigure, CitedQuote, ConsultationEntry, KnowledgeBase, PlaceEntry } from './knowledge-base.js';
import { regionPlacesSteps } from './national-places.js';
import { linkPlaces, rememberRegions } from './place-links.js';

export { articleParts, type ArticleParts } from './article-parts.js';
import { placeIndexSteps, type PlaceIndex } from './places.js';
import type { Problem } from './problems.js';
import type { Article } from './schema.js';
import { runSync, type Steps } from './sliced.js';
import { speakerIndexSteps, speakerIsClear } from './speakers.js';
import { termIndexSteps } from './term-index.js';
import { terms } from './text.js';
import { updateStates } from './update-state.js';

/**
 * Builds the whole knowledge base once per load: extraction, places, and every index the answers
 * read. Answers then only look things up; nothing is recomputed per question.
 */
export function buildKnowledgeBase(input: Article[], gazetteer: Gazetteer, loadedAt = new Date()): KnowledgeBase {
  return runSync(knowledgeBaseSteps(input, gazetteer, (a) => articleParts(a, extractForServing(a)), loadedAt));
}

const byId = (a: Article, b: Article) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** `buildKnowledgeBase` as steps (see `sliced.ts`), with each article's parts from the caller, who may have them already. */
export function* knowledgeBaseSteps(
  input: readonly Article[],
  gazetteer: Gazetteer,
  partsOf: (article: Article) => ArticleParts,
  loadedAt = new Date(),
  textOf: (article: Article) => ArticleText | undefined = () => undefined,
  /** Term indexes an earlier run built over exactly these articles (`index-store.ts`): taken instead of built. */
  stored: StoredIndexes | null = null,
): Steps<KnowledgeBase> {
  const articles = [...input].sort(byId);
  yield;
  const texts = new Map<Article, ArticleText>();
  for (const [i, a] of articles.entries()) {
    if (i % 16 === 15) yield;
    texts.set(a, textOf(a) ?? articleText(a));
  }
  const parts = yield* collectParts(articles, partsOf);
  const { places, placeIndex } = yield* placesSteps(articles, gazetteer, (a) => texts.get(a)!, parts.byId);
  const paragraphRefs: { articleId: string; n: number }[] = [];
  // Where each article's documents start, and which articles have problems, for a later update (`update-state.ts`).
  const state = { paragraphs: new Map<string, number>(), quotes: new Map<string, number>(), problems: new Map<string, readonly Problem[]>() };
  let quoteDocs = 0;
  for (const [i, a] of articles.entries()) {
    if (i % 64 === 63) yield;
    const own = parts.byArticle.get(a.id)!;
    state.paragraphs.set(a.id, paragraphRefs.length);
    state.quotes.set(a.id, quoteDocs);
    quoteDocs += own.quotes.length;
    if (own.problems.length > 0) state.problems.set(a.id, own.problems);
    for (const p of a.paragraphs) paragraphRefs.push({ articleId: a.id, n: p.n });
  }
  yield;
  const speakers = yield* speakerIndexSteps(parts.quotes);
  // The key guarantees the stored indexes fit; the counts are checked anyway, as a wrong index would rank the wrong paragraphs.
  const fits = stored !== null && stored.paragraphs.base.docLength.length === paragraphRefs.length && stored.quotes.base.docLength.length === parts.quotes.length;
  const paragraphs = fits ? stored.paragraphs : yield* termIndexSteps(yield* paragraphTextsSteps(articles, texts), true);
  // Indexed now: kept, they would be as large as the articles' text again (`ArticleText.paragraphTerms`).
  for (const text of texts.values()) text.paragraphTerms = null;
  texts.clear();
  const quoteIndex = fits ? stored.quotes : yield* termIndexSteps(yield* quoteTextsSteps(parts.quotes), true);

  const kb: KnowledgeBase = {
    articles,
    ...parts,
    places,
    index: { places: placeIndex, speakers, paragraphs, paragraphRefs, quotes: quoteIndex, quoteDocs: parts.quotes },
    loadedAt,
  };
  updateStates.set(kb, state);
  return kb;
}

/** A quote as the quote index reads it. An unsure speaker's name is not indexed either, so a topic search for that name cannot find the quote. */
export const quoteText = (q: CitedQuote) => (speakerIsClear(q) ? [q.text, q.speaker ?? '', q.role ?? ''] : [q.text]).join(' ');

/** Each paragraph's terms, in the articles' order: as a worker worked them out, else worked out here (a warm start that builds). */
function* paragraphTextsSteps(articles: readonly Article[], texts: ReadonlyMap<Article, ArticleText>): Steps<string[]> {
  const out: string[] = [];
  for (const [i, a] of articles.entries()) {
    if (i % 16 === 15) yield;
    const text = texts.get(a);
    for (const t of paragraphTermsOf(text, a)) out.push(t);
  }
  return out;
}

/** Each quote's terms joined by spaces: the term index reads every document twice, so each is tokenized once here. */
function* quoteTextsSteps(quotes: readonly CitedQuote[]): Steps<string[]> {
  const out: string[] = [];
  for (const [i, q] of quotes.entries()) {
    if (i % 1024 === 1023) yield;
    out.push(terms(quoteText(q)).join(' '));
  }
  return out;
}

type Collected = Pick<KnowledgeBase, 'byId' | 'quotes' | 'figures' | 'consultations' | 'problems'> & { byArticle: Map<string, ArticleParts> };

/** Every article's quotes, figures, consultations and problems, in the articles' order (sorted by id). */
export function* collectParts(articles: readonly Article[], partsOf: (article: Article) => ArticleParts): Steps<Collected> {
  const quotes: CitedQuote[] = [];
  const figures: CitedFigure[] = [];
  const consultations: ConsultationEntry[] = [];
  const byArticle = new Map<string, ArticleParts>();
  const problems: Problem[] = [];
  for (const [i, article] of articles.entries()) {
    if (i % 64 === 63) yield;
    const own = partsOf(article);
    byArticle.set(article.id, own);
    for (const p of own.problems) problems.push(p);
    for (const q of own.quotes) quotes.push(q);
    for (const f of own.figures) figures.push(f);
    for (const c of own.consultations) consultations.push(c);
  }
  // Each date parsed once, not at every comparison: sorting 10,000 consultations took 30 ms in one step.
  const closes = new Map(consultations.map((c) => [c, Date.parse(c.closes)]));
  yield;
  consultations.sort((a, b) => closes.get(a)! - closes.get(b)!);
  yield;
  const byId = new Map<string, Article>();
  for (const [i, a] of articles.entries()) {
    if (i % 1024 === 1023) yield;
    byId.set(a.id, a);
  }
  return { byId, quotes, figures, consultations, byArticle, problems };
}

/** Places linked to the articles (sorted by id), regions and nations included, and the index that resolves their names. */
export function* placesSteps(articles: readonly Article[], gazetteer: Gazetteer, textOf: (a: Article) => ArticleText, byId: ReadonlyMap<string, Article>): Steps<{ places: PlaceEntry[]; placeIndex: PlaceIndex }> {
  const places = yield* linkPlaces(articles, gazetteer, textOf);
  const regions = yield* regionPlacesSteps(places, byId);
  rememberRegions(places, regions);
  const placeIndex = yield* placeIndexSteps([...places, ...regions]);
  return { places, placeIndex };
}

