/**
 * Leads that hand a quote to someone with no verb of speech: "X was quoted as saying:", "The petition reads:", a
 * colon closing a sentence about one person ("Coun Tom Hale introduced the budget:"), "Jo Bell … reports,". Each
 * reads only the lead before the quote, bounded like a subject.
 */
import { findNarrativeNames } from './narrative-names.js';
import { roleOf } from './roles.js';
import { MAX_SUBJECT_CHARS, parseSubject, type Subject } from './subject.js';
import { firstVerb } from './verbs.js';
import { DOCUMENT_NOUNS } from './words.js';

// "A spokesman for X was quoted as saying:", "Tom Hale is quoted in the paper as saying:": the subject is the speaker.
const QUOTED_AS = /^(.{1,240}?)\s+(?:was|were|is|are|has been|have been|had been)\s+quoted\s+(?:[\p{L}’'-]+\s+){0,4}?as\s+saying\s*[:,]?$/u;

export function quotedAsSaying(lead: string): Subject | null {
  const m = QUOTED_AS.exec(lead);
  return m ? parseSubject(m[1]!) : null;
}

// "It reads:", "The petition reads:": a document's words, never the one who held or read it.
const TEXT_READS = /^(.{1,240}?)\s+(?:reads|read)\s*:$/u;
const TEXT_SUBJECT = /^(?:it|this|the|a|an|its|their|his|her|our|one)\s|^it$|^this$|^(?:\p{Lu}[\p{L}’'-]*\s+){0,2}\p{Lu}[\p{L}-]*[’']s\s/iu;

export function textReads(lead: string): Subject | null {
  const m = TEXT_READS.exec(lead);
  const text = m?.[1]!.replace(/^(?:and|but|so)\s+/i, '');
  if (text === undefined || !TEXT_SUBJECT.test(text)) return null;
  if (/^(?:it|this)$/i.test(text)) return { type: 'it' };
  // "Jo Bell’s letter reads:" is Jo Bell's own words (see possessedDocument); any other text speaks as itself.
  // A sign or a banner ("A protest sign read:") is a slogan nobody in particular said: only a document speaks.
  const own = parseSubject(text);
  if (own?.type === 'person' || own?.type === 'document') return own;
  // "A leaflet handed out at the gates reads:": a document noun heading the subject.
  const head = text.split(/\s+/).slice(1, 4).map((w) => w.toLowerCase());
  return head.some((w) => DOCUMENT_NOUNS.has(w)) ? { type: 'document', role: text.replace(/^(?:The|A|An)\b/, (a) => a.toLowerCase()) } : null;
}

// Verbs whose colon hands over someone else's words: "Jo Bell read out a letter:", "quoted the minister:".
const RELAYING = /(?<![\p{L}-])(?:read|reads|quoted|quotes|cited|cites|recited|shared|shares|retweeted|reposted|forwarded|showed|shows|displayed|held|holds|carried|carries|played)(?![\p{L}-])/u;
// Words a subject's verb may follow: "Jo Bell then turned to", "Ms Bell also had".
const ADVERB = /^(?:also|then|later|again|finally|now|once|herself|himself|too)$/;

/**
 * "Making his first speech, Coun Tom Hale introduced the budget: “…”", "Ms Bell also had a message for Tom Hale:":
 * a colon ending a sentence with no verb of speech hands the quote to the sentence's subject, when that is one
 * person (or a pronoun) followed by their verb, and no one else's words are relayed (a letter from, a post by,
 * "quoted the minister").
 */
export function colonSubject(lead: string): Subject | null {
  // A verb of speech there is the other rules' to read: "Jo Bell said Tom Hale had told her:" is nobody's.
  if (lead.length > MAX_SUBJECT_CHARS || !/:$/.test(lead) || RELAYING.test(lead) || /[“”"]/.test(lead) || firstVerb(lead)) return null;
  const clause = lead.slice(0, -1);
  // The subject stands first, or after one scene-setting phrase set off by a comma.
  const comma = clause.indexOf(', ');
  const starts = comma >= 0 && comma < 120 ? [0, comma + 2] : [0];
  for (const start of starts) {
    const rest = clause.slice(start);
    const pronoun = /^(he|she|they)\s+(\S+)/i.exec(rest);
    if (pronoun) return /^\p{Ll}/u.test(pronoun[2]!) ? parseSubject(pronoun[1]!) : null;
    const name = findNarrativeNames(rest, roleOf)[0];
    if (!name || rest.slice(0, name.offset).split(/\s+/).length > 6) continue;
    const lastWord = name.name.split(' ').at(-1)!;
    const end = rest.indexOf(lastWord, name.offset) + lastWord.length;
    const words = rest.slice(end).trim().split(/\s+/);
    let k = 0;
    while (k < words.length - 1 && ADVERB.test(words[k]!)) k++;
    // "Jo Bell and Tom Hale set out", "Jo Bell, the chair,": not one person and their verb.
    if (!/^\p{Ll}[\p{Ll}-]*$/u.test(words[k] ?? '') || /^(?:and|or|of|from|for|with|at|in)$/.test(words[k]!)) return null;
    // "…a letter from Tom Hale:", "…a post by a resident:": words someone else may have written.
    if (/\b(?:from|by)\s/.test(rest.slice(end))) return null;
    const subject = parseSubject(rest.slice(0, end));
    return subject?.type === 'person' ? subject : null;
  }
  return null;
}

// "Jo Bell, from the NUT, reports, “…”": "reports" hands over speech only straight before the quote; elsewhere it
// is as often a noun ("Council reports show …"), so it is not in the verb table.
const REPORTS_HANDOVER = /^(.{1,240}?)\s+report(?:s|ed)\s*[,:]$/su;

export function reportsSubject(lead: string): Subject | null {
  const m = REPORTS_HANDOVER.exec(lead);
  return m ? parseSubject(m[1]!.replace(/,\s*$/, '')) : null;
}
