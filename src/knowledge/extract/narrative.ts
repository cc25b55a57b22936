import type { Paragraph } from '../schema.js';
import { leadSubject, namedAs, PASSIVE_LEAD, partialAttributions, passiveSpeech } from './attribution.js';
import { POS, type Found } from './direct-quotes.js';
import { fromCapitals } from './names.js';
import { findNarrativeNames } from './narrative-names.js';
import { firstNameGender } from './first-names.js';
import { soleNameIn } from './evidence.js';
import { type Place } from './people.js';
import { reportedClauses, reportedSpeech, trimEnd } from './reported.js';
import { describesPerson, roleOf } from './roles.js';
import { parseSubject, type Subject } from './subject.js';
import { dropSentenceStop, findSingleQuotes, HEARD, isHeading, maskSpans, normalizeSpace, splitSentences, type QuotedSpan, type Sentence } from './text.js';
import { firstVerb, lastVerb, PARTICIPLE_CLAUSE } from './verbs.js';
import { MAX_PARTIAL_LEAD } from './partial-leads.js';

/** Reading the narrative around the quotes: partial quotes, reported speech, unmarked speech after a colon, and the people it names. */

/** What the narrative says happened, in reading order: someone mentioned, a quote, a name heard. */
export type Event =
  | { at: number; kind: 'mention'; subject: Subject; place: Place }
  | { at: number; kind: 'quote'; index: number }
  /** A name said inside a quote or a reported clause: known for completing "Mr Hale" later, never in play. */
  | { at: number; kind: 'heard'; name: string };

/**
 * Reads the narrative: partial quotes, reported speech, speech with no marks after "She added:", and the
 * people named along the way (who "he" or "she" may later mean).
 */
export function narrative(paragraphs: Paragraph[], masked: string[], quoted: Set<number>, found: Found[]): Event[] {
  const events: Event[] = [];
  paragraphs.forEach((para, pi) => {
    if (para.caption) return;
    const text = masked[pi]!;
    if (!quoted.has(pi)) {
      const unmarked = unmarkedSpeech(text);
      if (unmarked) {
        found.push({
          quote: { text: unmarked.text, paragraphs: [para.n], kind: 'direct' },
          source: { type: 'subject', subject: unmarked.subject },
          at: POS(pi, 0),
          order: POS(pi, 0),
        });
        return;
      }
    }
    const heading = isHeading(para.text);
    for (const sentence of sentencesOf(text)) {
      const attributionOf = partialAttributions(text, sentence.start, sentence.end);
      const heardAt = sentence.text.search(HEARD);
      let partial = false;
      for (const span of findSingleQuotes(sentence.text)) {
        const start = sentence.start + span.start;
        const end = sentence.start + span.end;
        const attribution = attributionOf({ start, end });
        const content = normalizeSpace(para.text.slice(start + 1, end - 1));
        // Quoted words in a headline or crosshead, or put to a meeting ("Cabinet heard … ‘…’"), are a
        // partial quote whose speaker the words around it do not give; anywhere else they are a scare quote.
        // "accused of a ‘rubbish’ service": someone's words, though the sentence does not say whose.
        const passive = !attribution && passiveSpeech(sentence.text.slice(Math.max(0, span.start - PASSIVE_LEAD), span.start));
        const named = !attribution && namedAs(sentence.text.slice(Math.max(0, span.start - PASSIVE_LEAD), span.start));
        // "…, saying it amounted to ‘…’": the participle's subject, when the rules can read one, else nobody named.
        const participle = !attribution && PARTICIPLE_CLAUSE.test(sentence.text.slice(Math.max(0, span.start - MAX_PARTIAL_LEAD), span.start));
        if (!attribution && !heading && !passive && !named && !participle && !(heardAt >= 0 && heardAt < span.start)) continue;
        const participleSpeaker = participle ? leadSubject(sentence.text.slice(0, span.start)) : null;
        partial = true;
        // Some papers mark speech with single quotes: ‘We were never asked,’ said one carer.
        const kind = !heading && (span.start === 0 || afterColon(sentence.text, span.start)) ? 'direct' : 'partial';
        const quoteText = content.replace(/\s*,$/, '');
        found.push({
          quote: { text: kind === 'partial' ? dropSentenceStop(quoteText) : quoteText, paragraphs: [para.n], kind },
          source: attribution
            ? { type: 'subject', subject: soleNameIn(attribution.subject, sentence.text.slice(0, span.start)) }
            : participleSpeaker
              ? { type: 'subject', subject: soleNameIn(participleSpeaker, sentence.text.slice(0, span.start)) }
              : { type: 'none' },
          at: POS(pi, attribution?.at ?? start),
          order: POS(pi, start),
        });
      }
      const place = { paragraph: pi, sentence: POS(pi, sentence.start) };
      if (/[“”"•]/.test(sentence.text)) {
        // "Mr King said there is strong evidence … and added: “…”": the clause reported before the quote is speech too.
        const mark = sentence.text.search(/[“"•]/);
        const added = partial || mark < 0 ? null : AND_ADDED.exec(sentence.text.slice(Math.max(0, mark - MAX_ADDED_LEAD), mark));
        const before = added ? sentence.text.slice(0, Math.max(0, mark - MAX_ADDED_LEAD) + added.index) : '';
        const lead = before !== '' && !/[“”"•]/.test(before) ? reportedSpeech(before) : null;
        if (lead && !lead.nobody) {
          found.push({ quote: { text: lead.clause, paragraphs: [para.n], kind: 'reported' }, source: { type: 'subject', subject: lead.subject }, at: place.sentence, order: place.sentence });
        }
        // Its quote's attribution names the speaker; anyone else named in the narrative around it is a mention.
        for (const n of findNarrativeNames(sentence.text, roleOf)) {
          const subject: Subject = { type: 'person', name: n.name, role: n.role, gender: n.gender };
          events.push({ at: POS(pi, sentence.start + n.offset), kind: 'mention', subject, place: { ...place, spoke: false } });
        }
        continue;
      }
      // Sentences that already yielded a partial quote are not read again as reported speech.
      const reported = partial ? [] : reportedClauses(sentence.text);
      reported.forEach((r, k) => {
        found.push({
          quote: { text: r.clause, paragraphs: [para.n], kind: 'reported' },
          source: r.nobody ? { type: 'none', reason: r.nobody } : { type: 'subject', subject: r.subject },
          at: place.sentence + k,
          order: place.sentence + k,
        });
      });
      // Two people reporting together stay in play, as any people the narrative names: "She said" after them is either.
      if (reported.length > 0 && !reported.every((r) => r.nobody)) {
        // The other people a reported sentence names ("Residents told Tom Hale that …", "the library Tom Hale opened"),
        // heard once its clauses' speakers are resolved ("Hale said Ann Hale had resigned" is still one Hale speaking).
        // A clause is read on its own too: a name opening it ("that Ann Price had resigned") opens a sentence of its own.
        const after = place.sentence + reported.length - 0.5;
        const heard = new Set([sentence.text, ...reported.map((r) => r.clause)].flatMap((text) => findNarrativeNames(text, roleOf).map((n) => n.name)));
        for (const name of heard) events.push({ at: after, kind: 'heard', name });
        continue;
      }
      // People named in narrative ("Home carer Sam Reid has worked…", "Mark Ellis said the strike…") can be "he" or "she" later.
      const verb = firstVerb(sentence.text);
      const subject = verb ? parseSubject(sentence.text.slice(0, verb.index)) : null;
      if (subject && subject.type !== 'pronoun' && subject.type !== 'it') events.push({ at: place.sentence, kind: 'mention', subject, place });
      // "Another parent from Barrow raised a concern …": an unnamed person opening a sentence is in the story too, so a
      // later "she" may mean them (not as a speaker: with the last speaker still in play, "she" is then nobody).
      const someone = subject ? null : unnamedOpening(sentence.text);
      if (someone) events.push({ at: place.sentence, kind: 'mention', subject: someone, place: { ...place, spoke: false } });
      // "Jo Bell asked Tom Hale whether …": the people named after the speaker's verb are in the story too, so a
      // later "he" may mean them.
      // (only the words after the verb are read again, so a sentence is read for names once)
      const from = subject?.type === 'person' ? verb!.index : 0;
      for (const n of findNarrativeNames(from === 0 ? sentence.text : sentence.text.slice(from), roleOf))
        if (from === 0 || n.offset > 0) {
          const at = POS(pi, sentence.start + from + n.offset);
          const opens = from === 0 && opensSentence(sentence.text, n);
          events.push({ at, kind: 'mention', subject: { type: 'person', name: n.name, role: n.role, gender: n.gender }, place: { ...place, spoke: false, opens } });
        }
    }
  });
  return events;
}

/**
 * The names said inside double-quoted speech ("We have asked Tom Hale to meet us"): each quote's words are read
 * once, sentence by sentence. Such a person is talked about, not talking, so they are only heard (see `Event`).
 */
export function namesInsideQuotes(paragraphs: Paragraph[], doubleQuoted: QuotedSpan[][]): Event[] {
  const events: Event[] = [];
  paragraphs.forEach((para, pi) => {
    for (const span of doubleQuoted[pi]!) {
      const content = para.text.slice(span.start, span.end);
      for (const sentence of splitSentences(content))
        for (const n of findNarrativeNames(sentence.text, roleOf)) events.push({ at: POS(pi, span.start + sentence.start + n.offset), kind: 'heard', name: n.name });
    }
  });
  return events;
}

/** "Mrs Harrison stood down", "Save Our Suite campaigner Kevin Hodges disagrees": the name (after its role) opens the sentence. */
function opensSentence(sentence: string, n: { offset: number; role: string | null }): boolean {
  if (n.offset === 0) return true;
  const before = sentence.slice(0, n.offset);
  return n.role !== null && !/[,;:]/.test(before) && before.split(' ').length <= 9;
}

// "Another parent from Barrow raised …", "A woman living nearby was …": an indefinite person and then a verb.
const INDEFINITE_OPENING = /^((?:A|An|One|Another)\s+(?:[\p{L}’'-]+\s+){0,5}?[\p{L}’'-]+),?\s+(?:\p{Ll}+ed|is|was|has|had|will|would)\s/u;

/** The unnamed person a sentence opens with, when its subject is one ("a parent from Barrow"), or null. */
function unnamedOpening(sentence: string): Subject | null {
  const m = INDEFINITE_OPENING.exec(sentence);
  const subject = m ? parseSubject(m[1]!) : null;
  return subject?.type === 'role' && describesPerson(subject.role) ? subject : null;
}

// "… and added:" (or "and said:") closing the narrative before a quote's opening mark.
const AND_ADDED = /\s+and\s+(?:also\s+)?(?:added|said|warned|continued|went on)\s*:\s*$/;
const MAX_ADDED_LEAD = 40;

// Where findSingleQuotes can open a span: a curly opening mark anywhere, a straight one after a space.
const OPENING_SINGLE = /‘|(?:^|[\s(])'/;

/** The sentences of a paragraph, never split inside a single-quoted partial (‘… that subsidy. People need …’). */
function sentencesOf(text: string): Sentence[] {
  if (!OPENING_SINGLE.test(text)) return splitSentences(text);
  const bounds = splitSentences(maskSpans(text, findSingleQuotes(text)));
  return bounds.map((b) => ({ start: b.start, end: b.end, text: text.slice(b.start, b.end) }));
}

/** ‘…’ straight after "She added:" is speech, not a phrase quoted inside a sentence. */
function afterColon(sentence: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && sentence[i] === ' ') i--;
  return sentence[i] === ':';
}

// Speech without marks is the rest of the paragraph after "She added:" near its start.
const MAX_UNMARKED_LEAD = 160;

/** "She added: The council must think again." — a verb of speech and a colon, then the words spoken. */
function unmarkedSpeech(text: string): { subject: Subject; text: string } | null {
  const colon = text.indexOf(':');
  if (colon < 0 || colon > MAX_UNMARKED_LEAD) return null;
  const lead = text.slice(0, colon);
  // "JOHN SMITH: We have no choice…": a transcript line, the speaker's name in capitals opening with a first name a reader knows.
  const caps = fromCapitals(lead);
  if (caps !== null && caps.includes(' ') && firstNameGender(caps) !== null) {
    const spoken = trimEnd(text.slice(colon + 1), /\s/);
    return /^[\p{Lu}“"‘]/u.test(spoken) ? { subject: { type: 'person', name: caps, role: null, gender: null }, text: spoken } : null;
  }
  const verb = lastVerb(lead);
  if (!verb || lead.slice(verb.index + verb.text.length).trim() !== '' || /[.!?]/.test(lead)) return null;
  const spoken = trimEnd(text.slice(colon + 1), /\s/);
  if (!/^\p{Lu}/u.test(spoken) || spoken.split(' ').length < 3) return null;
  const subject = parseSubject(lead.slice(0, verb.index));
  return subject ? { subject, text: spoken } : null;
}
