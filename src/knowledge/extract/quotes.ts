import type { Paragraph, Quote, QuoteKind } from '../schema.js';
import {
  SPEECH_VERB,
  findNarrativeNames,
  findPerson,
  isGroupNoun,
  mention,
  newPeople,
  parseSubject,
  resolvePronoun,
  type People,
  type Subject,
} from './people.js';
import { findDoubleQuotes, findSingleQuotes, maskSpans, normalizeSpace, splitSentences, type Span } from './text.js';

/*
 * Conventions (the gold files follow them):
 * - A quote is one continuous run of quoted text. A UK multi-paragraph quote (each paragraph opens with
 *   “, only the last closes) is one Quote listing every paragraph; its paragraphs are joined with a space,
 *   so the text reads as one passage in a chat reply.
 * - A quote interrupted mid-sentence by its attribution (“This is,” she said, “a disgrace.”) is one Quote.
 * - A quote that closes and is followed by a new one (`“…,” he said.` then a paragraph `“…”`) gives two
 *   Quotes with the same speaker.
 * - Text is what stands between the marks, trimmed, without the comma that hands over to "he said".
 * - Reported speech text is the clause after "said that", without its full stop.
 */

interface Part {
  p: number; // index into the paragraphs array
  start: number;
  end: number;
}

interface Unit {
  parts: Part[];
  pieces: string[];
  /** Index of the opening mark in the first paragraph. */
  open: number;
  /** Index of the closing mark in the last paragraph, or -1 when the quote never closes. */
  close: number;
  /** The attribution that interrupted a merged quote (", she said,"). */
  interruption: string | null;
}

type Source =
  | { type: 'subject'; subject: Subject | null }
  | { type: 'inherit'; from: number }
  | { type: 'none' };

interface Found {
  quote: Pick<Quote, 'text' | 'paragraphs' | 'kind'>;
  source: Source;
  /** Where the attribution stands, to resolve pronouns against the people mentioned before it. */
  at: number;
  order: number;
}

type Event = { at: number; kind: 'mention'; subject: Subject } | { at: number; kind: 'quote'; index: number };

// One number that orders positions across paragraphs (a paragraph is far shorter than 1e9 characters).
const POS = (p: number, offset: number) => p * 1e9 + offset;

export function extractQuotes(paragraphs: Paragraph[]): Quote[] {
  const units = mergeInterrupted(findUnits(paragraphs), paragraphs);
  const masked = paragraphs.map((para) =>
    para.caption ? para.text : maskSpans(para.text, findDoubleQuotes(para.text).map((s) => ({ start: s.start, end: s.end }))),
  );
  const found: Found[] = [];
  const events: Event[] = [];
  const unitFound = new Map<Unit, number>();
  // Sentences that already yielded a partial quote are not read again as reported speech.
  const partialSentences = new Set<string>();

  const context: UnitContext = {
    paragraphs,
    masked,
    unitFound,
    lastClosedIn: new Map(),
    lastFoundIn: new Map(),
    quoted: new Set(units.flatMap((u) => u.parts.map((p) => p.p))),
  };
  for (const unit of units) {
    const result = attributeUnit(unit, context);
    const last = unit.parts.at(-1)!.p;
    if (result) {
      unitFound.set(unit, found.length);
      found.push(result);
      context.lastFoundIn.set(last, unit);
    }
    if (unit.close >= 0) context.lastClosedIn.set(last, unit);
  }

  paragraphs.forEach((para, pi) => {
    if (para.caption) return;
    const text = masked[pi]!;
    for (const sentence of splitSentences(text)) {
      for (const span of findSingleQuotes(sentence.text)) {
        const start = sentence.start + span.start;
        const subject = attributionAround(text, sentence.start, sentence.end, { start, end: sentence.start + span.end });
        if (!subject) continue; // a scare quote: nobody is said to have said it
        partialSentences.add(`${pi}:${sentence.start}`);
        // Some papers mark speech with single quotes: ‘We were never asked,’ said one carer.
        const opensSentence = span.start === 0;
        const content = normalizeSpace(para.text.slice(start + 1, sentence.start + span.end - 1));
        found.push({
          quote: { text: content.replace(/\s*,$/, ''), paragraphs: [para.n], kind: opensSentence ? 'direct' : 'partial' },
          source: { type: 'subject', subject: subject.subject },
          at: POS(pi, subject.at),
          order: POS(pi, start),
        });
      }
    }
  });

  paragraphs.forEach((para, pi) => {
    if (para.caption) return;
    for (const sentence of splitSentences(masked[pi]!)) {
      if (/[“”"•]/.test(sentence.text)) continue;
      const reported = !partialSentences.has(`${pi}:${sentence.start}`) && reportedSpeech(sentence.text);
      if (reported) {
        found.push({
          quote: { text: reported.clause, paragraphs: [para.n], kind: 'reported' },
          source: { type: 'subject', subject: reported.subject },
          at: POS(pi, sentence.start),
          order: POS(pi, sentence.start),
        });
        continue;
      }
      // People named in narrative ("Home carer Sam Reid has worked…", "Mark Ellis said the strike…") can be "he" or "she" later.
      const verb = firstVerb(sentence.text);
      const subject = verb ? parseSubject(sentence.text.slice(0, verb.index)) : null;
      if (subject?.type === 'person') events.push({ at: POS(pi, sentence.start), kind: 'mention', subject });
      else
        for (const n of findNarrativeNames(sentence.text)) {
          events.push({ at: POS(pi, sentence.start + n.offset), kind: 'mention', subject: { type: 'person', name: n.name, role: n.role, gender: n.gender } });
        }
    }
  });

  const people = newPeople();
  for (const para of paragraphs) if (para.caption) captionPeople(para.text, people);
  found.forEach((f, index) => events.push({ at: f.at, kind: 'quote', index }));
  events.sort((a, b) => a.at - b.at || (a.kind === 'mention' ? -1 : 1));

  const resolved: { speaker: string | null; role: string | null }[] = found.map(() => ({ speaker: null, role: null }));
  for (const event of events) {
    if (event.kind === 'mention') {
      resolveSubject(event.subject, people);
      continue;
    }
    const source = found[event.index]!.source;
    if (source.type === 'subject' && source.subject) resolved[event.index] = resolveSubject(source.subject, people);
    if (source.type === 'inherit') {
      const from = resolved[source.from]!;
      resolved[event.index] = { ...from };
      // Carrying a speaker on counts as mentioning them again.
      if (from.speaker && findPerson(people, from.speaker)) mention(people, from.speaker);
    }
  }

  return found
    .map((f, i) => ({ f, r: resolved[i]! }))
    .sort((a, b) => a.f.order - b.f.order)
    .map(({ f, r }) => ({
      speaker: r.speaker,
      role: r.role,
      text: f.quote.text,
      paragraphs: f.quote.paragraphs,
      kind: f.quote.kind as QuoteKind,
      attribution: r.speaker ? 'named' : r.role ? 'unnamed' : 'none',
      confidence: 'high',
      reason: null,
    }));
}

/** Links quoted stretches into quotes, following UK multi-paragraph quotes across paragraph breaks (and captions). */
function findUnits(paragraphs: Paragraph[]): Unit[] {
  const units: Unit[] = [];
  let carry: Unit | null = null;
  paragraphs.forEach((para, pi) => {
    if (para.caption) return;
    const spans = findDoubleQuotes(para.text);
    let first = 0;
    if (carry) {
      const span = spans[0];
      if (span && para.text.slice(0, span.open).trim() === '') {
        carry.parts.push({ p: pi, start: span.start, end: span.end });
        carry.pieces.push(para.text.slice(span.start, span.end));
        carry.close = span.close;
        first = 1;
        if (span.close >= 0) carry = null;
      } else carry = null;
    }
    for (const span of spans.slice(first)) {
      const unit: Unit = {
        parts: [{ p: pi, start: span.start, end: span.end }],
        pieces: [para.text.slice(span.start, span.end)],
        open: span.open,
        close: span.close,
        interruption: null,
      };
      units.push(unit);
      carry = span.close < 0 ? unit : null;
    }
  });
  return units;
}

/** “This is,” she said, “a disgrace.”: two stretches of one sentence of speech become one quote. */
function mergeInterrupted(units: Unit[], paragraphs: Paragraph[]): Unit[] {
  const out: Unit[] = [];
  for (const unit of units) {
    const prev = out.at(-1);
    const prevLast = prev?.parts.at(-1);
    const first = unit.parts[0]!;
    if (prev && prevLast && prev.close >= 0 && prevLast.p === first.p) {
      const between = paragraphs[first.p]!.text.slice(prev.close + 1, unit.open);
      const handover = /,\s*$/.test(prev.pieces.at(-1)!) || /^\s*,/.test(between);
      if (handover && !/[.!?]/.test(between) && /,\s*$/.test(between) && firstVerb(between)) {
        prev.pieces[prev.pieces.length - 1] = prev.pieces.at(-1)!.replace(/,\s*$/, '');
        prev.parts.push(...unit.parts);
        prev.pieces.push(...unit.pieces);
        prev.close = unit.close;
        prev.interruption = between;
        continue;
      }
    }
    out.push(unit);
  }
  return out;
}

/** What attributing one quote needs to know about the quotes before it (kept as maps so long articles stay linear). */
interface UnitContext {
  paragraphs: Paragraph[];
  masked: string[];
  unitFound: Map<Unit, number>;
  /** The last closed quote so far that ends in each paragraph. */
  lastClosedIn: Map<number, Unit>;
  /** The last attributed quote so far that ends in each paragraph. */
  lastFoundIn: Map<number, Unit>;
  /** Paragraphs holding any quoted text. */
  quoted: Set<number>;
}

function attributeUnit(unit: Unit, { paragraphs, masked, unitFound, lastClosedIn, lastFoundIn, quoted }: UnitContext): Found | null {
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
  for (const m of text.slice(from, unit.open).matchAll(/[.!?][”’")]*\s+/g)) leadStart = from + m.index + m[0].length;
  const lead = text.slice(leadStart, unit.open).trim();
  const partial = lead !== '' && !/[:,]$/.test(lead) && unit.parts.length === 1 && unit.close >= 0;

  // The trailing attribution: ", he said." straight after the closing mark.
  let trailing: { subject: Subject; at: number } | null = null;
  if (unit.interruption) trailing = parseAttribution(unit.interruption, 0);
  if (!trailing && unit.close >= 0) {
    const after = lastText.slice(unit.close + 1);
    const end = after.search(/[.!?“"]|$/);
    const clause = after.slice(0, end);
    // “…,” he said. — or, in looser copy, “We are angry” said Marsh.
    if (/[,?!—–-]$/.test(unit.pieces.at(-1)!.trim()) || /^\s*,/.test(clause) || startsWithVerb(clause)) {
      trailing = parseAttribution(clause, unit.close + 1);
    }
  }

  const leadVerb = lastVerb(lead);
  const leadSubject = leadVerb ? parseSubject(lead.slice(0, leadVerb.index)) : null;
  const kind: QuoteKind = partial ? 'partial' : 'direct';
  const base = { quote: { text: quoteText, paragraphs: paragraphsOf, kind }, order };

  if (leadSubject) return { ...base, source: { type: 'subject', subject: leadSubject }, at: POS(firstPart.p, leadStart) };
  if (trailing) return { ...base, source: { type: 'subject', subject: trailing.subject }, at: POS(lastPart.p, trailing.at) };
  if (partial) return null; // quotation marks mid-sentence with nobody speaking: a scare quote or a title

  if (lead === '') {
    // A second quote in the same paragraph after an attributed one: “…,” said Jo Bell. “…”
    if (before && unitFound.has(before)) {
      return { ...base, source: { type: 'inherit', from: unitFound.get(before)! }, at: order };
    }
    const alone = text.slice(0, unit.open).trim() === '' && (unit.close < 0 || lastText.slice(unit.close + 1).trim() === '');
    const prevPi = previousText(paragraphs, firstPart.p);
    if (alone && prevPi >= 0) {
      // A paragraph that is only a quote, straight after a quote: the same speaker goes on.
      const prevUnit = lastFoundIn.get(prevPi);
      if (prevUnit) return { ...base, source: { type: 'inherit', from: unitFound.get(prevUnit)! }, at: order };
      // "A GMB spokeswoman says:" closing the paragraph before.
      const prevText = masked[prevPi]!;
      if (/:\s*$/.test(prevText) && !quoted.has(prevPi)) {
        const sentence = splitSentences(prevText).at(-1)!;
        const verb = lastVerb(sentence.text);
        const subject = verb ? parseSubject(sentence.text.slice(0, verb.index)) : null;
        if (subject) return { ...base, source: { type: 'subject', subject }, at: POS(prevPi, sentence.start) };
      }
    }
  }
  return { ...base, source: { type: 'none' }, at: order };
}

function previousText(paragraphs: Paragraph[], pi: number): number {
  for (let i = pi - 1; i >= 0; i--) if (!paragraphs[i]!.caption) return i;
  return -1;
}

/** ", he said", "said Tom Barraclough, chair of…", "a Unison spokeswoman said", "Okoro told the BBC". */
function parseAttribution(clause: string, offset: number): { subject: Subject; at: number } | null {
  const text = clause.replace(/^[\s,]+/, '').replace(/[\s,.;:!?]+$/, '');
  if (text === '' || text.split(/\s+/).length > 16) return null;
  const verb = firstVerb(text);
  if (!verb) return null;
  const subjectText = verb.index === 0 ? text.slice(verb.text.length) : text.slice(0, verb.index);
  const subject = parseSubject(subjectText);
  return subject ? { subject, at: offset } : null;
}

/** The speaker of a partial quote: a verb of speech and its subject in the same sentence, before or after it. */
function attributionAround(text: string, sentenceStart: number, sentenceEnd: number, span: Span): { subject: Subject; at: number } | null {
  const lead = text.slice(sentenceStart, span.start);
  const verb = lastVerb(lead);
  if (verb) {
    const subject = parseSubject(lead.slice(0, verb.index));
    if (subject) return { subject, at: sentenceStart };
  }
  const after = text.slice(span.end, sentenceEnd);
  const handover = /^\s*,/.test(after) || /[,?!]$/.test(text.slice(span.start + 1, span.end - 1).trim());
  return handover || startsWithVerb(after) ? parseAttribution(after, span.end) : null;
}

/** "Cllr Hamilton said that they are…": the speaker and the reported clause. */
function reportedSpeech(sentence: string): { subject: Subject; clause: string } | null {
  for (const m of sentence.matchAll(SPEECH_VERB)) {
    const rest = sentence.slice(m.index + m[0].length);
    const that = /^\s+(?:[\p{L}’']+\s+){0,3}?that\s+/u.exec(rest);
    if (!that) continue;
    const subject = parseSubject(sentence.slice(0, m.index));
    const clause = rest.slice(that[0].length).replace(/[\s.!?]+$/, '').trim();
    return subject && clause !== '' ? { subject, clause } : null;
  }
  return null;
}

function startsWithVerb(text: string): boolean {
  return firstVerb(text.trimStart())?.index === 0;
}

function firstVerb(text: string): { index: number; text: string } | null {
  const m = text.match(new RegExp(SPEECH_VERB.source, 'u'));
  return m && m.index !== undefined ? { index: m.index, text: m[0] } : null;
}

function lastVerb(text: string): { index: number; text: string } | null {
  const all = [...text.matchAll(SPEECH_VERB)];
  const m = all.at(-1);
  return m ? { index: m.index, text: m[0] } : null;
}

function resolveSubject(subject: Subject, people: People): { speaker: string | null; role: string | null } {
  switch (subject.type) {
    case 'pronoun': {
      const person = resolvePronoun(people, subject.pronoun);
      if (!person) return { speaker: null, role: null };
      mention(people, person.name);
      return { speaker: person.name, role: person.role };
    }
    case 'person': {
      if (subject.bare && isGroupNoun(subject.name) && !findPerson(people, subject.name)) return { speaker: null, role: subject.name };
      const person = mention(people, subject.name, { role: subject.role, gender: subject.gender });
      return { speaker: person.name, role: subject.role ?? person.role };
    }
    case 'org':
      return { speaker: subject.name, role: null };
    case 'role':
      return { speaker: null, role: subject.role };
  }
}

/** Captions are never speech, but "Unison branch secretary Caroline Johnson" tells us who someone is. */
function captionPeople(caption: string, people: People): void {
  const named = findNarrativeNames(caption);
  for (const n of named) mention(people, n.name, { role: n.role, caption: true });
  // "Jean Cole, Unite rep, outside the civic centre" or "Grace Okoro speaking at the rally".
  const lead = /^((?:\p{Lu}[\p{L}’'-]*\p{Ll}\s+){1,2}\p{Lu}[\p{L}’'-]*\p{Ll})(?:,\s*([^,]+),|(?=\s|$))/u.exec(caption);
  if (lead && named.length === 0) {
    const subject = parseSubject(lead[2] ? `${lead[1]}, ${lead[2]}` : lead[1]!);
    if (subject?.type === 'person') mention(people, subject.name, { role: subject.role, caption: true });
  }
}
