/**
 * Dates among an article's figures: financial years (2019/20), days (2 August, August 2, 2013), months
 * (January 2017) and bare years. Each finder reports spans; the figure extractor decides what claims what.
 */
import { allMatches } from './matches.js';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)';
const YEAR = '((?:19|20)\\d{2})';

const FINANCIAL_YEAR = /(?<![\d£])((?:19|20)\d{2})\s?[/–-]\s?(\d{4}|\d{2})(?!\d)/g;
const DAY_MONTH = new RegExp(`(?<![\\d£.,])(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\b\\.?(?:,?\\s+${YEAR}(?!\\d))?`, 'g');
const MONTH_DAY = new RegExp(`\\b${MONTH}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?![\\d,.]\\d|\\s*(?:%|per\\s?cent))\\b(?:,?\\s+${YEAR}(?!\\d))?`, 'g');
const MONTH_YEAR = new RegExp(`\\b${MONTH}\\.?\\s+${YEAR}(?!\\d)`, 'g');
// Every month pattern holds one of these (case-sensitive, as they are).
const MONTH_HINT = /Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec/;
// Not a decade ("the 1990s").
const BARE_YEAR = /(?<![\d£.,])((?:19|20)\d{2})(?!\d|[.,]\d|s\b)/g;

export interface DateHit {
  value: string;
  unit: 'financial-year' | 'day' | 'month' | 'year';
  /** The match as found; the caller trims trailing punctuation. */
  match: RegExpMatchArray;
}

/** Financial years, days and months, in that order of precedence (bare years come last, after counts). */
export function datesIn(text: string): DateHit[] {
  const out: DateHit[] = [];
  if (!/\d/.test(text)) return out;
  for (const m of allMatches(FINANCIAL_YEAR, text)) {
    const first = Number(m[1]);
    const second = m[2]!.length === 2 ? Math.floor(first / 100) * 100 + Number(m[2]) : Number(m[2]);
    if (second !== first + 1) continue; // 2014-2016 is a span of years, not a financial year
    out.push({ value: `${first}/${String(second).slice(2)}`, unit: 'financial-year', match: m });
  }
  if (!MONTH_HINT.test(text)) return out;
  for (const m of allMatches(DAY_MONTH, text)) {
    const value = dayValue(m[2]!, m[1]!, m[3]);
    if (value) out.push({ value, unit: 'day', match: m });
  }
  for (const m of allMatches(MONTH_DAY, text)) {
    const value = dayValue(m[1]!, m[2]!, m[3]);
    if (value) out.push({ value, unit: 'day', match: m });
  }
  for (const m of allMatches(MONTH_YEAR, text)) out.push({ value: `${m[2]}-${pad(monthNumber(m[1]!))}`, unit: 'month', match: m });
  return out;
}

export function yearsIn(text: string): DateHit[] {
  return Array.from(allMatches(BARE_YEAR, text), (m) => ({ value: m[1]!, unit: 'year' as const, match: m }));
}

/** A number that reads as a year (1900–2099); such a number counts only people or jobs. */
export function isYearLike(digits: string): boolean {
  return /^(?:19|20)\d{2}$/.test(digits);
}

function dayValue(month: string, day: string, year: string | undefined): string | null {
  const m = monthNumber(month);
  const d = Number(day);
  // Check the day exists; with no year given, allow 29 February.
  const check = new Date(Date.UTC(year ? Number(year) : 2000, m - 1, d));
  if (d < 1 || check.getUTCMonth() !== m - 1) return null;
  return year ? `${year}-${pad(m)}-${pad(d)}` : `--${pad(m)}-${pad(d)}`; // never invent a year
}

function monthNumber(name: string): number {
  const key = name.toLowerCase().slice(0, 3);
  return MONTHS.findIndex((m) => m.startsWith(key)) + 1;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
