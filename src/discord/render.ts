import type { APIEmbed, APIEmbedField } from 'discord.js';
import { styleOf } from '../answers/catalogue.js';
import type { Answer, AnswerKind, AnswerLine, AnswerSection, Citation } from '../answers/types.js';
import { clip } from '../knowledge/text.js';
import { escapeText, safeUrl } from './escape.js';

export { escapeText };

/** Discord's embed limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const EMBED_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  /** All titles, descriptions, field names and values and footers of one message together. */
  total: 6000,
  embeds: 10,
} as const;

/** Nothing the bot sends may ping anyone: articles and members' text can contain @everyone or <@id>. */
export const NO_MENTIONS = { parse: [] as never[] } as const;

export interface RenderedAnswer {
  embeds: APIEmbed[];
}

// Left for the "…and N more" notes so they always fit after the lines.
const NOTE_RESERVE = 240;
const BULLET = '• ';

export function formatCitation(c: Citation): string {
  if (c.title.trim() === '') return '';
  const title = escapeText(c.title);
  const url = safeUrl(c.url);
  const where = c.paragraph === null ? '' : ` ¶${c.paragraph}${c.lastParagraph ? `–${c.lastParagraph}` : ''}`;
  const named = url ? `[${title}](<${url}>)` : `*${title}*`;
  return `${named}${where}`;
}

/** The parts of a line: what it says (clippable) and the citation (never clipped). */
function lineParts(line: AnswerLine): { body: string; tail: string } {
  const c = line.citation;
  // A line that names its article (as /sources lines do) links the name instead of repeating it.
  if (c && c.paragraph === null && c.title.trim() !== '' && line.text.startsWith(c.title)) {
    return { body: `${formatCitation(c)}${escapeText(line.text.slice(c.title.length))}`, tail: '' };
  }
  let body = escapeText(line.text);
  const who = (line.saidBy ? [line.saidBy] : [line.speaker, line.role].filter((s): s is string => !!s && s.trim() !== '')).map(escapeText);
  if (who.length > 0) body += ` — ${who.join(', ')}`;
  const citation = line.citation ? formatCitation(line.citation) : '';
  return { body, tail: citation ? ` (${citation})` : '' };
}

export function formatLine(line: AnswerLine, max: number = EMBED_LIMITS.fieldValue): string {
  const { body, tail } = lineParts(line);
  const full = `${BULLET}${body}${tail}`;
  if (full.length <= max) return full;
  // Keep the citation whole: a quote without its source is worse than a shorter quote.
  const room = max - BULLET.length - tail.length;
  if (room >= 40) return `${BULLET}${clip(body, room)}${tail}`;
  return clip(full, max);
}

function moreNote(count: number, hint: string): string {
  const h = hint.trim();
  // Hints repeat what the member typed ("try /search <their words>"), so they are escaped too.
  const advice = clip(escapeText(h.startsWith('/') ? `try ${h}` : h), 160);
  return `…and ${count} more${advice ? ` — ${advice}` : ''}`;
}

function joinSuggestions(suggestions: string[]): string {
  const shown = suggestions.slice(0, 10).map((s) => `**${escapeText(s)}**`);
  return `Did you mean: ${shown.join(', ')}?`;
}

interface Budget {
  left: number;
  fields: number;
}

/**
 * Packs one section's lines into fields of at most 1024 characters, stopping cleanly at a line when
 * the message budget runs out, and ends with "…and N more" when anything was left out.
 */
function renderSection(section: AnswerSection, kind: AnswerKind, budget: Budget, allowance: number, out: APIEmbedField[]): void {
  const heading = clip(escapeText(section.heading.trim() || '—'), EMBED_LIMITS.fieldName);
  const hint = section.more?.hint ?? styleOf(kind).hint;
  let hidden = section.more?.count ?? 0;
  const values: string[] = [];
  let current = '';
  let spent = 0;

  const fieldCost = (value: string, first: boolean) => (first ? heading.length : 1) + value.length;
  const flush = () => {
    if (current) values.push(current);
    current = '';
  };

  let i = 0;
  for (; i < section.lines.length; i++) {
    const line = formatLine(section.lines[i]!);
    const joined = current ? `${current}\n${line}` : line;
    if (joined.length <= EMBED_LIMITS.fieldValue) {
      const extra = joined.length - current.length + (values.length === 0 && !current ? heading.length : 0);
      if (spent + extra > allowance - NOTE_RESERVE) break;
      current = joined;
      spent += extra;
      continue;
    }
    // This line opens a new field: needs a free field slot and the budget for it.
    const extra = fieldCost(line, false);
    if (budget.fields - values.length - 1 < 2 || spent + extra > allowance - NOTE_RESERVE) break;
    flush();
    current = line;
    spent += extra;
  }
  hidden += section.lines.length - i;

  if (hidden > 0) {
    const note = moreNote(hidden, hint);
    if (current && `${current}\n${note}`.length <= EMBED_LIMITS.fieldValue) current = `${current}\n${note}`;
    else {
      flush();
      current = note;
    }
  }
  flush();
  if (values.length === 0) values.push('—');

  values.forEach((value, n) => {
    const name = n === 0 ? heading : '\u200b';
    out.push({ name, value });
    budget.left -= name.length + value.length;
    budget.fields -= 1;
  });
}

/**
 * Renders an answer as one embed that Discord always accepts: every limit is respected by cutting
 * at line boundaries, never by sending something Discord would reject.
 */
export function renderAnswer(answer: Answer): RenderedAnswer {
  const title = clip(escapeText(answer.title.trim()) || 'cutsbot', EMBED_LIMITS.title);
  const sourceCount = answer.sources.length;
  const pageNote = answer.page ? `Page ${answer.page.number} of ${answer.page.count} · ` : '';
  const footer =
    pageNote +
    (sourceCount > 0
      ? `From ${sourceCount} article${sourceCount === 1 ? '' : 's'} in the knowledge base · ¶ = paragraph of the article`
      : 'cutsbot · answers come from the union’s knowledge base of news articles');

  const descriptionParts: string[] = [];
  if (answer.summary.trim()) descriptionParts.push(escapeText(answer.summary.trim()));
  if (answer.suggestions.length > 0) descriptionParts.push(joinSuggestions(answer.suggestions));
  let description = clip(descriptionParts.join('\n\n'), EMBED_LIMITS.description);
  // Keep room for at least some lines below a long summary.
  description = clip(description, Math.min(EMBED_LIMITS.description, EMBED_LIMITS.total - title.length - footer.length - 1500));

  const budget: Budget = { left: EMBED_LIMITS.total - title.length - footer.length - description.length, fields: EMBED_LIMITS.fields };
  const fields: APIEmbedField[] = [];
  let skippedSections = 0;
  let skippedLines = 0;
  answer.sections.forEach((section, i) => {
    const minimum = NOTE_RESERVE + section.heading.length + 60;
    if (budget.fields < 3 || budget.left < minimum) {
      skippedSections += 1;
      skippedLines += section.lines.length + (section.more?.count ?? 0);
      return;
    }
    // Share what is left between the sections still to come, so a long first section cannot
    // crowd out the rest; what a short section does not use passes on to the next.
    const fairShare = Math.floor(budget.left / (answer.sections.length - i));
    const allowance = Math.min(budget.left, Math.max(fairShare, 700));
    renderSection(section, answer.kind, budget, allowance, fields);
  });
  if (skippedSections > 0 && budget.fields > 0) {
    const value = moreNote(skippedLines, styleOf(answer.kind).hint);
    const name = `${skippedSections} more section${skippedSections === 1 ? '' : 's'}`;
    fields.push({ name, value });
  }

  const embed: APIEmbed = { title, color: styleOf(answer.kind).colour, footer: { text: footer } };
  if (description) embed.description = description;
  else if (fields.length === 0) embed.description = 'Nothing to show.';
  if (fields.length > 0) embed.fields = fields;
  return { embeds: [embed] };
}

/** Counts what Discord counts towards the 6000-character limit of one message. */
export function embedsLength(embeds: APIEmbed[]): number {
  let n = 0;
  for (const e of embeds) {
    n += (e.title ?? '').length + (e.description ?? '').length + (e.footer?.text ?? '').length + (e.author?.name ?? '').length;
    for (const f of e.fields ?? []) n += f.name.length + f.value.length;
  }
  return n;
}
