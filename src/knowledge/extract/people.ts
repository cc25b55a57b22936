/**
 * Who is speaking: parsing the subject of "… said" into a name and a role, and keeping track of the
 * people an article has introduced so that "Cllr Hamilton" and "he" can be resolved to a full name.
 */

export type Gender = 'm' | 'f';

/** What an attribution's subject says about the speaker, before resolving it against earlier mentions. */
export type Subject =
  | { type: 'pronoun'; pronoun: 'he' | 'she' | 'they' }
  | { type: 'person'; name: string; role: string | null; gender: Gender | null; bare?: boolean }
  | { type: 'org'; name: string }
  | { type: 'role'; role: string };

// Verbs that introduce speech, past and present. "called"/"described" introduce partial quotes ("called the deal ‘…’").
const SPEECH_VERBS = [
  'said', 'says', 'say', 'told', 'tells', 'added', 'adds', 'explained', 'explains', 'warned', 'warns', 'stated', 'states',
  'commented', 'comments', 'insisted', 'insists', 'argued', 'argues', 'claimed', 'claims', 'reassured', 'reassures',
  'confirmed', 'confirms', 'admitted', 'admits', 'described', 'describes', 'called', 'calls', 'urged', 'urges', 'promised',
  'promises', 'revealed', 'reveals', 'continued', 'continues', 'responded', 'replied', 'replies', 'wrote', 'writes',
  'announced', 'announces', 'vowed', 'vows', 'declared', 'declares', 'stressed', 'stresses', 'maintained', 'maintains',
  'suggested', 'suggests', 'branded', 'brands', 'asked', 'asks', 'agreed', 'agrees', 'believes', 'believed', 'pointed out',
];
// Not after a hyphen, so "so-called" is not a verb of speech.
export const SPEECH_VERB = new RegExp(`(?<![\\p{L}-])(?:${SPEECH_VERBS.join('|')})(?![\\p{L}-])`, 'gu');

const TITLES: Record<string, Gender | null> = {
  mr: 'm', sir: 'm', lord: 'm', mrs: 'f', ms: 'f', miss: 'f', dame: 'f', lady: 'f', baroness: 'f',
  dr: null, cllr: null, councillor: null, prof: null, professor: null, rev: null,
};

/** Roles that stand before a name like a title but are not one. */
const ROLE_NOUNS = new Set([
  'campaigner', 'carer', 'activist', 'nurse', 'organiser', 'steward', 'convenor', 'spokesman', 'spokeswoman', 'spokesperson',
  'resident', 'volunteer', 'pensioner', 'manager', 'director', 'chair', 'chairman', 'chairwoman', 'leader', 'secretary',
  'treasurer', 'officer', 'worker', 'member', 'representative', 'rep', 'mother', 'father', 'daughter', 'son', 'grandmother',
]);

/** Words that make a capitalised phrase an organisation or a place, not a person. */
const ORG_WORDS = new Set([
  'council', 'union', 'government', 'department', 'trust', 'party', 'authority', 'association', 'board', 'committee',
  'group', 'ltd', 'limited', 'services', 'service', 'society', 'federation', 'centre', 'center', 'agency', 'partnership',
  'commission', 'office', 'nhs', 'unison', 'unite', 'gmb', 'rcn', 'tuc', 'bma', 'hospital', 'lodge', 'house', 'home',
  'homes', 'care', 'street', 'road', 'hall', 'court', 'college', 'school', 'university', 'network', 'alliance', 'forum',
  'homecare', 'county', 'borough', 'city', 'district', 'cabinet', 'executive',
]);
const MONTHS = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
]);
/** Words that end a phrase: a name or role never runs across them. */
export const FUNCTION_WORDS = new Set([
  'a', 'an', 'the', 'of', 'to', 'in', 'on', 'at', 'by', 'for', 'from', 'with', 'and', 'or', 'but', 'as', 'that', 'this',
  'these', 'those', 'who', 'whom', 'whose', 'which', 'it', 'its', 'their', 'our', 'his', 'her', 'is', 'are', 'was', 'were',
  'be', 'been', 'being', 'has', 'have', 'had', 'will', 'would', 'could', 'can', 'may', 'might', 'must', 'should', 'not',
  'than', 'into', 'over', 'under', 'about', 'after', 'before', 'since', 'until', 'while', 'where', 'when', 'there', 'they',
  'he', 'she', 'we', 'you', 'i', 'up', 'out', 'so', 'if', 'all', 'some', 'any', 'each', 'every', 'per', 'also',
]);
// Openings of a subject that are scene-setting, not the speaker ("At the meeting, Liz Majer said").
const SCENE_OPENERS = /^(?:at|in|on|during|after|before|following|speaking|responding|asked|commenting|writing|meanwhile|earlier|later|last|this|today|yesterday|however|but|and|now|so)\b/i;
// Words left before the verb that are not part of the subject ("also said", "has told").
const TRAILING_FILLER = /\s+(?:also|has|have|had|previously|later|recently|then|today|yesterday|further|earlier|again|simply|just|once|who|which|had also|has also)$/i;
const LEADING_FILLER = /^(?:but|and|however|meanwhile|now|so|yet)\b[,\s]*/i;

const NAME_TOKEN = /^(?:Mc|Mac|O’|O'|D’|D')?\p{Lu}[\p{L}’'-]*\p{Ll}$/u;

function isNameToken(token: string): boolean {
  return NAME_TOKEN.test(token);
}

function titleOf(token: string): string | null {
  const t = token.replace(/\.$/, '').toLowerCase();
  return Object.hasOwn(TITLES, t) && /^\p{Lu}/u.test(token) ? t : null;
}

export function isOrgLike(tokens: string[]): boolean {
  return tokens.some((t) => ORG_WORDS.has(t.toLowerCase().replace(/[’']s$/, '')) || /^\p{Lu}{2,}$/u.test(t));
}

/**
 * Reads "Title? First Last" from tokens that are all name-like. Returns null when the phrase is not a
 * person's name (an organisation, or not capitalised).
 */
function parseName(tokens: string[]): { name: string; gender: Gender | null } | null {
  let rest = tokens;
  let gender: Gender | null = null;
  const title = rest[0] ? titleOf(rest[0]) : null;
  if (title !== null && rest.length > 1) {
    gender = TITLES[title] ?? null;
    rest = rest.slice(1);
  }
  if (rest.length === 0 || rest.length > 4 || !rest.every(isNameToken) || isOrgLike(rest)) return null;
  // "Last May Jane Smith": a month or weekday opens a date, not a name (but "Theresa May" is a name).
  if (rest.length > 1 && MONTHS.has(rest[0]!.toLowerCase())) return null;
  return { name: rest.join(' '), gender };
}

/**
 * Cleans a role: drops a leading article and a leading generic possessive ("the council’s"), so
 * "The council’s Labour cabinet member for social care" reads "Labour cabinet member for social care".
 * A named possessive ("Unison’s regional organiser") is kept: it says whose role it is.
 */
export function cleanRole(raw: string): string | null {
  let role = raw.replace(/^[\s,]+|[\s,.:;]+$/g, '').replace(/^(?:the|a|an)\s+/i, '');
  const possessive = /^((?:[\p{Ll}-]+\s+){0,2}[\p{Ll}-]+[’']s)\s+/u.exec(role);
  if (possessive) role = role.slice(possessive[0].length);
  role = role.trim();
  return role === '' ? null : role;
}

/** A role must read like a description, not a clause ("who leads the group", "is to sell"). */
function isRole(role: string): boolean {
  if (!/\p{L}/u.test(role)) return false; // an age ("Jane Doe, 54,") is not a role
  // A relative clause, or an affiliation ("of Northmoor University"), is not a role.
  if (/^(?:who|whom|whose|which|that|it|this|there|these|those|of|from)\b/i.test(role)) return false;
  if (/\b(?:is|are|was|were|will|would|could|can|has|have|had|been)\b/i.test(role)) return false;
  return role.split(/\s+/).length <= 9;
}

/**
 * Parses the subject of a verb of speech: "Unison spokeswoman Caroline Johnson", "Liz Majer, corporate
 * director of social services", "a council spokesman", "Cllr Hamilton", "she". Null when the phrase
 * does not name or describe a speaker.
 */
export function parseSubject(raw: string): Subject | null {
  // Asides in brackets ("Cllr John Marsh (Lab, Northfold)") say nothing about who is speaking.
  let text = raw.replace(/[•]+/g, ' ').replace(/\s*\([^)]*\)/g, '').trim().replace(/^[,;:\s]+|[,;:\s]+$/g, '');
  text = text.replace(LEADING_FILLER, '');
  for (let prev = ''; prev !== text; ) {
    prev = text;
    text = text.replace(TRAILING_FILLER, '').trim();
  }
  if (text === '' || /[“”"‘]/.test(text)) return null;
  const pronoun = /^(he|she|they)$/i.exec(text);
  if (pronoun) return { type: 'pronoun', pronoun: pronoun[1]!.toLowerCase() as 'he' | 'she' | 'they' };

  let parts = text.split(/\s*,\s*/).filter((p) => p !== '');
  while (parts.length > 1 && SCENE_OPENERS.test(parts[0]!)) parts = parts.slice(1);
  if (parts.length > 1) {
    // Appositive: "Liz Majer, corporate director…" or "the council’s director…, Mark Ellis".
    const nameAt = parts.findIndex((p) => parseName(p.split(/\s+/)) !== null);
    if (nameAt >= 0) {
      const name = parseName(parts[nameAt]!.split(/\s+/))!;
      const roles = parts.filter((_, i) => i !== nameAt).map(cleanRole).filter((r): r is string => r !== null && isRole(r));
      return { type: 'person', name: name.name, gender: name.gender, role: roles[0] ?? null };
    }
  }
  return parseSimpleSubject(parts[0] ?? text);
}

function parseSimpleSubject(raw: string): Subject | null {
  // "Dan Price of the GMB": an affiliation after the name is neither name nor role.
  const text = raw.replace(/^((?:\p{Lu}\S*\s+){1,3}\p{Lu}\S*)\s+(?:of|from)\s+.+$/u, (all, name: string) =>
    name.split(/\s+/).every((t) => isNameToken(t) || titleOf(t) !== null) ? name : all,
  );
  const tokens = text.split(/\s+/).filter((t) => t !== '');
  if (tokens.length === 0 || tokens.length > 14) return null;
  // The name is the run of capitalised words at the end; what comes before it is the role.
  let i = tokens.length;
  while (i > 0 && (isNameToken(tokens[i - 1]!) || titleOf(tokens[i - 1]!) !== null)) i--;
  // A role word capitalised at the start of a sentence ("Campaigner Abigail Bryant") is not part of the name.
  while (tokens.length - i > 2 && ROLE_NOUNS.has(tokens[i]!.toLowerCase())) i++;
  const run = tokens.slice(i);
  const before = tokens.slice(0, i);
  if (run.length > 0) {
    const name = parseName(run);
    if (name) {
      const role = before.length > 0 ? cleanRole(before.join(' ')) : null;
      if (role !== null && !isRole(role)) return null;
      // Words before a name that end in "in", "of"… make it a place ("Care agencies in Eastmere").
      if (before.length > 0 && FUNCTION_WORDS.has(before.at(-1)!.toLowerCase())) return null;
      const bare = run.length === 1 && before.length === 0;
      return { type: 'person', name: name.name, gender: name.gender, role, bare };
    }
    if (before.length === 0 || (before.length === 1 && /^the$/i.test(before[0]!))) {
      if (isOrgLike(run)) return { type: 'org', name: run.join(' ') };
    }
  }
  const role = cleanRole(text);
  if (role === null || !isRole(role)) return null;
  if (/^(?:he|she|they|it|we|i|you)$/i.test(role)) return null;
  return { type: 'role', role };
}

/**
 * People introduced in narrative: a run of 2–3 capitalised words after a lowercase word ("Home carer Sam
 * Reid has…"), with the words before it as the role when they open the sentence; or a title and a name
 * ("Mr Hill left"), which also tells us the person's gender.
 */
export function findNarrativeNames(sentence: string): NarrativeName[] {
  const out: NarrativeName[] = [];
  const tokens = [...sentence.matchAll(/[^\s]+/g)].map((m) => ({ raw: m[0], word: m[0].replace(/[,.;:!?)]+$/, ''), at: m.index }));
  for (let i = 0; i < tokens.length; i++) {
    const title = titleOf(tokens[i]!.word);
    const prev = tokens[i - 1];
    const afterRole = prev !== undefined && /^\p{Ll}[\p{Ll}-]*$/u.test(prev.raw) && !FUNCTION_WORDS.has(prev.raw);
    if (title === null && !afterRole) continue;
    const from = title === null ? i : i + 1;
    let j = from;
    while (j < tokens.length && j - from < 3 && isNameToken(tokens[j]!.word)) {
      j++;
      if (tokens[j - 1]!.raw !== tokens[j - 1]!.word) break; // punctuation ends the name
    }
    const run = tokens.slice(from, j).map((t) => t.word);
    if (run.length < (title === null ? 2 : 1) || isOrgLike(run)) continue;
    if (j < tokens.length && tokens[j - 1]!.raw === tokens[j - 1]!.word && isNameToken(tokens[j]!.word)) continue;
    const prefix = tokens.slice(0, i).map((t) => t.raw).join(' ');
    const role = title === null && i <= 8 ? cleanRole(prefix) : null;
    out.push({
      name: run.join(' '),
      role: role !== null && isRole(role) && !/[,;:]/.test(prefix) ? role : null,
      gender: title === null ? null : (TITLES[title] ?? null),
      offset: tokens[i]!.at,
    });
    i = j - 1;
  }
  return out;
}

export interface NarrativeName {
  name: string;
  role: string | null;
  gender: Gender | null;
  offset: number;
}

/**
 * A lone capitalised plural such as "Campaigners" or "Residents" opening a sentence is a group, not a
 * surname, unless the article has already named someone so.
 */
export function isGroupNoun(word: string): boolean {
  return /(?:ers|ists|ants|ents|ors|ics|ies|ials|ves|ees)$/.test(word);
}

export interface Person {
  name: string;
  role: string | null;
  gender: Gender | null;
  /** Order of the latest mention in the article's running text; -1 for people seen only in captions. */
  last: number;
}

/** The people an article has introduced so far, in the order it mentions them. */
export interface People {
  list: Person[];
  clock: number;
}

export function newPeople(): People {
  return { list: [], clock: 0 };
}

/** Finds a person by full name, surname or first name; the most recently mentioned wins a tie. */
export function findPerson(people: People, name: string): Person | undefined {
  const exact = people.list.find((p) => p.name === name);
  if (exact) return exact;
  if (name.includes(' ')) return undefined;
  return people.list
    .filter((p) => {
      const own = p.name.split(' ');
      return own.at(-1) === name || (own.length > 1 && own[0] === name);
    })
    .sort((a, b) => b.last - a.last)[0];
}

/** Records a mention. A caption gives a name and role to match later, but no recency for pronouns. */
export function mention(
  people: People,
  name: string,
  opts: { role?: string | null; gender?: Gender | null; caption?: boolean } = {},
): Person {
  let person = findPerson(people, name);
  if (!person) {
    person = { name, role: null, gender: null, last: -1 };
    people.list.push(person);
  }
  // A caption only fills in a role the running text has not given.
  if (opts.role && !(opts.caption && person.role)) person.role = opts.role;
  if (opts.gender) person.gender = opts.gender;
  if (!opts.caption) person.last = ++people.clock;
  return person;
}

/**
 * The most recent person a pronoun can mean. Gender rules someone out only when the article has stated
 * it (a title, or an earlier pronoun); first names are never used to guess it.
 */
export function resolvePronoun(people: People, pronoun: 'he' | 'she' | 'they'): Person | undefined {
  const want: Gender | null = pronoun === 'he' ? 'm' : pronoun === 'she' ? 'f' : null;
  const best = people.list
    .filter((p) => p.last >= 0 && (want === null || p.gender === null || p.gender === want))
    .sort((a, b) => b.last - a.last)[0];
  if (best && want && best.gender === null) best.gender = want;
  return best;
}
