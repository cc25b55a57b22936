import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { runSync, type Steps } from './sliced.js';

/**
 * The national gazetteer shipped with the bot: every principal council in the UK, who runs adult
 * social care there, and the towns inside each. Built by `npm run build:gazetteer` from the sources
 * in `gazetteer/sources/` (see NOTICE); never edited by hand. Moderators' `knowledge/places.yaml`
 * adds nicknames and overrides on top.
 */
export const UK_GAZETTEER_URL = new URL('../../gazetteer/uk-places.json', import.meta.url);

export const NATIONS = ['England', 'Scotland', 'Wales', 'Northern Ireland'] as const;
export const Nation = z.enum(NATIONS);
export type Nation = z.infer<typeof Nation>;

/** England's nine regions, spelt as the register spells them. */
export const ENGLISH_REGIONS = [
  'North East',
  'North West',
  'Yorkshire and The Humber',
  'East Midlands',
  'West Midlands',
  'East of England',
  'London',
  'South East',
  'South West',
] as const;

const text = z.string().min(1);
const code = z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter register code');

export const CareBody = z
  .object({
    /** The council's register code when a council runs adult social care; absent for NHS bodies and trusts. */
    code: code.optional(),
    name: text,
    /** How care is run there, in one plain clause ("with its health and social care partnership"). */
    how: text.optional(),
  })
  .strict();

export const UkCouncil = z
  .object({
    code,
    /** The name people use ("Sevenoaks"). */
    name: text,
    officialName: text,
    /** Register type code and its name: CTY county, NMD district, UA unitary, MD metropolitan, LBO London borough, … */
    type: text,
    typeName: text,
    nation: Nation,
    /** One of England's nine regions; the nation elsewhere. */
    region: text,
    /** Other names, Welsh and Gaelic forms included, and names of the councils it replaced. */
    altNames: z.array(text),
    /** For a district: the county council above it. */
    county: code.optional(),
    careBy: CareBody,
    lat: z.number(),
    long: z.number(),
  })
  .strict();
export type UkCouncil = z.infer<typeof UkCouncil>;

export const UkTown = z
  .object({
    name: text,
    council: code,
    lat: z.number(),
    long: z.number(),
    /** How the town's council was found, so a moderator can see which were corrected and why. */
    how: text,
  })
  .strict();
export type UkTown = z.infer<typeof UkTown>;

export const UkGazetteer = z
  .object({
    sources: z.array(z.object({ name: text, licence: text, attribution: text }).strict()),
    councils: z.array(UkCouncil),
    towns: z.array(UkTown),
  })
  .strict();
export type UkGazetteer = z.infer<typeof UkGazetteer>;

let cached: UkGazetteer | undefined;

/** The shipped gazetteer, read and validated once per process; a broken file stops the start with zod's message. */
export function ukGazetteer(): UkGazetteer {
  return cached ?? runSync(ukGazetteerSteps());
}

/** Entries validated between two chances to yield: the whole file in one `parse` held a cold start's loop for 30–80 ms. */
const ENTRIES_PER_STEP = 32;

/** The file's outer shape, its councils and towns checked one by one below. */
const Shell = UkGazetteer.extend({ councils: z.array(z.unknown()), towns: z.array(z.unknown()) });

/**
 * `ukGazetteer` as steps (see `sliced.ts`): the same entries validated a slice at a time. A file
 * that fails anywhere is parsed again whole, so the error is zod's own for the whole file, paths and all.
 */
export function* ukGazetteerSteps(): Steps<UkGazetteer> {
  if (cached) return cached;
  const raw: unknown = JSON.parse(readFileSync(UK_GAZETTEER_URL, 'utf8'));
  yield;
  const parsed = yield* validatedSteps(raw);
  cached ??= parsed;
  return cached;
}

/** `UkGazetteer.parse(raw)` in steps: the same value, or the same error. */
export function* validatedSteps(raw: unknown): Steps<UkGazetteer> {
  const shell = Shell.safeParse(raw);
  if (!shell.success) return UkGazetteer.parse(raw);
  const councils: UkCouncil[] = [];
  const towns: UkTown[] = [];
  for (const [list, schema, out] of [
    [shell.data.councils, UkCouncil, councils],
    [shell.data.towns, UkTown, towns],
  ] as const) {
    for (const [i, entry] of list.entries()) {
      if (i % ENTRIES_PER_STEP === ENTRIES_PER_STEP - 1) yield;
      const one = schema.safeParse(entry);
      if (!one.success) return UkGazetteer.parse(raw);
      (out as unknown[]).push(one.data);
    }
  }
  return { sources: shell.data.sources, councils, towns };
}
