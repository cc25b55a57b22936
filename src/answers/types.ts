/**
 * What every answer function returns: platform-neutral, so the CLI prints it as text and the
 * Discord edge renders it as embeds. Every line a member reads carries its citation.
 */

export interface Citation {
  articleId: string;
  title: string;
  /** Body paragraph, counted from 1; null when the whole article is meant. */
  paragraph: number | null;
  /** Set when the cited text runs on to a later paragraph (a multi-paragraph quote). */
  lastParagraph?: number;
  url: string | null;
  publisher: string | null;
}

export interface AnswerLine {
  text: string;
  /** Null only on lines that state no fact (help text). */
  citation: Citation | null;
  /** Set on quote lines: who said it, as the article gives it (null when the article does not make it clear). */
  speaker?: string | null;
  role?: string | null;
  /** Set on quote lines: who said it, as shown to members ("Jo Bell, Unite rep", "a paper to the cabinet", "speaker not clear in the article"). */
  saidBy?: string;
  /** Set on a line about an open consultation: its key, for a "Remind me" button. */
  consultationKey?: string;
}

export interface AnswerSection {
  heading: string;
  lines: AnswerLine[];
  /** Lines left out for length, and the command that shows them all. */
  more?: { count: number; hint: string };
}

export type AnswerKind = 'cuts' | 'quotes' | 'figures' | 'search' | 'sources' | 'consultations' | 'help' | 'not-found';

export interface Answer {
  kind: AnswerKind;
  title: string;
  /** One or two plain sentences; may be empty. */
  summary: string;
  sections: AnswerSection[];
  /** "Did you mean" choices when the query did not resolve to one place, speaker or topic. */
  suggestions: string[];
  /** Articles the answer draws on, each once (paragraph null). */
  sources: Citation[];
  /** Set on one page of a long answer (see pages.ts). */
  page?: { number: number; count: number; pastEnd?: boolean };
}

/** Discord's limits for autocomplete: at most 25 choices, each name and value 1–100 characters. */
export const CHOICE_LIMITS = { count: 25, length: 100 } as const;

/** An autocomplete choice: `name` is shown, `value` is submitted (both within CHOICE_LIMITS.length). */
export interface Choice {
  name: string;
  value: string;
}
