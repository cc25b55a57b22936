import type { Article, Consultation, Figure, Quote } from './schema.js';
import type { PlaceIndex } from './places.js';
import type { Problem } from './problems.js';
import type { SpeakerIndex } from './speakers.js';
import type { TermIndex } from './term-index.js';
import type { Nation, UkCouncil } from './uk-gazetteer.js';

/** A quote or figure together with the article it came from. */
export type CitedQuote = Quote & { articleId: string };
export type CitedFigure = Figure & { articleId: string };

/** A consultation from an article's front matter, with a stable key for reminders to refer to. */
export interface ConsultationEntry extends Consultation {
  /** `<article id>/<n>` where n counts the article's consultations from 1. */
  key: string;
  articleId: string;
}

/** A place people ask about: a council area, with the towns inside it and its aliases. */
export interface PlaceEntry {
  /** Canonical name, e.g. "Birmingham". */
  name: string;
  council: string;
  towns: string[];
  aliases: string[];
  /** Articles about this council area (by their `council` or `places`). */
  articleIds: string[];
  /** Articles that only name the place in their text. */
  mentionedIn: string[];
  /** What the national gazetteer knows of it: a council (with who runs its adult social care), or a region or nation. */
  area?: PlaceArea;
}

export type PlaceArea =
  | { kind: 'council'; council: UkCouncil }
  /** `members`: the council areas in it, those with articles first (see `national-places.ts`). */
  | { kind: 'region' | 'nation'; nation: Nation; members: PlaceEntry[] };

/** Everything the answers need, built once per load and then only read. */
export interface KnowledgeBase {
  articles: Article[];
  byId: ReadonlyMap<string, Article>;
  quotes: CitedQuote[];
  figures: CitedFigure[];
  consultations: ConsultationEntry[];
  places: PlaceEntry[];
  /** Each article's quotes, figures and consultations, so an answer about a place never scans them all. */
  byArticle: ReadonlyMap<string, { quotes: CitedQuote[]; figures: CitedFigure[]; consultations: ConsultationEntry[] }>;
  index: {
    places: PlaceIndex;
    speakers: SpeakerIndex;
    /**
     * Over every body paragraph; documents are numbered as in `paragraphRefs` (which, after an update, also holds the dead documents of removed articles).
     * An update appends to the list it was given when nothing else did (`update.ts`), so an older snapshot's list may run past its own documents: read it by a hit's number only.
     */
    paragraphs: TermIndex;
    paragraphRefs: { articleId: string; n: number }[];
    /** Over quote text plus speaker and role; documents are numbered as in `quoteDocs` (`quotes` itself after a fresh build). */
    quotes: TermIndex;
    quoteDocs: CitedQuote[];
  };
  /** Found while extracting: moderator corrections that no longer match their paragraph (the article is still served). */
  problems: Problem[];
  loadedAt: Date;
}
