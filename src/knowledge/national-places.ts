import { nameKey } from './name-keys.js';
import type { Gazetteer } from './gazetteer.js';
import type { PlaceEntry } from './knowledge-base.js';
import type { Article } from './schema.js';
import { runSync, type Steps } from './sliced.js';
import { ENGLISH_REGIONS, NATIONS, ukGazetteer, ukGazetteerSteps, type Nation, type UkGazetteer } from './uk-gazetteer.js';

/** Other names people use for a region or nation; the register's own spelling is the entry's name. */
const REGION_ALIASES: Record<string, string[]> = {
  'Yorkshire and The Humber': ['Yorkshire and Humber', 'Yorkshire'],
  Wales: ['Cymru'],
  Scotland: ['Alba'],
};

const dedupe = (names: string[]) => {
  const seen = new Set<string>();
  return names.filter((n) => {
    const k = nameKey(n);
    if (!k || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
};

/**
 * Every council area in the UK from the shipped gazetteer, with the moderators' `places.yaml` on top:
 * an entry there that names a national council adds its nicknames and towns to it (its name and
 * council wording win), any other entry is a place of its own, and a town or nickname a moderator
 * lists is taken away from every other place, so `places.yaml` settles any clash.
 */
export function withNationalPlaces(moderator: Gazetteer, national: UkGazetteer = ukGazetteer()): PlaceEntry[] {
  return runSync(nationalPlacesSteps(moderator, national));
}

/** `withNationalPlaces` as steps (see `sliced.ts`): in one piece it held the loop for 60–70 ms at the start of every build. */
export function* nationalPlacesSteps(moderator: Gazetteer, given?: UkGazetteer): Steps<PlaceEntry[]> {
  const national = given ?? (yield* ukGazetteerSteps());
  const byCode = new Map<string, PlaceEntry>();
  const byName = new Map<string, PlaceEntry[]>();
  for (const [i, c] of national.councils.entries()) {
    if (i % 64 === 63) yield;
    const place: PlaceEntry = {
      name: c.name,
      council: c.officialName,
      aliases: [...c.altNames],
      towns: [],
      articleIds: [],
      mentionedIn: [],
      area: { kind: 'council', council: c },
    };
    byCode.set(c.code, place);
    for (const n of new Set([c.name, c.officialName, ...c.altNames].map(nameKey))) byName.set(n, [...(byName.get(n) ?? []), place]);
  }
  yield;
  for (const t of national.towns) byCode.get(t.council)?.towns.push(t.name);
  yield;

  const own: PlaceEntry[] = [];
  for (const g of moderator) {
    const match = [g.council, g.name].map((n) => byName.get(nameKey(n))).find((l) => l?.length === 1)?.[0];
    if (match) {
      match.aliases = dedupe([...g.aliases, match.name, ...match.aliases]).filter((a) => nameKey(a) !== nameKey(g.name));
      match.towns = dedupe([...g.towns, ...match.towns]);
      match.name = g.name;
      match.council = g.council;
      own.push(match);
    } else own.push({ ...g, aliases: [...g.aliases], towns: [...g.towns], articleIds: [], mentionedIn: [] });
  }
  const ownSet = new Set(own);
  const places = [...own, ...[...byCode.values()].filter((p) => !ownSet.has(p))];
  // One pass over every name, so a large places.yaml costs no more than the names it holds.
  const claimedBy = new Map<string, PlaceEntry>();
  moderator.forEach((g, i) => [...g.aliases, ...g.towns].forEach((n) => claimedBy.set(nameKey(n), own[i]!)));
  if (claimedBy.size > 0) {
    const free = (p: PlaceEntry) => (n: string) => {
      const owner = claimedBy.get(nameKey(n));
      return !owner || owner === p;
    };
    for (const [i, p] of places.entries()) {
      if (i % 64 === 63) yield;
      p.towns = p.towns.filter(free(p));
      p.aliases = p.aliases.filter(free(p));
    }
  }
  return places;
}

/** Where a place without a national council lies, by its articles (see `regionOf` below). */
const regionOfPlace = new WeakMap<PlaceEntry, { region?: string | undefined; nation?: string | undefined }>();

/**
 * England's nine regions and the four nations, each as a place whose articles are those of the
 * council areas inside it. A council missing from the national gazetteer (an invented one in tests,
 * or one a moderator added) counts where its articles' `region` and `nation` say.
 *
 * With `reuse` (a reload that replaced the places in `changed` by new objects), an area none of
 * whose members changed keeps its entry from `reuse.previous`: it would come out the same.
 */
export function regionPlaces(places: PlaceEntry[], byId: ReadonlyMap<string, Article>, reuse?: { previous: PlaceEntry[]; changed: ReadonlyMap<PlaceEntry, PlaceEntry> }): PlaceEntry[] {
  return runSync(regionPlacesSteps(places, byId, reuse));
}

/** `regionPlaces` as steps: in one piece (England's thousands of article ids gathered, every area's members sorted) it held a start's loop for 30 ms. */
export function* regionPlacesSteps(places: PlaceEntry[], byId: ReadonlyMap<string, Article>, reuse?: { previous: PlaceEntry[]; changed: ReadonlyMap<PlaceEntry, PlaceEntry> }): Steps<PlaceEntry[]> {
  const regionOf = (p: PlaceEntry): { region?: string | undefined; nation?: string | undefined } => {
    if (p.area?.kind === 'council') return { region: p.area.council.region, nation: p.area.council.nation };
    // A place object an update kept has the same articles, unchanged (a changed article's places are made again): its answer stands.
    const known = regionOfPlace.get(p);
    if (known) return known;
    const id = p.articleIds.find((x) => byId.get(x)?.nation || byId.get(x)?.region);
    const a = id ? byId.get(id) : undefined;
    const found = { region: a?.region, nation: a?.nation };
    regionOfPlace.set(p, found);
    return found;
  };
  const areas: { name: string; kind: 'region' | 'nation'; nation: Nation }[] = [
    ...ENGLISH_REGIONS.map((r) => ({ name: r, kind: 'region' as const, nation: 'England' as const })),
    ...NATIONS.map((n) => ({ name: n, kind: 'nation' as const, nation: n })),
  ];
  // One pass over the places: a place is in at most its region and its nation.
  const members = new Map<string, PlaceEntry[]>(areas.map((a) => [a.name, []]));
  const regionByKey = new Map(ENGLISH_REGIONS.map((r) => [nameKey(r), r]));
  const nationByKey = new Map(NATIONS.map((n) => [nameKey(n), n]));
  for (const [i, p] of places.entries()) {
    if (i % 256 === 255) yield;
    const w = regionOf(p);
    const key = nameKey(w.region ?? '');
    const region = regionByKey.get(key);
    if (region) members.get(region)!.push(p);
    const nation = NATIONS.find((n) => n === w.nation);
    if (nation) members.get(nation)!.push(p);
    const named = nationByKey.get(key);
    if (named && named !== nation) members.get(named)!.push(p);
  }
  const changedNow = reuse ? new Set(reuse.changed.values()) : null;
  const out: PlaceEntry[] = [];
  for (const [i, { name, kind, nation }] of areas.entries()) {
    yield;
    const inside = members.get(name)!;
    const before = reuse?.previous[i];
    if (before?.area?.kind === kind && before.name === name && before.area.members.length === inside.length && !inside.some((p) => changedNow!.has(p)) && !before.area.members.some((p) => reuse!.changed.has(p))) {
      out.push(before);
      continue;
    }
    inside.sort((a, b) => b.articleIds.length - a.articleIds.length || a.name.localeCompare(b.name));
    yield;
    const ids = new Set<string>();
    for (const [k, m] of inside.entries()) {
      if (k % 64 === 63) yield;
      for (const id of m.articleIds) ids.add(id);
    }
    out.push({
      name,
      council: name,
      aliases: REGION_ALIASES[name] ?? [],
      towns: [],
      articleIds: [...ids],
      mentionedIn: [],
      area: { kind, nation, members: inside },
    });
  }
  return out;
}

/** The place whose council runs adult social care for this one, when that is another council (Sevenoaks → Kent). */
export function carePlace(places: PlaceEntry[], place: PlaceEntry): PlaceEntry | undefined {
  if (place.area?.kind !== 'council') return undefined;
  const code = place.area.council.careBy.code;
  if (!code || code === place.area.council.code) return undefined;
  return places.find((p) => p.area?.kind === 'council' && p.area.council.code === code);
}

