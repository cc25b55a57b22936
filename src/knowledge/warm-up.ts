import { lstat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { parseKnowledgeFile } from './article-file.js';
import { extractFigures, extractQuotes } from './extract/index.js';
import type { ExtractionCache } from './extraction-cache.js';
import { fileHash } from './file-hash.js';
import { readFileRecord } from './file-records.js';
import { MAX_FILE_BYTES } from './limits.js';
import type { Article, Paragraph } from './schema.js';

/**
 * Readies the thread serving members for a moderator's first edit. After a load whose files were
 * read by worker threads or taken from the cache, this thread has never parsed or extracted an
 * article, so the first one-file reload compiled the YAML parser, zod's validators and every
 * extraction rule (and their regular expressions) as it went: 100–160 ms held in one piece at
 * 10,000 articles, against 10–20 ms for the next edit. Here the same code runs once, while the bot
 * is idle, on a few served articles, in pieces small enough to stay far below the 50 ms a member
 * could notice (one sentence, then one paragraph, of each rule at a time; V8 compiles a function
 * when it is first called, so the cost is spread over the first pieces that reach it). Everything
 * it makes is thrown away: what is served does not change.
 */

/** Served articles run through: the first compiles, the second finds the paths the first did not take. */
const ARTICLES = 2;

/** Sentence ends, for the smallest pieces; a rough cut is enough, nothing it makes is kept. */
const SENTENCE_END = /(?<=[.!?]["”’]?)\s+/;

/** An article longer than this is passed over: a whole paragraph or file is one piece, and a short one compiles the same code. */
const MAX_CHARACTERS = 20_000;

/** Runs once; resolves when done or when `stopped()` says the caller no longer needs it. Never throws. */
export async function warmUpReading(dir: string, articles: readonly Article[], cache: () => ExtractionCache | null, stopped: () => boolean = () => false): Promise<void> {
  const short: Article[] = [];
  for (const a of articles) {
    if (short.length === ARTICLES) break;
    if (a.paragraphs.reduce((n, p) => n + p.text.length, 0) <= MAX_CHARACTERS) short.push(a);
  }
  const pieces = warmUpPieces(dir, short, cache);
  for (const piece of pieces) {
    if (stopped()) return;
    try {
      await piece();
    } catch {
      // A file gone or unreadable since the load warms up nothing; the edit that follows pays as before.
    }
    await nextTurn();
  }
}

function* warmUpPieces(dir: string, articles: readonly Article[], cache: () => ExtractionCache | null): Generator<() => unknown> {
  // The extraction cache, opened now rather than inside the first reload, and its look-up statement used once.
  yield () => cache()?.get('');
  // The YAML parser and the front matter's validation, first on a front matter that fails it, then on each article's own file.
  yield () => parseKnowledgeFile('---\nid: warm-up\n---\n\nText.\n', 'warm-up.md');
  const one = (p: Paragraph, text: string) => [{ ...p, text }];
  // The first calls compile the most: they get the shortest texts, a few words more each time.
  const first = articles[0]?.paragraphs[0];
  if (first) {
    const words = first.text.split(' ');
    for (let n = 1; n < words.length; n *= 2) {
      const text = words.slice(0, n).join(' ');
      yield () => extractFigures(one(first, text));
      yield () => extractQuotes(one(first, text));
    }
  }
  for (const article of articles) {
    for (const p of article.paragraphs) {
      for (const sentence of p.text.split(SENTENCE_END)) {
        yield () => extractFigures(one(p, sentence));
        yield () => extractQuotes(one(p, sentence));
      }
      yield () => extractFigures([p]);
      yield () => extractQuotes([p]);
    }
    // The whole path of an edited file, as a one-file reload takes it (read bytes, parse, extract, terms, the record's JSON, the cache's write).
    // The record is the one the load stored for these bytes (or, if the file changed since, the one the next reload stores): writing it changes nothing served.
    let bytes: Buffer | null = null;
    // Only a regular file within the size limit, as a reload reads one (a link put there since the load is not followed).
    yield async () => {
      const full = path.join(dir, article.file);
      const s = await lstat(full);
      bytes = s.isFile() && s.size <= MAX_FILE_BYTES ? await readFile(full) : null;
    };
    yield () => bytes && readFileRecord(dir, { name: article.file, sig: '', read: { bytes, hash: fileHash(bytes) } }, cache());
    yield () => cache()?.flush();
  }
}
