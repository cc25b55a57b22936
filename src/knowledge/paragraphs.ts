import type { Paragraph } from './schema.js';

const CAPTION = /^caption:\s*/i;

/**
 * Splits an article body into paragraphs at blank lines. Lines inside a paragraph are joined with a
 * space, since articles pasted from the web often wrap mid-sentence.
 * `firstLine` is the file line the body starts on, so problems and citations can name real lines.
 */
export function splitParagraphs(body: string, firstLine = 1): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let buffer: string[] = [];
  let start = 0;
  const flush = () => {
    if (buffer.length === 0) return;
    const joined = buffer.join(' ').replace(/\s+/g, ' ').trim();
    const caption = CAPTION.test(joined);
    paragraphs.push({
      n: paragraphs.length + 1,
      text: caption ? joined.replace(CAPTION, '') : joined,
      caption,
      line: start,
    });
    buffer = [];
  };
  body.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return flush();
    if (buffer.length === 0) start = firstLine + i;
    buffer.push(line);
  });
  flush();
  return paragraphs;
}
