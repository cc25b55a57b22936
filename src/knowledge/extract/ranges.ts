import { claim, taken, type Hit, type Hits } from './hits.js';
import { wordsValue } from './number-words.js';

/**
 * Ranges and changes of money and percentages: "between £2m and £3m", "20-30%", "from 20% to 15%".
 * (Counts pair up in counts.ts, where a number may borrow its neighbour's noun.) Only hits a few
 * characters apart are looked at, so this is linear in the number of figures.
 */

const RANGE_GAP = /^(?:\s?[-–—]\s?|\s+(?:to|or)\s+)$/;
const AND_GAP = /^\s+and\s+$/;
const TO_GAP = /^\s+to\s+$/;
// A bare number just before a percentage: "20-30%", "between 20 and 30 per cent", "from 20 to 15%".
const BARE_BEFORE = /(?<![\p{L}\d.,£-])(\d+(?:\.\d+)?|\p{L}+(?:-\p{L}+)?)(\s?[-–—]\s?|\s+(?:to|or|and)\s+)$/u;
const CHANGE_WORDS = /\b(?:cut|cuts|reduced?|reducing|slashed|fell|falls?|falling|dropped|drops?|rose|rises?|rising|increased?|increasing|grew|grows?|shrank|shrunk|declined?|halved|trimmed|lowered|raised?|raises|raising|down|up)\b/i;

type Link = 'range' | 'change' | null;

export function linkRanges(hits: Hits): void {
  const { text } = hits;
  const sorted = hits.list.filter((h) => h.kind === 'money' || h.kind === 'percent').sort((a, b) => a.start - b.start);
  for (let i = 0; i < sorted.length; i++) {
    const q = sorted[i]!;
    const p = sorted[i - 1];
    // A sum with its period and one without ("from £64 to £78 a month") are linked: the two then share the period.
    const sameUnit = p && (p.unit === q.unit || (p.kind === 'money' && (p.unit === 'GBP' || q.unit === 'GBP')));
    if (p && sameUnit && !p.range && !p.change && p.kind === q.kind && q.start - p.end <= 30) {
      const how = linkOf(text, p, q, text.slice(p.end, q.start));
      if (how === 'range') asRange(p, q);
      else if (how === 'change') asChange(p, q);
      if (how) continue;
    }
    // A bare number before a percentage borrows its "%".
    const bare = q.kind === 'percent' && !q.range && !q.change ? BARE_BEFORE.exec(text.slice(Math.max(0, q.start - 40), q.start)) : null;
    if (!bare) continue;
    const start = q.start - bare[0].length;
    if (taken(hits, start, start + bare[1]!.length)) continue;
    // In digits or words ("between one to three percent"; "one" too, which is never a count).
    const value = /^\d/.test(bare[1]!) ? Number(bare[1]) : wordsValue(bare[1]!);
    if (value === null) continue;
    const p2: Hit = { ...q, value, start, end: start + bare[1]!.length };
    const how = linkOf(text, p2, q, bare[2]!);
    if (how === 'range') asRange(p2, q);
    else if (how === 'change') asChange(p2, q);
    if (how) {
      hits.list.push(p2);
      claim(hits, start, q.start);
    }
  }
}

function linkOf(text: string, p: Hit, q: Hit, gap: string): Link {
  const lead = text.slice(Math.max(0, p.start - 60), p.start);
  const from = /\bfrom\s+$/i.exec(lead);
  if (from && TO_GAP.test(gap)) {
    const decrease = (p.value as number) > (q.value as number);
    return decrease || CHANGE_WORDS.test(lead.slice(0, from.index).slice(-50)) ? 'change' : 'range';
  }
  if (RANGE_GAP.test(gap) || (AND_GAP.test(gap) && /\bbetween\s+$/i.test(lead))) return 'range';
  return null;
}

/** Both ends of a range stay figures, each knowing the range. */
function asRange(p: Hit, q: Hit): void {
  const range = { low: Math.min(p.value as number, q.value as number), high: Math.max(p.value as number, q.value as number) };
  p.range = range;
  q.range = range;
}

function asChange(p: Hit, q: Hit): void {
  const change = { from: p.value as number, to: q.value as number };
  p.change = change;
  q.change = change;
}
