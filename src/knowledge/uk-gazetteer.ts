import { readFileSync } from 'node:fs';
import { z } from 'zod';

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
  cached ??= UkGazetteer.parse(JSON.parse(readFileSync(UK_GAZETTEER_URL, 'utf8')));
  return cached;
}
