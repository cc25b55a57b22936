/** People introduced in narrative, found in one pass over a sentence's words. */
import { firstNameGender } from './first-names.js';
import { isInitial, isNameToken, isPossessive, POSSESSIVE, startsUpper, titleOf } from './name-tokens.js';
import { isOrgLike, isPlaceLike, possessor } from './names.js';
import { COMPANY_NOUNS, FUNCTION_WORDS, MONTHS, ROLE_NOUNS, TITLES, type Gender } from './words.js';

export interface NarrativeName {
  name: string;
  role: string | null;
  gender: Gender | null;
  offset: number;
}

const JOINERS = new Set(['and', 'with']);
const WARD_VERBS = new Set(['represents', 'represent', 'representing', 'represented']);
// A lowercase word naming what someone is ("inhabitant", "campaigner", "resident"), not what they did ("met").
const PERSON_NOUN = /^\p{Ll}+(?:ant|ent|er|or|ist|ian)$/u;
// Prepositions that take people more often than places ("in", "at", "of" take places and bodies), and
// conjunctions opening a second clause ("but Sarah Jones disagreed").
// "Among them is Jo Bell", "It was Jo Bell who": a name after a copula is someone in the story too.
const PERSON_PREPOSITIONS = new Set(['to', 'by', 'from', 'with', 'for', 'against', 'than', 'like', 'but', 'while', 'whereas', 'is', 'was']);
// "Mother-of-two Jo Bell": a capitalised hyphenated description before a name.
const DESCRIPTION = /^\p{Lu}\p{Ll}+(?:-\p{Ll}+)+$/u;
// "25-year-old Joel Herga": an age before a name describes the person, as a role word does.
const AGE = /^\p{N}+-year-old$/u;
const LOWER_WORD = /^\p{Ll}[\p{Ll}-]*$/u;
const ACRONYM = /^\p{Lu}{2,4}$/u;
// A role given before a name in narrative opens the sentence within this many words.
const MAX_ROLE_WORDS = 8;

/**
 * People introduced in narrative: a run of 2–3 capitalised words after a lowercase word ("Home carer Sam
 * Reid has…") or opening the sentence before a lowercase verb ("Maria Okafor accused…"), with the words
 * before it as the role when they open the sentence; or a title and a name ("Mr Hill left"), which also
 * tells us the person's gender. One pass over the tokens; the role is read only near the sentence start.
 */
export function findNarrativeNames(sentence: string, roleOf: (raw: string) => string | null): NarrativeName[] {
  const out: NarrativeName[] = [];
  const tokens = tokensOf(sentence);
  let lastEnd = -2; // last token of the name found before, so "and" joins only two people
  for (let i = 0; i < tokens.length; i++) {
    // Every name, and every title, starts with a capital: most words are ruled out here.
    if (!startsUpper(tokens[i]!.raw)) continue;
    const title = titleOf(tokens[i]!.word);
    const prev = tokens[i - 1];
    // After a role word ("carer Sam Reid"), or after "and"/"with" joining people ("Tom Hale and Ann Hale").
    const joined = prev !== undefined && JOINERS.has(prev.raw) && lastEnd === i - 2;
    // An acronym is a role or a body before a name too: "Ukip MLA David McNarry", "GMB organiser".
    // (The set look-ups before the patterns: this runs for every capitalised word.)
    const afterRole =
      prev !== undefined &&
      (!FUNCTION_WORDS.has(prev.raw) || joined) &&
      (LOWER_WORD.test(prev.raw) || ACRONYM.test(prev.raw) || DESCRIPTION.test(prev.raw) || AGE.test(prev.raw));
    const afterPossessive = prev !== undefined && startsUpper(prev.raw) && isPossessive(prev.raw);
    const opening = i === 0 && !FUNCTION_WORDS.has(tokens[0]!.word.toLowerCase()) && !MONTHS.has(tokens[0]!.word.toLowerCase());
    // Set off by commas ("The council’s leader, Tom Hale, has written"): an appositive name is a mention too.
    const afterComma = prev !== undefined && prev.raw.endsWith(',') && !afterAddress(tokens, i - 1);
    // "has written to Tom Hale", "started by Jo Bell": a person after a preposition is in the story too.
    const afterPreposition = prev !== undefined && PERSON_PREPOSITIONS.has(prev.raw);
    // "Jo and Tom Bell": a first name alone before "and" shares the surname that follows.
    const before = tokens[i - 2];
    const sharedFirst =
      prev?.raw === 'and' && before !== undefined && isNameToken(before.raw) && titleOf(before.raw) === null &&
      !(tokens[i - 3] !== undefined && isNameToken(tokens[i - 3]!.raw))
        ? before
        : null;
    // "Tom Hale, the council leader, and Jo Bell": after a description set off by commas (a list of places,
    // "Bath and North East Somerset, and Tower Hamlets", has a capital there).
    const afterList = prev?.raw === 'and' && before !== undefined && before.raw.endsWith(',') && !startsUpper(before.raw);
    // "the leader of the Clifton Independents Kevin Clarke": a body's name running straight into a first name a reader knows.
    const afterBody =
      prev !== undefined && prev.raw === prev.word && startsUpper(prev.raw) && isOrgLike([prev.word]) && firstNameGender(`${tokens[i]!.word} x`) !== null;
    if (title === null && !afterRole && !afterPossessive && !opening && !afterComma && !afterPreposition && !sharedFirst && !afterList && !afterBody) continue;
    // "who represents Clifton East": what a councillor represents is a ward, never a person.
    if (title === null && prev !== undefined && WARD_VERBS.has(prev.raw)) continue;
    // "Dawn, a care assistant and GMB member, has…": one name opening the sentence, described as a person.
    const described = i === 0 && title === null ? describedFirstName(tokens, roleOf) : null;
    if (described) {
      out.push(described);
      lastEnd = 0;
      continue;
    }
    const from = title === null ? i : i + 1;
    let j = from;
    let words = 0;
    // A title inside the run starts a name of its own ("Later Mr Hill" is Mr Hill).
    while (j < tokens.length && words < 3) {
      const t = tokens[j]!;
      // "John F. Smith": an initial between two name words.
      if (j > from && isInitial(t.raw)) {
        let k = j;
        while (k < tokens.length && k - j < 3 && isInitial(tokens[k]!.raw)) k++;
        if (tokens[k] !== undefined && isNameToken(tokens[k]!.word)) {
          j = k;
          continue;
        }
      }
      if (!isNameToken(t.word) || isPossessive(t.word) || titleOf(t.word) !== null) break;
      j++;
      words++;
      if (t.raw !== t.word) break; // punctuation ends the name
    }
    let run = tokens.slice(from, j).map((t) => (isInitial(t.raw) ? t.raw : t.word));
    // "Campaigner Abigail Bryant" opening a sentence: the capitalised role word is not part of the name.
    // "Councillors Stephen Palmer and John Hough": a plural role word too.
    const leadWord = run[0]?.toLowerCase() ?? '';
    const lead = run.length > 2 && (ROLE_NOUNS.has(leadWord) || ROLE_NOUNS.has(leadWord.replace(/s$/, ''))) ? run[0]! : null;
    if (lead) run = run.slice(1);
    // "Jo Bell’s petition": a person named as a possessor is in the story, so a later "Ms Bell" is Jo Bell. Only a
    // first name a reader knows says it is a person's ("Hartley Law’s lawyers" is a firm's).
    const owner = tokens[j];
    if (title === null && owner !== undefined && isPossessive(owner.word) && /^\p{Ll}/u.test(tokens[j + 1]?.raw ?? '')) {
      const name = [...run, owner.word.replace(POSSESSIVE, '')];
      if (run.length >= 1 && name.length <= 3 && isNameToken(name.at(-1)!) && !isOrgLike(name) && firstNameGender(name.join(' ')) !== null) {
        out.push({ name: name.join(' '), role: null, gender: null, offset: tokens[i]!.at });
        lastEnd = j;
        i = j;
        continue;
      }
    }
    if (run.length < (title === null ? 2 : 1) || isOrgLike(run) || (title === null && isPlaceLike(run))) continue;
    const next = tokens[j];
    if (next && tokens[j - 1]!.raw === tokens[j - 1]!.word && (isNameToken(next.word) || isPossessive(next.word))) {
      i = j - 1; // part of a longer capitalised phrase, or a possessor ("Hartley Law’s")
      continue;
    }
    // A name opening the sentence must be followed by a lowercase word (its verb), not be a heading; and
    // "Irate Harlech inhabitant David Price" opens with a description, the name coming after one word.
    // "Jo Bell, 45, has…" and "Jo Bell (45) has…" open with a name too: an age set off after it.
    const aged = next !== undefined && (/^\(/.test(next.raw) || (tokens[j - 1]!.raw.endsWith(',') && /^\p{N}/u.test(next.raw)));
    if (opening && title === null && i === 0 && !(next && (/^\p{Ll}/u.test(next.raw) || aged))) continue;
    if (opening && title === null && i === 0 && tokens[j + 2] && PERSON_NOUN.test(next!.raw) && isNameToken(tokens[j + 1]!.raw) && isNameToken(tokens[j + 2]!.word)) continue;
    let role: string | null = null;
    if (lead) role = lead;
    else if (afterPossessive) role = possessor(tokens.map((t) => t.word), i - 1);
    else if (title === null && i > 0 && i <= MAX_ROLE_WORDS && !JOINERS.has(prev!.raw) && !AGE.test(prev!.raw)) {
      const prefix = tokens.slice(0, i).map((t) => t.raw).join(' ');
      role = /[,;:]/.test(prefix) ? null : roleOf(prefix);
    }
    if (sharedFirst && title === null && run.length === 2) out.push({ name: `${sharedFirst.raw} ${run[1]}`, role: null, gender: null, offset: sharedFirst.at });
    out.push({ name: run.join(' '), role, gender: title === null ? null : (TITLES[title] ?? null), offset: tokens[i]!.at });
    lastEnd = j - 1;
    i = j - 1;
  }
  return out;
}

/**
 * "Mr Herga, of Horn Lane, Woodford Green,": whether the comma-ended token at `end` closes an address ("of" or "from"
 * and a street's capitalised words), after which the capitalised words are a town, not a person set off by commas.
 */
function afterAddress(tokens: Token[], end: number): boolean {
  let k = end;
  while (k >= 0 && end - k < 4 && startsUpper(tokens[k]!.raw)) k--;
  return k >= 0 && k < end && (tokens[k]!.raw === 'of' || tokens[k]!.raw === 'from') && (k === 0 || tokens[k - 1]!.raw.endsWith(','));
}

/** "Dawn, a care assistant and GMB member,": a lone name set off by a description only a person has. */
function describedFirstName(tokens: Token[], roleOf: (raw: string) => string | null): NarrativeName | null {
  const first = tokens[0]!;
  if (!first.raw.endsWith(',') || first.raw.length !== first.word.length + 1 || !isNameToken(first.word) || !/^an?$/.test(tokens[1]?.raw ?? '')) return null;
  const words: string[] = [];
  for (let k = 1; k < tokens.length && k < 1 + MAX_ROLE_WORDS; k++) {
    words.push(tokens[k]!.word);
    if (tokens[k]!.raw.endsWith(',')) {
      const lower = words.map((w) => w.toLowerCase());
      const person = lower.some((w) => ROLE_NOUNS.has(w) || PERSON_NOUN.test(w)) && !lower.some((w) => COMPANY_NOUNS.has(w));
      return person ? { name: first.word, role: roleOf(words.join(' ')), gender: null, offset: first.at } : null;
    }
  }
  return null;
}

interface Token {
  raw: string;
  /** Without trailing punctuation. */
  word: string;
  at: number;
}

// , . ; : ! ? ) by char code: a test per character of every word, so no string is made for it.
const isTrailing = (c: number) => c === 44 || c === 46 || c === 59 || c === 58 || c === 33 || c === 63 || c === 41;

/** Words split at single spaces (paragraph text is whitespace-normalised), with their offsets. */
function tokensOf(sentence: string): Token[] {
  const tokens: Token[] = [];
  for (let start = 0; start <= sentence.length; ) {
    let space = sentence.indexOf(' ', start);
    if (space < 0) space = sentence.length;
    if (space > start) {
      let end = space;
      while (end > start && isTrailing(sentence.charCodeAt(end - 1))) end--;
      const raw = sentence.slice(start, space);
      tokens.push({ raw, word: end === space ? raw : sentence.slice(start, end), at: start });
    }
    start = space + 1;
  }
  return tokens;
}
