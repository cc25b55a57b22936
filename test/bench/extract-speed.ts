import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseKnowledgeFile } from '../../src/knowledge/article-file.js';
import { articleText } from '../../src/knowledge/article-parts.js';
import { extractArticle } from '../../src/knowledge/extract-article.js';
import type { Article } from '../../src/knowledge/schema.js';

/**
 * `tsx test/bench/extract-speed.ts [--passes 5] <dir> [dir ...]`: single-thread CPU time per article
 * of the three steps a cold load runs for every file: reading the front matter and body
 * (`parseKnowledgeFile`), the rules (`extractArticle`) and the index text (`articleText`). The first
 * pass is what a cold load pays (the rules not yet compiled); the best of the later passes is the
 * steady cost, less moved by other processes on the machine. Run it under `node --cpu-prof --import tsx`
 * for a profile of the same work (`profile-summary.ts`).
 */

const args = process.argv.slice(2);
const passesAt = args.indexOf('--passes');
const passes = passesAt >= 0 ? Number(args.splice(passesAt, 2)[1]) : 5;
if (args.length === 0) {
  console.error('usage: tsx test/bench/extract-speed.ts [--passes 5] <dir> [dir ...]');
  process.exit(2);
}

const files: { file: string; text: string }[] = [];
for (const dir of args) {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md').sort()) {
    files.push({ file, text: readFileSync(path.join(dir, file), 'utf8') });
  }
}

const cpuMs = (run: () => void) => {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
};

const steps: Record<string, number[]> = { parse: [], extract: [], articleText: [] };
let articles: Article[] = [];
for (let pass = 0; pass < passes; pass++) {
  steps.parse!.push(
    cpuMs(() => {
      articles = [];
      for (const f of files) {
        const { article } = parseKnowledgeFile(f.text, f.file);
        if (article) articles.push(article);
      }
    }),
  );
  steps.extract!.push(cpuMs(() => articles.forEach((a) => extractArticle(a))));
  steps.articleText!.push(cpuMs(() => articles.forEach((a) => articleText(a))));
}

const per = (ms: number) => (ms / articles.length).toFixed(3);
console.log(`${articles.length} articles from ${args.join(', ')}; CPU ms per article, first pass / best of the ${passes - 1} later (all passes)`);
for (const [name, ms] of Object.entries(steps)) {
  const later = ms.slice(1);
  console.log(`  ${name.padEnd(12)} ${per(ms[0]!)} / ${later.length ? per(Math.min(...later)) : '-'}   (${ms.map(per).join(' ')})`);
}
