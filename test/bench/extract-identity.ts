import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseKnowledgeFile } from '../../src/knowledge/article-file.js';
import { articleText } from '../../src/knowledge/article-parts.js';
import { extractArticle } from '../../src/knowledge/extract-article.js';

/**
 * `tsx test/bench/extract-identity.ts [generated-dir ...]`: one hash per set of articles of everything
 * the rules and `text.ts` give for them (extraction with corrections applied, paragraph terms, place
 * words), and of all `parseKnowledgeFile` returns for each file (articles and problems), so a change meant to make them faster can be shown to leave every byte of output the same:
 * run it on main and on the branch and compare. Sets: knowledge/, test/fixtures/gold, every
 * eval-real/<split> present, and each folder named on the command line (a generated corpus).
 */

const root = path.resolve(import.meta.dirname, '../..');
const sets: [string, string][] = [
  ['knowledge', path.join(root, 'knowledge')],
  ['gold', path.join(root, 'test/fixtures/gold')],
];
const real = path.join(root, 'eval-real');
if (existsSync(real)) for (const split of readdirSync(real).sort()) sets.push([`eval-real/${split}`, path.join(real, split)]);
for (const dir of process.argv.slice(2)) sets.push([dir, path.resolve(dir)]);

for (const [name, dir] of sets) {
  const extraction = createHash('sha256');
  const text = createHash('sha256');
  const parse = createHash('sha256');
  let articles = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md').sort()) {
    const parsed = parseKnowledgeFile(readFileSync(path.join(dir, file), 'utf8'), file);
    parse.update(`${file}\n${JSON.stringify(parsed)}\n`);
    const { article } = parsed;
    if (!article) continue;
    articles++;
    extraction.update(`${file}\n${JSON.stringify(extractArticle(article))}\n`);
    text.update(`${file}\n${JSON.stringify(articleText(article))}\n`);
  }
  console.log(`${name.padEnd(24)} ${String(articles).padStart(6)} articles  extraction ${extraction.digest('hex').slice(0, 16)}  text ${text.digest('hex').slice(0, 16)}  parse ${parse.digest('hex').slice(0, 16)}`);
}
