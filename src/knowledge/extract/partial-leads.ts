/**
 * Who the words of a partial quote (quoted words inside a sentence of narrative) are: the sentence's subject, a
 * document it cites, the source its closing attribution names, or nobody when one person quotes another.
 * Each looks at most `MAX_PARTIAL_LEAD` characters either side of the quote.
 */
import { leadSubject, verbSubject } from './attribution.js';
import { findNarrativeNames } from './narrative-names.js';
import { trailingSource } from './reported.js';
import { roleOf } from './roles.js';
import { parseSubject, type Subject } from './subject.js';
import { firstVerb, lastVerb, startsWithVerb } from './verbs.js';
import { DOCUMENT_NOUNS } from './words.js';
import { allMatches } from './matches.js';

// "… and accused it of", "– but welcomed the end of": a second predicate of the sentence's subject.
const CONJOINED_VERB = /^\s*(?:[,–—-]\s*)?(?:and|but)\s+/;
// A sentence's verb of speech is looked for at most this far before a partial quote that follows another.
export const MAX_PARTIAL_LEAD = 300;
// "the council’s statement claiming that …", "a report saying": a document whose words a partial quote may be.
const DOCUMENT_SAYING =
  /(?:^|\s)((?:the|a|an|its|their|his|her|[\p{L}-]+[’']s)\s+(?:[\p{L}’'-]+\s+){0,2}?([\p{L}-]+))\s+(?:claiming|saying|stating|suggesting|arguing|insisting|warning)\b([^•]*)$/u;

/**
 * Who a partial quote is from. "Pullman said the council’s statement claiming the closures would help
 * “improve” its services “ought to be …”": the first is the statement's word, the second (after the first
 * quote, with no verb of its own) is Pullman's, read from the start of the sentence.
 */
export function partialLeadSubject(text: string, open: number, lead: string, from: number): Subject | null {
  const doc = DOCUMENT_SAYING.exec(lead.slice(-MAX_PARTIAL_LEAD));
  if (doc && DOCUMENT_NOUNS.has(doc[2]!.toLowerCase())) return { type: 'document', role: doc[1]! };
  const own = leadSubject(lead);
  // "the council argued that … “fraudulent” and accused it of “showboating”": a second verb of speech with no
  // subject of its own is the sentence subject's.
  const joined = CONJOINED_VERB.exec(lead);
  const predicate = joined ? lead.slice(joined[0].length) : lead;
  // A verb of speech, or a past tense with no subject before it ("but welcomed the end of “inhumane” fears").
  const carried = joined !== null && (startsWithVerb(predicate) || /^\p{Ll}+ed\s/u.test(predicate));
  if (own || from === 0 || (firstVerb(lead) && !carried)) return own;
  // Only the same clause carries the sentence's speaker on ("said operators had failed to make routes “…” and
  // the cost had become an “…”"); after a comma, ", leading to fears that the “treasured” …" is nobody's.
  if (/[,;:—–]/.test(predicate)) return null;
  // "… “a disgrace” but Tom Hale welcomed the “bold” plan": a clause with a subject of its own is not the speaker's.
  // ("and that it was “inhumane …”" is the same clause going on: its "it" is the clause's, not a speaker.)
  if (!carried && (findNarrativeNames(predicate, roleOf).length > 0 || /^(?:he|she|they)\s/i.test(predicate))) return null;
  // Nothing since the last quote names a speaker: the sentence's own subject and verb, if it began before.
  const windowStart = Math.max(0, open - MAX_PARTIAL_LEAD);
  const window = text.slice(windowStart, open);
  let start = 0;
  for (const m of allMatches(/[.!?][”’")]*\s+/g, window)) start = m.index + m[0].length;
  if (windowStart + start >= from) return null;
  const sentenceLead = window.slice(start).trim();
  if (carried) {
    const first = firstVerb(sentenceLead);
    return first ? parseSubject(sentenceLead.slice(0, first.index)) : null;
  }
  const docInLead = DOCUMENT_SAYING.exec(sentenceLead);
  return docInLead ? leadSubject(sentenceLead.slice(0, sentenceLead.length - docInLead[0].length)) : leadSubject(sentenceLead);
}

/** Two verbs of speech before the quote with a subject of the second between them. */
export function nestedSpeech(lead: string): boolean {
  const first = firstVerb(lead);
  const last = lastVerb(lead);
  return first !== null && last !== null && first.index < last.index && verbSubject(lead) === null && parseSubject(lead.slice(0, first.index)) !== null;
}

/**
 * "the “terrible impact” of “mean” council cuts, two councillors have claimed": the attribution closing the sentence
 * covers a quoted phrase before the last one too. Reads at most `MAX_PARTIAL_LEAD` characters after the quote.
 */
export function sentenceTrailing(text: string, leadStart: number, close: number): { subject: Subject; clause: string; at: number } | null {
  if (close < 0) return null;
  const tail = text.slice(close + 1, close + 1 + MAX_PARTIAL_LEAD);
  const stop = tail.search(/[.!?](?=[”’")]*(?:\s|$))/);
  if (stop < 0 && close + 1 + tail.length < text.length) return null;
  const sentence = text.slice(leadStart, close + 1 + (stop < 0 ? tail.length : stop + 1));
  const cited = trailingSource(sentence);
  return cited && leadStart + cited.end > close ? { subject: cited.subject, clause: sentence.slice(cited.end), at: leadStart + cited.end } : null;
}
