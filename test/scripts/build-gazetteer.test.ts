import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildGazetteer } from '../../scripts/build-gazetteer.js';
import { parseCsv } from '../../scripts/gazetteer/csv.js';
import { extraTowns } from '../../scripts/gazetteer/towns.js';
import { UK_GAZETTEER_URL, UkGazetteer } from '../../src/knowledge/uk-gazetteer.js';

const built = buildGazetteer();
const g = UkGazetteer.parse(JSON.parse(built));
const council = (name: string) => {
  const c = g.councils.find((x) => x.name === name);
  if (!c) throw new Error(`no council ${name}`);
  return c;
};
const townsNamed = (name: string) => g.towns.filter((t) => t.name === name).map((t) => g.councils.find((c) => c.code === t.council)!.name).sort();

describe('npm run build:gazetteer', () => {
  it('rebuilds exactly the committed gazetteer/uk-places.json', () => {
    expect(readFileSync(UK_GAZETTEER_URL, 'utf8') === built, 'gazetteer/uk-places.json is out of date: run npm run build:gazetteer').toBe(true);
  });

  it('has every principal council of 2025–26, by nation, with the 2023 unitaries and without the abolished ones', () => {
    expect(g.councils).toHaveLength(382);
    const count = (nation: string) => g.councils.filter((c) => c.nation === nation).length;
    expect([count('England'), count('Wales'), count('Scotland'), count('Northern Ireland')]).toEqual([317, 22, 32, 11]);
    for (const name of ['Cumberland', 'Westmorland and Furness', 'North Yorkshire', 'Somerset']) expect(council(name).type).toBe('UA');
    for (const gone of ['Cumbria', 'Allerdale', 'Eden', 'Northamptonshire', 'Richmondshire']) expect(g.councils.some((c) => c.name === gone)).toBe(false);
    expect(new Set(g.councils.filter((c) => c.nation === 'England').map((c) => c.region)).size).toBe(9);
  });

  it('records who runs adult social care: the county in two-tier areas, NHS Highland in Highland, the HSC Trusts in NI', () => {
    expect(council('Sevenoaks').careBy).toMatchObject({ code: 'KEN', name: 'Kent County Council' });
    expect(council('Kent').careBy.code).toBe('KEN');
    expect(council('Sefton').careBy.name).toBe('Sefton Metropolitan Borough Council');
    expect(council('Highland').careBy.name).toBe('NHS Highland');
    expect(council('Glasgow City').careBy.how).toMatch(/health and social care partnership/);
    expect(council('Belfast').careBy.name).toMatch(/Health and Social Care Trusts/);
    // The register's README: 153 English councils run adult social care; every Welsh council does.
    expect(g.councils.filter((c) => c.nation === 'England' && c.careBy.code === c.code)).toHaveLength(153);
    expect(g.councils.filter((c) => c.nation === 'Wales').every((c) => c.careBy.code === c.code)).toBe(true);
  });

  it('keeps Welsh and Gaelic names, with Anglesey’s mis-encoded Welsh name repaired', () => {
    expect(council('Newport').altNames).toContain('Casnewydd');
    expect(council('Bridgend').altNames).toContain('Pen-y-bont ar Ogwr');
    expect(council('Eilean Siar').altNames).toContain('Na h-Eileanan Siar');
    expect(council('Isle of Anglesey').altNames).toContain('Ynys Môn');
    expect(built).not.toContain('ï¿½');
  });

  it('corrects towns whose city-list area was abolished, from the register’s successors', () => {
    expect(townsNamed('Penrith')).toEqual(['Westmorland and Furness']);
    expect(townsNamed('Kendal')).toEqual(['Westmorland and Furness']);
    expect(townsNamed('Barrow in Furness')).toEqual(['Westmorland and Furness']);
    expect(townsNamed('Carlisle')).toEqual(['Cumberland']);
    expect(townsNamed('Workington')).toEqual(['Cumberland']);
    expect(townsNamed('Whitehaven')).toEqual(['Cumberland']);
    expect(townsNamed('Kettering')).toEqual(['North Northamptonshire']);
    expect(townsNamed('Rushden')).toEqual(['North Northamptonshire']);
    expect(townsNamed('Northampton')).toEqual(['West Northamptonshire']);
    expect(townsNamed('Towcester')).toEqual(['West Northamptonshire']);
    expect(townsNamed('Bournemouth')).toEqual(['Bournemouth, Christchurch and Poole']);
    expect(townsNamed('Harrogate')).toEqual(['North Yorkshire']);
    expect(g.towns.some((t) => t.council === 'CMA' || t.council === 'NTH')).toBe(false);
  });

  it('fixes the two city-list areas that are wrong in the source itself, from gazetteer/sources/town-corrections.csv', () => {
    expect(townsNamed('Bangor')).toEqual(['Ards and North Down', 'Gwynedd']);
    expect(townsNamed('Birstall')).toEqual(['Charnwood', 'Kirklees']);
  });

  it('puts a town in a two-tier county in its district when they share a name, whose care the county runs', () => {
    expect(townsNamed('Sevenoaks')).toEqual(['Sevenoaks']);
    expect(townsNamed('Tonbridge')).toEqual(['Kent']);
  });

  it('knows the towns members name, shared names included, and leaves London to the region', () => {
    expect(g.towns.length).toBeGreaterThan(1300);
    expect(townsNamed('Crosby')).toEqual(['Sefton']);
    expect(townsNamed('Ebbw Vale')).toEqual(['Blaenau Gwent']);
    expect(townsNamed('Erdington')).toEqual(['Birmingham']);
    expect(townsNamed('Teddington')).toEqual(['Richmond upon Thames']);
    expect(townsNamed('Billingham')).toEqual(['Stockton-on-Tees']);
    expect(townsNamed('Newport')).toEqual(['Isle of Wight', 'Newport', 'Telford and Wrekin']);
    expect(townsNamed('Richmond')).toEqual(['North Yorkshire', 'Richmond upon Thames']);
    expect(townsNamed('London')).toEqual([]);
  });
});

describe('the build’s readers', () => {
  it('reads quoted CSV fields with commas, doubled quotes and CRLF line ends', () => {
    expect(parseCsv('a,b\r\n"Armagh City, Banbridge and Craigavon","say ""hi"""\r\nx,\r\n')).toEqual([
      { a: 'Armagh City, Banbridge and Craigavon', b: 'say "hi"' },
      { a: 'x', b: '' },
    ]);
    expect(() => parseCsv('a,b\n1,2,3\n')).toThrow('CSV row 2 has 3 fields, the header has 2');
  });

  it('names the line of a bad hand-added town', () => {
    expect(() => extraTowns([{ name: 'Teddington', council: 'RIC', note: 'suburb' }, { name: 'Nowhere', council: 'richmond', note: 'x' }])).toThrow(
      /^gazetteer\/sources\/extra-towns\.csv:3: council: /,
    );
  });
});
