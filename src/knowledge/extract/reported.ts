/**
 * Reported speech: the clause a verb of speech reports, with or without "that", and whether the
 * attribution leads ("Kaye said the union would ballot") or trails ("…, the council has confirmed").
 * Every search is bounded per sentence: the subject by `MAX_SUBJECT_CHARS`, a trailing attribution by
 * `MAX_TRAILING_CHARS`, and each pattern is anchored where it starts.
 */
import { soleNameIn } from './evidence.js';
import { documentFinding } from './findings.js';
import { jointly, laterBody, leadingSubject } from './leading-subject.js';
import { MAX_SUBJECT_CHARS, parseSubject, type Subject } from './subject.js';
import { CLAUSE_OR_THING_VERBS, CLAUSE_VERBS, firstVerb, REPORT_VERB_FIRST, REPORT_VERB_LAST, reportsThat, startsWithVerb, verbsIn } from './verbs.js';
import { parenthetical, participial, verbAfterAside } from './reported-asides.js';
import { clauseUntilNext, FINITE, FINITE_SOON, hasWords, isSource, MIN_CLAUSE_WORDS, NOT_A_CLAUSE, TIME_AFTER_VERB, trimEnd, type Reported } from './reported-clause.js';

export type { Reported } from './reported-clause.js';
export { trimEnd } from './reported-clause.js';

// A trailing attribution is a short clause (", the council has confirmed", ", said a paper to the cabinet").
const MAX_TRAILING_CHARS = 120;
const MAX_TRAILING_WORDS = 10;

/** The clause a sentence reports and who reports it, or null when the sentence reports nobody's words. */
export function reportedSpeech(sentence: string): Reported | null {
  const found = documentFinding(sentence) ?? withThat(sentence) ?? trailing(sentence) ?? leading(sentence) ?? participial(sentence);
  // "…by the end of the year.It closed suddenly…": a stop with no space after it still ends the sentence.
  const glued = found ? GLUED_STOP.exec(found.clause) : null;
  return found && glued ? { ...found, clause: found.clause.slice(0, glued.index) } : found;
}

// "…said it was trying to plug a gap and said that hundreds of jobs were at risk": a second verb of saying joined by
// "and" with no subject of its own reports a second clause of the same speaker.
const AND_SAID = /,?\s+and\s+(?:also\s+)?(?:said|added|warned|insisted|stressed|explained|argued|claimed|confirmed|stated|admitted|noted|pointed out)(?:\s+that)?\s+(?=\S)/;

/** The clauses a sentence reports: one, or two when a second verb of saying is joined on by "and". */
export function reportedClauses(sentence: string): Reported[] {
  const and = AND_SAID.exec(sentence);
  if (and) {
    const first = reportedSpeech(sentence.slice(0, and.index));
    const second = trimEnd(sentence.slice(and.index + and[0].length), /[\s.!?]/);
    if (first && hasWords(second, MIN_CLAUSE_WORDS)) return [first, { subject: first.subject, clause: second }];
  }
  const two = secondSource(sentence);
  if (two) return two;
  const one = reportedSpeech(sentence);
  return one ? [one] : [];
}

// "…after Leicestershire County Council said it could no longer afford …": a conjunction opening a second source's
// clause, its verb of speech soon after (the look-ahead is bounded, so each match is tried in bounded time).
const SECOND_SOURCE = /\s(?:after|when|because|since|while|whereas|before|until)\s+(?=[^,;]{1,80}?\s(?:said|says|announced|confirmed|warned|claimed|told|added|insisted|stated|revealed|admitted|argued)\s)/g;
// At most this many conjunctions are tried in one sentence.
const MAX_SECOND_SOURCES = 3;

/** Two sources each reporting a clause of one sentence, or null when the sentence does not read so. */
function secondSource(sentence: string): Reported[] | null {
  let tried = 0;
  // The matches `matchAll` gives, without the copy of the pattern it makes on every call (most sentences match
  // nothing); `lastIndex` is set before each search, so the calls in the loop cannot move it.
  for (let from = 0; ; ) {
    SECOND_SOURCE.lastIndex = from;
    const m = SECOND_SOURCE.exec(sentence);
    if (m === null) break;
    from = m.index + m[0].length;
    if (++tried > MAX_SECOND_SOURCES) break;
    const second = reportedSpeech(sentence.slice(m.index + m[0].length));
    if (!second || second.nobody || second.subject.type === 'pronoun' || second.subject.type === 'it') continue;
    const first = reportedSpeech(sentence.slice(0, m.index));
    if (first && !first.nobody) return [first, second];
  }
  return null;
}

const GLUED_STOP = /(?<=\p{Ll})[.!?](?=\p{Lu}\p{Ll})/u;

// "a strategy which says that … and has said that …" reaches the second; no sentence needs more.
const MAX_THAT_VERBS = 3;

/** "Cllr Hamilton said that they are…": the speaker and the reported clause. */
function withThat(sentence: string): Reported | null {
  // Every clause found below needs the `that` pattern to match, and it matches only the word: without it, none.
  if (!sentence.includes('that')) return null;
  // Each verb tried reads the sentence before it: a bounded number of them keeps a long sentence linear.
  let tried = 0;
  for (const m of verbsIn(sentence)) {
    // "believes that", "agreed that": a belief or a decision, not words reported.
    if (!reportsThat(m.text)) continue;
    const rest = sentence.slice(m.index + m.text.length);
    // "said that, ironically, the pitch …": the comma after "that" sets off the clause's own first word.
    const that = /^\s+(?:[\p{L}’']+\s+){0,3}?that\s*,?\s+/u.exec(rest);
    if (!that) continue;
    // "Unison say the authority pledged that …": a verb between them makes "that" another clause's.
    if (FINITE.test(rest.slice(0, that[0].lastIndexOf('that')))) continue;
    if (tried++ >= MAX_THAT_VERBS) return null;
    const { subject } = leadingSubject(sentence.slice(0, m.index));
    const after = rest.slice(that[0].length);
    const clause = clauseUntilNext(after);
    if (!subject && clause !== '') {
      // "a strategy which says that … and has said that …": a later verb may have the sentence's subject.
      const joint = jointly(sentence.slice(0, m.index), clause);
      if (joint) return joint;
      continue;
    }
    return subject && clause !== '' ? { subject, clause } : null;
  }
  return null;
}

/**
 * "Half the budget will go to the hub, the council said.", "…, union leaders have warned.", "…, said a
 * paper to the cabinet.", "…, according to a report.": the attribution after the sentence's last comma.
 */
function trailing(sentence: string): Reported | null {
  const body = trimEnd(sentence, /[\s.!?]/);
  const window = body.slice(-MAX_TRAILING_CHARS);
  const last = window.lastIndexOf(',');
  if (last < 0) return null;
  // "…, said Kay Hoskins, chairwoman of the Friends.": the attribution may carry a role after its own comma.
  const before = last > 0 ? window.lastIndexOf(',', last - 1) : -1;
  const atLast = trailingAt(body, window, last);
  if (atLast || before < 0 || !REPORT_VERB_FIRST.test(window.slice(before + 1).trim())) return atLast;
  return trailingAt(body, window, before);
}

// ", a report warns today", ", a study said yesterday": a time after a trailing verb is not its subject.
const TIME_AFTER = /\s+(?:today|yesterday|tonight|this (?:week|month|morning)|last (?:week|month|night)|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))$/i;

/**
 * "…the “terrible impact” of “mean” council cuts, two councillors have claimed.": whoever the sentence ends by citing,
 * and where the cited words end (the last comma), so a quoted phrase before it can be theirs.
 */
export function trailingSource(sentence: string): { subject: Subject; end: number } | null {
  const found = trailing(sentence);
  return found && !found.nobody ? { subject: found.subject, end: found.clause.length } : null;
}

function trailingAt(body: string, window: string, comma: number): Reported | null {
  // "…, UNISON says today (Saturday).": an aside in brackets is no part of the attribution.
  const clause = window.slice(comma + 1).replace(/\s*\([^()]*\)/g, '').trim().replace(TIME_AFTER, '');
  if (clause === '' || clause.split(/\s+/).length > MAX_TRAILING_WORDS) return null;
  let subjectText: string | null = null;
  let verb = '';
  const inverted = REPORT_VERB_FIRST.exec(clause);
  // ", said a paper to the cabinet" names its source after the verb; ", wrote to the council" does not.
  if (inverted && !AFTER_VERB_NO_SUBJECT.test(clause.slice(inverted[0].length))) {
    subjectText = clause.slice(inverted[0].length);
    verb = inverted[0].trim();
  } else {
    const last = REPORT_VERB_LAST.exec(clause);
    if (last) {
      subjectText = clause.slice(0, last.index);
      verb = last[0];
    }
  }
  if (subjectText === null) return null;
  const subject = parseSubject(subjectText);
  const reported = body.slice(0, body.length - window.length + comma).trim();
  if (!subject || !isSource(subject, subjectText, verb) || !hasWords(reported, MIN_CLAUSE_WORDS)) return null;
  return { subject: soleNameIn(subject, clause), clause: reported };
}

const AFTER_VERB_NO_SUBJECT = /^(?:to|in|on|at|for|of|by|from|with|about|that|this|it|last|yesterday|today|after|before|during)\b/i;
// "According to a report to the cabinet, hundreds of visits…": the source is bounded like any subject.
const ACCORDING = /^According to\s+([^,]{1,200}),\s*/;
const IN_RELATIVE = /(?:^|,\s*|\s)(?:which|whom|whose|that|where)\s[^,]*$/i;
// The person told: "told councillors", "told the committee", "told the BBC", "told BBC Radio Leeds".
const TOLD_OBJECT = /^(?:(?:the|a|an|his|her|their|its)\s+)?(?:\p{Lu}[\p{L}’'-]*(?:\s+\p{Lu}[\p{L}’'-]*)*|\p{Ll}+)\s+/u;

/** "Kaye said the union would ballot its 180 home care members.": the subject before the sentence's first verb of speech. */
function leading(sentence: string): Reported | null {
  const according = ACCORDING.exec(sentence);
  if (according) {
    const subject = parseSubject(according[1]!);
    const clause = trimEnd(sentence.slice(according[0].length), /[\s.!?]/);
    return subject && isSource(subject, according[1]!, 'according to') && hasWords(clause, MIN_CLAUSE_WORDS) ? { subject, clause } : null;
  }
  const verb = verbAfterAside(sentence) ?? firstVerb(sentence.slice(0, MAX_SUBJECT_CHARS + 20));
  if (!verb || verb.index === 0 || verb.index > MAX_SUBJECT_CHARS) return null;
  const thingOrClause = CLAUSE_OR_THING_VERBS.has(verb.text);
  if (!CLAUSE_VERBS.has(verb.text) && !thingOrClause) return null;
  const aside = parenthetical(sentence, verb);
  if (aside) return aside;
  let rest = sentence.slice(verb.index + verb.text.length).replace(/^\s+/, '');
  rest = rest.replace(TIME_AFTER_VERB, '');
  // "claimed cutting back … was an opportunity" reports a clause; "confirmed changes to its service" a thing.
  if (thingOrClause && !FINITE_SOON.test(rest)) return null;
  if (/^tell|^told/i.test(verb.text)) {
    const object = TOLD_OBJECT.exec(rest);
    if (!object) return null;
    rest = rest.slice(object[0].length);
  }
  if (!/^[\p{L}\p{N}£]/u.test(rest) || NOT_A_CLAUSE.test(rest) || startsWithVerb(rest) || /:\s*$/.test(rest)) return null;
  const clause = clauseUntilNext(rest);
  // "The decision, which Jane Smith said was taken in secret, …": the verb is inside a relative clause.
  // ("…is not an option as the council says it …": a source after a conjunction stands outside the "that" before it.)
  if (IN_RELATIVE.test(sentence.slice(0, verb.index)) && !laterBody(sentence.slice(0, verb.index))) return null;
  const { subject, subjectText } = leadingSubject(sentence.slice(0, verb.index));
  if (!subject && hasWords(clause, MIN_CLAUSE_WORDS)) return jointly(sentence.slice(0, verb.index), clause);
  if (!subject || !isSource(subject, subjectText, verb.text) || !hasWords(clause, MIN_CLAUSE_WORDS)) return null;
  // The attribution is everything before the reported clause: "Jo Bell told Tom Hale the cuts…" names two people.
  return { subject: soleNameIn(subject, sentence.slice(0, sentence.length - rest.length)), clause };
}
