import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import dotenv from 'dotenv';
import { answerQuestion, findQuestion, QUESTIONS, type Answer, type Citation } from './answers/index.js';
import { loadSettings } from './config.js';
import { reviewAnswer } from './answers/review.js';
import { extractArticle } from './knowledge/extract-article.js';
import { extract } from './knowledge/extract/index.js';
import type { KnowledgeBase } from './knowledge/knowledge-base.js';
import { formatProblem, loadKnowledgeBase, parseKnowledgeText } from './knowledge/loader.js';
import { importArticle } from './knowledge/import/import-file.js';
import { splitParagraphs } from './knowledge/paragraphs.js';
import type { Extraction } from './knowledge/schema.js';

/** The same answers as the bot, in a terminal: `npm run --silent cli -- ask "/cuts birmingham"`. */

const USAGE = `cutsbot: council care cuts answers, with sources

Usage:
  npm run --silent cli -- ask "/cuts birmingham" [--json] [--knowledge DIR] [--page N]
  npm run --silent cli -- extract FILE [--json]
  npm run --silent cli -- kb check [DIR] [--json]
  npm run --silent cli -- kb check --review FILE [--json]
  npm run --silent cli -- kb import FILE.txt [--out DIR] [--council NAME]
  npm run ask -- "/quote hamilton"

Questions: ${QUESTIONS.map((q) => q.usage).join(', ')}`;

type Io = { out: (s: string) => void; err: (s: string) => void };

/** Runs one CLI command and returns the exit code; printing goes through `io` so tests can read it. */
export async function runCli(argv: string[], io: Io = { out: (s) => console.log(s), err: (s) => console.error(s) }): Promise<number> {
  const json = argv.includes('--json');
  const knowledgeAt = argv.indexOf('--knowledge');
  const knowledgeDir = knowledgeAt >= 0 ? argv[knowledgeAt + 1] : undefined;
  const pageAt = argv.indexOf('--page');
  const page = pageAt >= 0 ? Number(argv[pageAt + 1]) : 1;
  const valued = new Set([knowledgeAt, knowledgeAt + 1, pageAt, pageAt + 1].filter((i) => i > 0));
  const args = argv.filter((a, i) => a !== '--json' && !valued.has(i));
  const [command, ...rest] = args;

  if (command === 'ask') {
    const text = rest.join(' ').trim();
    if (!text) {
      io.err('ask needs a question, e.g. ask "/cuts birmingham"');
      return 2;
    }
    const { kb, problems } = await loadKnowledgeBase(knowledgeDir ?? loadSettings(process.env, ['KNOWLEDGE_DIR']).KNOWLEDGE_DIR);
    if (problems.length > 0) io.err(`${problems.length} knowledge file problem(s); run "kb check" for details. Answering from the good files.`);
    if (!Number.isInteger(page) || page < 1) {
      io.err(`--page needs a page number from 1, e.g. --page 2 (got "${argv[pageAt + 1] ?? ''}")`);
      return 2;
    }
    const answer = ask(kb, text, page);
    if (!answer) {
      io.err(`Unknown command in "${text}".\n\n${USAGE}`);
      return 2;
    }
    io.out(json ? JSON.stringify(answer, null, 2) : renderText(answer));
    return 0;
  }

  if (command === 'extract') {
    const file = rest[0];
    if (!file) {
      io.err('extract needs a file: extract knowledge/some-article.md --json');
      return 2;
    }
    const result = await extractFile(file);
    if ('problems' in result) {
      result.problems.forEach((p) => io.err(p));
      return 1;
    }
    const { warnings, ...extraction } = result;
    warnings.forEach((w) => io.err(w));
    io.out(json ? JSON.stringify(extraction) : renderExtraction(extraction));
    return 0;
  }

  if (command === 'kb' && rest[0] === 'import') return importCommand(rest.slice(1), io);

  if (command === 'kb' && rest[0] === 'check') {
    const reviewAt = rest.indexOf('--review');
    if (reviewAt >= 0) return reviewFile(rest[reviewAt + 1], json, io);
    const dir = rest[1] ?? knowledgeDir ?? 'knowledge';
    let loaded;
    try {
      loaded = await loadKnowledgeBase(dir);
    } catch (e) {
      io.err(`Cannot read the knowledge folder "${dir}": ${(e as Error).message}`);
      return 2;
    }
    const { kb, problems, skipped } = loaded;
    if (json) io.out(JSON.stringify({ ok: problems.length === 0, articles: kb.articles.length, problems, skipped }, null, 2));
    else {
      problems.forEach((p) => io.out(formatProblem(p)));
      skipped.forEach((s) => io.out(`${s.name}: skipped, ${s.reason}`));
      io.out(
        problems.length === 0
          ? `${kb.articles.length} article(s) OK: ${kb.quotes.length} quotes, ${kb.figures.length} figures, ${kb.places.length} places, ${kb.consultations.length} consultations.`
          : `${problems.length} problem(s); ${kb.articles.length} good article(s) would still be served.`,
      );
    }
    return problems.length === 0 ? 0 : 1;
  }

  io.out(USAGE);
  return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
}

/** `kb import FILE.txt [--out DIR] [--council NAME]`: drafts a knowledge file from plain text; exit 1 when nothing was written. */
async function importCommand(args: string[], io: Io): Promise<number> {
  const value = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const file = args.find((a, i) => !a.startsWith('--') && !['--out', '--council'].includes(args[i - 1] ?? ''));
  if (!file || (args.includes('--out') && !value('--out')) || (args.includes('--council') && !value('--council'))) {
    io.err('kb import needs a plain-text file: kb import article.txt [--out knowledge] [--council "Name of Council"]');
    return 2;
  }
  const council = value('--council');
  const result = await importArticle(file, value('--out') ?? 'knowledge', council ? { council } : {});
  if (!result.ok) {
    result.found.forEach((f) => io.out(`  found ${f}`));
    io.err(result.message);
    return 1;
  }
  io.out(`Wrote ${result.written}`);
  io.out('Found:');
  result.draft.found.forEach((f) => io.out(`  ${f}`));
  io.out('Check before it goes live (lines marked "# check:" in the file):');
  result.draft.check.forEach((c) => io.out(`  - ${c}`));
  return 0;
}

/** Parses slash-command text ("/cuts place:birmingham" or "/cuts birmingham") and answers it. */
export function ask(kb: KnowledgeBase, text: string, page = 1): Answer | null {
  const m = /^\/?(\S+)\s*(.*)$/s.exec(text.trim());
  if (!m) return null;
  const question = findQuestion(m[1]!);
  if (!question) return null;
  const arg = m[2]!.replace(/^[\w-]+:\s*/, '').trim();
  // As on Discord, a question whose text is optional answers for everything when none is given.
  return answerQuestion(question, kb, arg === '' && question.option?.required === false ? undefined : arg, { page });
}

/**
 * `kb check --review FILE`: every quote and figure of one knowledge file as members will get them
 * (corrections applied), what needs a human look first. Exit 1 when the file has any problem.
 */
async function reviewFile(file: string | undefined, json: boolean, io: Io): Promise<number> {
  if (!file || file.startsWith('--')) {
    io.err('kb check --review needs a knowledge file: kb check --review knowledge/some-article.md');
    return 2;
  }
  let bytes;
  try {
    bytes = await readFile(file);
  } catch (e) {
    io.err(`Cannot read "${file}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return 2;
  }
  const parsed = parseKnowledgeText(bytes, path.basename(file));
  if (!parsed.article) {
    if (json) io.out(JSON.stringify({ ok: false, problems: parsed.problems, review: null }, null, 2));
    else parsed.problems.forEach((p) => io.out(formatProblem(p)));
    return 1;
  }
  const found = extractArticle(parsed.article);
  const review = reviewAnswer(parsed.article, found);
  io.out(json ? JSON.stringify({ ok: found.problems.length === 0, problems: found.problems, review }, null, 2) : renderText(review));
  return found.problems.length === 0 ? 0 : 1;
}

/**
 * Extracts from a knowledge file as members get it (its corrections applied; one that no longer
 * matches is named on stderr), or from plain article text with no front matter (as seeds arrive).
 */
export async function extractFile(file: string): Promise<(Extraction & { warnings: string[] }) | { problems: string[] }> {
  const bytes = await readFile(file);
  const text = bytes.toString('utf8');
  let found;
  if (text.trimStart().startsWith('---')) {
    const parsed = parseKnowledgeText(bytes, path.basename(file));
    if (!parsed.article) return { problems: parsed.problems.map(formatProblem) };
    found = extractArticle(parsed.article);
  } else {
    found = { ...extract(splitParagraphs(text)), problems: [] };
  }
  const { quotes, figures } = found;
  // Field by field, so the printed shape stays exactly what other tools expect.
  return {
    quotes: quotes.map(({ speaker, role, text: t, paragraphs: ps, kind, attribution, confidence, reason }) => ({ speaker, role, text: t, paragraphs: ps, kind, attribution, confidence, reason })),
    figures: figures.map(({ kind, value, unit, text: t, qualifier, counts, sentence, paragraph, range, change, outOf }) => ({
      kind, value, unit, text: t, qualifier, counts, sentence, paragraph, range: range ?? null, change: change ?? null, outOf: outOf ?? null,
    })),
    warnings: found.problems.map(formatProblem),
  };
}

export function citationText(c: Citation): string {
  const where = c.paragraph ? `${c.title}, ¶${c.paragraph}${c.lastParagraph ? `–${c.lastParagraph}` : ''}` : c.title;
  return c.url ? `${where} <${c.url}>` : where;
}

export function renderText(a: Answer): string {
  const out = [a.title, '='.repeat(Math.min(a.title.length, 72))];
  if (a.summary) out.push(a.summary);
  if (a.suggestions.length) out.push(`Did you mean: ${a.suggestions.join(', ')}?`);
  for (const s of a.sections) {
    out.push('', `${s.heading}:`);
    for (const l of s.lines) {
      const who = l.saidBy ? ` (${l.saidBy})` : l.speaker ? ` (${[l.speaker, l.role].filter(Boolean).join(', ')})` : l.role ? ` (a ${l.role})` : '';
      out.push(`  • ${l.text}${who}`);
      if (l.citation) out.push(`    [${citationText(l.citation)}]`);
    }
    if (s.more) out.push(`  …and ${s.more.count} more: ${s.more.hint.startsWith('/') ? `try ${s.more.hint}` : s.more.hint}`);
  }
  if (a.page) out.push('', `Page ${a.page.number} of ${a.page.count}${a.page.number < a.page.count ? ` (--page ${a.page.number + 1} for the next)` : ''}`);
  if (a.sources.length) out.push('', 'Sources:', ...a.sources.map((c) => `  - ${citationText(c)}`));
  return out.join('\n');
}

function renderExtraction(x: Extraction): string {
  const out = ['Quotes:'];
  for (const q of x.quotes) {
    const how = `${q.attribution}, ${q.confidence}${q.reason ? `: ${q.reason}` : ''}`;
    out.push(`  [${q.kind}] ¶${q.paragraphs.join(',')} ${q.speaker ?? '(speaker not given)'}${q.role ? `, ${q.role}` : ''} (${how}): ${q.text}`);
  }
  out.push('Figures:');
  for (const f of x.figures) out.push(`  [${f.kind}] ¶${f.paragraph} ${f.qualifier ? `${f.qualifier} ` : ''}${f.text} = ${f.value} ${f.unit}${f.counts ? ` (${f.counts})` : ''}`);
  return out.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  dotenv.config({ quiet: true });
  process.exitCode = await runCli(process.argv.slice(2));
}
