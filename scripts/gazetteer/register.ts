import { normalize } from '../../src/knowledge/text.js';
import { Nation, type UkCouncil } from '../../src/knowledge/uk-gazetteer.js';

/** One row of mySociety's register (uk_local_authorities_current.csv), current or past. */
export type RegisterRow = Record<string, string>;

export interface Register {
  rows: Map<string, RegisterRow>;
  current: RegisterRow[];
  /** Normalised name → register codes it names (past councils included), from the register and its lookup file. */
  names: Map<string, Set<string>>;
}

/** Combined authorities and the GLA are current but run no services members ask about here. */
const NOT_PRINCIPAL = new Set(['COMB', 'SRA']);

/**
 * The register's alt-names and lookup file have two mis-encoded spellings of Anglesey's Welsh name
 * ("Sir Ynys Mï¿½n", "ynys mn"): the lost letter is ô (Ynys Môn, the county's own Welsh name).
 */
const REPAIRED_NAMES: Record<string, string> = { 'Sir Ynys Mï¿½n': 'Sir Ynys Môn', 'ynys mn': 'Ynys Môn' };

const isPrincipal = (r: RegisterRow) => r['current-authority'] === 'True' && !NOT_PRINCIPAL.has(r['local-authority-type']!);

export function readRegister(rows: RegisterRow[], lookup: RegisterRow[]): Register {
  const byCode = new Map(rows.map((r) => [r['local-authority-code']!, r]));
  const names = new Map<string, Set<string>>();
  const add = (name: string, code: string) => {
    const key = normalize(repair(name));
    const row = byCode.get(code);
    // Combined authorities share names with their cities ("North of Tyne"): only councils are looked up.
    if (!key || !row || NOT_PRINCIPAL.has(row['local-authority-type']!)) return;
    const set = names.get(key) ?? new Set<string>();
    set.add(code);
    names.set(key, set);
  };
  for (const r of rows) {
    const code = r['local-authority-code']!;
    add(r['nice-name']!, code);
    add(r['official-name']!, code);
    splitAltNames(r['alt-names']!).forEach((n) => add(n, code));
  }
  for (const l of lookup) add(l['la-name']!, l['local-authority-code']!);
  return { rows: byCode, current: rows.filter(isPrincipal).sort((a, b) => a['local-authority-code']!.localeCompare(b['local-authority-code']!)), names };
}

function repair(name: string): string {
  return REPAIRED_NAMES[name] ?? name;
}

function splitAltNames(field: string): string[] {
  // Names such as "Armagh City, Banbridge and Craigavon" contain commas, but the register lists each
  // such name whole as well, so pieces that are not names of their own are dropped by the caller's lookup.
  return field.split(',').map((s) => s.trim()).filter(Boolean);
}

/** The current councils that took over from a council, following chains (Taunton Deane → Somerset West and Taunton → Somerset). */
export function successors(reg: Register, code: string, seen = new Set<string>()): string[] {
  const row = reg.rows.get(code);
  if (!row || seen.has(code)) return [];
  seen.add(code);
  if (isPrincipal(row)) return [code];
  const next = row['replaced-by']!.split(',').map((s) => s.trim()).filter(Boolean);
  return [...new Set(next.flatMap((c) => successors(reg, c, seen)))];
}

/** Every principal council in the register as the shipped gazetteer records it. */
export function councilsOf(reg: Register, lookup: RegisterRow[]): UkCouncil[] {
  const formerNames = new Map<string, string[]>();
  for (const row of reg.rows.values()) {
    if (isPrincipal(row) || NOT_PRINCIPAL.has(row['local-authority-type']!)) continue;
    const next = successors(reg, row['local-authority-code']!);
    // A council split in two (Cumbria, Northamptonshire) names neither successor on its own.
    if (next.length === 1) formerNames.set(next[0]!, [...(formerNames.get(next[0]!) ?? []), row['nice-name']!, row['official-name']!]);
  }
  const lookupNames = new Map<string, string[]>();
  for (const l of lookup) lookupNames.set(l['local-authority-code']!, [...(lookupNames.get(l['local-authority-code']!) ?? []), l['la-name']!]);

  return reg.current.map((r) => {
    const code = r['local-authority-code']!;
    const nation = Nation.parse(r['nation']);
    const candidates = [...splitAltNames(r['alt-names']!), ...(lookupNames.get(code) ?? []), ...(formerNames.get(code) ?? [])].map(repair);
    const own = new Set([normalize(r['nice-name']!), normalize(r['official-name']!)]);
    const altNames = pickNames(candidates, (n) => !own.has(normalize(n)) && onlyNames(reg, n, code));
    const county = r['county-la'] || undefined;
    return {
      code,
      name: r['nice-name']!,
      officialName: r['official-name']!,
      type: r['local-authority-type']!,
      typeName: r['local-authority-type-name']!,
      nation,
      region: r['region']!,
      altNames,
      ...(county ? { county } : {}),
      careBy: careBody(reg, r),
      lat: Number(r['lat']),
      long: Number(r['long']),
    };
  });
}

/** True when a name, once its past councils are followed to their successors, names this council only. */
function onlyNames(reg: Register, name: string, code: string): boolean {
  const codes = new Set([...(reg.names.get(normalize(name)) ?? [])].flatMap((c) => successors(reg, c)));
  return codes.size === 1 && codes.has(code);
}

/** One spelling per normalised form, preferring one with capitals ("Eilean Siar" over "eilean siar"), in a fixed order. */
function pickNames(names: string[], keep: (n: string) => boolean): string[] {
  const best = new Map<string, string>();
  for (const n of names) {
    const key = normalize(n);
    if (!key || n.includes('\uFFFD') || n.includes('ï¿½') || !keep(n)) continue;
    const had = best.get(key);
    if (!had || (had === had.toLowerCase() && n !== n.toLowerCase())) best.set(key, n);
  }
  return [...best.values()].sort((a, b) => a.localeCompare(b, 'en'));
}

/** Who runs adult social care in a council's area (see gazetteer/README.md for the sources of these rules). */
function careBody(reg: Register, r: RegisterRow): UkCouncil['careBy'] {
  const code = r['local-authority-code']!;
  switch (r['local-authority-type']) {
    case 'NMD': {
      const county = reg.rows.get(r['county-la']!);
      if (!county || !isPrincipal(county)) throw new Error(`${code} ${r['nice-name']}: district without a current county council (county-la "${r['county-la']}")`);
      return { code: county['local-authority-code']!, name: county['official-name']!, how: 'the county council, not the district' };
    }
    case 'SCO':
      if (code === 'HLD') return { name: 'NHS Highland', how: 'leads adult social care for The Highland Council' };
      return { code, name: r['official-name']!, how: 'with its health and social care partnership' };
    case 'NID':
      return {
        name: "Northern Ireland's Health and Social Care Trusts",
        how: 'not the council; which of the five trusts covers this council is not in the gazetteer\'s sources',
      };
    default:
      return { code, name: r['official-name']! };
  }
}
