import type { CitedQuote, KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { Quote } from '../knowledge/schema.js';
import { resolvePlace } from '../knowledge/places.js';
import { findSpeaker, speakerIsClear } from '../knowledge/speakers.js';
import { searchTerms } from '../knowledge/term-index.js';
import { clip } from '../knowledge/text.js';
import { cite, emptyAnswer, sourcesOf } from './cite.js';
import { articlesFor } from './cuts.js';
import type { Answer, AnswerLine } from './types.js';

const MAX_QUOTES = 10;
const KIND_ORDER = { direct: 0, partial: 1, reported: 2 } as const;

export const SPEAKER_NOT_CLEAR = 'speaker not clear in the article';

/** Who said a quote, as members read it: the speaker and role, the unnamed speaker or document, or that it is not clear. */
export function saidBy(q: Pick<Quote, 'speaker' | 'role' | 'attribution' | 'confidence'>): string {
  if (!speakerIsClear(q)) return SPEAKER_NOT_CLEAR;
  if (q.speaker === null && q.role !== null && q.attribution !== 'document') return unnamed(q.role);
  return [q.speaker, q.role].filter((s): s is string => !!s && s.trim() !== '').join(', ');
}

/** "council spokeswoman" reads "a council spokeswoman"; "Campaigners", "one carer" stay as written. */
function unnamed(role: string): string {
  const head = role.split(/\s+(?:of|for|at|in|from|with|to)\s+/)[0]!.split(' ').at(-1)!;
  if (!/^\p{Ll}/u.test(role) || /^(?:a|an|the|one|two|three|some|several|many|local|other)\b/.test(role) || /s$/.test(head)) return role;
  return `${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role}`;
}

export function quoteLine(kb: KnowledgeBase, q: CitedQuote, max = 400): AnswerLine {
  const text = q.kind === 'reported' ? `(reported) ${clip(q.text, max)}` : `“${clip(q.text, max)}”`;
  const citation = cite(kb, q.articleId, q.paragraphs[0] ?? null);
  const last = q.paragraphs.at(-1);
  if (last !== undefined && last !== citation.paragraph) citation.lastParagraph = last;
  // An unsure speaker is never shown, not even as a hint: a wrong name is the worst answer.
  const clear = speakerIsClear(q);
  return { text, speaker: clear ? q.speaker : null, role: clear ? q.role : null, saidBy: saidBy(q), citation };
}

/**
 * `/quote <speaker or topic>`: a speaker by name or surname, else every quote about a place, else
 * quotes whose words match the topic.
 */
export function quoteAnswer(kb: KnowledgeBase, opts: { query: string }): Answer {
  const query = opts.query.trim();
  const speaker = findSpeaker(kb.index.speakers, query);
  if (speaker) {
    const qs = speaker.quotes.map((i) => kb.quotes[i]!);
    return build(kb, `Quotes from ${speaker.name}`, `${speaker.name}${speaker.roles[0] ? `, ${speaker.roles[0]}` : ''}.`, qs, `/quote ${speaker.name}`);
  }
  const place = resolvePlace(kb, query);
  if (place.kind === 'found' && !place.fuzzy) {
    const qs = articlesFor(place.place).flatMap((id) => kb.byArticle.get(id)!.quotes);
    if (qs.length > 0) return build(kb, `Quotes about ${place.place.name}`, '', qs, `/search ${place.place.name}`);
  }
  const found = searchTerms(kb.index.quotes, query, 50);
  const best = found.hits[0]?.matched ?? 0;
  const qs = found.hits.filter((h) => h.matched === best).map((h) => kb.quotes[h.doc]!);
  if (qs.length > 0) {
    const fixed = found.corrections.map((c) => `“${c.from}” → “${c.to[0]}”`).join(', ');
    return build(kb, `Quotes about “${clip(query, 80)}”`, fixed ? `Searched with ${fixed}.` : '', qs, `/search ${query}`, false);
  }
  const near = kb.index.speakers.fuse.search(query, { limit: 5 }).filter((h) => (h.score ?? 1) <= 0.5).map((h) => h.item.name);
  return { ...emptyAnswer('not-found', 'No quotes found', `No speaker, place or quote matches “${clip(query, 80)}”.`), suggestions: near };
}

function build(kb: KnowledgeBase, title: string, summary: string, qs: CitedQuote[], hint: string, sort = true): Answer {
  const ordered = sort ? [...qs].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]) : qs;
  const shown = ordered.slice(0, MAX_QUOTES);
  return {
    kind: 'quotes',
    title,
    summary,
    sections: [
      {
        heading: `${qs.length} quote${qs.length === 1 ? '' : 's'}`,
        lines: shown.map((q) => quoteLine(kb, q)),
        ...(qs.length > MAX_QUOTES ? { more: { count: qs.length - MAX_QUOTES, hint } } : {}),
      },
    ],
    suggestions: [],
    sources: sourcesOf(kb, shown.map((q) => q.articleId)),
  };
}
