import path from 'node:path';
import { paragraphTermsOf } from '../../src/knowledge/article-parts.js';
import { knowledgeBaseSteps, collectParts, placesSteps, quoteText } from '../../src/knowledge/build.js';
import { listKnowledgeFolder } from '../../src/knowledge/folder.js';
import { reloadArticles, reloadKnowledge } from '../../src/knowledge/reload.js';
import { runSync } from '../../src/knowledge/sliced.js';
import { speakerIndexSteps } from '../../src/knowledge/speakers.js';
import { termIndexSteps } from '../../src/knowledge/term-index.js';

/**
 * `tsx test/bench/warm-phases.ts <dir>`: a warm load of `<dir>/kb` (cache `<dir>/extraction-cache.db`,
 * filled by `warm-profile.ts`) taken apart, each phase timed on its own in one fresh process: what
 * the whole load costs, then listing, reading the records, and each step of a full index build run
 * straight through. The phases after the first load find some work done (the names' keys are
 * remembered), so the first line is the one to compare with the bench.
 */

const root = process.argv[2];
if (!root) {
  console.error('usage: tsx test/bench/warm-phases.ts <dir>');
  process.exit(2);
}
const dir = path.join(root, 'kb');
const cacheFile = path.join(root, 'extraction-cache.db');
const time = async <T>(label: string, work: () => T | Promise<T>): Promise<T> => {
  const t = performance.now();
  const cpu = process.cpuUsage();
  const out = await work();
  const used = process.cpuUsage(cpu);
  // CPU beside wall time: on a machine other processes keep busy, the CPU is what the phase itself costs.
  console.log(`${label.padEnd(44)} ${(performance.now() - t).toFixed(0).padStart(6)} ms, CPU ${((used.user + used.system) / 1000).toFixed(0).padStart(6)} ms`);
  return out;
};

const whole = await time('whole load (reloadKnowledge)', () => reloadKnowledge(dir, null, { cacheFile }));
console.log(`  indexes ${whole.storedIndexes ? 'loaded from the store' : 'built'}, ${whole.read.extracted} extracted`);
await time('listing the folder', () => listKnowledgeFolder(dir));
const loaded = await time('reading every record (hash + cache)', () => reloadArticles(dir, null, { cacheFile }));
const articles = loaded.articles;
const parts = await time('  build: collecting parts', () => runSync(collectParts(articles, (a) => loaded.parts.get(a)!)));
await time('  build: places (links, regions, place index)', () => runSync(placesSteps(articles, whole.gazetteer, (a) => loaded.texts.get(a)!, parts.byId)));
const paragraphTexts = await time('  build: paragraph terms (not cached)', () => articles.flatMap((a) => paragraphTermsOf(loaded.texts.get(a), a)));
const quoteTexts = await time('  build: quote texts', () => parts.quotes.map(quoteText));
await time('  build: speakers', () => runSync(speakerIndexSteps(parts.quotes)));
await time('  build: term index, paragraphs', () => runSync(termIndexSteps(paragraphTexts, true)));
await time('  build: term index, quotes', () => runSync(termIndexSteps(quoteTexts)));
await time('whole build again (knowledgeBaseSteps)', () => runSync(knowledgeBaseSteps(articles, whole.gazetteer, (a) => loaded.parts.get(a)!, new Date(), (a) => loaded.texts.get(a))));
