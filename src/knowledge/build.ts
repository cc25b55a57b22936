import { createHash } from 'node:crypto';
import { articleParts, articleText, extractForServing, normalizedText, type ArticleParts, type ArticleText } from './article-parts.js';
import type { Gazetteer } from './gazetteer.js';
import type { CitedFigure, CitedQuote, ConsultationEntry, KnowledgeBase, PlaceEntry } from './knowledge-base.js';
import { regionPlaces, withNationalPlaces } from './national-places.js';

export { articleParts, type ArticleParts } from './article-parts.js';
import { placeIndexSteps, type PlaceIndex } from './places.js';
import type { Problem } from './problems.js';
import type { Article } from './schema.js';
import { runSync, type Steps } from './sliced.js';
import { speakerIndexSteps, speakerIsClear } from './speakers.js';
import { termIndexSteps } from './term-index.js';
import { CAPITAL, normalize } from './text.js';

/** "Blaenau Gwent County Borough Council" → "Blaenau Gwent": the name people use for a council's area. */
export function placeNameOfCouncil(council: string): string {
  const stripped = council
    .replace(/\b(?:metropolitan\s+)?(?:county\s+borough|city|county|borough|district|metropolitan\s+borough)?\s*council\b/i, '')
    .replace(/^(?:the\s+)?(?:city|county|borough)\s+of\s+/i, '')
    .trim();
  return stripped || council;
}

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
  const paragraphTexts: string[] = [];
  for (const [i, a] of articles.entries()) {
    if (i % 64 === 63) yield;
    const paragraphTerms = texts.get(a)!.paragraphTerms;
    for (const [i, p] of a.paragraphs.entries()) {
      paragraphRefs.push({ articleId: a.id, n: p.n });
      paragraphTexts.push(paragraphTerms[i]!);
    }
  }
  texts.clear();
  yield;
  const quoteTexts: string[] = [];
  for (const [i, q] of parts.quotes.entries()) {
    if (i % 1024 === 1023) yield;
    quoteTexts.push(quoteText(q));
  }
  const speakers = yield* speakerIndexSteps(parts.quotes);
  const paragraphs = yield* termIndexSteps(paragraphTexts, true);
  const quoteIndex = yield* termIndexSteps(quoteTexts);

  return {
    articles,
    ...parts,
    places,
    index: { places: placeIndex, speakers, paragraphs, paragraphRefs, quotes: quoteIndex, quoteDocs: parts.quotes },
    loadedAt,
  };
}

/** A quote as the quote index reads it. An unsure speaker's name is not indexed either, so a topic search for that name cannot find the quote. */
export const quoteText = (q: CitedQuote) => (speakerIsClear(q) ? [q.text, q.speaker ?? '', q.role ?? ''] : [q.text]).join(' ');

type Collected = Pick<KnowledgeBase, 'byId' | 'quotes' | 'figures' | 'consultations' | 'byArticle' | 'problems'>;

/** Every article's quotes, figures, consultations and problems, in the articles' order (sorted by id). */
export function* collectParts(articles: readonly Article[], partsOf: (article: Article) => ArticleParts): Steps<Collected> {
  const quotes: CitedQuote[] = [];
  const figures: CitedFigure[] = [];
  const consultations: ConsultationEntry[] = [];
  const byArticle: KnowledgeBase['byArticle'] = new Map();
  const problems: Problem[] = [];
  for (const [i, article] of articles.entries()) {
    if (i % 256 === 255) yield;
    const own = partsOf(article);
    byArticle.set(article.id, own);
    for (const p of own.problems) problems.push(p);
    for (const q of own.quotes) quotes.push(q);
    for (const f of own.figures) figures.push(f);
    for (const c of own.consultations) consultations.push(c);
  }
  consultations.sort((a, b) => Date.parse(a.closes) - Date.parse(b.closes));
  yield;
  return { byId: new Map(articles.map((a) => [a.id, a])), quotes, figures, consultations, byArticle, problems };
}

/** Places linked to the articles (sorted by id), regions and nations included, and the index that resolves their names. */
export function* placesSteps(articles: readonly Article[], gazetteer: Gazetteer, textOf: (a: Article) => ArticleText, byId: Map<string, Article>): Steps<{ places: PlaceEntry[]; placeIndex: PlaceIndex }> {
  const places = yield* linkPlaces(articles, gazetteer, textOf);
  const placeIndex = yield* placeIndexSteps([...places, ...regionPlaces(places, byId)]);
  return { places, placeIndex };
}

/**
 * Ties articles to places: by their council, by the towns in their front matter, and (as mentions)
 * by gazetteer names found in their text. A council missing from the gazetteer still gets a place.
 */
function* linkPlaces(articles: readonly Article[], gazetteer: Gazetteer, textOf: (a: Article) => ArticleText): Steps<PlaceEntry[]> {
  const places = withNationalPlaces(gazetteer);
  const lookup = new Map<string, PlaceEntry>();
  // Names of two places (Newport): an article's own places settle them, a mere mention does not.
  const shared = new Set<string>();
  const register = (name: string, place: PlaceEntry) => {
    const key = normalize(name);
    if (key && !lookup.has(key)) lookup.set(key, place);
    else if (key && lookup.get(key) !== place) shared.add(key);
  };
  const registerAll = (p: PlaceEntry) => {
    register(p.name, p);
    register(p.council, p);
    register(placeNameOfCouncil(p.council), p);
    p.aliases.forEach((a) => register(a, p));
  };
  places.forEach(registerAll);
  // Towns after names, so a town never shadows a council area of the same name.
  places.forEach((p) => p.towns.forEach((t) => register(t, p)));

  // Sets beside the lists: `includes` on a popular place's list made linking quadratic in the number of articles.
  const linked = new Map<string[], Set<string>>();
  const has = (list: string[], id: string) => linked.get(list)?.has(id) ?? false;
  const link = (list: string[], id: string) => {
    let set = linked.get(list);
    if (!set) linked.set(list, (set = new Set(list)));
    if (set.has(id)) return;
    set.add(id);
    list.push(id);
  };
  for (const [i, article] of articles.entries()) {
    if (i % 64 === 63) yield;
    let home = lookup.get(normalize(article.council)) ?? lookup.get(normalize(placeNameOfCouncil(article.council)));
    if (!home) {
      home = { name: placeNameOfCouncil(article.council), council: article.council, towns: [], aliases: [], articleIds: [], mentionedIn: [] };
      places.push(home);
      registerAll(home);
    }
    link(home.articleIds, article.id);
    for (const name of article.places) {
      const key = normalize(name);
      const place = home.towns.some((t) => normalize(t) === key) ? home : lookup.get(key);
      if (place) link(place.articleIds, article.id);
      else {
        home.towns.push(name);
        register(name, home);
      }
    }
  }
  // Mentions: every run of one to four words in the text, starting with a capital, that is a known
  // place name. A run is only lengthened while it begins some name, so most words cost one lookup instead of four.
  const starts = new Set<string>();
  for (const key of lookup.keys()) {
    const words = key.split(' ');
    for (let n = 1; n <= Math.min(words.length, 4); n++) starts.add(words.slice(0, n).join(' '));
  }
  // An article's mentions are found again only when the names (or what they name) changed: one edit
  // elsewhere leaves them as they were, and scanning every article's words is most of a rebuild.
  yield;
  const sig = createHash('sha1')
    .update([...lookup].map(([key, place]) => `${key}\u0000${place.name}`).join('\u0001'))
    .update(`\u0002${[...shared].join('\u0001')}`)
    .digest('base64');
  for (const [i, article] of articles.entries()) {
    if (i % 16 === 15) yield;
    const text = textOf(article);
    if (text.mentions?.sig !== sig) {
      text.mentions = { sig, keys: findMentions(text.normalized ?? normalizedText(article), starts, lookup, shared) };
    }
    text.normalized = null;
    for (const key of text.mentions.keys) {
      const place = lookup.get(key)!;
      if (!has(place.articleIds, article.id)) link(place.mentionedIn, article.id);
    }
  }
  return places;
}

/** Every known place name in the text, in order of first appearance. */
function findMentions(marked: string, starts: Set<string>, lookup: Map<string, PlaceEntry>, shared: Set<string>): string[] {
  const found = new Set<string>();
  const words = marked.split(' ');
  for (let i = 0; i < words.length; i++) {
    // A name starts with a capital ("Newport", not "a new port"): `markedPlaceWords` marks those words.
    if (!words[i]!.startsWith(CAPITAL)) continue;
    let phrase = '';
    for (let n = 0; n < 4 && i + n < words.length; n++) {
      const word = words[i + n]!.startsWith(CAPITAL) ? words[i + n]!.slice(1) : words[i + n]!;
      phrase = n === 0 ? word : `${phrase} ${word}`;
      if (!starts.has(phrase)) break;
      if (lookup.has(phrase) && !shared.has(phrase)) found.add(phrase);
    }
  }
  return [...found];
}
