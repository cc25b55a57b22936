import { extract } from '../extract/index.js';
import type { KnowledgeBase, PlaceEntry } from '../knowledge-base.js';
import { parseKnowledgeFile } from '../loader.js';
import { carePlace } from '../national-places.js';
import { splitParagraphs } from '../paragraphs.js';
import type { Paragraph } from '../schema.js';
import { formatProblem } from '../problems.js';
import { normalize } from '../text.js';
import { findPlaces, mainPlace } from './detect-places.js';
import { findDeadlines, findTags, findUnions } from './detect-text.js';

/**
 * `kb import`: a knowledge file drafted from a plain-text article. Everything in the front matter is
 * either found in the text or taken from the gazetteer for the council found, and each such line
 * carries a `# check:` comment saying where it came from. Nothing is guessed: no source, URL or date
 * appears unless the moderator adds it.
 */
export interface Draft {
  id: string;
  /** The whole file: front matter with comments, then the text. */
  text: string;
  /** What was found, one line each, for the terminal. */
  found: string[];
  /** What the moderator must check or fill in. */
  check: string[];
}

export type DraftResult = { ok: true; draft: Draft } | { ok: false; message: string; found: string[] };

const TITLE_TAGS = 2;
const ID_MAX = 60;

const yamlString = (s: string) => JSON.stringify(s);
const yamlList = (xs: string[]) => `[${xs.map(yamlString).join(', ')}]`;

export function draftArticle(kb: KnowledgeBase, text: string, file: string, opts: { council?: string } = {}): DraftResult {
  const body = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').trim();
  const paragraphs = markCaptions(splitParagraphs(body));
  const found: string[] = [];
  if (!paragraphs.some((p) => !p.caption)) return { ok: false, message: `${file}: the file has no article text`, found };

  const people = new Set(extract(paragraphs).quotes.flatMap((q) => (q.speaker ? normalize(q.speaker).split(' ') : [])));
  const { mentions, unsettled } = findPlaces(kb, paragraphs, people);
  const check: string[] = [];
  let home: PlaceEntry | undefined;
  let council: string;
  if (opts.council) {
    council = opts.council;
    home = kb.places.find((p) => normalize(p.council) === normalize(council) || normalize(p.name) === normalize(council));
    found.push(`council: ${council} (given with --council)`);
  } else {
    home = mainPlace(mentions);
    if (!home) {
      const also = unsettled.length ? ` It names ${unsettled.map((u) => `“${u.name}” (${u.places.join(' or ')})`).join(', ')}, which could be more than one place.` : '';
      return { ok: false, message: `${file}: no council or town the gazetteer knows is named in the text.${also} Give the council with --council "Name of Council".`, found };
    }
    // The text's own words for the council when it names it ("Blaenau Gwent Council"), else the gazetteer's.
    council = mentions.find((m) => m.place === home && m.councilWording)?.councilWording ?? home.council;
    const first = mentions.find((m) => m.place === home)!;
    found.push(`council: ${council} (${mentions.filter((m) => m.place === home).length} mention(s), first in ¶${first.paragraph})`);
    // A district of the county the article is about (Sevenoaks in Kent) is part of it, not a rival.
    const others = [...new Set(mentions.filter((m) => m.place !== home && carePlace(kb.places, m.place) !== home).map((m) => m.place.name))];
    if (others.length) check.push(`the text also names ${others.join(', ')}: is the article about ${home.name}?`);
  }
  for (const u of unsettled) check.push(`“${u.name}” in ¶${u.paragraph} could be ${u.places.join(' or ')}: add it to places if it belongs`);

  const area = home?.area?.kind === 'council' ? home.area.council : undefined;
  const care = area ? (area.careBy.name === area.officialName ? undefined : area.careBy.name) : undefined;
  const places = [...new Set(mentions.map((m) => m.name))];
  const unions = findUnions(paragraphs);
  const tags = findTags(paragraphs);
  const deadlines = findDeadlines(paragraphs);
  const placeName = home?.name ?? council;
  const topics = tags.filter((t) => t !== 'social care' && t !== 'consultation').slice(0, TITLE_TAGS);
  const title = `${placeName}${topics.length ? `: ${topics.join(' and ')}` : ': care services'}`;
  const id = slug([placeName, ...topics].join(' '));

  const fm: string[] = ['---', `# Drafted by "kb import" from ${file}. Check every line marked "check", then remove these comments if you like.`];
  fm.push(`id: ${id}  # check: made from the place and topics; must be unique`);
  fm.push(`title: ${yamlString(title)}  # check: a plain descriptive title, since the headline is unknown`);
  fm.push(`council: ${yamlString(council)}  # check: ${opts.council ? 'given with --council' : 'the council the text names most'}${care ? `; adult social care there: ${care}` : ''}`);
  if (places.length) fm.push(`places: ${yamlList(places)}  # check: places the text names, in order`);
  if (area?.nation === 'England') fm.push(`region: ${yamlString(area.region)}  # from the gazetteer for ${area.officialName}`);
  if (area) fm.push(`nation: ${area.nation}  # from the gazetteer for ${area.officialName}`);
  if (unions.length) fm.push(`unions: ${yamlList(unions.map((u) => u.union))}  # check: unions the text names`);
  if (tags.length) fm.push(`tags: ${yamlList(tags)}  # check: care topics the text raises`);
  const complete = deadlines.filter((d) => d.closes);
  if (complete.length) {
    fm.push('consultations:  # check: closing dates and times read from the text (UK time)');
    for (const d of complete) fm.push(`  - title: ${yamlString(d.title)}  # ¶${d.paragraph}: “${d.said}”`, `    closes: ${d.closes}`);
  }
  fm.push(`notes: ${yamlString(`Imported from plain text (${file}) with kb import. Publisher, URL, headline and publication date are not in the text, so they are left out.`)}`);
  fm.push('---', '');
  const out = `${fm.join('\n')}\n${paragraphs.map((p) => (p.caption ? `Caption: ${p.text}` : p.text)).join('\n\n')}\n`;

  found.push(`places: ${places.join(', ') || 'none found'}`);
  if (area) found.push(`nation: ${area.nation}${area.nation === 'England' ? `; region: ${area.region}` : ''}`);
  if (care) found.push(`adult social care: ${care}`);
  found.push(`unions: ${unions.map((u) => u.union).join(', ') || 'none named'}`);
  found.push(`tags: ${tags.join(', ') || 'none found'}`);
  for (const d of deadlines) {
    if (d.closes) found.push(`consultation closing ${d.closes} (¶${d.paragraph}: “${d.said}”)`);
    else check.push(`¶${d.paragraph} gives a consultation deadline “${d.said}”, but ${d.missing}: add it under consultations with the full date and time if you know it`);
  }
  const captions = paragraphs.filter((p) => p.caption).map((p) => `¶${p.n}`);
  if (captions.length) check.push(`${captions.join(', ')}: short line(s) without a full stop, marked as photo captions ("Caption: "); remove the mark if one is text`);
  check.push('title: write the real headline if you know it', 'source, published: add the publisher, URL and date if you know them (never guessed)');

  // The draft must load: a draft the loader would refuse is a bug here, not the moderator's problem.
  const parsed = parseKnowledgeFile(out, `${id}.md`);
  if (!parsed.article) throw new Error(`kb import drafted an invalid file: ${parsed.problems.map(formatProblem).join('; ')}`);
  return { ok: true, draft: { id, text: out, found, check } };
}

const CAPTION_WORDS = 20;

/** Plain text pasted from a web page keeps photo captions as short lines with no closing punctuation: mark them so they are never quoted. */
function markCaptions(paragraphs: Paragraph[]): Paragraph[] {
  return paragraphs.map((p) => (!p.caption && !/[.!?:;”"’)]\s*$/.test(p.text) && p.text.split(' ').length <= CAPTION_WORDS ? { ...p, caption: true } : p));
}

function slug(text: string): string {
  const s = normalize(text).replace(/ /g, '-');
  return (s.length > ID_MAX ? s.slice(0, ID_MAX).replace(/-[^-]*$/, '') : s) || 'imported-article';
}
