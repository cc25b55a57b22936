import type { Paragraph, Quote } from '../schema.js';
import { attributeUnit, type Found, type UnitContext } from './direct-quotes.js';
import { findNarrativeNames } from './narrative-names.js';
import { mention, newPeople, remention, type People, type Person, type Place } from './people.js';
import { NOBODY, resolveSubject, type Resolved } from './resolve.js';
import { findUnits, mergeInterrupted } from './spans.js';
import { roleOf } from './roles.js';
import { parseSubject } from './subject.js';
import { findDoubleQuotes, maskSpans } from './text.js';
import { namesInsideQuotes, narrative } from './narrative.js';
import { lazyNamesCompleted, nameShapeDoubt } from './evidence.js';

/*
 * Conventions (the gold files follow them):
 * - A quote is one continuous run of quoted text. A UK multi-paragraph quote (each paragraph opens with
 *   “, only the last closes) is one Quote listing every paragraph; its paragraphs are joined with a space,
 *   so the text reads as one passage in a chat reply.
 * - A quote interrupted mid-sentence by its attribution (“This is,” she said, “a disgrace.”) is one Quote.
 * - A quote that closes and is followed by a new one (`“…,” he said.` then a paragraph `“…”`) gives two
 *   Quotes with the same speaker (attribution `continued`).
 * - Text is what stands between the marks, trimmed, without the comma that hands over to "he said".
 * - Reported speech text is the clause after "said that", without its full stop.
 * - Speech with no marks after "She added:" is a direct quote of the rest of its paragraph.
 */


export function extractQuotes(paragraphs: Paragraph[]): Quote[] {
  const units = mergeInterrupted(findUnits(paragraphs), paragraphs);
  const doubleQuoted = paragraphs.map((para) => (para.caption ? [] : findDoubleQuotes(para.text)));
  const singleRuns = new Map<number, { start: number; end: number }[]>();
  for (const unit of units) if (unit.single) for (const part of unit.parts) singleRuns.set(part.p, [...(singleRuns.get(part.p) ?? []), { start: part.start, end: part.end }]);
  const masked = paragraphs.map((para, pi) =>
    para.caption ? para.text : unbullet(maskSpans(para.text, [...doubleQuoted[pi]!.map((s) => ({ start: s.start, end: s.end })), ...(singleRuns.get(pi) ?? [])])),
  );
  const found: Found[] = [];
  const context: UnitContext = {
    paragraphs,
    masked,
    unitFound: new Map(),
    lastClosedIn: new Map(),
    lastFoundIn: new Map(),
    quoted: new Set(units.flatMap((u) => u.parts.map((p) => p.p))),
    partialFound: new Map(),
  };
  for (const unit of units) {
    const result = attributeUnit(unit, context);
    const last = unit.parts.at(-1)!.p;
    if (result) {
      context.unitFound.set(unit, found.length);
      found.push(result);
      context.lastFoundIn.set(last, unit);
      if (result.quote.kind === 'partial') context.partialFound.set(unit, result);
    }
    if (unit.close >= 0) context.lastClosedIn.set(last, unit);
  }
  const events = narrative(paragraphs, masked, context.quoted, found);
  events.push(...namesInsideQuotes(paragraphs, doubleQuoted));

  const people = newPeople();
  for (const para of paragraphs) if (para.caption) captionPeople(para.text, people);
  found.forEach((f, index) => events.push({ at: f.at, kind: 'quote', index }));
  events.sort((a, b) => a.at - b.at || (a.kind === 'quote' ? 1 : 0) - (b.kind === 'quote' ? 1 : 0));

  const resolved: Resolved[] = found.map(() => NOBODY);
  // How long the people log was once each quote was resolved, so a continuation can see who came in between.
  const logAfter: number[] = found.map(() => 0);
  for (const event of events) {
    if (event.kind === 'mention') {
      resolveSubject(event.subject, people, event.place);
      continue;
    }
    if (event.kind === 'heard') {
      // Like a caption's name: it gives the full name to match, but no recency, so "he" or "she" cannot mean them.
      mention(people, event.name, null);
      continue;
    }
    const source = found[event.index]!.source;
    const place = { paragraph: Math.floor(event.at / 1e9), sentence: event.at };
    if (source.type === 'subject' && source.subject) resolved[event.index] = resolveSubject(source.subject, people, place);
    if (source.type === 'none' && source.reason) resolved[event.index] = { ...NOBODY, reason: source.reason };
    if (source.type === 'inherit') resolved[event.index] = continuation(resolved[source.from]!, people, logAfter[source.from]!, place);
    logAfter[event.index] = people.log.length;
  }

  // A name not shaped like a person's, whichever path gave it, is kept with low confidence (see `nameShapeDoubt`).
  const completed = lazyNamesCompleted(paragraphs);
  for (const [i, r] of resolved.entries()) {
    if (r.speaker === null || r.confidence !== 'high') continue;
    const doubt = nameShapeDoubt(r.speaker, completed);
    if (doubt) resolved[i] = { ...r, confidence: 'low', reason: doubt };
  }

  return found
    .map((f, i) => ({ f, r: resolved[i]! }))
    .sort((a, b) => a.f.order - b.f.order)
    .map(({ f, r }) => ({
      speaker: r.speaker,
      role: r.role,
      text: f.quote.text,
      paragraphs: f.quote.paragraphs,
      kind: f.quote.kind,
      attribution: r.attribution,
      confidence: r.confidence,
      reason: r.reason,
    }));
}

/**
 * A quote that carries on the one before (“…,” said Jo Bell. “…”) is that speaker's, unless the narrative
 * between them named someone else or quoted a body ("Council leader Tom Hale disagreed."): then a reader
 * could give it to either, so nobody is named.
 */
function continuation(from: Resolved, people: People, since: number, place: Place): Resolved {
  if (from.attribution === 'none') return from;
  let other: Person | undefined;
  for (let i = since; i < people.log.length && !other; i++) if (people.log[i] !== from.person) other = people.log[i];
  // A body set after the quote before was resolved (that resolution logged its person, so `at` is at least `since`).
  const body = people.lastBody && people.lastBody.at >= since && from.person ? people.lastBody : null;
  if (other || body) {
    const who = other ? (other.name ?? `the ${other.role}`) : (body!.speaker ?? body!.role ?? 'a body');
    return { ...NOBODY, reason: `${who} is named between this quote and the one it follows` };
  }
  if (from.person) remention(people, from.person, place);
  return { ...from, attribution: 'continued' };
}

// "• Some 199 routes were cut, report says": a bullet opening a summary line is the mask's own character (masked
// quotes read as •), so it is blanked, keeping offsets, before the narrative is read.
const LEADING_BULLET = /^[•·▪●]\s*/;

function unbullet(text: string): string {
  const bullet = LEADING_BULLET.exec(text);
  return bullet ? ' '.repeat(bullet[0].length) + text.slice(bullet[0].length) : text;
}

/** Captions are never speech, but "Unison branch secretary Caroline Johnson" tells us who someone is. */
function captionPeople(caption: string, people: People): void {
  const named = findNarrativeNames(caption, roleOf);
  for (const n of named) mention(people, n.name, null, { role: n.role });
  // "Jean Cole, Unite rep, outside the civic centre" or "Grace Okoro speaking at the rally".
  const lead = /^((?:\p{Lu}[\p{L}’'-]*\p{Ll}\s+){1,2}\p{Lu}[\p{L}’'-]*\p{Ll})(?:,\s*([^,]+),|(?=\s|$))/u.exec(caption);
  if (lead && named.length === 0) {
    const subject = parseSubject(lead[2] ? `${lead[1]}, ${lead[2]}` : lead[1]!);
    if (subject?.type === 'person') mention(people, subject.name, null, { role: subject.role });
  }
}
