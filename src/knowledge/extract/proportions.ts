import { addHit, type Hits } from './hits.js';
import { countedNoun } from './counted-noun.js';
import { wordsValue } from './number-words.js';

/*
 * A proportion ("one in four carers", "nine in 10 tenants", "nine times out of ten") is one percentage, as the
 * labelling rulings read it: nobody in "one in four carers" is four carers, the share is the fact. A real total
 * the sentence counts ("64 out of 120 home carers") stays two counts, so "out of" is a proportion only over ten
 * or a hundred, or after "times".
 */

const SMALL = '(?:\\d{1,3}|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|[Tt]wenty|[Ff]ifty|(?:a\\s+|one\\s+)?hundred)';
const PROPORTION = new RegExp(`(?<![\\p{L}\\p{N}£.,’'-])(${SMALL})(\\s+times)?\\s+(in|out\\s+of)\\s+(${SMALL})(?![\\p{L}\\p{N}%]|[.,]\\d|-\\p{L})`, 'gu');
// A span of time after the second number makes "in" a duration ("three in 10 days"), not a share.
const TIME_AFTER = /^\s+(?:days?|weeks?|months?|years?|hours?|minutes?|decades?|seconds?)\b/i;
const PAREN = /^\s*\([^()]{1,12}\)/;

const valueOf = (s: string): number | null => (/^\d/.test(s) ? Number(s) : wordsValue(s));

/** Adds each proportion as a percentage (to one decimal), counting the noun after it if one follows. */
export function proportionsIn(hits: Hits): void {
  const { text } = hits;
  if (!/\s(?:in|out\s+of)\s/.test(text)) return;
  for (const m of text.matchAll(PROPORTION)) {
    const part = valueOf(m[1]!);
    const whole = valueOf(m[4]!);
    if (part === null || whole === null || part < 1 || part >= whole) continue;
    const outOf = m[3] !== 'in';
    if (outOf && !m[2] && whole !== 10 && whole !== 100) continue;
    if (!outOf && whole > 100) continue;
    const end = m.index + m[0].length;
    let after = text.slice(end, end + 60);
    if (TIME_AFTER.test(after)) continue;
    // "four in ten (42%) councils": the share's own percentage stands between it and its noun.
    after = after.replace(PAREN, '');
    const noun = countedNoun(after, { yearLike: false });
    addHit(hits, { kind: 'percent', value: Math.round((part / whole) * 1000) / 10, unit: '%', start: m.index, end, counts: noun?.phrase ?? null });
  }
}
