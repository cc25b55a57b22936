import { extract } from './extract/index.js';
import type { Gazetteer } from './gazetteer.js';
import type { CitedFigure, CitedQuote, ConsultationEntry, KnowledgeBase, PlaceEntry } from './knowledge-base.js';
import { placeWords, regionPlaces, withNationalPlaces } from './national-places.js';
import { buildPlaceIndex } from './places.js';
import type { Article } from './schema.js';
import { buildSpeakerIndex } from './speakers.js';
import { buildTermIndex } from './term-index.js';
import { normalize } from './text.js';

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
  const articles = [...input].sort((a, b) => a.id.localeCompare(b.id));
  const byId = new Map(articles.map((a) => [a.id, a]));

  const quotes: CitedQuote[] = [];
  const figures: CitedFigure[] = [];
  const consultations: ConsultationEntry[] = [];
  const byArticle: KnowledgeBase['byArticle'] = new Map();
  for (const article of articles) {
    const found = extract(article.paragraphs);
    const own = {
      quotes: found.quotes.map((q) => compact({ ...q, articleId: article.id })),
      figures: found.figures.map((f) => compact({ ...f, articleId: article.id })),
      consultations: article.consultations.map((c, i) => ({ ...c, key: `${article.id}/${i + 1}`, articleId: article.id })),
    };
    byArticle.set(article.id, own);
    quotes.push(...own.quotes);
    figures.push(...own.figures);
    consultations.push(...own.consultations);
  }
  consultations.sort((a, b) => Date.parse(a.closes) - Date.parse(b.closes));

  const places = linkPlaces(articles, gazetteer);
  const paragraphRefs = articles.flatMap((a) => a.paragraphs.map((p) => ({ articleId: a.id, n: p.n })));
  const paragraphTexts = articles.flatMap((a) => a.paragraphs.map((p) => p.text));
  const quoteTexts = quotes.map((q) => [q.text, q.speaker ?? '', q.role ?? ''].join(' '));

  return {
    articles,
    byId,
    quotes,
    figures,
    consultations,
    places,
    byArticle,
    index: {
      places: buildPlaceIndex([...places, ...regionPlaces(places, byId)]),
      speakers: buildSpeakerIndex(quotes),
      paragraphs: buildTermIndex(paragraphTexts),
      paragraphRefs,
      quotes: buildTermIndex(quoteTexts),
    },
    loadedAt,
  };
}

/**
 * The same object, copied once more. V8 keeps `{ ...x, extra }` as a slow dictionary-like object
 * (544 bytes a figure against 224 for this copy, and slow to read): it was a third of the knowledge
 * base's heap at 10,000 articles, and scanning all figures for /cuts took three to five times as long.
 */
function compact<T extends object>(o: T): T {
  return { ...o };
}

/**
 * Ties articles to places: by their council, by the towns in their front matter, and (as mentions)
 * by gazetteer names found in their text. A council missing from the gazetteer still gets a place.
 */
function linkPlaces(articles: Article[], gazetteer: Gazetteer): PlaceEntry[] {
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
  for (const article of articles) {
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
  for (const article of articles) {
    const { words, capital } = placeWords(article.paragraphs.map((p) => p.text).join(' '));
    for (let i = 0; i < words.length; i++) {
      if (!capital[i]) continue;
      let phrase = '';
      for (let n = 0; n < 4 && i + n < words.length; n++) {
        phrase = n === 0 ? words[i]! : `${phrase} ${words[i + n]}`;
        if (!starts.has(phrase)) break;
        const place = lookup.get(phrase);
        if (place && !shared.has(phrase) && !has(place.articleIds, article.id)) link(place.mentionedIn, article.id);
      }
    }
  }
  return places;
}
