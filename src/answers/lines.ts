import { DateTime } from 'luxon';
import type { CitedFigure, CitedQuote, ConsultationEntry, KnowledgeBase } from '../knowledge/knowledge-base.js';
import { clip } from '../knowledge/text.js';
import { cite } from './cite.js';
import { formatFigure } from './format.js';
import type { AnswerLine } from './types.js';

/** The lines several answers print the same way, here so that no answer imports another. */

/** UK time, since members and councils both work to it. */
export function ukTime(iso: string): string {
  return DateTime.fromISO(iso, { setZone: true }).setZone('Europe/London').toFormat("cccc d LLLL yyyy 'at' HH:mm ZZZZ");
}

export function quoteLine(kb: KnowledgeBase, q: CitedQuote, max = 400): AnswerLine {
  const text = q.kind === 'reported' ? `(reported) ${clip(q.text, max)}` : `“${clip(q.text, max)}”`;
  const citation = cite(kb, q.articleId, q.paragraphs[0] ?? null);
  const last = q.paragraphs.at(-1);
  if (last !== undefined && last !== citation.paragraph) citation.lastParagraph = last;
  return { text, speaker: q.speaker, role: q.role, citation };
}

export function consultationLine(kb: KnowledgeBase, c: ConsultationEntry): AnswerLine {
  const council = c.council ?? kb.byId.get(c.articleId)?.council;
  const link = c.url ? ` ${c.url}` : '';
  return { text: `${c.title}: closes ${ukTime(c.closes)}${council ? ` (${council})` : ''}.${link}`, citation: cite(kb, c.articleId), consultationKey: c.key };
}

export function figureLine(kb: KnowledgeBase, f: CitedFigure): AnswerLine {
  return { text: `${formatFigure(f)}: ${clip(f.sentence, 220)}`, citation: cite(kb, f.articleId, f.paragraph) };
}
