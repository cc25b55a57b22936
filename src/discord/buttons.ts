import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponentWithCustomId } from 'discord.js';
import type { Answer } from '../answers/types.js';
import { clip } from '../knowledge/text.js';

/**
 * The buttons under an answer, and what each button's `custom_id` says. A button carries the whole
 * question (which one, its text, the page) and, on a private answer, who asked; the bot keeps no
 * state for it, so buttons keep working after a restart and a reload.
 *
 *   1p|figures|2|<asker or ->|birmingham    a page (f, p, n after the p tell first/previous/next apart)
 *   1s|figures|2|<asker>|birmingham         share this page of a private answer in the channel
 *   1a|cuts|1|<asker or ->|Birmingham       answer this did-you-mean suggestion
 *   1lp|remind-list|2|<asker>|              a page of a listing that is not an answer (/remind list)
 *   1m|consultations|1|-|<consultation key>  Remind me: direct messages before it closes
 */

/** Discord's limits: a custom_id of 100 characters, a label of 80, 5 buttons a row, 5 rows. */
const MAX_CUSTOM_ID = 100;
const MAX_LABEL = 80;
const PER_ROW = 5;
const MAX_ROWS = 5;
const MAX_SUGGESTIONS = 10;
const VERSION = '1';

export type ButtonKind = 'page' | 'share' | 'ask' | 'list' | 'remind';
const CODES: Record<ButtonKind, string> = { page: 'p', share: 's', ask: 'a', list: 'l', remind: 'm' };

export interface ButtonAction {
  kind: ButtonKind;
  question: string;
  page: number;
  /** The member who asked a private answer; null on public answers, where anyone may press. */
  owner: string | null;
  /** The question's text; undefined for an optional one left out. */
  input: string | undefined;
}

/** What the router knows of the question behind an answer, to build its buttons. */
export interface AskedQuestion {
  name: string;
  input: string | undefined;
}

function encode(a: ButtonAction, role = ''): string | null {
  const id = `${VERSION}${CODES[a.kind]}${role}|${a.question}|${a.page}|${a.owner ?? '-'}|${a.input ?? ''}`;
  return id.length <= MAX_CUSTOM_ID ? id : null;
}

/** The action of a custom_id, or null for one this version of the bot did not make. */
export function decodeButton(customId: string): ButtonAction | null {
  const m = /^1([psalm])[fpn]?\|([a-z-]{1,32})\|(\d{1,4})\|(-|\d{17,20})\|(.*)$/s.exec(customId);
  if (!m) return null;
  const kind = (Object.keys(CODES) as ButtonKind[]).find((k) => CODES[k] === m[1])!;
  return { kind, question: m[2]!, page: Number(m[3]), owner: m[4] === '-' ? null : m[4]!, input: m[5] === '' ? undefined : m[5] };
}

export type Row = APIActionRowComponent<APIButtonComponentWithCustomId>;

const button = (customId: string, label: string, style: ButtonStyle.Primary | ButtonStyle.Secondary, disabled = false): APIButtonComponentWithCustomId => ({
  type: ComponentType.Button,
  custom_id: customId,
  label: clip(label, MAX_LABEL),
  style,
  ...(disabled ? { disabled: true } : {}),
});

/**
 * The rows under an answer: the pager (and "Share in channel" on a private answer), then one
 * button per did-you-mean suggestion. A question whose text is too long for a custom_id gets no
 * buttons; its answer still reads whole on its first page.
 */
export function answerButtons(answer: Answer, asked: AskedQuestion, opts: { owner: string | null; share: boolean }): Row[] {
  const rows: Row[] = [];
  const base = { question: asked.name, owner: opts.owner, input: asked.input };
  const page = answer.page?.number ?? 1;
  const top = answer.page ? pager({ ...base, kind: 'page' }, answer.page.number, answer.page.count) : [];
  if (opts.share && opts.owner && answer.kind !== 'not-found') {
    const share = encode({ ...base, kind: 'share', page });
    if (share) top.push(button(share, 'Share in channel', ButtonStyle.Primary));
  }
  if (top.length > 0) rows.push({ type: ComponentType.ActionRow, components: top });
  const asks: APIButtonComponentWithCustomId[] = [];
  for (const s of new Set(answer.suggestions.slice(0, MAX_SUGGESTIONS))) {
    const id = encode({ ...base, kind: 'ask', page: 1, input: s });
    if (id) asks.push(button(id, s, ButtonStyle.Secondary));
  }
  for (let i = 0; i < asks.length; i += PER_ROW) rows.push({ type: ComponentType.ActionRow, components: asks.slice(i, i + PER_ROW) });
  const reminds: APIButtonComponentWithCustomId[] = [];
  for (const line of answer.sections.flatMap((s) => s.lines)) {
    const b = line.consultationKey ? remindMeButton(line.consultationKey, line.text.split(': closes ')[0] ?? line.text) : null;
    if (b && !reminds.some((x) => x.custom_id === b.custom_id)) reminds.push(b);
  }
  // Discord takes 5 rows; a page of /consultations lists at most 8, so two rows of Remind me fit under the pager.
  for (let i = 0; i < reminds.length && rows.length < MAX_ROWS; i += PER_ROW) rows.push({ type: ComponentType.ActionRow, components: reminds.slice(i, i + PER_ROW) });
  return rows;
}

/** First, previous and next for page `number` of `count`; none for a single page or an id too long. */
function pager(base: Omit<ButtonAction, 'page'>, number: number, count: number): APIButtonComponentWithCustomId[] {
  if (count <= 1) return [];
  const first = encode({ ...base, page: 1 }, 'f');
  const previous = encode({ ...base, page: Math.max(1, number - 1) }, 'p');
  const next = encode({ ...base, page: Math.min(count, number + 1) }, 'n');
  if (!first || !previous || !next) return [];
  return [
    button(first, '« First', ButtonStyle.Secondary, number === 1),
    button(previous, '‹ Previous', ButtonStyle.Secondary, number === 1),
    button(next, 'Next ›', ButtonStyle.Secondary, number >= count),
  ];
}

/** The pager of a plain-text listing (e.g. /remind list), named by `listing`. */
export function listingButtons(listing: string, number: number, count: number, owner: string | null): Row[] {
  const row = pager({ kind: 'list', question: listing, owner, input: undefined }, number, count);
  return row.length > 0 ? [{ type: ComponentType.ActionRow, components: row }] : [];
}

/** "Remind me" for one consultation: on /consultations and /cuts lines and on consultation reminder posts. */
export function remindMeButton(consultationKey: string, title: string): APIButtonComponentWithCustomId | null {
  const id = encode({ kind: 'remind', question: 'consultations', page: 1, owner: null, input: consultationKey });
  return id ? button(id, `Remind me: ${title}`, ButtonStyle.Primary) : null;
}
