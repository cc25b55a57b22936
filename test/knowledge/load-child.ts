import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * `tsx test/knowledge/load-child.ts <src folder> <knowledge folder> <cache file> [read options as JSON]`:
 * one start of the bot's load in a fresh process, with the sources in `<src folder>` (the real ones,
 * or a changed copy), printing as JSON what members would get (answers to the generated queries, the
 * knowledge base's digest) and what was read. `warm-start.test.ts` runs it.
 */

const [src, dir, cacheFile, optionsJson] = process.argv.slice(2) as [string, string, string, string | undefined];
const load = (file: string) => import(pathToFileURL(path.join(src, file)).href);
const { reloadKnowledge } = (await load('knowledge/reload.ts')) as typeof import('../../src/knowledge/reload.js');
const { cutsAnswer, searchAnswer, quoteAnswer } = (await load('answers/index.ts')) as typeof import('../../src/answers/index.js');
const { searchTerms } = (await load('knowledge/term-index.ts')) as typeof import('../../src/knowledge/term-index.js');
const { hasArticles } = (await load('knowledge/places.ts')) as typeof import('../../src/knowledge/places.js');
const { formatProblem } = (await load('knowledge/problems.ts')) as typeof import('../../src/knowledge/problems.js');
const queries = JSON.parse(await readFile(path.join(dir, 'queries.json'), 'utf8')) as import('../bench/generate.js').QuerySet;

const warnings: string[] = [];
const r = await reloadKnowledge(dir, null, { cacheFile, ...(optionsJson ? JSON.parse(optionsJson) : {}), onWarning: (m: string) => warnings.push(m) });
const now = new Date('2026-11-23T12:00:00Z');
const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');
const kb = r.kb;
console.log(
  JSON.stringify({
    read: r.read,
    warnings,
    problems: r.problems.map(formatProblem),
    titles: kb.articles.slice(0, 3).map((a) => a.title),
    quotes: kb.quotes.length,
    figures: kb.figures.length,
    answers: {
      cuts: queries.exact.slice(0, 6).map((q) => cutsAnswer(kb, { place: q.query, now })),
      towns: queries.town.slice(0, 4).map((q) => cutsAnswer(kb, { place: q.query, now })),
      search: queries.search.slice(0, 6).map((q) => searchAnswer(kb, { query: q })),
      quote: queries.speakers.slice(0, 4).map((q) => quoteAnswer(kb, { query: q.query })),
    },
    storedIndexes: r.storedIndexes,
    unread: r.unread,
    // What the term indexes hold, word by word, and what they rank: equal only when they are the very indexes a build makes.
    indexDigest: digest(
      [kb.index.paragraphs, kb.index.quotes].map((i) => [
        [...i.base.postings].sort(([a], [b]) => (a < b ? -1 : 1)).map(([t, p]) => [t, [...p]]),
        [...i.base.docLength],
        i.live,
        i.totalLength,
        [...i.vocabulary].sort(([a], [b]) => (a < b ? -1 : 1)),
      ]),
    ),
    ranked: [...queries.search.slice(0, 6), ...(JSON.parse(process.env.EXTRA_QUERIES ?? '[]') as string[])].map((q) => ({
      q,
      paragraphs: searchTerms(kb.index.paragraphs, q, 20),
      quotes: searchTerms(kb.index.quotes, q, 20),
      answer: searchAnswer(kb, { query: q }),
    })),
    // /quote with a topic rather than a speaker: answered from the quote index.
    quoteTopics: queries.search.slice(0, 6).map((q) => quoteAnswer(kb, { query: q })),
    everyPlace: kb.places.filter(hasArticles).map((p) => cutsAnswer(kb, { place: p.name, now })),
    digest: digest([kb.articles, kb.quotes, kb.figures, kb.consultations, kb.places.map((p) => [p.name, p.articleIds, p.mentionedIn]), kb.problems]),
  }),
);
