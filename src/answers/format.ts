import type { Figure } from '../knowledge/schema.js';

const pounds = (v: number) =>
  v >= 1e9 ? `£${trim(v / 1e9)} billion` : v >= 1e6 ? `£${trim(v / 1e6)} million` : `£${v.toLocaleString('en-GB', { maximumFractionDigits: 2 })}`;
const trim = (v: number) => String(Number(v.toFixed(2)));

const PER: Record<string, string> = { 'GBP/hour': ' an hour', 'GBP/week': ' a week', 'GBP/year': ' a year' };

/** A figure as a member reads it: "more than 150 care workers", "£4 million (savings)", "about 40% of …". */
export function formatFigure(f: Figure): string {
  // A vague multiple's qualifier is its own words ("hundreds of carers"): said once.
  const q = f.qualifier && !f.text.toLowerCase().startsWith(f.qualifier) ? `${f.qualifier} ` : '';
  // Words as written ("eight care homes", "a third"); a range as low–high.
  const inWords = !/\d/.test(f.text);
  const num = (show: (v: number) => string) =>
    f.range ? `${show(f.range.low)}–${show(f.range.high)}` : typeof f.value === 'number' ? show(f.value) : String(f.value);
  switch (f.kind) {
    case 'money':
      return `${q}${typeof f.value === 'number' ? num(pounds) : f.text}${PER[f.unit] ?? ''}${f.counts ? ` (${f.counts})` : ''}`;
    case 'percent':
      return `${q}${inWords ? f.text : `${num(String)}%`}${f.counts ? ` of ${f.counts}` : ''}`;
    case 'count':
      return inWords && !f.range ? `${q}${f.text}` : `${q}${num((v) => v.toLocaleString('en-GB'))} ${f.counts ?? f.unit}`;
    case 'date':
      return f.text;
  }
}
