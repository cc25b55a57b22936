import type { CorrectedExtraction } from './corrections.js';
import type { CitedFigure, CitedQuote, ConsultationEntry } from './knowledge-base.js';
import type { Problem } from './problems.js';
import type { Article } from './schema.js';
import { markedPlaceWords, terms } from './text.js';

export { EXTRACTOR_VERSION } from './extract/index.js';
/**
 * Extraction of one article (the rules, then the file's moderator corrections): the one call every
 * load makes per article, in a worker thread or not, and what the extraction cache stores (keyed by
 * the file's bytes, which hold the corrections, and `EXTRACTOR_VERSION`).
 */
import { extractArticle } from './extract-article.js';
export { extractArticle };

/** What serving keeps of an article's extraction (the review's bookkeeping of corrections is left out): plain data for a worker's message and the cache. */
export type ServedExtraction = Pick<CorrectedExtraction, 'quotes' | 'figures' | 'problems'>;

export function extractForServing(article: Article): ServedExtraction {
  const { quotes, figures, problems } = extractArticle(article);
  return { quotes, figures, problems };
}

/** One article's own quotes, figures and consultations, cited to it. */
export interface ArticleParts {
  quotes: CitedQuote[];
  figures: CitedFigure[];
  consultations: ConsultationEntry[];
  /** Corrections in the file that no longer match what the rules found. */
  problems: Problem[];
}

/** Cites an article's extraction to it; done once per article version, so a reload reuses it for unchanged files. */
export function articleParts(article: Article, found: ServedExtraction): ArticleParts {
  return {
    quotes: found.quotes.map((q) => compact({ ...q, articleId: article.id })),
    figures: found.figures.map((f) => compact({ ...f, articleId: article.id })),
    consultations: article.consultations.map((c, i) => ({ ...c, key: `${article.id}/${i + 1}`, articleId: article.id })),
    problems: found.problems,
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
 * An article's text as the indexes read it: each paragraph's search terms (space-separated), and
 * the place names its text mentions. Worked out where the article is read (a worker thread), so the
 * thread serving members only splits strings when it builds the indexes.
 */
export interface ArticleText {
  /**
   * Until the first build has indexed them (then dropped: the term indexes hold them, and a later
   * build works them out again with `paragraphTermsOf`). Never stored in the extraction cache: a
   * warm start loads the built indexes and never reads them, and they were 14% of every record
   * (read from SQLite, parsed and kept in the heap for nothing).
   */
  paragraphTerms: string[] | null;
  /**
   * The whole text's words as `markedPlaceWords` gives them, until the first build has found its
   * mentions (then dropped: it is as big as the article). As UTF-8 bytes when a worker read the
   * file: outside the JavaScript heap, where 27 MB of strings promoted among the records and freed
   * after the build left old space fragmented (`normalizedOf` reads either).
   */
  normalized: string | Uint8Array | null;
  /** Known place names found in the text, in order, for the set of names identified by `sig`. */
  mentions: { sig: string; keys: string[] } | null;
}

export function articleText(article: Article): ArticleText {
  return {
    paragraphTerms: termsOfParagraphs(article),
    normalized: normalizedText(article),
    mentions: null,
  };
}

const termsOfParagraphs = (article: Article) => article.paragraphs.map((p) => terms(p.text).join(' '));

/** Each paragraph's search terms, as kept or worked out again. */
export const paragraphTermsOf = (text: ArticleText | undefined, article: Article): string[] => text?.paragraphTerms ?? termsOfParagraphs(article);

export const normalizedText = (article: Article) => markedPlaceWords(article.paragraphs.map((p) => p.text).join(' '));

/** The text's place words, as kept or worked out again. */
export const normalizedOf = (text: ArticleText, article: Article): string =>
  typeof text.normalized === 'string' ? text.normalized : text.normalized ? Buffer.from(text.normalized.buffer, text.normalized.byteOffset, text.normalized.byteLength).toString('utf8') : normalizedText(article);
