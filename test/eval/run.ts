/**
 * `npm run eval`: scores the extractor against the committed labelled articles (test/fixtures/gold),
 * then against each split of the real set whose text is in eval-real/ (see test/eval/README.md), and
 * the place resolver against test/fixtures/gold/place-queries.json. `--json` prints one object instead.
 */
import { evaluate, type SetResult } from './evaluate.js';
import { accuracy, f1, WRONG_NAMED_KINDS, type ArticleScore } from './score.js';

const NOT_PRESENT = 'real set not present locally: see test/eval/README.md';

const articleColumns: [string, (s: ArticleScore) => string][] = [
  ['quotes', (s) => String(s.quoteOverlap.gold)],
  ['exact F1', (s) => fmt(f1(s.quoteExact))],
  ['overlap F1', (s) => fmt(f1(s.quoteOverlap))],
  ['speaker', (s) => fmt(accuracy(s.speaker))],
  ['wrong named', (s) => String(s.wrongNamedSpeakers)],
  ['shown', (s) => String(s.wrongNamedShown)],
  ['role', (s) => fmt(accuracy(s.role))],
  ['figures', (s) => String(s.figures.all.gold)],
  ['fig F1', (s) => fmt(f1(s.figures.all))],
  ['value+kind', (s) => fmt(f1(s.figureValueKind))],
  ['money', (s) => fmt(f1(s.figures.money))],
  ['percent', (s) => fmt(f1(s.figures.percent))],
  ['count', (s) => fmt(f1(s.figures.count))],
  ['date', (s) => fmt(f1(s.figures.date))],
  ['detail', (s) => fmt(accuracy(s.figureDetail))],
];

const setColumns: [string, (s: SetResult) => string][] = [
  ['articles', (s) => String(s.articleCount)],
  ['quotes', (s) => String(s.overall.quoteOverlap.gold)],
  ['exact F1', (s) => fmt(f1(s.overall.quoteExact))],
  ['overlap F1', (s) => fmt(f1(s.overall.quoteOverlap))],
  ['speaker', (s) => fmt(accuracy(s.overall.speaker))],
  ['wrong named', (s) => String(s.overall.wrongNamedSpeakers)],
  ['wrong shown', (s) => String(s.overall.wrongNamedShown)],
  ['nobody/surname/other', (s) => WRONG_NAMED_KINDS.map((k) => s.overall.wrongNamedKinds[k]).join('/')],
  ['attribution', (s) => (s.overall.attribution.total ? fmt(accuracy(s.overall.attribution)) : '-')],
  ['figures', (s) => String(s.overall.figures.all.gold)],
  ['fig F1', (s) => fmt(f1(s.overall.figures.all))],
  ['value+kind F1', (s) => fmt(f1(s.overall.figureValueKind))],
];

function fmt(n: number): string {
  return n.toFixed(3);
}

/** Prints rows under a header, first column left-aligned, the rest right-aligned; a rule before the last row when asked. */
function table(header: string[], rows: string[][], ruleBeforeLast = false): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  console.log(line(header));
  console.log(rule);
  rows.forEach((r, i) => {
    if (ruleBeforeLast && i === rows.length - 1) console.log(rule);
    console.log(line(r));
  });
  console.log('');
}

function articleTable(set: SetResult): void {
  console.log(`${set.name}: per article`);
  const rows = [...set.articles, set.overall].map((s) => [s.id, ...articleColumns.map(([, get]) => get(s))]);
  table(['article', ...articleColumns.map(([name]) => name)], rows, true);
}

// `--real-dir DIR` scores the real splits from another checkout's eval-real/ (report and final still print totals only).
const dirFlag = process.argv.indexOf('--real-dir');
const realTextDir = dirFlag >= 0 ? process.argv[dirFlag + 1] : undefined;
const result = await evaluate({ real: true, realTextDir });
const present = result.sets.filter((s) => s.articleCount > 0);
if (process.argv.includes('--json')) {
  console.log(
    JSON.stringify(
      {
        ...result,
        sets: result.sets.map((s) => (s.articleCount > 0 ? s : { name: s.name, note: NOT_PRESENT, missing: s.missing })),
      },
      null,
      2,
    ),
  );
} else {
  for (const set of present.filter((s) => s.articles.length > 0)) articleTable(set);
  console.log('all sets');
  table(['set', ...setColumns.map(([name]) => name)], present.map((s) => [s.name, ...setColumns.map(([, get]) => get(s))]));
  const classes = [...new Set(present.flatMap((s) => Object.keys(s.overall.figureClasses)))].sort();
  if (classes.length > 0) {
    console.log('figure recall by class (found/labelled), figures paired on kind, value and paragraph');
    const cell = (s: SetResult, c: string) => {
      const r = s.overall.figureClasses[c];
      return r ? `${r.correct}/${r.total} ${fmt(accuracy(r))}` : '-';
    };
    table(['class', ...present.map((s) => s.name)], classes.map((c) => [c, ...present.map((s) => cell(s, c))]));
  }
  for (const s of result.sets) {
    if (s.articleCount === 0) console.log(`${s.name}: ${NOT_PRESENT}`);
    else if (s.missing.length > 0) console.log(`${s.name}: ${s.missing.length} of ${s.missing.length + s.articleCount} articles missing locally (${s.missing.join(', ')})`);
  }
  console.log('speaker = speaker and kind right, over quotes matched by overlap; wrong named = a named speaker that is not the labelled one (labelled nobody included);');
  console.log('nobody/surname/other = the strict wrong named by what the label says: nobody, a name ending in the same word (a name form), another person.');
  console.log('wrong shown = wrong named as members see it: those answers show as the speaker (low confidence or no attribution shows "speaker not clear").');
  console.log('fig F1 pairs kind, value, unit and paragraph; value+kind F1 pairs kind, value and paragraph; detail = text, qualifier and counts right, over matched figures.');
  console.log(`place queries: ${fmt(result.scores.placeAccuracy!)} accuracy`);
  for (const m of result.placeMisses) console.log(`  miss: "${m.query}" expected ${m.expect ?? 'nothing'}, got ${m.got ?? 'nothing'}`);
}
