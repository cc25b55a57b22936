/**
 * Attributing a double-quoted quote: the lead-in before it, the clause after it, the quote before it in
 * the same paragraph, or the paragraph before it.
 */
import type { Paragraph, Quote, QuoteKind } from '../schema.js';
import { leadSubject, namedAs, PASSIVE_LEAD, parseAttribution, parseBareAttribution, passiveSpeech, relativeSubject, verbSubject } from './attribution.js';
import type { Unit } from './spans.js';
import { soleNameIn, unsure } from './evidence.js';
import { findNarrativeNames } from './narrative-names.js';
import { roleOf } from './roles.js';
import { parseSubject, type Subject } from './subject.js';
import { dropSentenceStop, HEARD, isHeading, splitSentences } from './text.js';
import { MAX_PARTIAL_LEAD, nestedSpeech, partialLeadSubject, sentenceTrailing } from './partial-leads.js';
import { firstVerb, INVERTED_VERB, lastVerb, PARTICIPLE_CLAUSE, SPEECH_NOUN, startsWithVerb } from './verbs.js';
import { allMatches } from './matches.js';

export type Source =
  | { type: 'subject'; subject: Subject | null }
  /** The same speaker as an earlier quote (an index into the quotes found so far). */
  | { type: 'inherit'; from: number }
  /** Nobody named; `reason` says why when it is not simply that the article names nobody. */
  | { type: 'none'; reason?: string };

export interface Found {
  quote: Pick<Quote, 'text' | 'paragraphs' | 'kind'>;
  source: Source;
  /** Where the attribution stands, to resolve pronouns against the people mentioned before it. */
  at: number;
  order: number;
}

// One number that orders positions across paragraphs (a paragraph is far shorter than 1e9 characters).
export const POS = (p: number, offset: number) => p * 1e9 + offset;

/** What attributing one quote needs to know about the quotes before it (kept as maps so long articles stay linear). */
export interface UnitContext {
  paragraphs: Paragraph[];
  masked: string[];
  unitFound: Map<Unit, number>;
  /** The last closed quote so far that ends in each paragraph. */
  lastClosedIn: Map<number, Unit>;
  /** The last attributed quote so far that ends in each paragraph. */
  lastFoundIn: Map<number, Unit>;
  /** Paragraphs holding any quoted text. */
  quoted: Set<number>;
  /** Each partial quote found so far, by its unit: a second phrase of the same clause is the same source's. */
  partialFound: Map<Unit, Found>;
}

export function attributeUnit(unit: Unit, { paragraphs, masked, unitFound, lastClosedIn, lastFoundIn, quoted, partialFound }: UnitContext): Found | null {
  const firstPart = unit.parts[0]!;
  const lastPart = unit.parts.at(-1)!;
  const text = masked[firstPart.p]!;
  const lastText = masked[lastPart.p]!;
  const quoteText = unit.pieces.map((p) => p.trim()).join(' ').replace(/\s+/g, ' ').replace(/\s*,$/, '').trim();
  if (quoteText === '') return null;
  const paragraphsOf = [...new Set(unit.parts.map((p) => paragraphs[p.p]!.n))];
  const order = POS(firstPart.p, unit.open);

  // The lead-in: narrative in the same sentence before the opening mark.
  const before = lastClosedIn.get(firstPart.p);
  const from = before ? before.close + 1 : 0;
  let leadStart = from;
  for (const m of allMatches(/[.!?][”’")]*\s+/g, text.slice(from, unit.open))) leadStart = from + m.index + m[0].length;
  const lead = text.slice(leadStart, unit.open).trim();
  const partial = lead !== '' && !/[:,]$/.test(lead) && unit.parts.length === 1 && unit.close >= 0;

  // The trailing attribution: ", he said." straight after the closing mark.
  let trailing: { subject: Subject; at: number } | null = null;
  let trailingClause = unit.interruption ?? '';
  if (unit.interruption) trailing = wrap(parseAttribution(unit.interruption), 0);
  if (!trailing && unit.close >= 0) {
    const after = lastText.slice(unit.close + 1);
    // A full stop after an initial or a title ("said John F. Smith", "said Coun. Jo Bell") does not end the clause.
    const end = after.search(CLAUSE_END);
    const clause = after.slice(0, end);
    if (!trailing) trailingClause = clause;
    const last = unit.pieces.at(-1)!.trim();
    // “…,” he said. — or, in looser copy, “We are angry” said Marsh, or “We are angry.” she said.
    const inverted = INVERTED_VERB.exec(clause.trimStart());
    if (/[,?!—–-]$/.test(last) || /^\s*,/.test(clause) || startsWithVerb(clause) || /^\s+\p{Ll}/u.test(clause)) {
      trailing = wrap(parseAttribution(clause), unit.close + 1);
    } else if (inverted && clause.length < 80) {
      // “…” Added Cllr Hamilton: “…” — the speaker going on is the one who spoke before.
      trailing = wrap(parseSubject(clause.trimStart().slice(inverted[0].length).replace(/[:,]\s*$/, '')), unit.close + 1);
    } else if (/[.]$/.test(last) && /^[.!?]?\s*$/.test(after.slice(end, end + 2))) {
      // “We are angry.” Jo Marsh said. — only a bare "Name said" closing the sentence.
      trailing = wrap(parseBareAttribution(clause), unit.close + 1);
    }
  }

  // A crosshead that is only quoted words (“Urgent request”): a partial quote nobody is named for, not speech going on.
  const alone = unit.parts.length === 1 && unit.open === 0 && unit.close === lastText.length - 1;
  if (alone && isHeading(paragraphs[firstPart.p]!.text) && !/[.!?…]$/.test(quoteText) && quoteText.split(' ').length <= MAX_CROSSHEAD_WORDS) {
    return { quote: { text: quoteText, paragraphs: paragraphsOf, kind: 'partial' }, order, source: { type: 'none' }, at: order };
  }
  const subject = lead === '' ? null : partial ? partialLeadSubject(text, unit.open, lead, from) : (leadSubject(lead) ?? participleAfterQuote(text, lead, before, unit.open));
  const kind: QuoteKind = partial ? 'partial' : 'direct';
  const base = { quote: { text: partial ? dropSentenceStop(quoteText) : quoteText, paragraphs: paragraphsOf, kind }, order };

  // "shouted down with calls of “shame on you” and “…”", "protesters chanting “…”": a crowd's words, nobody's in particular.
  if (partial && CROWD_CALLS.test(text.slice(Math.max(0, unit.open - MAX_CROWD_LEAD), unit.open))) {
    return { ...base, source: { type: 'none', reason: 'the words are a crowd’s, not one person’s' }, at: order };
  }
  // Resolved after everyone the lead names before the quote: "Jo Bell met Tom Hale and he said:" may be either.
  if (subject) return { ...base, source: { type: 'subject', subject: soleNameIn(subject, lead) }, at: POS(firstPart.p, unit.open) };
  if (trailing) return { ...base, source: { type: 'subject', subject: soleNameIn(trailing.subject, trailingClause) }, at: POS(lastPart.p, trailing.at) };
  const cited = partial ? sentenceTrailing(text, leadStart, unit.close) : null;
  if (cited) return { ...base, source: { type: 'subject', subject: soleNameIn(cited.subject, cited.clause) }, at: POS(lastPart.p, cited.at) };
  // Quoted words in a headline, or put to a meeting ("Cabinet heard … “…”"): a partial quote nobody is named for.
  if (partial && (isHeading(paragraphs[firstPart.p]!.text) || HEARD.test(lead))) return { ...base, source: { type: 'none' }, at: order };
  // "Jo Bell said Tom Hale had called the plans “reckless”": speech, but whose word it is a reader cannot tell.
  if (partial && namedAs(lead)) return { ...base, source: { type: 'none', reason: 'the sentence does not say who used the words' }, at: order };
  if (partial && passiveSpeech(lead.slice(-PASSIVE_LEAD))) return { ...base, source: { type: 'none', reason: 'the sentence does not say who used the words' }, at: order };
  if (partial && lead !== '' && nestedSpeech(lead)) {
    return { ...base, source: { type: 'none', reason: 'the sentence reports one person quoting another' }, at: order };
  }
  // "Judges rejected claims by campaigners that the closure was “unlawful”": a verb of speech whose subject the
  // rules cannot read presents the words as someone's, but names nobody.
  const near = lead.slice(-MAX_PARTIAL_LEAD);
  if (partial && (lastVerb(near) || SPEECH_NOUN.test(near) || PARTICIPLE_CLAUSE.test(near))) return { ...base, source: { type: 'none', reason: 'the sentence does not say who used the words' }, at: order };
  // "say they have considered “all possible options” before coming to the “very difficult conclusion”", "saying it looks
  // “untidy” and “messy”": a second phrase in the clause of the partial quote before it is the same source's.
  const first = before ? partialFound.get(before) : undefined;
  if (partial && first && sameClause(lead)) return { ...base, source: first.source, at: first.at };
  if (partial) return null; // quotation marks mid-sentence with nobody speaking: a scare quote or a title

  if (lead === '') {
    // A second quote in the same paragraph after an attributed one: “…,” said Jo Bell. “…”
    if (before && unitFound.has(before)) {
      return { ...base, source: { type: 'inherit', from: unitFound.get(before)! }, at: order };
    }
    // Paragraphs are trimmed: a quote alone in its paragraph opens and closes it.
    const alone = unit.open === 0 && (unit.close < 0 || unit.close === lastText.length - 1);
    const prevPi = previousText(paragraphs, firstPart.p);
    if (alone && prevPi >= 0) {
      // A paragraph that is only a quote, straight after a quote: the same speaker goes on.
      const prevUnit = lastFoundIn.get(prevPi);
      if (prevUnit) return { ...base, source: { type: 'inherit', from: unitFound.get(prevUnit)! }, at: order };
      // "A GMB spokeswoman says:" closing the paragraph before, or "Jo Bell said this week the …".
      if (!quoted.has(prevPi)) {
        const found = narrativeSpeaker(masked[prevPi]!);
        if (found) return { ...base, source: { type: 'subject', subject: found.subject }, at: POS(prevPi, found.at) };
      }
    }
  }
  return { ...base, source: { type: 'none' }, at: order };
}

const MAX_CROWD_LEAD = 160;
// Between two quoted phrases of one clause: "and", or a few lowercase words ("before coming to the") with no comma but
// one going on to an infinitive ("…” to the carnival, to instead be “…”"); no name, pronoun, conjunction or "that",
// which open a clause of someone else's or the reporter's ("…” but Tom Hale welcomed the “…”", "…”, leading to fears that").
const MAX_SAME_CLAUSE = 80;
const NEW_CLAUSE_WORD = /(?:^|\s)(?:and|but|or|while|whereas|which|who|whose|as|although|though|so|yet|when|because|that|he|she|they|it|we)(?:\s|$)/i;

function sameClause(lead: string): boolean {
  const words = lead.trim();
  if (/^(?:and|or)$/.test(words)) return true;
  if (words.length > MAX_SAME_CLAUSE || /[;:\p{Lu}]/u.test(words) || NEW_CLAUSE_WORD.test(words)) return false;
  return !/,(?!\s*to\s)/.test(words);
}
// A crosshead is a few words; a longer quoted paragraph without a full stop is speech that lost its stop.
const MAX_CROSSHEAD_WORDS = 8;
const CROWD_CALLS =
  /(?:(?:calls|cries|chants|shouts|cheers|jeers|heckles|boos|chorus)\s+of|chanting|shouting|singing)\s+(?:[“"]•*[”"]\s*,?\s*(?:and|or)\s+)*$/;
const CLAUSE_END = /(?<!(?:^|\s)(?:\p{Lu}|Mr|Mrs|Ms|Dr|Cllr|Clr|Coun|Prof|Rev|Revd|St))\.|[!?“"]|$/u;
const PARTICIPLE_LEAD = /^,\s*(?:saying|adding|warning|insisting|arguing|explaining|claiming|stressing)\s*:$/;

/**
 * "He criticised the “zero notice”, adding: “…”": the participle after a quoted phrase hands over to the subject
 * of the sentence the phrase stands in, read from the sentence's start (the earlier quote is masked).
 */
function participleAfterQuote(text: string, lead: string, before: Unit | undefined, open: number): Subject | null {
  if (!before || !PARTICIPLE_LEAD.test(lead)) return null;
  const windowStart = Math.max(0, before.open - MAX_PARTIAL_LEAD);
  const window = text.slice(windowStart, before.open);
  let start = 0;
  for (const m of allMatches(/[.!?][”’")]*\s+/g, window)) start = m.index + m[0].length;
  // Only when the sentence began within the window: otherwise its subject is out of view.
  if (start === 0 && windowStart > 0) return null;
  const sentenceLead = text.slice(windowStart + start, open).trim();
  return sentenceLead.startsWith('•') ? null : leadSubject(sentenceLead);
}

function wrap(subject: Subject | null, at: number): { subject: Subject; at: number } | null {
  return subject ? { subject, at } : null;
}

/**
 * The speaker a narrative paragraph hands a quote paragraph to: its last sentence ends "X says:", or
 * opens with a person, a pronoun or an unnamed speaker and a verb of speech ("Jo Bell said this week …").
 */
function narrativeSpeaker(text: string): { subject: Subject; at: number } | null {
  const sentence = splitSentences(text).at(-1);
  if (!sentence) return null;
  if (/:\s*$/.test(sentence.text)) {
    const subject = soleNameIn(verbSubject(sentence.text) ?? relativeSubject(sentence.text), sentence.text);
    return subject ? { subject, at: sentence.start } : null;
  }
  const verb = firstVerb(sentence.text);
  const subject = verb ? parseSubject(sentence.text.slice(0, verb.index)) : null;
  if (!subject || subject.type === 'document' || subject.type === 'org') return null;
  // "Tom Hale said the plans were needed but Sarah Jones disagreed.": the quote after could be either's.
  const own = subject.type === 'person' ? subject.name : null;
  if (findNarrativeNames(sentence.text.slice(verb!.index), roleOf).some((n) => n.name !== own)) return null;
  // Named in the paragraph before with no colon handing over: likely the speaker, but not said to be.
  return { subject: unsure(subject, 'the speaker is named in the paragraph before, with nothing handing over to the quote'), at: sentence.start };
}

function previousText(paragraphs: Paragraph[], pi: number): number {
  for (let i = pi - 1; i >= 0; i--) if (!paragraphs[i]!.caption) return i;
  return -1;
}
