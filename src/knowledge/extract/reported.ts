/**
 * Reported speech: the clause a verb of speech reports, with or without "that", and whether the
 * attribution leads ("Kaye said the union would ballot") or trails ("…, the council has confirmed").
 * Every search is bounded per sentence: the subject by `MAX_SUBJECT_CHARS`, a trailing attribution by
 * `MAX_TRAILING_CHARS`, and each pattern is anchored where it starts.
 */
import { soleNameIn } from './evidence.js';
import { documentFinding } from './findings.js';
import { findNarrativeNames } from './names.js';
import { roleOf } from './roles.js';
import { MAX_SUBJECT_CHARS, parseSubject, type Subject } from './subject.js';
import { CLAUSE_OR_THING_VERBS, CLAUSE_VERBS, firstVerb, REPORT_VERB_FIRST, REPORT_VERB_LAST, reportsThat, startsWithVerb, verbsIn } from './verbs.js';
import { OPENING_SUBJECT, parenthetical, participial, subjectBeforeAside, verbAfterAside } from './reported-asides.js';
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
  for (const m of sentence.matchAll(SECOND_SOURCE)) {
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
  if (IN_RELATIVE.test(sentence.slice(0, verb.index))) return null;
  const { subject, subjectText } = leadingSubject(sentence.slice(0, verb.index));
  if (!subject && hasWords(clause, MIN_CLAUSE_WORDS)) return jointly(sentence.slice(0, verb.index), clause);
  if (!subject || !isSource(subject, subjectText, verb.text) || !hasWords(clause, MIN_CLAUSE_WORDS)) return null;
  // The attribution is everything before the reported clause: "Jo Bell told Tom Hale the cuts…" names two people.
  return { subject: soleNameIn(subject, sentence.slice(0, sentence.length - rest.length)), clause };
}


// "The library is well used and FOBL say …": after a clause and "and", the next clause's subject; so after "after"
// or "because" ("Campaigners are celebrating after the county council told them …").
// The first clause has no comma and no "who": "Tom Hale, who is a carer, and Ann Hale said" is two speakers.
// After "after" only a body named by its proper name: the labelled set leaves "…after the council admitted it had
// underpaid shifts" unlabelled (a doubt recorded for the lead), so a common noun there is left alone.
const AFTER_CLAUSE =
  /^(?![^,]*\b(?:who|which|whose)\b)[^,]*\b(?:is|are|was|were|has|have|had|will|would)\b[^,]*\s(?:(?:and|but)\s+((?:the\s+)?\p{Lu}[^,]{0,60}|the\s+\p{Ll}[^,]{0,40})|after\s+((?:the\s+)?\p{Lu}[^,]{0,60}))$/u;

/** The subject before the verb, or the subject of a second clause joined to a first by "and". */
function leadingSubject(text: string): { subject: Subject | null; subjectText: string } {
  const subject = parseSubject(text);
  // "…questions about the pools and Tom Hale, cabinet member for leisure, revealed": the person of the second
  // clause, not the role set off after them.
  const apposed = subject?.type === 'role' ? APPOSED_AFTER_CLAUSE.exec(text.slice(-MAX_SUBJECT_CHARS)) : null;
  const person = apposed ? parseSubject(`${apposed[1]}, ${apposed[2]}`) : null;
  if (person?.type === 'person') return { subject: person, subjectText: apposed![0] };
  if (subject) return { subject, subjectText: text };
  const beforeAside = subjectBeforeAside(text);
  // "GMB London, which …": a lone word read as a surname there is as likely a place.
  if (beforeAside && !(beforeAside.subject.type === 'person' && beforeAside.subject.bare)) return beforeAside;
  // "…shouted down by angry parish councillors who said": people described, not named, before "who".
  const described = ROLE_THEN_WHO.exec(text.slice(-MAX_ROLE_WHO));
  const role = described ? parseSubject(described[1]!) : null;
  if (role?.type === 'role') return { subject: role, subjectText: described![1]! };
  const second = AFTER_CLAUSE.exec(text);
  // "…approved after Jo Bell and Tom Hale said": a name straight before "and" makes the two one subject, not two clauses.
  const pair = second?.[1] !== undefined && NAME_BEFORE_AND.test(text.slice(0, text.length - second[1].length));
  if (second && !pair) return { subject: parseSubject(second[1] ?? second[2]!), subjectText: second[1] ?? second[2]! };
  // "Council officials have apologised …, but said": a verb joined on with no subject of its own is the subject's
  // that opens the sentence, read up to its first finite verb.
  const joined = JOINED_VERB.test(text) ? OPENING_SUBJECT.exec(text) : null;
  const opening = joined ? parseSubject(joined[1]!) : null;
  return opening && opening.type !== 'pronoun' ? { subject: opening, subjectText: text } : { subject: null, subjectText: text };
}

const APPOSED_AFTER_CLAUSE = /\s(?:and|but)\s+(\p{Lu}[\p{L}’'-]*(?:\s+\p{Lu}[\p{L}’'-]*){1,2}),\s*([^,]{1,80}?),?\s*$/u;
const NAME_BEFORE_AND = /\p{Lu}[\p{L}’'-]*\p{Ll}\s+\p{Lu}[\p{L}’'-]*\p{Ll}\s+(?:and|&)\s+$/u;
const ROLE_THEN_WHO = /(?:^|\s)((?:\p{Ll}[\p{L}-]*\s+){0,3}\p{Ll}[\p{L}-]*s)\s+who\s*$/u;
const MAX_ROLE_WHO = 80;
// "… and have said", "…, but has since claimed": the auxiliary and adverb of the joined verb.
const JOINED_VERB = /(?:^|[\s,])(?:and|but)(?:\s+(?:has|have|had))?(?:\s+(?:also|since|now|then|later))?\s*$/;

// Between the people of a joint subject: "and", "&" or a comma.
const JOINERS = /^(?:\s*,\s*|\s+(?:and|&)\s+|\s*,\s*(?:and|&)\s+)$/;

/**
 * "Councillors Jo Bell and Tom Hale warned …", "Jo Bell, Tom Hale and Sam Reid said that …": two or more people
 * report the clause together, so it is reported speech whose speaker is nobody in particular.
 */
function jointly(subjectText: string, clause: string): Reported | null {
  const text = subjectText.trim().slice(-MAX_SUBJECT_CHARS);
  const names = findNarrativeNames(text, roleOf);
  if (names.length < 2 || text.slice(0, names[0]!.offset).split(/\s+/).length > 4) return null;
  for (let k = 1; k < names.length; k++) {
    const prev = names[k - 1]!;
    if (!JOINERS.test(text.slice(prev.offset + endOf(text, prev), names[k]!.offset))) return null;
  }
  const last = names.at(-1)!;
  if (last.offset + endOf(text, last) !== text.length) return null;
  return { subject: { type: 'it' }, clause, nobody: `${names.map((n) => n.name).join(' and ')} said it together` };
}

/** Length of a found name's text from its offset (the name may drop a title written before it). */
function endOf(text: string, name: { name: string; offset: number }): number {
  const lastWord = name.name.split(' ').at(-1)!;
  return text.indexOf(lastWord, name.offset) + lastWord.length - name.offset;
}

