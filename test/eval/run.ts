/**
 * `npm run eval`: scores the extractor against the labelled articles in test/fixtures/gold and the
 * place resolver against test/fixtures/gold/place-queries.json. `--json` prints one object instead.
 */
import { evaluate } from './evaluate.js';
import { accuracy, f1, type ArticleScore } from './score.js';

const columns: [string, (s: ArticleScore) => string][] = [
  ['quotes', (s) => String(s.quoteOverlap.gold)],
  ['exact F1', (s) => fmt(f1(s.quoteExact))],
  ['overlap F1', (s) => fmt(f1(s.quoteOverlap))],
  ['speaker', (s) => fmt(accuracy(s.speaker))],
  ['role', (s) => fmt(accuracy(s.role))],
  ['figures', (s) => String(s.figures.all.gold)],
  ['fig F1', (s) => fmt(f1(s.figures.all))],
  ['money', (s) => fmt(f1(s.figures.money))],
  ['percent', (s) => fmt(f1(s.figures.percent))],
  ['count', (s) => fmt(f1(s.figures.count))],
  ['date', (s) => fmt(f1(s.figures.date))],
  ['detail', (s) => fmt(accuracy(s.figureDetail))],
];

function fmt(n: number): string {
  return n.toFixed(3);
}

const result = await evaluate();
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(result, null, 2));
} else {
  const rows = [...result.articles, result.overall].map((s) => [s.id, ...columns.map(([, get]) => get(s))]);
  const header = ['article', ...columns.map(([name]) => name)];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  rows.forEach((r, i) => {
    if (i === rows.length - 1) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
    console.log(line(r));
  });
  console.log('');
  console.log('speaker = speaker and kind right, over quotes matched by overlap; detail = text, qualifier and counts right, over matched figures.');
  console.log(`place queries: ${fmt(result.scores.placeAccuracy!)} accuracy`);
  for (const m of result.placeMisses) console.log(`  miss: "${m.query}" expected ${m.expect ?? 'nothing'}, got ${m.got ?? 'nothing'}`);
}
