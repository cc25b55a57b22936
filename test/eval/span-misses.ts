/**
 * Every quote span miss on the labelled set or a tuning split, to read them by construction: labelled quotes not
 * found (missed), found quotes with no label (extra), and pairs that overlap but are not exact, with both texts and
 * the paragraph they stand in.
 *
 *   npx tsx test/eval/span-misses.ts [--json] SPLIT…      (SPLIT: labelled or a tuning split; default every one)
 *
 * Held-out splits are refused, like first-sight.ts: they are never read article by article.
 */
import { extract } from '../../src/knowledge/extract/index.js';
import type { Paragraph, Quote } from '../../src/knowledge/schema.js';
import { TUNING_SPLITS, loadGold, loadRealSplit, type GoldArticle, type RealSplit } from './gold.js';
import { matchQuotes, normalizeText, type GoldQuote } from './score.js';

export interface SpanMiss {
  split: string;
  id: string;
  type: 'missed' | 'extra' | 'near';
  paragraphs: number[];
  gold: Pick<GoldQuote, 'text' | 'kind' | 'speaker'> | null;
  found: Pick<Quote, 'text' | 'kind' | 'speaker'> | null;
  /** The text of the paragraphs the quote stands in. */
  context: string;
}

function articlesOf(split: string): GoldArticle[] {
  if (split === 'labelled') return loadGold();
  if (!TUNING_SPLITS.includes(split as RealSplit)) throw new Error(`${split}: only labelled and ${TUNING_SPLITS.join(', ')} may be read article by article`);
  return loadRealSplit(split as RealSplit).articles;
}

function contextOf(paragraphs: Paragraph[], ns: number[]): string {
  return ns.map((n) => `[${n}] ${paragraphs.find((p) => p.n === n)?.text ?? '?'}`).join('\n');
}

const brief = (q: Quote | GoldQuote) => ({ text: q.text, kind: q.kind, speaker: q.speaker });

export function spanMisses(split: string): SpanMiss[] {
  const out: SpanMiss[] = [];
  for (const article of articlesOf(split)) {
    const predicted = extract(article.paragraphs).quotes;
    const gold = article.expected.quotes;
    const exact = matchQuotes(predicted, gold, 'exact');
    const exactP = new Set(exact.map(([p]) => p));
    const exactG = new Set(exact.map(([, g]) => g));
    const restP = predicted.filter((p) => !exactP.has(p));
    const restG = gold.filter((g) => !exactG.has(g));
    const near = matchQuotes(restP, restG, 'overlap');
    const nearP = new Set(near.map(([p]) => p));
    const nearG = new Set(near.map(([, g]) => g));
    const row = (type: SpanMiss['type'], ns: number[], g: GoldQuote | null, p: Quote | null): SpanMiss => ({
      split,
      id: article.id,
      type,
      paragraphs: ns,
      gold: g && brief(g),
      found: p && brief(p),
      context: contextOf(article.paragraphs, ns),
    });
    for (const [p, g] of near) out.push(row('near', [...new Set([...g.paragraphs, ...p.paragraphs])].sort((a, b) => a - b), g, p));
    for (const g of restG) if (!nearG.has(g)) out.push(row('missed', g.paragraphs, g, null));
    for (const p of restP) if (!nearP.has(p)) out.push(row('extra', p.paragraphs, null, p));
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const splits = args.filter((a) => !a.startsWith('--'));
  const rows = (splits.length ? splits : ['labelled', ...TUNING_SPLITS]).flatMap(spanMisses);
  if (json) console.log(JSON.stringify(rows, null, 2));
  else
    for (const r of rows) {
      console.log(`## ${r.split} ${r.id} ${r.type} ¶${r.paragraphs.join(',')}`);
      if (r.gold) console.log(`  gold  (${r.gold.kind}, ${r.gold.speaker}): ${normalizeText(r.gold.text)}`);
      if (r.found) console.log(`  found (${r.found.kind}, ${r.found.speaker}): ${normalizeText(r.found.text)}`);
      console.log(r.context.replace(/^/gm, '    '));
    }
}
