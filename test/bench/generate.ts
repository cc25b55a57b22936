import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { normalize } from '../../src/knowledge/text.js';
import { ENGLISH_REGIONS, NATIONS, ukGazetteer } from '../../src/knowledge/uk-gazetteer.js';

/**
 * A synthetic knowledge base for the benchmark: invented council areas, towns, aliases, speakers,
 * quotes and figures in the shapes real articles use. Everything follows from the seed, so two runs
 * measure the same corpus; nothing generated is committed.
 */

export interface GenerateOptions {
  articles: number;
  seed?: number;
  /** Body paragraphs per article, captions included. */
  paragraphs?: number;
  /** Council areas in places.yaml. */
  areas?: number;
}

export interface Area {
  name: string;
  council: string;
  aliases: string[];
  towns: string[];
  nation: 'England' | 'Scotland' | 'Wales';
}

export interface Person {
  first: string;
  last: string;
  name: string;
  role: string;
  pronoun: 'he' | 'she';
}

export interface PlaceQuery {
  query: string;
  /** The council area's canonical name the answer must be for. */
  place: string;
}

export interface QuerySet {
  exact: PlaceQuery[];
  /** One edit (insert, delete, substitute or swap two neighbours) of an area's name, never another known name. */
  typo: PlaceQuery[];
  town: PlaceQuery[];
  alias: PlaceQuery[];
  /** Surnames (sometimes with "Cllr") of speakers no one else shares the surname with. */
  speakers: { query: string; speaker: string }[];
  /** Free text of one to three words, some with a misspelt word. */
  search: string[];
  /** What a member has typed so far: 1–5 characters of a place name, some with a typo. */
  autocomplete: { query: string; place: string; typo: boolean }[];
}

export interface GeneratedKnowledgeBase {
  dir: string;
  areas: Area[];
  queries: QuerySet;
  files: number;
  bytes: number;
}

/** mulberry32: tiny, fast and good enough to make invented news deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
const chance = (rng: Rng, p: number) => rng() < p;
/** Skewed towards the start of the list, as real word and place frequencies are. */
const pickSkewed = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * rng() * list.length)]!;
function sample<T>(rng: Rng, list: readonly T[], n: number): T[] {
  const copy = [...list];
  const out: T[] = [];
  while (out.length < n && copy.length > 0) out.push(copy.splice(Math.floor(rng() * copy.length), 1)[0]!);
  return out;
}
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const slug = (s: string) => normalize(s).replace(/ /g, '-');

// ---------------------------------------------------------------------------------------------
// Place names, invented from syllables in English, Welsh and Scottish shapes.

const EN_HEAD = 'Ash Bal Bar Bel Black Bram Brad Brent Brook Burn Cal Car Chel Clay Col Cran Dal Dun Elm Fair Fal Fern Gar Gold Gran Hal Ham Har Hart Haw Hay Hol Kel Ken Kirk Lang Lin Long Lyn Mal Mar Mel Mill Mor Nor Oak Pem Pit Rad Raven Red Ros Rother Sal Sand Sel Shep Stan Stock Stone Sud Swan Tam Thorn Tor Wal Wes Whit Wil Win Wood Wyn Yar'.split(' ');
const EN_TAIL = 'borough bridge brook bury by caster chester combe cott dale den don field ford gate ham hampton hurst ington leigh ley mere minster moor mouth port stead stow thorpe ton wall well wich wick worth'.split(' ');
const CY_HEAD = 'Aber Llan Pont Cwm Caer Bryn Pen Tre Ystrad Maes Nant Glyn'.split(' ');
const CY_TAIL = 'avon dare gwyn ithon teg fawr bach goed newydd ystwyth rhos celyn dulais mawr wern hir'.split(' ');
const SC_HEAD = 'Inver Kil Strath Auch Glen Bal Kin Dal Loch Ard'.split(' ');
const SC_TAIL = 'ness more brae lochy garry tay ross allan keld lorn muir cairn dee craig'.split(' ');
const TWO_WORD: ((n: string) => string)[] = [(n) => `North ${n}`, (n) => `South ${n}`, (n) => `Upper ${n}`, (n) => `Great ${n}`, (n) => `${n} Vale`, (n) => `${n} Green`, (n) => `${n} Heath`, (n) => `${n}-on-Sea`, (n) => `Little ${n}`, (n) => `${n} Cross`];

function placeNamer(rng: Rng) {
  // The real gazetteer is part of every knowledge base, so invented names keep clear of real ones.
  const g = ukGazetteer();
  const used = new Set([...g.councils.flatMap((c) => [c.name, c.officialName, ...c.altNames]), ...g.towns.map((t) => t.name), ...ENGLISH_REGIONS, ...NATIONS].map(normalize));
  const word = (nation: Area['nation']) => {
    const [heads, tails] = nation === 'Wales' ? [CY_HEAD, CY_TAIL] : nation === 'Scotland' ? [SC_HEAD, SC_TAIL] : [EN_HEAD, EN_TAIL];
    const head = pick(rng, heads);
    let tail = pick(rng, tails);
    if (head.toLowerCase().endsWith(tail[0]!)) tail = tail.slice(1) || tail;
    return head + tail;
  };
  const fresh = (make: () => string): string => {
    for (;;) {
      const n = make();
      const key = normalize(n);
      // Every name unique after normalising, so an exact lookup never has two answers.
      if (used.has(key)) continue;
      used.add(key);
      return n;
    }
  };
  return {
    used,
    area: (nation: Area['nation']) => fresh(() => (chance(rng, 0.12) ? pick(rng, TWO_WORD)(word(nation)) : chance(rng, 0.04) ? `${word(nation)} and ${word(nation)}` : word(nation))),
    town: (nation: Area['nation']) => fresh(() => (chance(rng, 0.25) ? pick(rng, TWO_WORD)(word(nation)) : word(nation))),
    claim: (name: string) => {
      const key = normalize(name);
      if (!key || used.has(key)) return false;
      used.add(key);
      return true;
    },
  };
}

function councilOf(rng: Rng, name: string, nation: Area['nation']): string {
  if (nation === 'Wales') return pick(rng, [`${name} County Borough Council`, `${name} County Council`, `${name} Council`]);
  if (nation === 'Scotland') return pick(rng, [`${name} Council`, `City of ${name} Council`, `${name} Council`]);
  return pick(rng, [`${name} City Council`, `${name} Borough Council`, `${name} District Council`, `${name} County Council`, `${name} Metropolitan Borough Council`, `${name} Council`, `London Borough of ${name}`]);
}

function makeAreas(rng: Rng, count: number): Area[] {
  const namer = placeNamer(rng);
  const areas: Area[] = [];
  for (let i = 0; i < count; i++) {
    const r = rng();
    const nation: Area['nation'] = r < 0.78 ? 'England' : r < 0.9 ? 'Scotland' : 'Wales';
    const name = namer.area(nation);
    const council = councilOf(rng, name, nation);
    const towns = Array.from({ length: int(rng, 3, 9) }, () => namer.town(nation));
    const aliases: string[] = [];
    // Initials as councils sign themselves ("KMBC"), when no other area already has them.
    const initials = council.split(/[\s-]+/).filter((w) => /^[A-Z]/.test(w) && w !== 'of').map((w) => w[0]).join('');
    if (initials.length >= 3 && namer.claim(initials)) aliases.push(initials);
    // Clipped forms like "B'ham", from the head and tail of a one-word name.
    const clipped = /^[A-Z][a-z]+$/.test(name) && name.length >= 7 ? `${name[0]}'${name.slice(-4)}` : null;
    if (clipped && chance(rng, 0.5) && namer.claim(clipped)) aliases.push(clipped);
    // An old county-style name some members still use.
    if (chance(rng, 0.3)) {
      const old = nation === 'Wales' ? `Sir ${name}` : `${name}shire`;
      if (!old.includes(' and ') && namer.claim(old)) aliases.push(old);
    }
    areas.push({ name, council, aliases, towns, nation });
  }
  return areas;
}

// ---------------------------------------------------------------------------------------------
// People.

const FIRST_F = 'Abigail Alison Amanda Angela Anne Bethan Carol Caroline Catherine Claire Dawn Deborah Diane Eileen Elaine Eleri Elizabeth Emma Fiona Gillian Hannah Heather Helen Isla Jacqueline Jane Janet Jennifer Joanne Julie Karen Kathryn Kirsty Laura Linda Lisa Lorraine Louise Lynne Margaret Mairi Michelle Nia Nicola Pauline Rachel Rebecca Rhian Ruth Sandra Sarah Sharon Shona Siobhan Susan Tracey Wendy Yvonne Zoe'.split(' ');
const FIRST_M = 'Adam Alan Alistair Andrew Anthony Barry Brian Callum Carl Colin Craig Daniel Darren David Dylan Eamon Gareth Gary Geraint Graham Hamish Ian Iwan James Jason Jeremy John Keith Kevin Lee Mark Martin Matthew Michael Neil Nigel Owain Patrick Paul Peter Philip Rhodri Richard Robert Ross Russell Scott Simon Stephen Steven Stuart Thomas Tony Wayne William'.split(' ');
const SURNAMES = `Abbott Adams Ahmed Ainsworth Akhtar Allen Anderson Armstrong Atkinson Bailey Baker Ball Banks Barker Barnes Barrett Bates Baxter Bell Bennett Bevan Birch Bishop Black Blackburn Booth Bowen Boyle Bradley Brennan Briggs Brooks Brown Bryant Buckley Burgess Burns Butler Byrne Caldwell Cameron Campbell Carr Carter Chambers Chapman Clarke Cole Collins Connolly Cook Cooper Cox Crawford Cunningham Dale Daly Davidson Davies Dawson Day Dean Dixon Dobson Doherty Douglas Doyle Duncan Dunn Edwards Ellis Evans Farrell Ferguson Fisher Fleming Fletcher Flynn Forbes Foster Fox Fraser Gallagher Gardner Gibson Gill Gordon Graham Grant Gray Green Griffiths Hall Hamilton Hancock Harper Harris Harrison Hart Harvey Hawkins Hayes Henderson Hill Hobbs Holland Holmes Hopkins Howard Howell Hughes Hunt Hussain Hutchinson Iqbal Jackson James Jenkins Johnson Johnston Jones Kaur Kelly Kennedy Kerr Khan King Knight Lamb Lambert Lawrence Lee Lewis Lloyd Lowe Lynch MacDonald MacKenzie MacLeod Mahmood Malik Marsh Marshall Martin Mason Matthews McBride McCann McDonald McGregor McKay McLean Miller Mills Mitchell Moore Morgan Morris Murphy Murray Nash Newton Nicholson Noble Norris O'Brien O'Connor O'Neill Owen Palmer Parker Parry Patel Pearce Pearson Perry Phillips Pollard Powell Price Pritchard Quinn Rahman Reid Reynolds Rhys Richards Richardson Roberts Robertson Robinson Rogers Ross Rowe Russell Ryan Saunders Scott Shah Sharp Shaw Simpson Sinclair Singh Smith Spencer Stevens Stewart Stone Sutherland Taylor Thomas Thompson Thomson Todd Tucker Turner Vaughan Walker Wallace Walsh Ward Watkins Watson Watts Webb Wells West White Whitehead Wilkinson Williams Wilson Wood Wright Yates Young`.split(' ');

/** Roles a local article gives its speakers; `{party}` and `{union}` are filled per person. */
const LOCAL_ROLES = [
  '{party} cabinet member for adult social care',
  'council leader',
  '{union} branch secretary',
  '{union} regional organiser',
  'director of adult social services',
  'campaigner',
  '{party} councillor',
  'chair of the local carers’ group',
];
const NATIONAL_ROLES = ['{union} head of social care', 'chair of the Local Government Association’s community wellbeing board', '{union} general secretary', 'Age UK charity director'];
const PARTIES = ['Labour', 'Conservative', 'Liberal Democrat', 'Plaid Cymru', 'SNP', 'Independent', 'Green'];
const UNIONS = ['Unison', 'GMB', 'Unite'];

function peopleMaker(rng: Rng) {
  const used = new Set<string>();
  return (roleTemplates: readonly string[]): Person => {
    for (;;) {
      const pronoun = chance(rng, 0.55) ? 'she' : 'he';
      const first = pick(rng, pronoun === 'she' ? FIRST_F : FIRST_M);
      const last = pick(rng, SURNAMES);
      const name = `${first} ${last}`;
      if (used.has(name)) continue;
      used.add(name);
      const role = pick(rng, roleTemplates).replace('{party}', pick(rng, PARTIES)).replace('{union}', pick(rng, UNIONS));
      return { first, last, name, role, pronoun };
    }
  };
}

// ---------------------------------------------------------------------------------------------
// Article text.

const SERVICES = [
  'home care service', 'day centres', 'respite beds', 'reablement service', 'enablement service', 'meals on wheels service', 'supported living service',
  'learning disability services', 'care homes', 'carers’ centre', 'mental health support', 'sheltered housing wardens', 'community alarm service',
  'occupational therapy team', 'dementia support service', 'short breaks service', 'extra care housing', 'transport to day services', 'direct payments team',
  'intermediate care beds', 'social work team', 'night-sitting service', 'home adaptations budget', 'advocacy service',
];
const WORKERS = ['care workers', 'staff', 'home carers', 'social workers', 'support workers', 'care assistants', 'nurses', 'drivers', 'cooks and cleaners', 'occupational therapists'];
const USERS = ['older people', 'disabled people', 'frail elderly residents', 'adults with learning disabilities', 'people with dementia', 'carers', 'families', 'vulnerable residents', 'service users'];
const REASONS = ['cuts to the council’s grant from central government', 'rising demand for adult social care', 'a shortfall in the care budget', 'the cost of agency staff', 'a fall in business rates income', 'the end of a government grant', 'years of austerity'];
const ACTIONS = ['outsourced to a private provider', 'closed', 'merged with the NHS service', 'cut back', 'restructured', 'handed to a charity', 'reduced to weekdays only', 'moved to a single site'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const BUILDING_KINDS = ['House', 'Lodge', 'Court', 'Centre', 'Resource Centre', 'Day Centre', 'Care Home', 'Hall'];
const TREES = ['Elm', 'Oak', 'Birch', 'Rowan', 'Hawthorn', 'Willow', 'Beech', 'Cedar', 'Holly', 'Ash', 'Laurel', 'Maple', 'Alder', 'Heather', 'Primrose', 'Bluebell'];
const RARE_SYL = 'bra cor dal fen gor hel jor kel lom mor nel por quin ros sel tar ven wil yor zan ard bel cam dru ell fos gan hur isk lan'.split(' ');

/** Sentences a member might quote; `{service}`, `{users}`, `{workers}`, `{reason}` are filled per article. */
const QUOTE_SENTENCES = [
  'The {service} provides valuable support to {users}.',
  'These cuts will hit the most vulnerable people in our community hardest.',
  'Our members are dedicated and they deserve better than this.',
  'We have been left with no choice because of {reason}.',
  'Nobody wants to close the {service}, but the money is simply not there.',
  'It is a short-sighted move that will cost the taxpayer more in the long run.',
  'We will fight these proposals every step of the way.',
  'We are committed to protecting front-line services wherever we can.',
  'The {workers} have not been consulted properly about these changes.',
  'This is about making the service fit for the future.',
  'Families are terrified about what happens next.',
  'We urge the council to think again before it is too late.',
  'Every pound we spend must be spent to the best effect.',
  'The care industry is already in crisis after years of underfunding.',
  'People will end up in hospital because the support is not there.',
  'We will work with the unions to find a satisfactory outcome.',
  'The consultation is a sham, and everyone knows it.',
  'Staff have told us they are exhausted and demoralised.',
  'We know how much the {service} means to {users}.',
  'There is a clear case for change and we cannot stand still.',
  'Private providers are paid less and staff turnover is higher.',
  'I have met many of our {workers} and I value the work they do.',
];

/** Plain sentences; numbers and names come from the article's own facts. */
const FILLER = [
  'The {service} was rated good by inspectors at its last visit.',
  'Opposition councillors called the plans a false economy.',
  'The proposals will go before the cabinet next month.',
  'A petition against the changes has been handed in at the town hall.',
  'Campaigners say the council has not published an equality impact assessment.',
  'The council says no one who is eligible for care will lose it.',
  'The union has balloted its members over possible strike action.',
  'Demand for adult social care has risen every year for a decade.',
  'Relatives say they were told about the changes by letter.',
  'The local health board said it was working closely with the council.',
  'Care staff are paid close to the minimum wage.',
  'Several neighbouring councils have made similar decisions.',
  'Unions say the changes will leave {users} without the help they rely on.',
  'The council has already closed two residential homes and a respite unit since the last election.',
  'Managers say the {service} is inefficient, but staff say they were never asked how to improve it.',
  'The scrutiny committee asked officers to bring back a full report on the risks.',
  'Agency spending rose sharply last year as vacancies went unfilled.',
  'The local MP has written to the chief executive asking for the plans to be paused.',
  'Some {workers} have worked for the council for more than twenty years.',
  'An independent review commissioned by the council recommended a phased approach.',
  'Residents packed the public gallery when the proposals were first discussed.',
  'The clinical commissioning group has been asked to contribute to the cost.',
  'Charities warned that waiting lists for assessments were already growing.',
  'Officers admitted that the savings figure was an estimate and could change.',
];

function rareWords(rng: Rng, n: number): string[] {
  const out = new Set<string>();
  while (out.size < n) out.add(cap(Array.from({ length: int(rng, 2, 3) }, () => pick(rng, RARE_SYL)).join('')));
  return [...out];
}

function money(rng: Rng): string {
  const r = rng();
  if (r < 0.5) return `£${pick(rng, ['1', '1.2', '1.5', '2', '2.5', '3', '4', '4.5', '6', '8', '12', '20', '35'])} million`;
  if (r < 0.8) return `£${int(rng, 12, 950)},000`;
  return `£${int(rng, 15, 24)}.${pick(rng, ['00', '50', '80'])} an hour`;
}
const percent = (rng: Rng) => (chance(rng, 0.6) ? `${int(rng, 5, 60)} per cent` : `${int(rng, 3, 45)}%`);
const year = (rng: Rng) => int(rng, 2011, 2025);
const monthYear = (rng: Rng) => `${pick(rng, MONTHS)} ${year(rng)}`;
const dayMonth = (rng: Rng) => (chance(rng, 0.5) ? `${int(rng, 1, 28)} ${pick(rng, MONTHS)}` : `${pick(rng, MONTHS)} ${int(rng, 1, 28)}`);
const qualifier = (rng: Rng) => pick(rng, ['up to', 'more than', 'about', 'almost', 'over', 'around', 'fewer than', '']);

interface ArticlePlan {
  id: string;
  area: Area;
  towns: string[];
  speakers: Person[];
}

function articleText(rng: Rng, plan: ArticlePlan, others: Area[], rare: string[], paragraphs: number): { front: string; body: string[] } {
  const { area, towns, speakers } = plan;
  const service = pick(rng, SERVICES);
  const workers = pick(rng, WORKERS);
  const users = pick(rng, USERS);
  const reason = pick(rng, REASONS);
  const town = towns[0] ?? area.name;
  const building = `${chance(rng, 0.5) ? pick(rng, TREES) : pick(rng, rare)} ${pick(rng, BUILDING_KINDS)}`;
  const fill = (s: string) => s.replace('{service}', service).replace('{users}', users).replace('{workers}', workers).replace('{reason}', reason);
  const quoteText = (n: number) => sample(rng, QUOTE_SENTENCES, n).map(fill).join(' ');
  const councilShort = chance(rng, 0.5) ? area.council : 'the council';
  const union = pick(rng, UNIONS);
  const [a, b, c] = [speakers[0]!, speakers[1] ?? speakers[0]!, speakers[2] ?? speakers[0]!];
  const title = pick(rng, [`${area.name} ${service} faces cuts`, `${cap(workers)} at risk as ${area.name} cuts ${service}`, `${union} fights ${area.name} plan for ${service}`, `${town} ${service} could close`, `Consultation on ${area.name} ${service}`]);

  const p: string[] = [];
  p.push(`${cap(((q) => (q ? `${q} ` : ''))(qualifier(rng)))}${int(rng, 12, 400)} ${workers} are facing redundancy as ${councilShort} plans to cut its ${service} in ${town} to save ${money(rng)}.`);
  p.push(`The ${service}, which supports ${int(rng, 40, 3000).toLocaleString('en-GB')} ${users} in ${towns.slice(0, 2).join(' and ') || area.name}, would be ${pick(rng, ACTIONS)} from ${monthYear(rng)}.`);
  p.push(`The proposals amount to a ${percent(rng)} cut in the ${service} budget, part of ${money(rng)} of savings the council must find in ${(() => { const y = year(rng); return `${y}-${String((y + 1) % 100).padStart(2, '0')}`; })()}.`);
  p.push(`Caption: ${union} members protest outside ${building} in ${town} in ${monthYear(rng)}`);
  p.push(`${cap(a.role)} ${a.name} said: “${quoteText(int(rng, 2, 3))}”`);
  // A quote over two paragraphs: the first leaves its quotation open.
  p.push(`${b.name}, ${b.role}, said: “${quoteText(int(rng, 2, 3))}`);
  p.push(`“${quoteText(int(rng, 2, 3))}”`);
  p.push(`${/council/.test(b.role) ? 'Cllr' : b.pronoun === 'she' ? 'Ms' : 'Mr'} ${b.last} said the council had no choice because of ${reason}.`);
  p.push(`“${quoteText(1).replace(/\.$/, ',')}” ${b.pronoun} said.`);
  p.push(`${cap(qualifier(rng) || 'up to')} ${int(rng, 20, 180)} ${pick(rng, ['staff', 'jobs', 'posts'])} could be affected, and more than ${int(rng, 2, 9)},${int(rng, 100, 999)} people have signed a petition against the cuts, the union said.`);
  const other = pick(rng, others);
  p.push(`Neighbouring ${other.name} cut its ${pick(rng, SERVICES)} in ${year(rng)}, and ${fill(pick(rng, FILLER)).replace(/^./, (ch) => ch.toLowerCase())}`);
  p.push(`A council ${pick(rng, ['spokeswoman', 'spokesman', 'spokesperson'])} said: “${quoteText(2)}”`);
  p.push(`${c.name}, ${c.role}, said staff had been told that about ${percent(rng)} of posts would go by ${monthYear(rng)}.`);
  p.push(`A consultation runs until ${dayMonth(rng)}, and a final decision is expected on ${dayMonth(rng)}. ${fill(pick(rng, FILLER))}`);
  p.push(`Caption: ${building}, where the ${service} is based`);
  while (p.length < paragraphs) p.push(`${fill(pick(rng, FILLER))} ${fill(pick(rng, FILLER))}`);
  // Real news paragraphs run to two or three sentences; pad the plain ones (not quotes or captions).
  const body = p.slice(0, paragraphs).map((text, i) => ([0, 1, 2, 7, 9, 12].includes(i) && chance(rng, 0.7) ? `${text} ${fill(pick(rng, FILLER))}` : text));

  const fm: string[] = ['---', `id: ${plan.id}`, `title: ${JSON.stringify(title)}`, `council: ${JSON.stringify(chance(rng, 0.85) ? area.council : `${area.name} Council`)}`];
  fm.push(`places: ${JSON.stringify([area.name, ...towns])}`);
  fm.push(`nation: ${area.nation}`);
  if (chance(rng, 0.8)) fm.push(`published: ${JSON.stringify(chance(rng, 0.7) ? `${year(rng)}-${String(int(rng, 1, 12)).padStart(2, '0')}-${String(int(rng, 1, 28)).padStart(2, '0')}` : String(year(rng)))}`);
  if (chance(rng, 0.7)) fm.push(`source:\n  publisher: ${JSON.stringify(`${area.name} ${pick(rng, ['Echo', 'Gazette', 'Post', 'Herald', 'Advertiser'])}`)}\n  url: https://news.example.org/${plan.id}`);
  fm.push(`unions: ${JSON.stringify([union])}`);
  fm.push(`tags: ${JSON.stringify([service.replace('’', ''), 'social care', pick(rng, ['redundancies', 'closure', 'outsourcing', 'consultation', 'budget'])])}`);
  if (chance(rng, 0.05)) fm.push(`consultations:\n  - title: ${JSON.stringify(`${cap(service)} consultation`)}\n    closes: ${year(rng) + 2}-${String(int(rng, 1, 12)).padStart(2, '0')}-15T17:00:00Z`);
  fm.push('notes: Synthetic benchmark article; every person, quote and figure is invented.', '---');
  return { front: fm.join('\n'), body };
}

// ---------------------------------------------------------------------------------------------
// Queries.

/**
 * One edit a hurried typist makes, never on the first letter (people rarely get that wrong).
 * `sameLength` allows only a wrong letter or two swapped ones, for a prefix of a given length.
 */
function typo(rng: Rng, word: string, sameLength = false): string {
  const at = int(rng, 1, word.length - 1);
  const letters = [...'abcdefghijklmnopqrstuvwxyz'];
  switch (sameLength ? int(rng, 2, 3) : int(rng, 0, 3)) {
    case 0:
      return word.slice(0, at) + word.slice(at + 1);
    case 1:
      return word.slice(0, at) + pick(rng, letters) + word.slice(at);
    case 2:
      return word.slice(0, at) + pick(rng, letters.filter((l) => l !== word[at])) + word.slice(at + 1);
    default:
      if (at < word.length - 1 && word[at] !== word[at + 1]) return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
      return sameLength ? word.slice(0, at) + pick(rng, letters.filter((l) => l !== word[at])) + word.slice(at + 1) : word.slice(0, at) + word.slice(at + 1);
  }
}

const SEARCH_WORDS = ['redundancies', 'home care', 'day centres', 'respite', 'petition', 'consultation', 'outsourcing', 'reablement', 'enablement', 'meals on wheels', 'minimum wage', 'agency staff', 'learning disabilities', 'dementia', 'carers', 'strike action', 'care homes', 'budget', 'savings', 'central government', 'austerity', 'private provider', 'equality impact assessment', 'supported living', 'social workers', 'inspectors', 'town hall', 'vulnerable', 'underfunding', 'hospital'];

function makeQueries(rng: Rng, areas: Area[], withArticles: Set<Area>, speakersInText: Map<string, Person>, rare: string[], perKind: number): QuerySet {
  const live = areas.filter((a) => withArticles.has(a));
  const known = new Set<string>();
  for (const a of areas) [a.name, a.council, ...a.towns, ...a.aliases].forEach((n) => known.add(normalize(n)));
  const exact: PlaceQuery[] = [];
  const typos: PlaceQuery[] = [];
  const town: PlaceQuery[] = [];
  const alias: PlaceQuery[] = [];
  const withAliases = live.filter((a) => a.aliases.length > 0);
  for (let i = 0; i < perKind; i++) {
    const a = live[i % live.length]!;
    exact.push({ query: pick(rng, [a.name, a.name.toLowerCase(), a.council, a.name.toUpperCase()]), place: a.name });
    town.push(((t) => ({ query: chance(rng, 0.5) ? t.toLowerCase() : t, place: a.name }))(pick(rng, a.towns)));
    if (withAliases.length > 0) {
      const b = withAliases[i % withAliases.length]!;
      alias.push({ query: pick(rng, b.aliases), place: b.name });
    }
  }
  for (let tries = 0; typos.length < perKind && tries < perKind * 50; tries++) {
    const a = pick(rng, live);
    const name = a.name.toLowerCase();
    if (name.replace(/[^a-z]/g, '').length < 5) continue;
    const q = typo(rng, name);
    // A "typo" that spells another real name is a different query, not a typo.
    if (known.has(normalize(q)) || normalize(q) === normalize(name)) continue;
    typos.push({ query: q, place: a.name });
  }
  const surnameCount = new Map<string, number>();
  for (const p of speakersInText.values()) surnameCount.set(normalize(p.last), (surnameCount.get(normalize(p.last)) ?? 0) + 1);
  const unique = [...speakersInText.values()].filter((p) => surnameCount.get(normalize(p.last)) === 1 && !known.has(normalize(p.last)));
  const speakers = unique.length === 0 ? [] : Array.from({ length: Math.min(perKind, unique.length * 2) }, (_, i) => {
    const p = unique[i % unique.length]!;
    return { query: i < unique.length ? p.last.toLowerCase() : `Cllr ${p.last}`, speaker: p.name };
  });
  const search: string[] = [];
  for (let i = 0; i < perKind; i++) {
    const words = Array.from({ length: int(rng, 1, 3) }, () => (chance(rng, 0.1) ? pick(rng, rare).toLowerCase() : pick(rng, SEARCH_WORDS)));
    let q = [...new Set(words)].join(' ');
    if (chance(rng, 0.15)) q = q.split(' ').map((w) => (w.length >= 6 && chance(rng, 0.5) ? typo(rng, w) : w)).join(' ');
    search.push(q);
  }
  const autocomplete: QuerySet['autocomplete'] = [];
  for (let i = 0; i < perKind; i++) {
    const a = pick(rng, live);
    const name = chance(rng, 0.6) ? a.name : pick(rng, a.towns);
    const letters = name.toLowerCase();
    const len = (i % 5) + 1;
    const prefix = letters.slice(0, len);
    const typoed = len >= 4 && chance(rng, 0.3);
    autocomplete.push({ query: typoed ? typo(rng, prefix, true) : prefix, place: a.name, typo: typoed });
  }
  return { exact, typo: typos, town, alias, speakers, search, autocomplete };
}

// ---------------------------------------------------------------------------------------------

function placesYaml(areas: Area[]): string {
  const lines = ['# Synthetic council areas for the benchmark: invented names, generated from a seed.', ''];
  for (const a of areas) {
    lines.push(`- name: ${JSON.stringify(a.name)}`, `  council: ${JSON.stringify(a.council)}`, `  aliases: ${JSON.stringify(a.aliases)}`, `  towns: ${JSON.stringify(a.towns)}`, '');
  }
  return lines.join('\n');
}

/** Writes `articles` Markdown files, `places.yaml` and `queries.json` into `dir` (created if missing). */
export async function generateKnowledgeBase(dir: string, options: GenerateOptions): Promise<GeneratedKnowledgeBase> {
  const seed = options.seed ?? 1;
  const paragraphs = options.paragraphs ?? 15;
  const rng = prng(seed);
  const areas = makeAreas(rng, options.areas ?? 350);
  const newPerson = peopleMaker(rng);
  // Each area has its regulars; a few national voices turn up everywhere.
  const local = new Map(areas.map((a) => [a, Array.from({ length: int(rng, 3, 5) }, () => newPerson(LOCAL_ROLES))]));
  const national = Array.from({ length: 25 }, () => newPerson(NATIONAL_ROLES));
  const rare = rareWords(rng, Math.max(200, options.articles));

  await mkdir(dir, { recursive: true });
  // Old files would mix two corpora and make the figures meaningless.
  if ((await readdir(dir)).length > 0) throw new Error(`${dir} is not empty; generate into a new folder`);
  const withArticles = new Set<Area>();
  const speakersInText = new Map<string, Person>();
  let bytes = 0;
  const pending: Promise<void>[] = [];
  for (let i = 0; i < options.articles; i++) {
    // Big areas get more coverage than small ones, as in real news.
    const area = pickSkewed(rng, areas);
    withArticles.add(area);
    const people = sample(rng, local.get(area)!, 2);
    if (chance(rng, 0.4)) people.push(pick(rng, national));
    else people.push(...sample(rng, local.get(area)!.filter((p) => !people.includes(p)), 1));
    people.forEach((p) => speakersInText.set(p.name, p));
    const towns = sample(rng, area.towns, int(rng, 1, 3));
    const id = `${slug(area.name).slice(0, 40)}-${String(i + 1).padStart(5, '0')}`;
    const { front, body } = articleText(rng, { id, area, towns, speakers: people }, areas, rare, paragraphs);
    const text = `${front}\n\n${body.join('\n\n')}\n`;
    bytes += Buffer.byteLength(text);
    pending.push(writeFile(path.join(dir, `${id}.md`), text));
    if (pending.length >= 64) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
  await writeFile(path.join(dir, 'places.yaml'), placesYaml(areas));
  const queries = makeQueries(rng, areas, withArticles, speakersInText, rare, 200);
  await writeFile(path.join(dir, 'queries.json'), JSON.stringify(queries, null, 1));
  return { dir, areas, queries, files: options.articles, bytes };
}

// `tsx test/bench/generate.ts <dir> [articles] [seed]`: a corpus to look at by hand.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dir, n, seed] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: tsx test/bench/generate.ts <dir> [articles=1000] [seed=1]');
    process.exit(2);
  }
  const kb = await generateKnowledgeBase(dir, { articles: Number(n ?? 1000), seed: Number(seed ?? 1) });
  console.log(`${kb.files} articles, ${(kb.bytes / 1e6).toFixed(1)} MB, ${kb.areas.length} council areas in ${dir}`);
}
