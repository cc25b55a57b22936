import { articleText, paragraphTermsOf, type ArticleParts, type ArticleText } from './article-parts.js';
import { knowledgeBaseSteps, placesSteps, quoteText } from './build.js';
import type { Gazetteer } from './gazetteer.js';
import type { CitedFigure, CitedQuote, ConsultationEntry, KnowledgeBase, PlaceEntry } from './knowledge-base.js';
import { regionPlaces } from './national-places.js';
import { regionsOf, relinkPlaces, rememberRegions } from './place-links.js';
import { replacePlaces, type PlaceIndex } from './places.js';
import type { Article } from './schema.js';
import type { Steps } from './sliced.js';
import { updateSpeakerIndex } from './speakers.js';
import { numberedDocs } from './term-index.js';
import { layered } from './layered-map.js';
import { updateStates, type UpdateState } from './update-state.js';
import { needsCompaction, updateTermIndexSteps } from './term-update.js';
import { terms } from './text.js';
import { insertAt, lowerBound } from './sorted.js';

/**
 * The knowledge base after a reload, built from the one being served when few articles changed.
 *
 * It is always a new `KnowledgeBase` object, swapped in whole (`knowledge-store.ts`): an answer in
 * progress, or anything else that holds the old one, keeps reading a consistent snapshot, and
 * nothing the old one reads is ever changed. An update shares what did not change instead of
 * rebuilding it: the term indexes' base segments (the old articles' documents are marked dead, the
 * new ones appended; see `term-update.ts`), the paragraph and quote document lists (appended to),
 * the maps by article id (layered: the old map plus the changes, `layered-map.ts`), and each
 * unchanged article's parts and text, whose place mentions are already found. Told which ids
 * changed (a reload of named files), it looks at those articles alone; the places whose articles
 * changed, their regions and the changed speakers are made again by exactly the rules of a fresh
 * build. When the appended or dead documents
 * pass `MAX_UNMERGED_DOCS`, or the gazetteer changed, the knowledge base is built afresh (a
 * compaction), in slices like every build.
 */

export interface Revised {
  kb: KnowledgeBase;
  /** Whether every index was built afresh (first load, gazetteer changed, compaction), rather than updated or kept. */
  rebuilt: boolean;
  /** Whether every article was linked to places again (so every text's mentions may be new). */
  linkedAll: boolean;
}

/** Document lists an update made, which a later update may append to in place (see `appended`). */
const ownLists = new WeakSet<readonly unknown[]>();

/**
 * `list` (the first `length` entries of which the previous index numbers) ready to be appended to:
 * the list itself when an update made it and nothing has been appended past `length` (the snapshot
 * that holds it reads it only by its own documents' numbers, all below `length`), else a copy.
 */
function appended<T>(list: T[], length: number): T[] {
  if (ownLists.has(list) && list.length === length) return list;
  const copy = list.slice(0, length);
  ownLists.add(copy);
  return copy;
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
  /**
   * The ids whose article may differ from `previous`'s (a reload of named files knows them), with
   * `input` sorted by id: then no other article is looked at. Without it every article is compared.
   */
  changedIds?: Iterable<string>,
): Steps<Revised> {
  const state = previous && sameGazetteer ? (updateStates.get(previous) ?? null) : null;
  if (!previous || !state) return { kb: yield* knowledgeBaseSteps(input, gazetteer, partsOf, loadedAt, textOf), rebuilt: true, linkedAll: true };
  // An article counts as changed when it is another object or its parts are (the same object keeps its parts across reloads).
  const kept = (a: Article) => previous.byId.get(a.id) === a && previous.byArticle.get(a.id) === partsOf(a);
  let articles: Article[];
  let removed: Article[];
  let added: Article[];
  if (changedIds) {
    articles = input as Article[];
    removed = [];
    added = [];
    for (const id of [...new Set(changedIds)].sort()) {
      const was = previous.byId.get(id);
      const now = findById(articles, id);
      if (was && now && kept(now)) continue;
      if (was) removed.push(was);
      if (now) added.push(now);
    }
  } else {
    articles = [...input].sort(byId);
    const next = new Set(articles);
    removed = previous.articles.filter((a) => !next.has(a) || !kept(a));
    yield;
    added = articles.filter((a) => !kept(a));
  }
  if (removed.length === 0 && added.length === 0) return { kb: previous, rebuilt: false, linkedAll: false };
  const appendedParagraphs = added.reduce((n, a) => n + a.paragraphs.length, 0);
  const appendedQuotes = added.reduce((n, a) => n + partsOf(a).quotes.length, 0);
  if (needsCompaction(previous.index.paragraphs, appendedParagraphs) || needsCompaction(previous.index.quotes, appendedQuotes)) {
    return { kb: yield* knowledgeBaseSteps(input, gazetteer, partsOf, loadedAt, textOf), rebuilt: true, linkedAll: true };
  }
  yield;

  const textOf2 = (a: Article) => textOf(a) ?? articleText(a);
  // Each map made from the previous one by the changes alone, sharing the rest (`layered-map.ts`).
  const gone = removed.map((a) => [a.id, undefined] as const);
  const byIdMap = layered(previous.byId).with([...gone, ...added.map((a) => [a.id, a] as const)]);
  const byArticle = layered(previous.byArticle).with([...gone, ...added.map((a) => [a.id, partsOf(a)] as const)]);
  const problemsBy = layered(state.problems).with([...gone, ...added.filter((a) => partsOf(a).problems.length > 0).map((a) => [a.id, partsOf(a).problems] as const)]);
  yield;
  // A removed article's text as the last build read it (its mentions found), else worked out again (it is one or a few articles), to find the places it was linked to and mentions.
  const before = regionsOf(previous.places);
  const links = before
    ? relinkPlaces(
        previous.places,
        removed.map((article) => ({ article, text: textOf(article) ?? articleText(article) })),
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

  const deadParagraphs: { doc: number; text: string }[] = [];
  const deadQuotes: { doc: number; text: string }[] = [];
  const removedQuotes: CitedQuote[] = [];
  for (const a of removed) {
    const p = state.paragraphs.get(a.id)!;
    a.paragraphs.forEach((para, i) => deadParagraphs.push({ doc: p + i, text: terms(para.text).join(' ') }));
    const q = state.quotes.get(a.id)!;
    previous.byArticle.get(a.id)!.quotes.forEach((quote, i) => {
      deadQuotes.push({ doc: q + i, text: terms(quoteText(quote)).join(' ') });
      removedQuotes.push(quote);
    });
  }
  const paragraphRefs = appended(previous.index.paragraphRefs, numberedDocs(previous.index.paragraphs));
  const quoteDocs = appended(previous.index.quoteDocs, numberedDocs(previous.index.quotes));
  const starts: [string, number, number][] = [];
  const newParagraphs: string[] = [];
  const newQuotes: string[] = [];
  const addedQuotes: CitedQuote[] = [];
  for (const a of added) {
    starts.push([a.id, paragraphRefs.length, quoteDocs.length]);
    const paragraphTerms = paragraphTermsOf(textOf2(a), a);
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
  const numbered: UpdateState = {
    paragraphs: layered(state.paragraphs).with([...gone, ...starts.map(([id, p]) => [id, p] as const)]),
    quotes: layered(state.quotes).with([...gone, ...starts.map(([id, , q]) => [id, q] as const)]),
    problems: problemsBy,
  };
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
    consultations: updatedConsultations(previous, removed, added, byArticle),
    // Problems in article order, as a build lists them: only the articles that have some are looked at.
    problems: [...problemsBy.keys()].sort().flatMap((id) => problemsBy.get(id)!),
    places,
    index: { places: placeIndex, speakers, paragraphs, paragraphRefs, quotes, quoteDocs },
    loadedAt,
  });
  updateStates.set(kb, numbered);
  return { kb, rebuilt: false, linkedAll: !links };
}

function findById(articles: readonly Article[], id: string): Article | undefined {
  const at = articles[lowerBound(articles, id, (a) => a.id)];
  return at?.id === id ? at : undefined;
}

/**
 * All consultations in the order a fresh build gives (by closing date; on the same date, by article
 * and then as the article lists them), from the previous list with the changed articles' taken out
 * and put in at their place: no other article is looked at.
 */
function updatedConsultations(previous: KnowledgeBase, removed: readonly Article[], added: readonly Article[], byArticle: KnowledgeBase['byArticle']): ConsultationEntry[] {
  const list = previous.consultations.slice();
  for (const a of removed) {
    for (const c of previous.byArticle.get(a.id)!.consultations) {
      const at = list.indexOf(c);
      if (at >= 0) list.splice(at, 1);
    }
  }
  const position = (c: ConsultationEntry) => byArticle.get(c.articleId)!.consultations.indexOf(c);
  const order = (a: ConsultationEntry, b: ConsultationEntry) => Date.parse(a.closes) - Date.parse(b.closes) || (a.articleId < b.articleId ? -1 : a.articleId > b.articleId ? 1 : position(a) - position(b));
  for (const a of added) {
    for (const c of byArticle.get(a.id)!.consultations) {
      list.splice(insertAt(list, c, order), 0, c);
    }
  }
  return list;
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
