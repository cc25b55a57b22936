import type { KnowledgeBase, PlaceEntry } from '../knowledge/knowledge-base.js';
import { clip, normalize } from '../knowledge/text.js';
import { cite, firstSentence, sourcesOf } from './cite.js';
import { keyFigures, newestFirst } from './key-items.js';
import { formatFigure } from './format.js';
import type { Answer, AnswerLine, AnswerSection } from './types.js';

/** Parts of the `/cuts` answer that the national gazetteer makes possible: regions, and places with no articles yet. */

const NEAREST = 3;
const COUNCIL_LINES = 10;
const KEY_FIGURES = 6;
const SUMMARY_ARTICLES = 10;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "Adult social care there is run by Kent County Council (the county council, not the district)." or '' when the council runs its own. */
export function careNote(place: PlaceEntry): string {
  if (place.area?.kind !== 'council') return '';
  const { careBy, officialName } = place.area.council;
  if (careBy.name === officialName && !careBy.how) return '';
  if (careBy.name === officialName) return `${officialName} runs adult social care there, ${careBy.how}.`;
  return `Adult social care there is run by ${careBy.name}${careBy.how ? ` (${careBy.how})` : ''}.`;
}

/**
 * A real place with no articles: which council it is, who runs its adult social care, and the
 * nearest places in the same region (the nation outside England) that do have articles, each cited.
 */
export function noArticlesAnswer(kb: KnowledgeBase, place: PlaceEntry, note: string): Answer {
  const who = place.council;
  const near = nearestWithArticles(kb, place);
  const region = regionName(place);
  const none = region && near.length === 0 ? `No other council in ${inRegion(region)} has articles yet.` : '';
  const summary = [`${note}No articles about ${who} are in the knowledge base yet.`, careNote(place), none].filter(Boolean).join(' ');
  const sections: AnswerSection[] = near.length
    ? [{ heading: `Nearest places with articles${region ? ` in ${inRegion(region)}` : ''}`, lines: near.map((p) => councilLine(kb, p)) }]
    : [];
  return { kind: 'cuts', title: `Care cuts in ${place.name}`, summary, sections, suggestions: [], sources: sourcesOf(kb, near.map((p) => newestFirst(kb, p.articleIds)[0]!)) };
}

/** `/cuts <region or nation>`: the councils there that have articles, with counts, and the key figures across them, each cited. */
export function regionAnswer(kb: KnowledgeBase, region: PlaceEntry, note: string): Answer {
  if (region.area?.kind !== 'region' && region.area?.kind !== 'nation') throw new Error(`${region.name} is not a region or nation`);
  const kind = region.area.kind;
  const members = region.area.members.filter((m) => m.articleIds.length > 0);
  const title = `Care cuts in ${region.name}`;
  if (members.length === 0) {
    return { kind: 'cuts', title, summary: `${note}No articles about councils in ${inRegion(region.name)} are in the knowledge base yet.`, sections: [], suggestions: [], sources: [] };
  }
  const sections: AnswerSection[] = [
    {
      heading: 'Councils with articles',
      lines: members.slice(0, COUNCIL_LINES).map((m) => councilLine(kb, m)),
      ...(members.length > COUNCIL_LINES ? { more: { count: members.length - COUNCIL_LINES, hint: `/sources ${region.name}` } } : {}),
    },
  ];
  // Each council's newest article first, so the figures come from as many councils as possible.
  const newest = members.map((m) => newestFirst(kb, m.articleIds));
  const picked: string[] = [];
  for (let round = 0; picked.length < SUMMARY_ARTICLES && newest.some((l) => l[round]); round++) {
    for (const list of newest) if (list[round] && picked.length < SUMMARY_ARTICLES && !picked.includes(list[round]!)) picked.push(list[round]!);
  }
  const councilOf = new Map<string, PlaceEntry>();
  members.forEach((m) => m.articleIds.forEach((id) => councilOf.has(id) || councilOf.set(id, m)));
  const figures = keyFigures(picked.flatMap((id) => kb.byArticle.get(id)!.figures));
  if (figures.length > 0) {
    sections.push({
      heading: 'Key figures',
      lines: figures.slice(0, KEY_FIGURES).map((f) => ({
        text: `${councilOf.get(f.articleId)?.name ?? ''}: ${formatFigure(f)}: ${clip(f.sentence, 200)}`,
        citation: cite(kb, f.articleId, f.paragraph),
      })),
    });
  }
  const n = region.articleIds.length;
  return {
    kind: 'cuts',
    title,
    summary: `${note}${plural(n, 'article')} about ${plural(members.length, 'council')} in ${inRegion(region.name)} (${kind}).`,
    sections,
    suggestions: [],
    sources: sourcesOf(kb, picked),
  };
}

/** "Birmingham City Council: 2 articles. <lead of the newest>", cited to that lead. */
function councilLine(kb: KnowledgeBase, place: PlaceEntry): AnswerLine {
  const id = newestFirst(kb, place.articleIds)[0]!;
  const a = kb.byId.get(id)!;
  const lead = a.paragraphs.find((p) => !p.caption) ?? a.paragraphs[0]!;
  return { text: `${place.council}: ${plural(place.articleIds.length, 'article')}. ${clip(firstSentence(lead.text), 300)}`, citation: cite(kb, id, lead.n) };
}

/** "the North West", "London", "Wales": England's regions but London take "the". */
export function inRegion(name: string): string {
  return /^(?:North|South|East|West|Yorkshire)/.test(name) ? `the ${name}` : name;
}

function regionName(place: PlaceEntry): string | undefined {
  return place.area?.kind === 'council' ? place.area.council.region : undefined;
}

/** Places with articles in the same region, nearest first by the register's centres; ones with no position after. */
function nearestWithArticles(kb: KnowledgeBase, place: PlaceEntry): PlaceEntry[] {
  if (place.area?.kind !== 'council') return [];
  const { region, lat, long } = place.area.council;
  // The region's own entry lists its council areas, those with articles first (built once per load).
  const area = kb.index.places.exact.get(normalize(region))?.find((r) => r.place.area?.kind === 'region' || r.place.area?.kind === 'nation')?.place.area;
  if (area?.kind !== 'region' && area?.kind !== 'nation') return [];
  const withArticles: PlaceEntry[] = [];
  for (const m of area.members) {
    if (m.articleIds.length === 0) break;
    if (m !== place) withArticles.push(m);
  }
  const d = (p: PlaceEntry) => {
    if (p.area?.kind !== 'council') return Infinity;
    const dx = (p.area.council.long - long) * Math.cos((lat * Math.PI) / 180);
    return dx * dx + (p.area.council.lat - lat) ** 2;
  };
  return withArticles.sort((a, b) => d(a) - d(b) || a.name.localeCompare(b.name)).slice(0, NEAREST);
}
