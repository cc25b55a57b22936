import type { Figure } from '../knowledge/schema.js';

const pounds = (v: number) =>
  v >= 1e9 ? `£${trim(v / 1e9)} billion` : v >= 1e6 ? `£${trim(v / 1e6)} million` : `£${v.toLocaleString('en-GB', { maximumFractionDigits: 2 })}`;
const trim = (v: number) => String(Number(v.toFixed(2)));

const PER: Record<string, string> = { 'GBP/hour': ' an hour', 'GBP/week': ' a week', 'GBP/year': ' a year' };

/** A figure as a member reads it: "more than 150 care workers", "£4 million (savings)", "about 40% of …". */
export function formatFigure(f: Figure): string {
  const q = f.qualifier ? `${f.qualifier} ` : '';
  switch (f.kind) {
    case 'money':
      return `${q}${typeof f.value === 'number' ? pounds(f.value) : f.text}${PER[f.unit] ?? ''}${f.counts ? ` (${f.counts})` : ''}`;
    case 'percent':
      return `${q}${f.value}%${f.counts ? ` of ${f.counts}` : ''}`;
    case 'count':
      return `${q}${typeof f.value === 'number' ? f.value.toLocaleString('en-GB') : f.value} ${f.counts ?? f.unit}`;
    case 'date':
      return f.text;
  }
}
