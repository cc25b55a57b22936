import { quoteLine } from '../answers/lines.js';
import { cite } from '../answers/cite.js';
import { formatFigure } from '../answers/format.js';
import type { Answer, AnswerSection } from '../answers/types.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { formatProblem, type Problem } from '../knowledge/loader.js';
import type { Reloaded } from '../knowledge/reload.js';
import { clip } from '../knowledge/text.js';
import { escapeText } from './render.js';

/** The texts `/kb` shows moderators: what is loaded, what changed, what is wrong, what an upload gives. */

const MAX_MESSAGE = 2000;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const ids = (list: string[]) => (list.length === 0 ? 'none' : list.map((id) => `\`${id}\``).join(', '));

/** One line per problem, marked when the file's last good version is what members still get. */
export function problemLines(problems: readonly Problem[], kept: readonly string[]): string[] {
  return problems.map((p) => `• ${escapeText(formatProblem(p))}${kept.includes(p.file) ? ' *(last good version still served)*' : ''}`);
}

/** Adds lines while they fit, then says how many were left out. */
export function fit(head: string[], lines: string[], tail: string[] = []): string {
  const out = [...head];
  let used = [...head, ...tail].join('\n').length + 40;
  let shown = 0;
  for (const line of lines) {
    const l = clip(line, 400);
    if (used + l.length + 1 > MAX_MESSAGE) break;
    out.push(l);
    used += l.length + 1;
    shown++;
  }
  if (shown < lines.length) out.push(`…and ${lines.length - shown} more (run \`npm run --silent cli -- kb check\` for all).`);
  return clip([...out, ...tail].join('\n'), MAX_MESSAGE);
}

/** Paths are shown relative to the knowledge folder: where the bot's files live is no member's business. */
export function statusText(r: Reloaded): string {
  const kb = r.kb;
  const at = Math.floor(r.at.getTime() / 1000);
  const head = [
    `**Knowledge base**: ${plural(r.articles.length, 'article')} in the knowledge folder, last reloaded <t:${at}:R> (${r.at.toISOString().replace('T', ' ').slice(0, 19)} UTC).`,
    `Extracted: ${plural(kb.quotes.length, 'quote')} · ${plural(kb.figures.length, 'figure')} · ${plural(kb.places.length, 'place')} · ${plural(kb.consultations.length, 'consultation')}.`,
    r.problems.length === 0 ? 'No problems: every file is valid.' : `**Problems (${r.problems.length})**:`,
  ];
  const skipped = r.skipped.map((e) => `• ${escapeText(e.name)}: skipped, ${escapeText(e.reason)}`);
  return fit(head, [...problemLines(r.problems, r.kept), ...(skipped.length > 0 ? [`**Not loaded (${skipped.length})**:`, ...skipped] : [])]);
}

export function reloadText(r: Reloaded): string {
  const { added, updated, removed, newProblems } = r.diff;
  const head = [
    `**Reloaded**: ${plural(r.articles.length, 'article')} served.`,
    `Added: ${ids(added)}. Updated: ${ids(updated)}. Removed: ${ids(removed)}.`,
    newProblems.length === 0
      ? r.problems.length === 0
        ? 'No problems.'
        : `No new problems (${r.problems.length} known: see \`/kb status\`).`
      : `**New problems (${newProblems.length})**:`,
  ];
  return fit(head, problemLines(newProblems, r.kept));
}

const UNCHANGED = 'Nothing was saved; the knowledge folder is unchanged.';

/** Why an upload was refused: its problems, and (unless told otherwise) that nothing changed. */
export function refusalText(intro: string, problems: readonly Problem[] = [], tail: string | null = UNCHANGED): string {
  return fit([intro], problemLines(problems, []), tail === null ? [] : [tail]);
}

const REPORT_FIGURES = 8;
const REPORT_QUOTES = 5;

/** What members will get from one article: its places, figures, quotes and consultations, each cited. */
export function articleReport(kb: KnowledgeBase, id: string, summary: string): Answer {
  const article = kb.byId.get(id);
  if (!article) return { kind: 'sources', title: 'Not served', summary, sections: [], suggestions: [], sources: [] };
  const places = kb.places.filter((p) => p.articleIds.includes(id)).map((p) => p.name);
  const figures = kb.figures.filter((f) => f.articleId === id);
  const quotes = kb.quotes.filter((q) => q.articleId === id);
  const consultations = kb.consultations.filter((c) => c.articleId === id);
  const sections: AnswerSection[] = [
    {
      heading: 'Places',
      lines: [{ text: `${places.join(', ') || article.council} (council: ${article.council}${article.places.length ? `; places: ${article.places.join(', ')}` : ''})`, citation: null }],
    },
    {
      heading: `Figures (${figures.length})`,
      lines:
        figures.length === 0
          ? [{ text: 'None found.', citation: null }]
          : figures.slice(0, REPORT_FIGURES).map((f) => ({ text: `${formatFigure(f)}: ${clip(f.sentence, 160)}`, citation: cite(kb, id, f.paragraph) })),
      ...(figures.length > REPORT_FIGURES ? { more: { count: figures.length - REPORT_FIGURES, hint: `/figures ${places[0] ?? article.council}` } } : {}),
    },
    {
      heading: `Quotes (${quotes.length})`,
      lines: quotes.length === 0 ? [{ text: 'None found.', citation: null }] : quotes.slice(0, REPORT_QUOTES).map((q) => quoteLine(kb, q, 200)),
      ...(quotes.length > REPORT_QUOTES ? { more: { count: quotes.length - REPORT_QUOTES, hint: `/quote ${places[0] ?? article.council}` } } : {}),
    },
  ];
  if (consultations.length > 0) {
    sections.push({
      heading: `Consultations (${consultations.length})`,
      lines: consultations.map((c) => ({ text: `${c.title}: closes ${c.closes}`, citation: cite(kb, id) })),
    });
  }
  return { kind: 'sources', title: clip(article.title, 256), summary, sections, suggestions: [], sources: [cite(kb, id)] };
}
