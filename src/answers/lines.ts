import { DateTime } from 'luxon';
import type { CitedFigure, CitedQuote, ConsultationEntry, KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { Quote } from '../knowledge/schema.js';
import { speakerIsClear } from '../knowledge/speakers.js';
import { clip } from '../knowledge/text.js';
import { cite } from './cite.js';
import { formatFigure } from './format.js';
import type { AnswerLine } from './types.js';

/** The lines several answers print the same way, here so that no answer imports another. */

/** UK time, since members and councils both work to it. */
export function ukTime(iso: string): string {
  return DateTime.fromISO(iso, { setZone: true }).setZone('Europe/London').toFormat("cccc d LLLL yyyy 'at' HH:mm ZZZZ");
}

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

export function consultationLine(kb: KnowledgeBase, c: ConsultationEntry): AnswerLine {
  const council = c.council ?? kb.byId.get(c.articleId)?.council;
  const link = c.url ? ` ${c.url}` : '';
  return { text: `${c.title}: closes ${ukTime(c.closes)}${council ? ` (${council})` : ''}.${link}`, citation: cite(kb, c.articleId), consultationKey: c.key };
}

export function figureLine(kb: KnowledgeBase, f: CitedFigure): AnswerLine {
  return { text: `${formatFigure(f)}: ${clip(f.sentence, 220)}`, citation: cite(kb, f.articleId, f.paragraph) };
}
