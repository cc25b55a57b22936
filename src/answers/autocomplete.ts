import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { suggestPlaces } from '../knowledge/place-suggestions.js';
import { searchSpeakers } from '../knowledge/speakers.js';
import { clip, normalize } from '../knowledge/text.js';
import { CHOICE_LIMITS, type Choice } from './types.js';

const MAX_CHOICES = CHOICE_LIMITS.count;
const MAX_LENGTH = CHOICE_LIMITS.length;

const choice = (name: string, value: string): Choice => ({ name: clip(name, MAX_LENGTH), value: value.slice(0, MAX_LENGTH) });

export function autocompletePlaces(kb: KnowledgeBase, typed: string): Choice[] {
  return suggestPlaces(kb, typed.slice(0, MAX_LENGTH), MAX_CHOICES).map((c) => choice(c.label, c.value));
}

/** Speakers whose name has a word starting with what was typed, then places, then article tags. */
export function autocompleteSpeakersOrTopics(kb: KnowledgeBase, typed: string): Choice[] {
  const norm = normalize(typed.slice(0, MAX_LENGTH));
  const out: Choice[] = [];
  const seen = new Set<string>();
  const add = (c: Choice) => {
    if (out.length < MAX_CHOICES && !seen.has(c.value.toLowerCase())) {
      seen.add(c.value.toLowerCase());
      out.push(c);
    }
  };
  const wordStarts = (text: string) => !norm || ` ${normalize(text)}`.includes(` ${norm}`);
  for (const s of kb.index.speakers.speakers) {
    if (!wordStarts(s.name)) continue;
    const n = s.quotes.length;
    add(choice(`${s.name}${s.roles[0] ? `, ${s.roles[0]}` : ''} · ${n} quote${n === 1 ? '' : 's'}`, s.name));
  }
  if (norm.length >= 3 && out.length === 0) {
    for (const h of searchSpeakers(kb.index.speakers, norm, 5)) add(choice(h.item.name, h.item.name));
  }
  // Only places with articles: a place without any has no quotes to offer.
  for (const p of suggestPlaces(kb, typed, MAX_CHOICES, { withArticles: true })) add(choice(`${p.label} (place)`, p.value));
  for (const tag of new Set(kb.articles.flatMap((a) => a.tags))) if (wordStarts(tag)) add(choice(`${tag} (topic)`, tag));
  return out;
}
