/**
 * First-sight analysis: every predicted quote of an extractor on the tuning splits, paired against the labels, with its
 * attribution, confidence, reason and features (first-sight-features.ts), and a table of named speakers right, wrong
 * and shown per feature. The extractor may be another checkout's (`--src DIR`, e.g. a commit from before a split was
 * tuned on, checked out with `git worktree add`), so a split can be scored as it was first seen; the text and the
 * labels always come from this checkout, so today's labels are the gold.
 *
 *   npx tsx test/eval/first-sight.ts [--src DIR] [--run NAME] [--out FILE.jsonl] [--real-dir DIR] [--table | --markdown] SPLIT…
 *   npx tsx test/eval/first-sight.ts --table-from [--markdown] A.jsonl B.jsonl …
 *
 * SPLIT is `labelled` or a tuning split (tune…tune5); held-out splits are refused: they are never read article by article.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Extraction, Paragraph, Quote } from '../../src/knowledge/schema.js';
import { nameShapeDoubt, namesCompleted } from '../../src/knowledge/extract/evidence.js';
import { speakerIsClear } from '../../src/knowledge/speakers.js';
import { quoteFeatures, type Features } from './first-sight-features.js';
import { REAL_DIR, REAL_TEXT_DIR, ROOT, TUNING_SPLITS, loadGold, loadManifest, type RealSplit } from './gold.js';
import { matchQuotes, type GoldExtraction, type GoldQuote } from './score.js';

/** One predicted quote, as dumped. `outcome` is for named speakers against the label it was paired with by overlap. */
export interface Row {
  run: string;
  split: string;
  id: string;
  paragraphs: number[];
  kind: Quote['kind'];
  text: string;
  speaker: string | null;
  role: string | null;
  attribution: Quote['attribution'];
  confidence: Quote['confidence'];
  reason: string | null;
  shown: boolean;
  /** Whether it would still be shown under this checkout's name-shape rule (`nameShapeDoubt`): how an old run fares today. */
  shownUnderShapeRule: boolean;
  gold: { speaker: string | null; kind: string; attribution?: string } | null;
  outcome: 'right' | 'wrong' | 'not named' | 'unmatched';
  features: Features;
}

type Extract = (paragraphs: Paragraph[]) => Extraction;
type Parse = (text: string, file: string) => { article?: { id: string; paragraphs: Paragraph[] } | null; problems: { message: string }[] };

async function extractorFrom(src: string): Promise<{ extract: Extract; parse: Parse }> {
  const { extract } = (await import(pathToFileURL(path.join(src, 'src/knowledge/extract/index.ts')).href)) as { extract: Extract };
  const { parseKnowledgeFile } = (await import(pathToFileURL(path.join(src, 'src/knowledge/loader.ts')).href)) as { parseKnowledgeFile: Parse };
  return { extract, parse: parseKnowledgeFile };
}

/** The articles of a split with their gold labels; the text is parsed by the extractor's own checkout. */
function articles(split: string, parse: Parse, realDir: string): { id: string; paragraphs: Paragraph[]; gold: GoldExtraction }[] {
  if (split === 'labelled') return loadGold().map((g) => ({ id: g.id, paragraphs: reparse(parse, g.file), gold: g.expected }));
  if (!TUNING_SPLITS.includes(split as RealSplit)) throw new Error(`${split}: only labelled and ${TUNING_SPLITS.join(', ')} may be read article by article`);
  return loadManifest()
    .filter((e) => e.split === split)
    .map((e) => ({
      id: e.id,
      paragraphs: reparse(parse, path.join(realDir, split, `${e.id}.md`)),
      gold: JSON.parse(readFileSync(path.join(REAL_DIR, 'labels', `${e.id}.expected.json`), 'utf8')) as GoldExtraction,
    }));
}

function reparse(parse: Parse, file: string): Paragraph[] {
  const parsed = parse(readFileSync(file, 'utf8'), path.basename(file));
  if (!parsed.article) throw new Error(`${file}: ${parsed.problems.map((p) => p.message).join('; ')}`);
  return parsed.article.paragraphs;
}

export function rowsOf(run: string, split: string, id: string, paragraphs: Paragraph[], predicted: Quote[], gold: GoldQuote[]): Row[] {
  const pairs = new Map(matchQuotes(predicted, gold, 'overlap'));
  const completed = namesCompleted(paragraphs);
  return predicted.map((q) => {
    const g = pairs.get(q) ?? null;
    const outcome = g === null ? 'unmatched' : q.speaker === null ? 'not named' : q.speaker === g.speaker ? 'right' : 'wrong';
    return {
      run, split, id, paragraphs: q.paragraphs, kind: q.kind, text: q.text.length > 120 ? `${q.text.slice(0, 117)}…` : q.text,
      speaker: q.speaker, role: q.role, attribution: q.attribution, confidence: q.confidence, reason: q.reason ?? null,
      shown: speakerIsClear(q), shownUnderShapeRule: speakerIsClear(q) && (q.speaker === null || nameShapeDoubt(q.speaker, completed) === null), gold: g && { speaker: g.speaker, kind: g.kind, attribution: g.attribution }, outcome,
      features: quoteFeatures(q, paragraphs),
    };
  });
}

interface Cell { named: number; right: number; wrong: number; rightShown: number; wrongShown: number }

/** Named speakers per feature value: how many, right, wrong, and of those how many a member is shown as the speaker. */
export function featureTable(rows: Row[]): Map<string, Map<string, Cell>> {
  const table = new Map<string, Map<string, Cell>>();
  for (const r of rows) {
    if (r.outcome !== 'right' && r.outcome !== 'wrong') continue;
    for (const [feature, value] of Object.entries(r.features)) {
      const byValue = table.get(feature) ?? table.set(feature, new Map()).get(feature)!;
      const c = byValue.get(value) ?? byValue.set(value, { named: 0, right: 0, wrong: 0, rightShown: 0, wrongShown: 0 }).get(value)!;
      c.named++;
      if (r.outcome === 'right') {
        c.right++;
        if (r.shown) c.rightShown++;
      } else {
        c.wrong++;
        if (r.shown) c.wrongShown++;
      }
    }
  }
  return table;
}

function printTable(title: string, rows: Row[]): void {
  console.log(`\n## ${title}: named speakers by feature (named / right / wrong / right shown / wrong shown)`);
  for (const [feature, byValue] of [...featureTable(rows)].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`\n${feature}`);
    for (const [value, c] of [...byValue].sort((a, b) => b[1].named - a[1].named))
      console.log(`  ${value.padEnd(28)} ${String(c.named).padStart(4)} ${String(c.right).padStart(4)} ${String(c.wrong).padStart(4)} ${String(c.rightShown).padStart(4)} ${String(c.wrongShown).padStart(4)}`);
  }
}

/** One line per run: named and matched, wrong, and how many of the right and wrong ones a member is shown, with the shape rule too. */
function summary(run: string, splits: string[], rows: Row[]): string {
  const named = rows.filter((r) => r.outcome === 'right' || r.outcome === 'wrong');
  const count = (outcome: string, key: 'shown' | 'shownUnderShapeRule') => named.filter((r) => r.outcome === outcome && r[key]).length;
  return (
    `${run} on ${splits.join(', ')}: ${rows.length} quotes, ${named.length} named and matched, ${named.filter((r) => r.outcome === 'wrong').length} wrong; ` +
    `shown: right ${count('right', 'shown')}, wrong ${count('wrong', 'shown')}; under the name-shape rule: right ${count('right', 'shownUnderShapeRule')}, wrong ${count('wrong', 'shownUnderShapeRule')}`
  );
}

/**
 * The feature table as markdown, one column per group of runs (every `first-sight-*` run is one group): named
 * speakers right and wrong, each with (in brackets) how many are shown as the speaker; for the wrong, → how many the
 * name-shape rule would still show.
 */
function printMarkdown(rows: Row[]): void {
  const group = (r: Row) => (r.run.startsWith('first-sight') ? 'first sight' : r.run);
  const groups = [...new Set(rows.map(group))];
  const tables = groups.map((g) => featureTable(rows.filter((r) => group(r) === g)));
  const shape = groups.map((g) => rows.filter((r) => group(r) === g && r.outcome === 'wrong' && r.shownUnderShapeRule));
  console.log(`| feature | value | ${groups.map((g) => `${g}: right (shown) / wrong (shown)`).join(' | ')} |`);
  console.log(`| --- | --- | ${groups.map(() => '---').join(' | ')} |`);
  const features = [...new Set(tables.flatMap((t) => [...t.keys()]))].sort();
  for (const feature of features) {
    const values = [...new Set(tables.flatMap((t) => [...(t.get(feature)?.keys() ?? [])]))];
    const named = (v: string) => tables.reduce((n, t) => n + (t.get(feature)?.get(v)?.named ?? 0), 0);
    for (const value of values.sort((a, b) => named(b) - named(a))) {
      const cells = tables.map((t, i) => {
        const c = t.get(feature)?.get(value);
        if (!c) return '-';
        const after = shape[i]!.filter((r) => r.features[feature] === value).length;
        return `${c.right} (${c.rightShown}) / ${c.wrong} (${c.wrongShown}${after !== c.wrongShown ? ` → ${after}` : ''})`;
      });
      console.log(`| ${feature} | ${value} | ${cells.join(' | ')} |`);
    }
  }
}

function printWrong(rows: Row[]): void {
  const wrong = rows.filter((r) => r.outcome === 'wrong');
  console.log(`\n## wrong named speakers (${wrong.length}, shown ${wrong.filter((r) => r.shown).length})`);
  for (const r of wrong)
    console.log(`- [${r.run}] ${r.split}/${r.id} ¶${r.paragraphs.join(',')} ${r.kind} “${r.text.slice(0, 60)}” → ${r.speaker} (${r.attribution}, ${r.confidence}${r.reason ? `: ${r.reason}` : ''}); label ${r.gold?.speaker ?? 'nobody'}; ${Object.entries(r.features).map(([k, v]) => `${k}=${v}`).join(' ')}`);
}

const args = process.argv.slice(2);
/** The value after `--name`, taken out of `args`. */
function option(name: string): string | undefined {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args.splice(i, 2)[1];
}
function has(name: string): boolean {
  const i = args.indexOf(name);
  if (i >= 0) args.splice(i, 1);
  return i >= 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const markdown = has('--markdown');
  if (has('--table-from')) {
    const rows = args.flatMap((f) => readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row));
    const runs = [...new Set(rows.map((r) => r.run))];
    for (const run of runs) console.log(summary(run, [...new Set(rows.filter((r) => r.run === run).map((r) => r.split))], rows.filter((r) => r.run === run)));
    if (markdown) printMarkdown(rows);
    else {
      for (const run of runs) printTable(run, rows.filter((r) => r.run === run));
      printWrong(rows);
    }
  } else {
    const src = path.resolve(option('--src') ?? ROOT);
    const run = option('--run') ?? (src === ROOT ? 'current' : path.basename(src));
    const out = option('--out');
    const realDir = option('--real-dir') ?? REAL_TEXT_DIR;
    const table = has('--table');
    const { extract, parse } = await extractorFrom(src);
    const rows = args.flatMap((split) => articles(split, parse, realDir).flatMap((a) => rowsOf(run, split, a.id, a.paragraphs, extract(a.paragraphs).quotes, a.gold.quotes)));
    if (out) writeFileSync(out, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    console.log(summary(run, args, rows));
    if (markdown) printMarkdown(rows);
    else if (table) printTable(run, rows);
    printWrong(rows);
  }
}
