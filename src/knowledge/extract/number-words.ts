/**
 * Numbers written in words, as UK journalism writes small and round numbers: "eight", "Sixty-two",
 * "a dozen", "two hundred and fifty"; fractions ("a third", "two-thirds", "half"); and vague multiples
 * ("hundreds of", "tens of thousands of"). A small table rather than a library: the whole vocabulary is
 * forty words, and one pattern pass per paragraph reads it.
 */

const UNITS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
};
const TEENS: Record<string, number> = {
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const SCALES: Record<string, number> = { thousand: 1e3, million: 1e6 };

// Longest first, so "seventeen" is not read as "seven". Capitalised by hand rather than with the `i` flag,
// and bounded by \b rather than a lookbehind: both made this pattern three times slower on real text.
const anyCase = (w: string) => `[${w[0]!.toUpperCase()}${w[0]}]${w.slice(1)}`;
const WORD = `(?:${[...Object.keys(UNITS), ...Object.keys(TEENS), ...Object.keys(TENS), 'hundred', 'thousand', 'million', 'dozen']
  .sort((a, b) => b.length - a.length)
  .map(anyCase)
  .join('|')})`;

/**
 * A run of number words. "and" only after hundred or thousand ("two hundred and fifty", never "two and
 * three"); "a" only before hundred, thousand, million or dozen. Not inside a hyphenated word ("two-year");
 * the caller checks with `gluedBefore` that it does not continue a word either.
 */
export const NUMBER_WORDS = new RegExp(
  `\\b(?:[Aa]n?\\s+(?=(?:hundred|thousand|million|dozen)\\b))?${WORD}(?:(?:-|\\s+|(?<=hundred|thousand)\\s+and\\s+)${WORD})*(?![\\p{L}\\p{N}]|-\\p{L})`,
  'gu',
);

/** Whether a match at `start` continues a word, number or hyphenated compound ("so-called", "Covid"). */
export function gluedBefore(text: string, start: number): boolean {
  return start > 0 && /[\p{L}\p{N}’'-]/u.test(text[start - 1]!);
}

type Last = 'start' | 'a' | 'unit' | 'teen' | 'tens' | 'hundred' | 'scale' | 'dozen';

/** The value of a run matched by NUMBER_WORDS, or null when the words do not make one number ("seven eight"). */
export function wordsValue(words: string): number | null {
  let total = 0;
  let group = 0;
  let last: Last = 'start';
  let scale = Infinity;
  for (const w of words.toLowerCase().split(/[\s-]+/)) {
    if (w === 'and') continue;
    if (w === 'a' || w === 'an') {
      group = 1;
      last = 'a';
    } else if (w in UNITS) {
      if (!['start', 'tens', 'hundred', 'scale'].includes(last)) return null;
      group += UNITS[w]!;
      last = 'unit';
    } else if (w in TEENS || w in TENS) {
      if (!['start', 'hundred', 'scale'].includes(last)) return null;
      group += TEENS[w] ?? TENS[w]!;
      last = w in TEENS ? 'teen' : 'tens';
    } else if (w === 'hundred') {
      if (!['a', 'unit', 'teen'].includes(last) || group % 100 === 0) return null;
      group *= 100;
      last = 'hundred';
    } else if (w === 'dozen') {
      if (!['a', 'unit'].includes(last)) return null;
      group *= 12;
      last = 'dozen';
    } else if (w in SCALES) {
      if (last === 'start' || last === 'scale' || SCALES[w]! >= scale) return null;
      scale = SCALES[w]!;
      total += group * scale;
      group = 0;
      last = 'scale';
    } else return null;
  }
  if (last === 'a' || last === 'start') return null;
  return total + group;
}

const DENOMINATORS: Record<string, number> = {
  half: 2, halves: 2, third: 3, thirds: 3, quarter: 4, quarters: 4, fifth: 5, fifths: 5, sixth: 6, sixths: 6,
  seventh: 7, sevenths: 7, eighth: 8, eighths: 8, ninth: 9, ninths: 9, tenth: 10, tenths: 10,
};

/**
 * "a third of", "two-thirds of", "three quarters of", "half of", "half the". Every fraction but "half"
 * needs its numerator ("the third of five" is not one); what it is of is read by the caller.
 */
/** A cheap test first: most paragraphs have no fraction, and the full pattern is slow to fail. */
export const FRACTION_HINT = /[Hh]al[fv]|[Tt]hird|[Qq]uarter|[Ff]ifth|[Ss]ixth|[Ss]eventh|[Ee]ighth|[Nn]inth|[Tt]enth/;
export const FRACTION = /(?<![\p{L}\p{N}’'-])(?:(an?|one|two|three|four|five|six|seven|eight|nine)[\s-]+)?(half|halves|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)(?:\s+of\b)?(?![\p{L}-])/giu;

/** A fraction as a percentage, to one decimal as the labels write it (a third → 33.3); null when it needs a numerator it lacks. */
export function fractionPercent(numerator: string | undefined, denominator: string): number | null {
  const den = DENOMINATORS[denominator.toLowerCase()]!;
  if (!numerator && den !== 2) return null;
  const num = !numerator || /^an?$/i.test(numerator) ? 1 : UNITS[numerator.toLowerCase()]!;
  if (num >= den) return null;
  return Math.round((num / den) * 1000) / 10;
}

/** "hundreds of", "dozens of", "tens of thousands of": how many the words stand for at the least. */
// Case-blind, as the pattern is: a headline may shout "THOUSANDS of street lights".
export const VAGUE_HINT = /(?:dozens|scores|hundreds|thousands|millions)\s+(?:of|more)/i;
/** "hundreds of", "tens of thousands of", "hundreds more": the qualifier is the words as written. */
export const VAGUE_MULTIPLE = /(?<![\p{L}’'-])(?:(tens|hundreds)\s+of\s+)?(dozens|scores|hundreds|thousands|millions)\s+(?:of|more)(?=\s)/giu;

const MULTIPLES: Record<string, number> = { tens: 10, dozens: 12, scores: 20, hundreds: 100, thousands: 1e3, millions: 1e6 };

export function vagueValue(outer: string | undefined, inner: string): number {
  return (outer ? MULTIPLES[outer.toLowerCase()]! : 1) * MULTIPLES[inner.toLowerCase()]!;
}

/** A number word that is one of the smallest counts: "one" alone is a pronoun or "one of the", never a figure. */
export function isLoneOne(words: string): boolean {
  return /^one$/i.test(words);
}
