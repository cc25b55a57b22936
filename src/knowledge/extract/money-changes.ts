import type { Atom } from './count-atoms.js';
import { NOT_COUNTED } from './counted-noun.js';
import { headOf } from './noun-phrases.js';
import type { Hits } from './hits.js';

/**
 * A change of money written without £: "their earnings cut from 18,000 to 12,000", "bus fares will rise
 * from 2 to 2.50", "rents rose from 95 to 110 a week". What changes is money, so the two numbers are sums,
 * not counts of earnings. Read only where the numbers have no noun of their own ("from 3 to 5 grades" is a
 * count), are not years ("pay rose from 2019 to 2023") and are not a duration ("from 18 to 12 hours").
 */

// Heads of a phrase that name money; a plural among them is never a count of things ("earnings", "wages").
const MONEY_NOUNS = new Set([
  'pay', 'earnings', 'wage', 'wages', 'salary', 'salaries', 'income', 'incomes', 'rent', 'rents', 'fee', 'fees', 'fare',
  'fares', 'price', 'prices', 'cost', 'costs', 'budget', 'budgets', 'funding', 'spending', 'grant', 'subsidy', 'allowance',
  'allowances', 'pension', 'pensions', 'bill', 'bills', 'tax', 'precept',
]);
const MULTIPLIER = /\s?(million|thousand|billion|m|bn)$/;
const MULTIPLIERS: Record<string, number> = { million: 1e6, thousand: 1e3, billion: 1e9, m: 1e6, bn: 1e9 };
const RATE_AFTER = /\s+(?:a|per|each)\s+(week|month|year)\b/iy;
const RATE_UNITS: Record<string, string> = { week: 'GBP/week', month: 'GBP/month', year: 'GBP/year' };
// The word after the second number, which must not make it a duration or measure ("from 18 to 12 hours a week").
const WORD_AFTER = /\s+(\p{L}+)/uy;

export interface MoneySides {
  /** The two sums, a multiplier written once shared ("from 4 to 3 million": 4 million). */
  values: [number, number];
  unit: string;
  /** Where the second sum ends, its rate included ("110 a week"). */
  secondEnd: number;
}

/** The sums `a` and `b` are when `thing` (what the change acts on) is money; null otherwise. */
export function moneySides(hits: Hits, a: Atom, b: Atom, thing: string | null): MoneySides | null {
  if (!thing || a.noun || b.noun || a.yearLike || b.yearLike || !MONEY_NOUNS.has(headOf(thing))) return null;
  WORD_AFTER.lastIndex = b.end;
  const next = WORD_AFTER.exec(hits.text);
  if (next && NOT_COUNTED.has(next[1]!.toLowerCase())) return null;
  const multiplier = MULTIPLIER.exec(hits.text.slice(b.start, b.end));
  const shared = multiplier && !MULTIPLIER.test(hits.text.slice(a.start, a.end)) ? MULTIPLIERS[multiplier[1]!]! : 1;
  RATE_AFTER.lastIndex = b.end;
  const rate = RATE_AFTER.exec(hits.text);
  return {
    values: [Math.round(a.value * shared * 100) / 100, b.value],
    unit: rate ? RATE_UNITS[rate[1]!.toLowerCase()]! : 'GBP',
    secondEnd: rate ? b.end + rate[0].length : b.end,
  };
}
