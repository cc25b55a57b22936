import { z } from 'zod';
import { DateTime } from 'luxon';

/**
 * The knowledge file format. These schemas are the single source of truth: the loader validates
 * with them and every other module takes its types from them.
 */

const slug = z
  .string()
  .max(80, 'must be at most 80 characters')
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    'must be a slug: lowercase letters, digits and single hyphens (no spaces, dots or slashes)',
  );

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** `2017`, `2013-08` or `2013-08-02`: a publication date is often known only in part. */
export const PartialDate = z
  .union([z.string(), z.number().int()])
  .transform((v) => String(v))
  .refine((v) => /^\d{4}(-\d{2}(-\d{2})?)?$/.test(v), 'must be YYYY, YYYY-MM or YYYY-MM-DD')
  .refine((v) => {
    const [y, m, d] = v.split('-').map(Number);
    if (y === undefined || y < 1900 || y > 2100) return false;
    if (m === undefined) return true;
    return DateTime.fromObject({ year: y, month: m, day: d ?? 1 }).isValid;
  }, 'is not a real date');

/** An instant with an explicit zone, e.g. `2026-12-15T17:00:00+00:00` or `2026-12-15T17:00:00Z`. */
export const ZonedDateTime = z
  .union([z.string(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString() : v))
  .refine(
    (v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v),
    'must be an ISO date-time with a zone, e.g. 2026-12-15T17:00:00Z or 2026-12-15T17:00:00+00:00',
  )
  .refine((v) => DateTime.fromISO(v, { setZone: true }).isValid, 'is not a real date and time');

export const Consultation = z
  .object({
    title: text(200),
    closes: ZonedDateTime,
    url: z.url('must be a full URL, e.g. https://…').optional(),
    council: text(120).optional(),
  })
  .strict();

export const Source = z
  .object({
    publisher: text(120).optional(),
    url: z.url('must be a full URL, e.g. https://…').optional(),
  })
  .strict();

export const Nation = z.enum(['England', 'Scotland', 'Wales', 'Northern Ireland']);

const paragraphNumber = z.number('must be a paragraph number, e.g. 12').int('must be a whole paragraph number').min(1, 'must be a paragraph number from 1');

const QUOTE_FIXES = { what: 'quote', other: 'figure', fields: ['speaker', 'role'], foreign: ['counts'], sets: '`speaker:`, `role:`' } as const;
const FIGURE_FIXES = { what: 'figure', other: 'quote', fields: ['counts'], foreign: ['speaker', 'role'], sets: '`counts:`' } as const;

/**
 * A moderator's fix to what was extracted from the article, leaving the article text as published.
 * `quote: N` or `figure: N` names the paragraph; `match` gives a few words of the quote or figure
 * when that paragraph holds more than one. See knowledge/README.md for the worked example.
 */
export const Correction = z
  .object({
    quote: paragraphNumber.optional(),
    figure: paragraphNumber.optional(),
    // `match: 60` is read by YAML as a number; the moderator meant the words "60".
    match: z
      .union([z.string(), z.number()], 'must be a few words of the quote or figure, e.g. `match: 60 jobs`')
      .transform(String)
      .pipe(text(200))
      .refine((m) => /[\p{L}\p{N}]/u.test(m), 'must hold a few words of the quote or figure (punctuation alone matches nothing)')
      .optional(),
    /** A name sets the speaker; null says the article names nobody. */
    speaker: text(120).nullable().optional(),
    role: text(200).nullable().optional(),
    /** What the figure counts, e.g. "petition signatures"; null when the article does not say. */
    counts: text(120).nullable().optional(),
    drop: z.literal(true, 'must be true (leave it out to keep the quote or figure)').optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const issue = (message: string, field?: string) => ctx.addIssue({ code: 'custom', message, ...(field ? { path: [field] } : {}) });
    if (c.quote === undefined && c.figure === undefined) return issue('must say what it corrects: `quote: N` or `figure: N`, where N is the paragraph');
    if (c.quote !== undefined && c.figure !== undefined) return issue('names both a quote and a figure; write one correction for each', 'figure');
    const rule = c.quote !== undefined ? QUOTE_FIXES : FIGURE_FIXES;
    for (const f of rule.foreign) if (c[f] !== undefined) issue(`is for ${rule.other}s; a ${rule.what} correction sets ${rule.sets} or \`drop: true\``, f);
    const changing = rule.fields.filter((f) => c[f] !== undefined);
    if (c.drop && changing.length > 0) issue(`drops the ${rule.what}, so it cannot also set \`${changing[0]}\``, 'drop');
    else if (!c.drop && changing.length === 0 && !rule.foreign.some((f) => c[f] !== undefined)) {
      issue(`says which ${rule.what} but not what to change: add ${rule.sets} or \`drop: true\``);
    }
  });

export const FrontMatter = z
  .object({
    id: slug,
    title: text(256),
    council: text(120),
    places: z.array(text(80)).default([]),
    region: text(80).optional(),
    nation: Nation.optional(),
    published: PartialDate.optional(),
    source: Source.optional(),
    unions: z.array(text(80)).default([]),
    tags: z.array(text(60)).default([]),
    consultations: z.array(Consultation).default([]),
    /** What the editor knows about provenance, e.g. "received as plain text; source and date unknown". */
    notes: text(1000).optional(),
    // Bounded so that matching corrections to a huge paragraph's items stays cheap.
    corrections: z.array(Correction).max(200, 'at most 200 corrections per article; an article with more needs its text fixed, not corrections').default([]),
  })
  .strict();

export type FrontMatter = z.output<typeof FrontMatter>;
export type Consultation = z.output<typeof Consultation>;
export type Correction = z.output<typeof Correction>;
/** A correction with the line of the knowledge file it was written on, so a stale one can be reported there. */
export type LocatedCorrection = Correction & { line: number };

/** A body paragraph. `n` counts from 1 over all body paragraphs, captions included, so citations match the file. */
export interface Paragraph {
  n: number;
  text: string;
  /** A photo caption (marked `Caption:` in the file): never quoted as speech. */
  caption: boolean;
  /** 1-based line in the file where the paragraph starts. */
  line: number;
}

export interface Article extends Omit<FrontMatter, 'corrections'> {
  corrections: LocatedCorrection[];
  /** File name relative to the knowledge folder. */
  file: string;
  paragraphs: Paragraph[];
}

export type QuoteKind = 'direct' | 'partial' | 'reported';

/**
 * How a quote's speaker was found: `named` (a name at the attribution), `pronoun` ("she said",
 * resolved to one person), `continued` (a quote paragraph carrying on the last speaker), `unnamed`
 * ("a council spokeswoman": a role, no name), `document` (a report, a paper, a statement by a body),
 * `none` (no speaker could be chosen).
 */
export type Attribution = 'named' | 'pronoun' | 'continued' | 'unnamed' | 'document' | 'none';
/** `low` when the rules had to guess; answers then say "speaker not clear in the article". */
export type Confidence = 'high' | 'low';

/** The shape `cli extract --json` prints; other tools depend on it. */
export interface Quote {
  /** The speaker's full name as first given in the article, or null when it is not given. */
  speaker: string | null;
  /** e.g. "Unison spokeswoman", "council spokeswoman"; null when the article gives none. */
  role: string | null;
  text: string;
  /** Body paragraphs the quote spans, counted from 1. */
  paragraphs: number[];
  kind: QuoteKind;
  attribution: Attribution;
  confidence: Confidence;
  /** Why the speaker is null or unsure (e.g. "two people could have said it"); null otherwise. */
  reason: string | null;
}

export type FigureKind = 'money' | 'percent' | 'count' | 'date';

export interface Figure {
  kind: FigureKind;
  /** money: pounds; percent: the number; count: the number; date: ISO-like string ("2017-01", "2014", "--08-02", "2019/20"). */
  value: number | string;
  /** money: "GBP" or "GBP/hour", "GBP/week", "GBP/year"; percent: "%"; count: "people" | "jobs" | the counted noun; date: "year" | "month" | "day" | "financial-year". */
  unit: string;
  /** The figure as written, e.g. "£4 million". */
  text: string;
  /** "about", "more than", "up to", "over", "almost", …; null when none. */
  qualifier: string | null;
  /** What the figure counts when the sentence says so, e.g. "care workers", "savings"; else null. */
  counts: string | null;
  /** The figure's sentence, clipped to a window around the figure when the sentence is long. */
  sentence: string;
  paragraph: number;
  /** One end of a range ("30-40 jobs", "between 44 and 60 workers"): both ends are figures, each carrying the range. */
  range?: FigureRange | null;
  /** One side of a change ("cut from 90 to 45"): both sides are figures, each carrying the change. */
  change?: FigureChange | null;
  /** A part of a whole ("64 out of 120 home carers"): the whole, itself a figure too. */
  outOf?: number | null;
}

export interface FigureRange {
  low: number;
  high: number;
}

export interface FigureChange {
  from: number;
  to: number;
}

export interface Extraction {
  quotes: Quote[];
  figures: Figure[];
}
