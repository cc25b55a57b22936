import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { autocompletePlaces, autocompleteSpeakersOrTopics } from './autocomplete.js';
import { consultationsAnswer } from './consultations.js';
import { cutsAnswer } from './cuts.js';
import { figuresAnswer } from './figures.js';
import { commandListAnswer } from './help.js';
import { quoteAnswer } from './quotes.js';
import { searchAnswer } from './search.js';
import { sourcesAnswer } from './sources.js';
import { paginate } from './pages.js';
import type { Answer, AnswerKind, Choice } from './types.js';

/**
 * Every question the bot answers, once. /help, the CLI's `ask` and usage, the Discord slash
 * commands and the colour and "try …" hint of each rendered answer are all read from here, so a new
 * question is one entry plus its answer function.
 */

/** The one text a question takes (a place, a speaker, some words), as both edges ask for it. */
export interface QuestionOption {
  /** The Discord option name. */
  name: string;
  /** What the member calls it in messages: "place name", "search". */
  label: string;
  /** What Discord shows under the option. */
  description: string;
  max: number;
  required: boolean;
  suggest?: (kb: KnowledgeBase, typed: string) => Choice[];
}

export interface Question {
  name: string;
  /** Other names the CLI accepts. */
  aliases?: readonly string[];
  usage: string;
  /** For /help. */
  what: string;
  /** For Discord's command list (≤ 100 characters). */
  description: string;
  option: QuestionOption | null;
  kind: AnswerKind;
  colour: number;
  /** Where to send someone whose answer was cut and whose section did not say. */
  hint: string;
  /** Answers that read many articles: acknowledged at once on Discord, and `cooldownMs` apart per member. */
  slow?: boolean;
  cooldownMs?: number;
  /** Lines per page, for answers that page (with first/previous/next buttons on Discord, --page in the CLI). */
  perPage?: number;
  /** The whole answer; `answerQuestion` cuts it to a page. */
  answer(kb: KnowledgeBase, input: string | undefined, now?: Date): Answer;
}

const PLACE_MAX = 100;

const place = (description: string, required: boolean): QuestionOption => ({
  name: 'place',
  label: 'place name',
  description,
  max: PLACE_MAX,
  required,
  suggest: autocompletePlaces,
});

export const QUESTIONS: readonly Question[] = [
  {
    name: 'cuts',
    usage: '/cuts <place>',
    what: 'what is being cut there, the key figures and quotes, with sources (e.g. /cuts birmingham, /cuts ebbw vale)',
    description: 'What is being cut in a council area, with key figures and quotes, each cited',
    option: place('Council area or town, e.g. Birmingham or Ebbw Vale', true),
    kind: 'cuts',
    colour: 0xc0392b,
    hint: 'try /figures or /quote for the same place',
    slow: true,
    cooldownMs: 10_000,
    answer: (kb, input, now) => cutsAnswer(kb, { place: input ?? '', ...(now ? { now } : {}) }),
  },
  {
    name: 'quote',
    aliases: ['quotes'],
    usage: '/quote <speaker or topic>',
    what: 'who said what (e.g. /quote hamilton, /quote enablement)',
    description: 'Who said what: quotes by a speaker or about a topic, each cited',
    option: {
      name: 'speaker-or-topic',
      label: 'speaker or topic',
      description: 'A name (e.g. Hamilton) or a topic (e.g. enablement)',
      max: 100,
      required: true,
      suggest: autocompleteSpeakersOrTopics,
    },
    kind: 'quotes',
    colour: 0x8e44ad,
    hint: 'try /quote with a fuller name or topic',
    slow: true,
    perPage: 6,
    answer: (kb, input) => quoteAnswer(kb, { query: input ?? '' }),
  },
  {
    name: 'figures',
    usage: '/figures <place>',
    what: 'every job, £ and per cent figure for a place',
    description: 'Every job, £ and per cent figure reported for a council area, each cited',
    option: place('Council area or town, e.g. Birmingham', true),
    kind: 'figures',
    colour: 0x2471a3,
    hint: 'try /search with the figure you are after',
    slow: true,
    perPage: 12,
    answer: (kb, input) => figuresAnswer(kb, { place: input ?? '' }),
  },
  {
    name: 'search',
    usage: '/search <words>',
    what: 'free-text search over every article',
    description: 'Search every article for words, e.g. "enablement redundancies"',
    option: { name: 'query', label: 'search', description: 'Words to look for', max: 200, required: true },
    kind: 'search',
    colour: 0x117a65,
    hint: 'try /search with more words',
    slow: true,
    cooldownMs: 10_000,
    perPage: 8,
    answer: (kb, input) => searchAnswer(kb, { query: input ?? '' }),
  },
  {
    name: 'sources',
    usage: '/sources [place]',
    what: 'the articles the answers come from',
    description: 'The articles the answers come from, for one place or all',
    option: place('Only articles about this council area or town', false),
    kind: 'sources',
    colour: 0x5d6d7e,
    hint: 'try /sources with a place',
    perPage: 15,
    answer: (kb, input) => sourcesAnswer(kb, input === undefined ? {} : { place: input }),
  },
  {
    name: 'consultations',
    usage: '/consultations [place]',
    what: 'consultations still open, soonest first',
    description: 'Council consultations still open, soonest closing first',
    option: place('Only consultations for this council area or town', false),
    kind: 'consultations',
    colour: 0xd68910,
    hint: 'try /consultations with a place',
    perPage: 8,
    answer: (kb, input, now) => consultationsAnswer(kb, { ...(input === undefined ? {} : { place: input }), ...(now ? { now } : {}) }),
  },
  {
    name: 'help',
    usage: '/help',
    what: 'this list',
    description: 'What cutsbot can answer, with an example of each command',
    option: null,
    kind: 'help',
    colour: 0x5d6d7e,
    hint: 'try /help',
    answer: () => helpAnswer(),
  },
];

/** The commands that are not questions, for /help only (their own files build them). */
const OTHER_COMMANDS = [
  { usage: '/remind …', what: 'organisers: reminders for consultations, meetings and protests (/remind list shows them to everyone)' },
  { usage: '/follow …', what: 'organisers: post each new article and consultation about a place in a channel' },
  { usage: '/kb …', what: 'moderators: status, reload, upload, preview and remove knowledge files' },
];

/** Every command with one example each, in /help's order; the CLI and Discord share it. */
export const HELP: readonly { usage: string; what: string }[] = [
  ...QUESTIONS.filter((q) => q.name !== 'help').map((q) => ({ usage: q.usage, what: q.what })),
  ...OTHER_COMMANDS,
];

/** `/help`: every command with an example. */
export function helpAnswer(): Answer {
  return commandListAnswer(HELP);
}

/** The answer a member gets: page `page` (from 1) of a question that pages, else the whole answer. */
export function answerQuestion(q: Question, kb: KnowledgeBase, input: string | undefined, opts: { page?: number; now?: Date } = {}): Answer {
  const full = q.answer(kb, input, opts.now);
  return q.perPage ? paginate(full, opts.page ?? 1, q.perPage) : full;
}

/** A question by its name or alias, as typed ("/Quotes" → quote). */
export function findQuestion(name: string): Question | undefined {
  const n = name.toLowerCase();
  return QUESTIONS.find((q) => q.name === n || q.aliases?.includes(n));
}

const NOT_FOUND = { colour: 0x7f8c8d, hint: 'try /sources to see what the bot knows' };

/** Colour and default hint of an answer, by its kind. */
export function styleOf(kind: AnswerKind): { colour: number; hint: string } {
  return QUESTIONS.find((q) => q.kind === kind) ?? NOT_FOUND;
}
