/**
 * Verbs of speech: the one word list the speaker rules read, and finding them in a stretch of narrative.
 *
 * The labelling rule (test/eval/README.md, settled 2026-12-01) is an open class: any verb by which the source says,
 * writes or states words, followed by a finite clause (with or without "that") or by direct speech, attributes the
 * words and reports the clause (`reported`). A non-finite complement ("vowed to fight", "urged the council to",
 * "accused the council of cutting", "called for") reports no clause of theirs, and verbs of belief or naming
 * ("believes", "described … as", "branded") only attribute a quote, never report one.
 */

/** How a verb of speech takes what follows it. */
type Use =
  /** A clause whenever one follows, "that" or not: "Kaye said the union would ballot". */
  | 'clause'
  /** A clause or a thing ("confirmed changes to its service"): reports without "that" only when a finite verb follows soon. */
  | 'clause-or-thing'
  /** Attributes a direct or partial quote, never reports a clause: naming, asking, urging, belief. */
  | 'quote-only';

const VERBS: Record<Use, string[]> = {
  clause: [
    'said', 'says', 'say', 'told', 'tells', 'added', 'adds', 'warned', 'warns', 'insisted', 'insists', 'argued', 'argues',
    'stressed', 'stresses', 'replied', 'replies', 'pointed out', 'points out', 'insist',
  ],
  // Present forms that are as often nouns ("welcomed the pledges", "counters") are left out.
  'clause-or-thing': [
    'explained', 'explains', 'stated', 'states', 'claimed', 'claims', 'confirmed', 'confirms', 'admitted', 'admits',
    'revealed', 'reveals', 'announced', 'announces', 'noted', 'notes', 'wrote', 'writes', 'declared', 'declares',
    'maintained', 'maintains', 'acknowledged', 'acknowledges', 'conceded', 'concedes', 'vowed', 'vows', 'pledged',
    'promised', 'promises', 'commented', 'comments', 'responded', 'responds', 'reassured', 'reassures', 'suggested',
    'suggests', 'recalled', 'recalls', 'continued', 'continues', 'emphasised', 'emphasises', 'emphasized', 'reiterated',
    'reiterates', 'complained', 'complains', 'alleged', 'alleges', 'disclosed', 'discloses', 'countered',
    'concluded', 'concludes', 'made it clear', 'makes it clear',
  ],
  'quote-only': [
    'described', 'describes', 'called', 'calls', 'branded', 'brands', 'labelled', 'dubbed', 'criticised', 'criticises',
    'accused', 'accuses', 'urged', 'urges', 'asked', 'asks', 'agreed', 'agrees', 'believes', 'believed',
    // Pointing to words as someone's ("highlighted the “challenging backdrop”", "referred to a ‘root and branch review’").
    'highlighted', 'highlights', 'referred to', 'refers to', 'deemed', 'accusing', 'calling on',
    // A prediction is a belief about what will happen (the labelling rulings), not words reported as said.
    'predicted', 'predicts',
    // Judging words ("slammed the decision as “undemocratic”"); not "rejected", "dismissed": "rejected claims that
    // the roads were “deteriorating”" quotes the claims, not the one who rejects them.
    'slammed', 'slams', 'blasted', 'condemned', 'condemns', 'hailed', 'hails', 'praised', 'praises', 'lambasted',
  ],
};

const ALL = [...VERBS.clause, ...VERBS['clause-or-thing'], ...VERBS['quote-only'], 'according to'];
const REPORTING = [...VERBS.clause, ...VERBS['clause-or-thing']];

// Not after a hyphen, so "so-called" is not a verb of speech; not after a determiner or a preposition, where the
// word is a noun ("with calls of", "the claims", "her comments").
const DETERMINERS = new Set(['the', 'a', 'an', 'his', 'her', 'their', 'its', 'our', 'my', 'your', 'these', 'those', 'with', 'of', 'amid', 'despite', 'following', 'after', 'new', 'fresh', 'repeated']);
// One alternation the regex engine scans for; whether a match is a noun is checked only where one matched. Not
// after a letter or a hyphen is checked there too (`afterLetter`): a pattern opening with a lookbehind is tried at
// every position of the text, one opening with the words is scanned for their first letters, about three times
// faster. Only `verbAt` runs it (it sets `lastIndex` before each search, so nested callers never disturb one another).
const SPEECH_VERB = new RegExp(`(?:${ALL.join('|')})(?![\\p{L}-])`, 'gu');
const LETTER_OR_HYPHEN = /^[\p{L}-]$/u;
// The longest word in DETERMINERS.
const MAX_DETERMINER = 9;

/** A match of SPEECH_VERB is a noun when a determiner or a preposition stands just before it. */
function isNoun(text: string, index: number): boolean {
  let end = index;
  while (end > 0 && text[end - 1] === ' ') end--;
  if (end === index) return false;
  let start = end;
  while (start > 0 && end - start <= MAX_DETERMINER && /[a-zA-Z]/.test(text[start - 1]!)) start--;
  return end - start <= MAX_DETERMINER && DETERMINERS.has(text.slice(start, end).toLowerCase());
}

// "staff are stressed at work", "feel very stressed": after a copula "stressed" says how someone is, not what they said.
const STATE_AFTER = /(?:^|\s)(?:is|are|was|were|be|been|being|feel|feels|felt|feeling|get|gets|got|getting|very|so|too|more|less)\s+$/;

function isState(text: string, m: RegExpExecArray): boolean {
  return m[0] === 'stressed' && STATE_AFTER.test(text.slice(Math.max(0, m.index - 10), m.index));
}

/** Whether the character (the code point) just before `index` is a letter or a hyphen. */
function afterLetter(text: string, index: number): boolean {
  if (index === 0) return false;
  const c = text.charCodeAt(index - 1);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45;
  const pair = c >= 0xdc00 && c <= 0xdfff && index >= 2 && /[\uD800-\uDBFF]/.test(text[index - 2]!);
  return LETTER_OR_HYPHEN.test(pair ? text.slice(index - 2, index) : text[index - 1]!);
}

/**
 * The first verb of speech at or after `from`. Where a match stands after a letter ("unsaid") the search goes on
 * from its next character, as a lookbehind would; where it is a noun, after the match, as a scan of all matches did.
 */
function verbAt(text: string, from: number): Verb | null {
  for (let at = from; ; ) {
    SPEECH_VERB.lastIndex = at;
    const m = SPEECH_VERB.exec(text);
    if (m === null) return null;
    if (afterLetter(text, m.index)) at = m.index + 1;
    else if (isNoun(text, m.index) || isState(text, m)) at = m.index + m[0].length;
    else return { index: m.index, text: m[0] };
  }
}

/** Every verb of speech in the text, in order (read lazily, so a caller that stops early scans no further). */
export function* verbsIn(text: string): Generator<Verb> {
  for (let verb = verbAt(text, 0); verb !== null; verb = verbAt(text, verb.index + verb.text.length)) yield verb;
}

/** A verb of speech opening the text (anchored, so testing it never scans the rest). */
const SPEECH_VERB_FIRST = new RegExp(`^\\s*(?:${ALL.join('|')})(?![\\p{L}-])`, 'u');

/** "the claims that …", "calls for …": a verb of speech read as a noun still presents quoted words as someone's. */
export const SPEECH_NOUN = /(?<![\p{L}-])(?:claims|calls|comments|promises)(?![\p{L}-])/u;

/** Verbs that report a clause with no "that" whenever they lead one. */
export const CLAUSE_VERBS = new Set(VERBS.clause);
/** Verbs that report a clause with no "that" only when a finite verb follows soon. */
export const CLAUSE_OR_THING_VERBS = new Set(VERBS['clause-or-thing']);
/** A verb whose "that" clause is reported speech ("believes that", "agreed that" are not). */
export function reportsThat(verb: string): boolean {
  return CLAUSE_VERBS.has(verb) || CLAUSE_OR_THING_VERBS.has(verb);
}

// A document or survey also "found" or "shows"; a person who "found" is not speaking.
const DOCUMENT_VERBS = ['found', 'finds', 'shows', 'showed'];
/** What only a document or survey reports with ("the survey found"). */
export const DOCUMENT_ONLY_VERBS = new Set(DOCUMENT_VERBS);
// "…, the newspaper reported", "…, reported the paper": only trailing a sentence is "reported" a verb of speech; before
// a clause or a thing it is as often one of doing ("Residents reported the fault").
const TRAILING_VERBS = ['reported', 'reports'];
/** A verb of report opening the text: ", said a paper to the cabinet", ", according to a report". */
export const REPORT_VERB_FIRST = new RegExp(`^(?:${[...REPORTING, ...DOCUMENT_VERBS, ...TRAILING_VERBS].join('|')}|according to)(?![\\p{L}-])\\s*`, 'u');
/** A verb of report closing the text, perhaps after "has" or "have": ", the council has confirmed". */
export const REPORT_VERB_LAST = new RegExp(`(?<![\\p{L}-])(?:${[...REPORTING, ...DOCUMENT_VERBS, ...TRAILING_VERBS].join('|')})$`, 'u');

/** "Added Cllr Hamilton:": a verb opening the sentence before its subject. */
export const INVERTED_VERB = /^(?:Added|Adds|Said|Says|Continued|Continues|Explained|Warned|Insisted)\s+/;

/** "X defended the decision, saying: …": a participle hands speech to the subject of the main clause. */
export const PARTICIPLE = /(?<![\p{L}-])(?:saying|adding|telling|warning|insisting|arguing|explaining|claiming|stressing|calling|branding|describing)(?![\p{L}-])/gu;

/**
 * "…, saying it amounted to ‘…’", "calling the rises an “…”", "with a spokesperson saying the price was ‘…’": a
 * participle of speech whose clause runs on, with no comma, to the quote that closes the text. Read on a bounded lead.
 */
export const PARTICIPLE_CLAUSE =
  /(?<![\p{L}-])(?:saying|calling|adding|warning|insisting|arguing|claiming|stressing|branding|describing|labelling|dubbing)(?![\p{L}-])[^,;:.!?]*$/u;

export interface Verb {
  index: number;
  text: string;
}

export function firstVerb(text: string): Verb | null {
  return verbAt(text, 0);
}

export function lastVerb(text: string): Verb | null {
  let last: Verb | null = null;
  for (let verb = verbAt(text, 0); verb !== null; verb = verbAt(text, verb.index + verb.text.length)) last = verb;
  return last;
}

/** True when the text opens with a verb of speech; anchored, so it never scans past the first word. */
export function startsWithVerb(text: string): boolean {
  return SPEECH_VERB_FIRST.test(text);
}
