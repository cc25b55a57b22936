import { articleText, type ArticleParts, type ArticleText } from './article-parts.js';
import { knowledgeBaseSteps, placesSteps, quoteText } from './build.js';
import type { Gazetteer } from './gazetteer.js';
import type { CitedFigure, CitedQuote, ConsultationEntry, KnowledgeBase, PlaceEntry } from './knowledge-base.js';
import { regionPlaces } from './national-places.js';
import { regionsOf, relinkPlaces, rememberRegions } from './place-links.js';
import { replacePlaces, type PlaceIndex } from './places.js';
import type { Article } from './schema.js';
import type { Steps } from './sliced.js';
import { updateSpeakerIndex } from './speakers.js';
import type { TermIndex } from './term-index.js';
import { needsCompaction, updateTermIndexSteps } from './term-update.js';
import { terms } from './text.js';

/**
 * The knowledge base after a reload, built from the one being served when few articles changed.
 *
 * It is always a new `KnowledgeBase` object, swapped in whole (`knowledge-store.ts`): an answer in
 * progress, or anything else that holds the old one, keeps reading a consistent snapshot, and
 * nothing the old one reads is ever changed. An update shares what did not change instead of
 * rebuilding it: the term indexes' base segments (the old articles' documents are marked dead, the
 * new ones appended; see `term-update.ts`), the paragraph and quote document lists (appended to),
 * and each unchanged article's parts and text, whose place mentions are already found. The places,
 * regions and speakers are linked again over every article, which with those kept costs a few
 * milliseconds and applies exactly the rules of a fresh build. When the appended or dead documents
 * pass `MAX_UNMERGED_DOCS`, or the gazetteer changed, the knowledge base is built afresh (a
 * compaction), in slices like every build.
 */

export interface Revised {
  kb: KnowledgeBase;
  /** Whether every index was built afresh (first load, gazetteer changed, compaction), rather than updated or kept. */
  rebuilt: boolean;
}

/** Where each article's documents start in the term indexes: an article's paragraphs (and its quotes) are numbered together, in order. */
interface Numbering {
  paragraphs: Map<string, number>;
  quotes: Map<string, number>;
}

const numberings = new WeakMap<KnowledgeBase, Numbering>();

/** A fresh build numbers documents in article order; an updated one recorded its numbering. */
function numberingOf(kb: KnowledgeBase): Numbering | null {
  const known = numberings.get(kb);
  if (known) return known;
  const fresh = (i: TermIndex) => i.addedTexts.length === 0 && i.deadCount === 0;
  if (!fresh(kb.index.paragraphs) || !fresh(kb.index.quotes)) return null;
  const n: Numbering = { paragraphs: new Map(), quotes: new Map() };
  let p = 0;
  let q = 0;
  for (const a of kb.articles) {
    n.paragraphs.set(a.id, p);
    n.quotes.set(a.id, q);
    p += a.paragraphs.length;
    q += kb.byArticle.get(a.id)!.quotes.length;
  }
  numberings.set(kb, n);
  return n;
}

const byId = (a: Article, b: Article) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Documents that score alike come in the knowledge base's order: by article id, then as numbered (an article's documents are numbered together, in order). */
const articleOrder = (idOf: (doc: number) => string) => (x: number, y: number) => {
  const a = idOf(x);
  const b = idOf(y);
  return a < b ? -1 : a > b ? 1 : x - y;
};

export function* reviseKnowledgeBaseSteps(
  previous: KnowledgeBase | null,
  /** Whether `gazetteer` is the one `previous` was built with. */
  sameGazetteer: boolean,
  input: readonly Article[],
  gazetteer: Gazetteer,
  partsOf: (article: Article) => ArticleParts,
  loadedAt: Date,
  textOf: (article: Article) => ArticleText | undefined,
): Steps<Revised> {
  const numbering = previous && sameGazetteer ? numberingOf(previous) : null;
  if (!previous || !numbering) return { kb: yield* knowledgeBaseSteps(input, gazetteer, partsOf, loadedAt, textOf), rebuilt: true };
  const articles = [...input].sort(byId);
  const next = new Set(articles);
  // An article counts as changed when it is another object or its parts are (the same object keeps its parts across reloads).
  const kept = (a: Article) => previous.byId.get(a.id) === a && previous.byArticle.get(a.id) === partsOf(a);
  const removed = previous.articles.filter((a) => !next.has(a) || !kept(a));
  yield;
  const added = articles.filter((a) => !kept(a));
  if (removed.length === 0 && added.length === 0) return { kb: previous, rebuilt: false };
  const appendedParagraphs = added.reduce((n, a) => n + a.paragraphs.length, 0);
  const appendedQuotes = added.reduce((n, a) => n + partsOf(a).quotes.length, 0);
  if (needsCompaction(previous.index.paragraphs, appendedParagraphs) || needsCompaction(previous.index.quotes, appendedQuotes)) {
    return { kb: yield* knowledgeBaseSteps(input, gazetteer, partsOf, loadedAt, textOf), rebuilt: true };
  }
  yield;

  const textOf2 = (a: Article) => textOf(a) ?? articleText(a);
  const byIdMap = new Map(articles.map((a) => [a.id, a]));
  yield;
  const byArticle: KnowledgeBase['byArticle'] = new Map(articles.map((a) => [a.id, partsOf(a)]));
  yield;
  // A removed article's text is worked out again (it is one or a few articles) to find the places it was linked to and mentions.
  const before = regionsOf(previous.places);
  const links = before
    ? relinkPlaces(
        previous.places,
        removed.map((article) => ({ article, text: articleText(article) })),
        added.map((article) => ({ article, text: textOf2(article) })),
      )
    : null;
  let places: PlaceEntry[];
  let placeIndex: PlaceIndex;
  if (links && before) {
    yield;
    const regions = regionPlaces(links.places, byIdMap, { previous: before, changed: links.replaced });
    regions.forEach((r, i) => r !== before[i] && links.replaced.set(before[i]!, r));
    rememberRegions(links.places, regions);
    places = links.places;
    yield;
    placeIndex = replacePlaces(previous.index.places, links.replaced);
  } else ({ places, placeIndex } = yield* placesSteps(articles, gazetteer, textOf2, byIdMap));
  yield;

  const numbered: Numbering = { paragraphs: new Map(numbering.paragraphs), quotes: new Map(numbering.quotes) };
  yield;
  const deadParagraphs: { doc: number; text: string }[] = [];
  const deadQuotes: { doc: number; text: string }[] = [];
  const removedQuotes: CitedQuote[] = [];
  for (const a of removed) {
    const p = numbered.paragraphs.get(a.id)!;
    a.paragraphs.forEach((para, i) => deadParagraphs.push({ doc: p + i, text: terms(para.text).join(' ') }));
    const q = numbered.quotes.get(a.id)!;
    previous.byArticle.get(a.id)!.quotes.forEach((quote, i) => {
      deadQuotes.push({ doc: q + i, text: terms(quoteText(quote)).join(' ') });
      removedQuotes.push(quote);
    });
    numbered.paragraphs.delete(a.id);
    numbered.quotes.delete(a.id);
  }
  const paragraphRefs = [...previous.index.paragraphRefs];
  yield;
  const quoteDocs = [...previous.index.quoteDocs];
  const newParagraphs: string[] = [];
  const newQuotes: string[] = [];
  const addedQuotes: CitedQuote[] = [];
  for (const a of added) {
    numbered.paragraphs.set(a.id, paragraphRefs.length);
    numbered.quotes.set(a.id, quoteDocs.length);
    const paragraphTerms = textOf2(a).paragraphTerms;
    a.paragraphs.forEach((p, i) => {
      paragraphRefs.push({ articleId: a.id, n: p.n });
      newParagraphs.push(paragraphTerms[i]!);
    });
    for (const q of byArticle.get(a.id)!.quotes) {
      quoteDocs.push(q);
      newQuotes.push(terms(quoteText(q)).join(' '));
      addedQuotes.push(q);
    }
  }
  const paragraphs = yield* updateTermIndexSteps(previous.index.paragraphs, deadParagraphs, newParagraphs, articleOrder((d) => paragraphRefs[d]!.articleId));
  const quotes = yield* updateTermIndexSteps(previous.index.quotes, deadQuotes, newQuotes, articleOrder((d) => quoteDocs[d]!.articleId));
  // The knowledge base's order of quotes: by article, then as the article's parts list them.
  const quoteOrder = (x: CitedQuote, y: CitedQuote) =>
    x.articleId < y.articleId ? -1 : x.articleId > y.articleId ? 1 : byArticle.get(x.articleId)!.quotes.indexOf(x) - byArticle.get(y.articleId)!.quotes.indexOf(y);
  yield;
  const speakers = updateSpeakerIndex(previous.index.speakers, removedQuotes, addedQuotes, quoteOrder);
  yield;
  const kb = withLazyLists({
    articles,
    byId: byIdMap,
    byArticle,
    consultations: updatedConsultations(previous.consultations, removed, added, byArticle),
    problems: articles.flatMap((a) => partsOf(a).problems),
    places,
    index: { places: placeIndex, speakers, paragraphs, paragraphRefs, quotes, quoteDocs },
    loadedAt,
  });
  numberings.set(kb, numbered);
  return { kb, rebuilt: false };
}

/**
 * All consultations in the order a fresh build gives (by closing date; on the same date, by article
 * and then as the article lists them), without going through every article.
 */
function updatedConsultations(previous: readonly ConsultationEntry[], removed: readonly Article[], added: readonly Article[], byArticle: KnowledgeBase['byArticle']): ConsultationEntry[] {
  const gone = new Set(removed.map((a) => a.id));
  const list = [...previous.filter((c) => !gone.has(c.articleId)), ...added.flatMap((a) => byArticle.get(a.id)!.consultations)];
  const position = (c: ConsultationEntry) => byArticle.get(c.articleId)!.consultations.indexOf(c);
  return list.sort((a, b) => Date.parse(a.closes) - Date.parse(b.closes) || (a.articleId < b.articleId ? -1 : a.articleId > b.articleId ? 1 : position(a) - position(b)));
}

/** Every quote and figure in article order are read only by `/kb status` and the CLI: gathered when first read, not on every update. */
function withLazyLists(kb: Omit<KnowledgeBase, 'quotes' | 'figures'>): KnowledgeBase {
  let quotes: CitedQuote[] | undefined;
  let figures: CitedFigure[] | undefined;
  return Object.defineProperties(kb as KnowledgeBase, {
    quotes: { enumerable: true, get: () => (quotes ??= kb.articles.flatMap((a) => kb.byArticle.get(a.id)!.quotes)) },
    figures: { enumerable: true, get: () => (figures ??= kb.articles.flatMap((a) => kb.byArticle.get(a.id)!.figures)) },
  });
}
