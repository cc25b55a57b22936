import type { ArticleParts } from './article-parts.js';
import type { Article } from './schema.js';

/**
 * A figure's sentence and a quote's text are almost always a piece of one of the article's own
 * paragraphs: the cache stores that piece as where it is (`[paragraph, start, end]`), not as the
 * text again, and reading it back takes it as a slice of the paragraph, which V8 keeps as a pointer
 * into the paragraph's string rather than a copy. At 10,000 generated articles every figure's
 * sentence (18.5 MB, 153,000 figures) and 88% of the quotes (6.5 MB) were such copies: read from
 * SQLite, parsed and kept in the heap once more. Anything that is not a piece of a paragraph (a
 * sentence clipped with an ellipsis, a quote over two paragraphs) is stored as it is.
 */

/** Where a piece of text is: the paragraph's `n` and the piece's UTF-16 offsets in its text. */
type Ref = [n: number, start: number, end: number];

/** The parts as the cache stores them. */
export type StoredParts = Omit<ArticleParts, 'quotes' | 'figures'> & {
  quotes: (Omit<ArticleParts['quotes'][number], 'text'> & { text: string | Ref })[];
  figures: (Omit<ArticleParts['figures'][number], 'sentence'> & { sentence: string | Ref })[];
};

const paragraphText = (article: Article, n: number): string | undefined => {
  const p = article.paragraphs[n - 1];
  return p?.n === n ? p.text : article.paragraphs.find((q) => q.n === n)?.text;
};

function refOf(article: Article, text: string, paragraphs: readonly number[]): string | Ref {
  for (const n of paragraphs) {
    const at = paragraphText(article, n)?.indexOf(text) ?? -1;
    if (at >= 0) return [n, at, at + text.length];
  }
  return text;
}

/** The parts with each piece of a paragraph as where it is (the same keys in the same order, so reading them back gives the same JSON). */
export function partsToStore(article: Article, parts: ArticleParts): StoredParts {
  return {
    ...parts,
    quotes: parts.quotes.map((q) => ({ ...q, text: refOf(article, q.text, q.paragraphs) })),
    figures: parts.figures.map((f) => ({ ...f, sentence: refOf(article, f.sentence, [f.paragraph]) })),
  };
}

function resolve(article: Article, piece: string | Ref): string {
  if (typeof piece === 'string') return piece;
  const [n, start, end] = piece;
  const text = paragraphText(article, n);
  if (text === undefined || !(start >= 0 && start <= end && end <= text.length)) throw new Error(`a stored piece of paragraph ${n} is not in ${article.file}`);
  return text.slice(start, end);
}

/** Stored parts as served, in place (they were just parsed); throws when a piece is not where it says (a damaged entry). */
export function partsFromStore(article: Article, stored: StoredParts): ArticleParts {
  const parts = stored as unknown as ArticleParts;
  for (const q of stored.quotes) (q as { text: string }).text = resolve(article, q.text);
  for (const f of stored.figures) (f as { sentence: string }).sentence = resolve(article, f.sentence);
  return parts;
}
