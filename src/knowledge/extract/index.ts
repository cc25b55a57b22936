import type { Extraction, Paragraph } from '../schema.js';
import { extractFigures } from './figures.js';
import { extractQuotes } from './quotes.js';

export { extractFigures } from './figures.js';
export { extractQuotes } from './quotes.js';

/** Quotes and figures of one article, each in paragraph order. */
export function extract(paragraphs: Paragraph[]): Extraction {
  return { quotes: extractQuotes(paragraphs), figures: extractFigures(paragraphs) };
}
