/**
 * Attribution: finding the words that say who spoke, around a quote or in a sentence of reported speech,
 * and parsing their subject. Every search here is bounded by the sentence or by `MAX_CLAUSE_CHARS`.
 */
import { isNameToken, titleOf } from './names.js';
import { findNarrativeNames } from './narrative-names.js';
import { roleOf } from './roles.js';
import { MAX_SUBJECT_CHARS, parseSubject, type Subject } from './subject.js';
import { firstVerb, INVERTED_VERB, lastVerb, PARTICIPLE, startsWithVerb } from './verbs.js';
import { ROLE_NOUNS } from './words.js';
import { trailingSource } from './reported.js';
import { colonSubject, quotedAsSaying, reportsSubject, textReads } from './handover-leads.js';
import { allMatches } from './matches.js';

// An attribution after a quote is a short clause (", said Tom Barr, chair of the care association").
const MAX_CLAUSE_WORDS = 16;
const MAX_CLAUSE_CHARS = 300;

const TRAILING_RELATIVE = /,\s*(?:who|whose|which)\s/;

/** ", he said", "said Tom Barr, chair of…", "a Unison spokeswoman said", "Okoro told the BBC", ", according to a report". */
export function parseAttribution(clause: string): Subject | null {
  if (clause.length > MAX_CLAUSE_CHARS) return null;
  let text = clause.replace(/^[\s,]+/, '').replace(/[\s,.;:!?]+$/, '');
  const verb = firstVerb(text);
  if (!verb) return null;
  // "said one parent from Redgrave, whose children would be …": a relative clause after the speaker describes them.
  if (verb.index === 0) {
    const relative = TRAILING_RELATIVE.exec(text);
    if (relative) text = text.slice(0, relative.index);
  }
  if (text === '' || text.split(/\s+/).length > MAX_CLAUSE_WORDS) return null;
  // "… in the face of budget cuts, says a Kirklees officer": a verb straight after a comma names its subject after it.
  const inverted = verb.index === 0 || /,\s*$/.test(text.slice(0, verb.index));
  const subjectText = inverted ? text.slice(verb.index + verb.text.length) : text.slice(0, verb.index);
  return parseSubject(subjectText);
}

/** "Tom Barr said" ending a clause, with nothing after the verb: an attribution even after a full stop. */
export function parseBareAttribution(clause: string): Subject | null {
  const text = clause.trim();
  if (text.length > MAX_CLAUSE_CHARS) return null;
  const verb = lastVerb(text);
  if (!verb || verb.index === 0 || text.slice(verb.index + verb.text.length).trim() !== '') return null;
  return parseSubject(text.slice(0, verb.index));
}

/**
 * The speaker named in the narrative before a quote, in the same sentence: "Jo Bell said:", "In a
 * statement, she said:", "According to a report to the cabinet,", "X defended the decision, saying:".
 */
export function leadSubject(lead: string): Subject | null {
  const according = /^According to\s+(.+?)\s*,?\s*$/.exec(lead);
  if (according && according[1]!.length <= MAX_CLAUSE_CHARS) return parseSubject(according[1]!);
  const inverted = INVERTED_VERB.exec(lead);
  if (inverted && lead.length <= MAX_CLAUSE_CHARS) {
    const subject = parseSubject(lead.slice(inverted[0].length).replace(/[:,]\s*$/, ''));
    if (subject) return subject;
  }
  return verbSubject(lead) ?? participleSubject(lead) ?? relativeSubject(lead) ?? reportsSubject(lead) ?? quotedAsSaying(lead) ?? textReads(lead) ?? colonSubject(lead);
}

/** The subject before the last verb of speech, or else the first ("X told the meeting said the cuts were:"). */
export function verbSubject(text: string): Subject | null {
  const last = lastVerb(text);
  if (!last) return null;
  // "She was asked by X whether …, and replied:": a verb of speech joined by "and" with no subject of its own
  // is the sentence subject's.
  const opening = CONJOINED_END.test(text.slice(0, last.index)) ? openingSubject(text.slice(0, last.index)) : null;
  if (opening) return opening;
  const subject = parseSubject(text.slice(0, last.index)) ?? relativeAntecedent(text.slice(0, last.index));
  if (subject) return subject;
  const first = firstVerb(text);
  if (!first || first.index >= last.index) return null;
  // "Jo Bell said Tom Hale had told her:" or "said residents had told her:": the last verb has a subject of
  // its own between the two, whose words these may be; only "X told the meeting said:" falls back to X.
  const between = text.slice(first.index + first.text.length, last.index);
  if (OWN_SUBJECT.test(between)) return null;
  return parseSubject(text.slice(0, first.index));
}

const CONJOINED_END = /(?:^|[\s,])(?:and|but)\s*$/;

/** The subject opening a sentence: a pronoun, or a name that stands first and is followed by its verb. */
function openingSubject(text: string): Subject | null {
  if (text.length > MAX_SUBJECT_CHARS) return null;
  const pronoun = /^(he|she|they)\s/i.exec(text);
  if (pronoun) return parseSubject(pronoun[1]!);
  const name = findNarrativeNames(text, roleOf)[0];
  if (!name || name.offset !== 0) return openingBody(text);
  const lastWord = name.name.split(' ').at(-1)!;
  const subject = parseSubject(text.slice(0, text.indexOf(lastWord) + lastWord.length));
  return subject?.type === 'person' ? subject : null;
}

// "The Independent Alliance argue …", "Unison has balloted …": a capitalised run (after "The") and then a lowercase word.
const OPENING_BODY = /^((?:The\s+)?\p{Lu}[\p{L}’'-]*(?:\s+(?:of|for|the|and|\p{Lu}[\p{L}’'-]*)){0,5}?)\s+\p{Ll}/u;

/** A body opening the sentence, when no one else is named in it ("Unison met Jo Bell … and says" may be either). */
function openingBody(text: string): Subject | null {
  const m = OPENING_BODY.exec(text);
  const subject = m ? parseSubject(m[1]!) : null;
  if (subject?.type !== 'org' && subject?.type !== 'document') return null;
  return findNarrativeNames(text.slice(m![0].length - 1), roleOf).length === 0 ? subject : null;
}

// Between two verbs of speech: a name, an auxiliary closing a clause ("residents had"), a comma or "that".
const OWN_SUBJECT = /\p{Lu}[\p{L}’'-]*\p{Ll}\s+\p{Lu}[\p{L}’'-]*\p{Ll}|\b(?:had|has|have|was|were|is|are|would|will)\s*$|,|\bthat\b/u;

// "…Kier Starmer in recent weeks, who" or "…the Department of the Environment, which" before a verb of speech.
const RELATIVE_END = /,\s*(who|which)\s*$/;
const BODY_BEFORE_WHICH = /((?:(?:the|their|its)\s+)?\p{Lu}[\p{L}’'-]*(?:\s+(?:\p{Lu}[\p{L}’'-]*|of|for|and|the))*|(?:the|their|its)\s+\p{Ll}+)$/u;

/**
 * Who a relative pronoun before the verb stands for: ", who said" the one person named in its clause;
 * ", which said" the body or document just before it ("the Department of the Environment, which said").
 */
export function relativeAntecedent(beforeVerb: string): Subject | null {
  const rel = RELATIVE_END.exec(beforeVerb.slice(-MAX_SUBJECT_CHARS));
  if (!rel) return null;
  const clause = beforeVerb.slice(0, beforeVerb.length - rel[0].length);
  if (rel[1] === 'who') {
    const names = findNarrativeNames(clause.slice(-MAX_SUBJECT_CHARS), roleOf);
    const n = names.length === 1 ? names[0]! : null;
    // A role read from far back in the clause ("…faced criticism from Labour leader") is not one.
    const role = n?.role && n.role.split(' ').length <= 3 ? n.role : null;
    return n ? { type: 'person', name: n.name, role, gender: n.gender } : null;
  }
  const body = BODY_BEFORE_WHICH.exec(clause.slice(-120));
  const subject = body ? parseSubject(body[1]!) : null;
  return subject && (subject.type === 'org' || subject.type === 'document' || subject.type === 'role') ? subject : null;
}

const TWO_NAME_WORDS = /\p{Lu}[\p{L}’'-]*\p{Ll}\s+\p{Lu}[\p{L}’'-]*\p{Ll}/u;

/** "…which annoyed Middleton campaigner Durrani, who addressed the meeting:": the person "who" refers to. */
export function relativeSubject(lead: string): Subject | null {
  if (lead.length > MAX_SUBJECT_CHARS || !/:\s*$/.test(lead)) return null;
  const who = lead.lastIndexOf(', who ');
  if (who < 0) return null;
  // "Jo Bell, who has led the group since 2019 and Tom Hale said:": another person in the clause may be the speaker.
  if (TWO_NAME_WORDS.test(lead.slice(who + 2))) return null;
  const words = lead.slice(0, who).split(' ');
  let k = words.length;
  while (k > 0 && words.length - k < 6 && (isNameToken(words[k - 1]!) || titleOf(words[k - 1]!) !== null || ROLE_NOUNS.has(words[k - 1]!.toLowerCase()))) k--;
  // "Jo Bell, who chairs the committee and Tom Hale, who leads the council, said:": two people, either the speaker.
  if (k > 0 && /^(?:and|&)$/.test(words[k - 1]!)) return null;
  const subject = k < words.length ? parseSubject(words.slice(k).join(' ')) : null;
  return subject?.type === 'person' ? subject : null;
}

/** "Maria Okafor defended the decision, saying:": the subject of the main clause is the speaker. */
function participleSubject(lead: string): Subject | null {
  if (lead.length > MAX_SUBJECT_CHARS) return null; // the main clause's subject must be in view
  const tail = lead;
  let participle = -1;
  for (const m of allMatches(PARTICIPLE, tail)) participle = m.index;
  // "…, saying:" hands over a quote; "…, saying the cuts were “cruel”" a partial one, the participle's clause running on to it.
  if (participle < 0 || !/,\s*$/.test(tail.slice(0, participle)) || !/^\S+(?:\s*:|\s+[^:]*)?\s*$/.test(tail.slice(participle))) return null;
  const clause = tail.slice(0, participle);
  const pronoun = /^(he|she|they)\s/i.exec(clause);
  if (pronoun) return parseSubject(pronoun[1]!);
  const name = findNarrativeNames(clause, roleOf)[0];
  if (!name || clause.slice(0, name.offset).split(/\s+/).length > 8) return null;
  const lastWord = name.name.split(' ').at(-1)!;
  const subject = parseSubject(clause.slice(0, clause.indexOf(lastWord, name.offset) + lastWord.length));
  return subject?.type === 'person' ? subject : null;
}

/**
 * The attribution of each partial (single-quoted) quote in one sentence: a verb of speech and its subject
 * before the span, "According to X," or a clause straight after it. Spans must come in order; the verb
 * search resumes where the last span ended, so a sentence is scanned once however many spans it holds.
 */
export function partialAttributions(text: string, sentenceStart: number, sentenceEnd: number) {
  let verbAt = -1;
  let scanned = sentenceStart;
  const opening = text.slice(sentenceStart, Math.min(sentenceEnd, sentenceStart + MAX_CLAUSE_CHARS));
  const according = /^According to\s+([^,]{1,200}),/.exec(opening);
  const accordingSubject = according ? parseSubject(according[1]!) : null;
  // Read at most once per sentence, and only when a span finds no other attribution.
  let cited: { subject: Subject; end: number } | false | undefined;
  return (span: { start: number; end: number }): { subject: Subject; at: number } | null => {
    if (span.start > scanned) {
      const seen = lastVerb(text.slice(scanned, span.start));
      if (seen) verbAt = scanned + seen.index;
    }
    scanned = Math.max(scanned, span.end);
    if (verbAt >= 0) {
      const before = text.slice(Math.max(sentenceStart, verbAt - MAX_CLAUSE_CHARS), verbAt);
      const subject = parseSubject(text.slice(sentenceStart, verbAt)) ?? relativeAntecedent(before);
      if (subject) return { subject, at: sentenceStart };
    }
    if (accordingSubject && according && span.start >= sentenceStart + according[0].length) return { subject: accordingSubject, at: sentenceStart };
    const after = text.slice(span.end, Math.min(sentenceEnd, span.end + MAX_CLAUSE_CHARS + 1));
    const agent = verbAt >= 0 ? passiveAgent(text.slice(Math.max(sentenceStart, verbAt - 8), verbAt), after) : null;
    if (agent) return { subject: agent, at: span.end };
    const handover = /^\s*,/.test(after) || /[,?!]\s*$/.test(text.slice(Math.max(span.start + 1, span.end - 4), span.end - 1));
    if (!handover && !startsWithVerb(after)) {
      // Whoever the sentence ends by citing (", a report warns today", ", two councillors have claimed", ", says a Kirklees officer") said the words
      // quoted before it.
      cited ??= trailingSource(text.slice(sentenceStart, sentenceEnd)) ?? false;
      return cited && span.end - sentenceStart <= cited.end + 1 ? { subject: cited.subject, at: span.end } : null;
    }
    const subject = parseAttribution(after);
    return subject ? { subject, at: span.end } : null;
  };
}

// The agent of a passive verb of speech: "were accused of ‘…’ by a campaigner fighting to save the pool".
const PASSIVE = /(?:^|\s)(?:is|are|was|were|been|being)\s+$/;
const AGENT = /^\s*by\s+((?:[\p{L}’'-]+\s+){0,5}?[\p{L}’'-]+)(?=\s+(?:who|which|that|\p{Ll}+ing)\b|\s*[,.;:!?]|\s*$)/u;

// "Referred to as a “bedding in period”, it …", "a self-proclaimed “brilliant” councillor": words the sentence says
// someone named the thing with, though not who. "so-called" is a scare quote (test/eval/README.md), so not here.
const NAMED_AS = /(?:^|\s)(?:(?:Referred to|Described|Billed|Known) as|Dubbed|Branded|Labelled|self-(?:proclaimed|styled|described|confessed))(?:\s+(?:a|an|the))?\s*$/u;

/** Whether the words just before a quote say it is what someone named the thing (read from at most `PASSIVE_LEAD` before it). */
export function namedAs(lead: string): boolean {
  return NAMED_AS.test(lead.slice(-PASSIVE_LEAD));
}

/** How far before a quote a passive verb of speech is looked for: "has been accused of a" fits. */
export const PASSIVE_LEAD = 60;
// Between a passive verb of speech and the quote: "accused of a", "branded as", "described as being".
const AFTER_PASSIVE = /^(?:\s+\S+){0,3}\s*$/;

/**
 * "A council has been accused of a ‘rubbish’ service", "Bin switch is branded as ‘rubbish’": a passive verb
 * of speech with no agent presents the words as someone's, but says nobody's.
 */
export function passiveSpeech(lead: string): boolean {
  const verb = lastVerb(lead);
  return verb !== null && PASSIVE.test(lead.slice(Math.max(0, verb.index - 8), verb.index)) && AFTER_PASSIVE.test(lead.slice(verb.index + verb.text.length));
}

/** "were accused of ‘…’ by X": X said it, when the verb before the quote is passive and "by" follows it. */
function passiveAgent(beforeVerb: string, after: string): Subject | null {
  if (!PASSIVE.test(beforeVerb)) return null;
  const agent = AGENT.exec(after);
  return agent ? parseSubject(agent[1]!) : null;
}
