import { extractQuotes } from '../../../src/knowledge/extract/quotes.js';
import { splitParagraphs } from '../../../src/knowledge/paragraphs.js';

/** The quotes the extractor finds in an article of these paragraphs (joined as a knowledge file's body is). */
export const quotesOf = (...paragraphs: string[]) => extractQuotes(splitParagraphs(paragraphs.join('\n\n')));
