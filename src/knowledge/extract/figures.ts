import type { Figure, FigureKind, Paragraph } from '../schema.js';
import { FUNCTION_WORDS } from './people.js';
import { sentenceAt, splitSentences } from './text.js';

/*
 * Figures are found by kind in a fixed order (money, percent, financial year, dates, counts, bare years);
 * a stretch of text claimed by one kind is not read again, so "£4 million" is never also a count of 4
 * and "August 2" never a count of 2. Every paragraph is read, captions and quotes included.
 * `text` is the figure as written without its qualifier ("£4 million", "150 vital care workers").
 */

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)';
const YEAR = '((?:19|20)\\d{2})';
const NUMBER = '(\\d{1,3}(?:,\\d{3})+|\\d+)(\\.\\d+)?';

const MONEY = new RegExp(
  `£\\s?${NUMBER}(?:\\s?(million|billion|bn|m|thousand|k)(?![\\p{L}]))?(?:[\\s-](?:an?|per)[\\s-](hour|week|month|year|annum)\\b)?`,
  'giu',
);
const PERCENT = new RegExp(`(?<![\\d.,£])${NUMBER}\\s?(%|per\\s?cent\\b|percent\\b|pc\\b)`, 'gi');
const FINANCIAL_YEAR = /(?<![\d£])((?:19|20)\d{2})\s?[/–-]\s?(\d{4}|\d{2})(?!\d)/g;
const DAY_MONTH = new RegExp(`(?<![\\d£.,])(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\b\\.?(?:,?\\s+${YEAR}(?!\\d))?`, 'g');
const MONTH_DAY = new RegExp(`\\b${MONTH}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?![\\d,.]\\d|\\s*(?:%|per\\s?cent))\\b(?:,?\\s+${YEAR}(?!\\d))?`, 'g');
const MONTH_YEAR = new RegExp(`\\b${MONTH}\\.?\\s+${YEAR}(?!\\d)`, 'g');
// Not a decade ("the 1990s").
const BARE_YEAR = /(?<![\d£.,])((?:19|20)\d{2})(?!\d|[.,]\d|s\b)/g;
const COUNT = new RegExp(`(?<![\\p{L}\\d£.,/-])${NUMBER}(?:\\s(million|thousand))?(?!st|nd|rd|th|\\d|%)`, 'gu');

// How far either side of a figure the words about it are looked for.
const WINDOW = 120;
const QUALIFIER = /\b(about|around|approximately|more than|over|up to|almost|nearly|at least|less than|fewer than|under)\s+$/i;

const MULTIPLIERS: Record<string, number> = { million: 1e6, m: 1e6, billion: 1e9, bn: 1e9, thousand: 1e3, k: 1e3 };
const RATES: Record<string, string> = { hour: 'GBP/hour', week: 'GBP/week', month: 'GBP/month', year: 'GBP/year', annum: 'GBP/year' };

// Nouns that make a number a count of people or of jobs; other plural nouns count themselves ("3,000 names").
const PEOPLE = new Set([
  'workers', 'worker', 'staff', 'employees', 'employee', 'women', 'woman', 'men', 'man', 'people', 'persons', 'person',
  'carers', 'carer', 'residents', 'resident', 'members', 'member', 'nurses', 'nurse', 'users', 'patients', 'families',
  'children', 'pensioners', 'volunteers', 'clients', 'tenants', 'adults', 'individuals', 'parents', 'cleaners', 'officers',
  'managers', 'councillors', 'students', 'teachers', 'assistants', 'drivers', 'cooks', 'wardens',
]);
const JOBS = new Set(['jobs', 'job', 'posts', 'post', 'roles', 'role', 'positions', 'position', 'redundancies', 'vacancies']);
// A number before these is a duration or a measure, not a count.
const NOT_COUNTED = new Set([
  'years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds', 'times', 'pounds', 'pence', 'miles', 'percent',
  'decades', 'nights', 'years’', 'o’clock',
]);

// What money or a percentage is for, when the words next to it say so.
const AFTER_KEYWORDS: [RegExp, string][] = [
  [/^\s+(?:of\s+|in\s+)?(?:savings?)\b/i, 'savings'],
  [/^\s+(?:of\s+|in\s+)?(?:cuts?)\b/i, 'cuts'],
  [/^\s+(?:budget\s+)?deficit\b/i, 'deficit'],
  [/^\s+(?:funding\s+)?shortfall\b/i, 'shortfall'],
  [/^\s+overspend\b/i, 'overspend'],
  [/^\s+(?:(?:black\s+)?hole\s+in\s+(?:its|the|their|our)\s+budget|budget\s+gap|funding\s+gap|black\s+hole)\b/i, 'budget gap'],
];
const BEFORE_KEYWORDS: [RegExp, string][] = [
  [/\b(?:save|saves|saving|savings)(?:\s+of)?\s+$/i, 'savings'],
  [/\b(?:cut|cuts|cutting|reduce|reduces|reduced|reducing|slash|slashed|slashing)\s+(?:[\p{L}’'-]+\s+){0,5}by\s+$/iu, 'cuts'],
  [/\b(?:cuts\s+of|cut\s+of|reduction\s+of)\s+$/i, 'cuts'],
  [/\bdeficit\s+of\s+$/i, 'deficit'],
  [/\bshortfall\s+of\s+$/i, 'shortfall'],
  [/\b(?:budget\s+gap|funding\s+gap|black\s+hole)\s+of\s+$/i, 'budget gap'],
];

interface Hit {
  kind: FigureKind;
  value: number | string;
  unit: string;
  start: number;
  end: number;
  counts: string | null;
}

export function extractFigures(paragraphs: Paragraph[]): Figure[] {
  return paragraphs.flatMap((para) => {
    const sentences = splitSentences(para.text);
    return figuresIn(para.text)
      .sort((a, b) => a.start - b.start)
      .map((hit): Figure => {
        const qualifier = QUALIFIER.exec(para.text.slice(Math.max(0, hit.start - 20), hit.start));
        const counts = hit.kind === 'money' || hit.kind === 'percent' ? countsFor(para.text, hit, qualifier?.[0].length ?? 0) : hit.counts;
        return {
          kind: hit.kind,
          value: hit.value,
          unit: hit.unit,
          text: para.text.slice(hit.start, hit.end),
          qualifier: qualifier ? qualifier[1]!.toLowerCase().replace(/\s+/g, ' ') : null,
          counts,
          sentence: sentenceAt(sentences, hit.start)?.text ?? para.text,
          paragraph: para.n,
        };
      });
  });
}

function figuresIn(text: string): Hit[] {
  const hits: Hit[] = [];
  // Characters already claimed by a figure: a mask keeps long paragraphs linear.
  const claimed = new Uint8Array(text.length);
  const taken = (start: number, end: number) => claimed.subarray(start, end).some((c) => c === 1);
  const add = (hit: Hit) => {
    if (taken(hit.start, hit.end)) return;
    claimed.fill(1, hit.start, hit.end);
    hits.push(hit);
  };
  const span = (m: RegExpMatchArray) => ({ start: m.index!, end: m.index! + m[0].replace(/[\s.,]+$/, '').length });

  for (const m of text.matchAll(MONEY)) {
    const unit = m[4] ? RATES[m[4].toLowerCase()]! : 'GBP';
    add({ kind: 'money', value: amount(m[1]!, m[2], m[3]), unit, ...span(m), counts: null });
  }
  for (const m of text.matchAll(PERCENT)) {
    add({ kind: 'percent', value: amount(m[1]!, m[2], undefined), unit: '%', ...span(m), counts: null });
  }
  for (const m of text.matchAll(FINANCIAL_YEAR)) {
    const first = Number(m[1]);
    const second = m[2]!.length === 2 ? Math.floor(first / 100) * 100 + Number(m[2]) : Number(m[2]);
    if (second !== first + 1) continue; // 2014-2016 is a span of years, not a financial year
    add({ kind: 'date', value: `${first}/${String(second).slice(2)}`, unit: 'financial-year', ...span(m), counts: null });
  }
  for (const m of text.matchAll(DAY_MONTH)) addDay(add, span(m), m[2]!, m[1]!, m[3]);
  for (const m of text.matchAll(MONTH_DAY)) addDay(add, span(m), m[1]!, m[2]!, m[3]);
  for (const m of text.matchAll(MONTH_YEAR)) {
    add({ kind: 'date', value: `${m[2]}-${pad(monthNumber(m[1]!))}`, unit: 'month', ...span(m), counts: null });
  }
  for (const m of text.matchAll(COUNT)) {
    const s = span(m);
    if (taken(s.start, s.end)) continue;
    const noun = countedNoun(text.slice(m.index! + m[0].length, m.index! + m[0].length + WINDOW));
    if (!noun) continue;
    // "1 in 4 carers" is a proportion, not a count of four.
    if (/\b(?:\d+|one)\s+in\s+$/i.test(text.slice(Math.max(0, m.index! - 20), m.index))) continue;
    // A year-like number counts only people or jobs ("2000 workers"); "2019 budgets" is a year.
    if (/^(?:19|20)\d{2}$/.test(m[0]) && noun.unit !== 'people' && noun.unit !== 'jobs') continue;
    const value = amount(m[1]!, m[2], m[3]);
    add({ kind: 'count', value, unit: noun.unit, start: s.start, end: m.index! + m[0].length + noun.length, counts: noun.phrase });
  }
  for (const m of text.matchAll(BARE_YEAR)) add({ kind: 'date', value: m[1]!, unit: 'year', ...span(m), counts: null });
  return hits;
}

function addDay(add: (h: Hit) => void, span: { start: number; end: number }, month: string, day: string, year: string | undefined): void {
  const m = monthNumber(month);
  const d = Number(day);
  // Check the day exists; with no year given, allow 29 February.
  const check = new Date(Date.UTC(year ? Number(year) : 2000, m - 1, d));
  if (d < 1 || check.getUTCMonth() !== m - 1) return;
  const value = year ? `${year}-${pad(m)}-${pad(d)}` : `--${pad(m)}-${pad(d)}`; // never invent a year
  add({ kind: 'date', value, unit: 'day', ...span, counts: null });
}

function monthNumber(name: string): number {
  const key = name.toLowerCase().slice(0, 3);
  return MONTHS.findIndex((m) => m.startsWith(key)) + 1;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function amount(whole: string, fraction: string | undefined, multiplier: string | undefined): number {
  const n = Number(whole.replace(/,/g, '') + (fraction ?? ''));
  const times = multiplier ? (MULTIPLIERS[multiplier.toLowerCase()] ?? 1) : 1;
  return Math.round(n * times * 100) / 100;
}

/**
 * The noun a number counts: up to three modifiers may stand between ("150 mainly low paid women").
 * Returns the noun phrase as written, the unit, and how many characters it covers after the number.
 */
function countedNoun(after: string): { phrase: string; unit: string; length: number } | null {
  const tokens: { word: string; end: number; stop: boolean }[] = [];
  const re = /\s+([\p{L}’'-]+)([^\s\p{L}]*)/uy;
  let at = 0;
  for (let i = 0; i < 4; i++) {
    re.lastIndex = at;
    const m = re.exec(after);
    if (!m) break;
    at = re.lastIndex;
    tokens.push({ word: m[1]!, end: at - m[2]!.length, stop: m[2]!.length > 0 });
    if (m[2]!.length > 0) break; // punctuation ends the phrase
  }
  for (let i = 0; i < tokens.length; i++) {
    const { word } = tokens[i]!;
    const lower = word.toLowerCase();
    // "older and disabled people": and/or may join modifiers, but never open or close the phrase.
    const joins = (lower === 'and' || lower === 'or') && i > 0 && i < tokens.length - 1 && !tokens[i]!.stop;
    if (joins) continue;
    if (word !== lower || FUNCTION_WORDS.has(lower) || NOT_COUNTED.has(lower)) return null;
    const phrase = () => tokens.slice(0, i + 1).map((t) => t.word).join(' ');
    if (PEOPLE.has(lower)) return { phrase: phrase(), unit: 'people', length: tokens[i]!.end };
    if (JOBS.has(lower)) return { phrase: phrase(), unit: 'jobs', length: tokens[i]!.end };
    if (/[^su]s$/.test(lower) && !/(?:ous|ss|is|ly)$/.test(lower) && lower.length > 3) {
      return { phrase: phrase(), unit: lower, length: tokens[i]!.end };
    }
    if (tokens[i]!.stop) return null;
  }
  return null;
}

/** What money or a percentage is of: "40 per cent of the enablement service workforce", "save £4 million". */
function countsFor(text: string, hit: Hit, qualifierLength: number): string | null {
  const after = text.slice(hit.end, hit.end + WINDOW);
  if (hit.kind === 'percent') {
    const of = /^\s+of\s+(?:the\s+|its\s+|their\s+|our\s+|all\s+)?/i.exec(after);
    if (of) {
      // The noun phrase after "of", up to a function word, a verb in -ed ("of staff attended") or punctuation.
      const words: string[] = [];
      const re = /([\p{L}’'-]*\p{L})([^\s\p{L}]*)\s*/uy;
      re.lastIndex = of.index + of[0].length;
      for (let m = re.exec(after); m && words.length < 4; m = re.exec(after)) {
        const word = m[1]!;
        if (FUNCTION_WORDS.has(word.toLowerCase()) || (words.length > 0 && /ed$/.test(word)) || word !== word.toLowerCase()) break;
        words.push(word);
        if (m[2]) break;
      }
      if (words.length > 0) return words.join(' ');
    }
  }
  for (const [re, label] of AFTER_KEYWORDS) if (re.test(after)) return label;
  const before = text.slice(Math.max(0, hit.start - qualifierLength - WINDOW), hit.start - qualifierLength);
  for (const [re, label] of BEFORE_KEYWORDS) if (re.test(before)) return label;
  return null;
}
