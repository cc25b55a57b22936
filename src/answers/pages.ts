import type { Answer, AnswerLine, AnswerSection } from './types.js';

/**
 * One page of a long answer: its lines cut `perPage` at a time across sections (a section split
 * over two pages keeps its heading on both), with the page's number and count. A page past the end
 * (the knowledge base shrank since the button was made) gives the last page and says so.
 */
export function paginate(answer: Answer, page: number, perPage: number): Answer {
  const lines: { section: number; line: AnswerLine }[] = [];
  answer.sections.forEach((s, i) => s.lines.forEach((line) => lines.push({ section: i, line })));
  const count = Math.max(1, Math.ceil(lines.length / perPage));
  if (count === 1 && page <= 1) return answer;
  const pastEnd = page > count;
  const number = Math.min(Math.max(1, Math.floor(page)), count);
  const shown = lines.slice((number - 1) * perPage, number * perPage);
  const later = lines.length - number * perPage;
  const parts: { from: number; section: AnswerSection }[] = [];
  for (const { section, line } of shown) {
    const last = parts.at(-1);
    if (last?.from === section) last.section.lines.push(line);
    else parts.push({ from: section, section: { heading: answer.sections[section]!.heading, lines: [line] } });
  }
  const sections = parts.map((p) => p.section);
  const tail = sections.at(-1);
  // What the answer left out beyond its pages (e.g. search hits past the last page) stays on the last page.
  const beyond = number === count ? answer.sections.at(-1)?.more : undefined;
  if (tail && later > 0) tail.more = { count: later, hint: 'on the next pages' };
  else if (tail && beyond) tail.more = beyond;
  const cited = new Set(shown.map((l) => l.line.citation?.articleId).filter((id): id is string => id !== undefined));
  const summary = pastEnd
    ? `${answer.summary} Page ${page} no longer exists: the knowledge base has changed since, and this answer now has ${count} page${count === 1 ? '' : 's'}. This is the last.`.trim()
    : answer.summary;
  return {
    ...answer,
    summary,
    sections,
    sources: answer.sources.filter((s) => cited.has(s.articleId)),
    page: { number, count, ...(pastEnd ? { pastEnd: true } : {}) },
  };
}
