import type { Extraction, Paragraph } from '../schema.js';
import { extractFigures } from './figures.js';
import { extractQuotes } from './quotes.js';

export { extractFigures } from './figures.js';
export { extractQuotes } from './quotes.js';

/**
 * Changes whenever what `extract` returns for the same text may change (a new rule, a fixed bug):
 * the extraction cache keys every entry with it, so an old result is never served after an upgrade.
 */
export const EXTRACTOR_VERSION = '2026-12-01.19a';

/** Quotes and figures of one article, each in paragraph order. */
export function extract(paragraphs: Paragraph[]): Extraction {
  return { quotes: extractQuotes(paragraphs), figures: extractFigures(paragraphs) };
}
