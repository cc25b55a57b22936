/** Word lists the speaker rules read: titles, role and organisation words, documents (verbs of speech are in verbs.ts). */

export type Gender = 'm' | 'f';

export const TITLES: Record<string, Gender | null> = {
  mr: 'm', sir: 'm', lord: 'm', mrs: 'f', ms: 'f', miss: 'f', dame: 'f', lady: 'f', baroness: 'f',
  dr: null, cllr: null, clr: null, coun: null, alderman: null, bishop: null, canon: null, rabbi: null, councillor: null, prof: null, professor: null, rev: null, revd: null, supt: null, insp: null, sgt: null, capt: null,
  // Office, church, court and police; "Dean" and "Father" are left out: as often a first name or a parent.
  mx: null, provost: null, reverend: null, judge: null, pastor: null, imam: null, sergeant: null, constable: null, superintendent: null,
};

/** Roles that stand before a name like a title but are not one. */
export const ROLE_NOUNS = new Set([
  'campaigner', 'carer', 'activist', 'nurse', 'organiser', 'steward', 'convenor', 'spokesman', 'spokeswoman', 'spokesperson',
  'resident', 'volunteer', 'pensioner', 'manager', 'director', 'chair', 'chairman', 'chairwoman', 'leader', 'secretary',
  'treasurer', 'officer', 'worker', 'member', 'representative', 'rep', 'mother', 'father', 'daughter', 'son', 'grandmother',
  'executive', 'minister', 'mayor', 'president', 'commissioner', 'headteacher', 'inspector', 'councillor',
  // Capitalised before a name as often as not ("Portfolio Holder Jo Bell", "Parent Jo Bell"): never part of it.
  'holder', 'parent', 'grandparent', 'grandfather', 'teacher', 'librarian', 'governor',
]);

/** Role words that say the gender of an unnamed speaker, so "he" or "she" can refer back to them. */
export const GENDERED_ROLE: Record<string, Gender> = {
  spokesman: 'm', spokeswoman: 'f', chairman: 'm', chairwoman: 'f', man: 'm', woman: 'f', mother: 'f', father: 'm',
  daughter: 'f', son: 'm', grandmother: 'f', grandfather: 'm', wife: 'f', husband: 'm', businessman: 'm', businesswoman: 'f',
};

/** What a company is called in an appositive ("Arriva, the operator,", "Travel giant Stagecoach"): never a person's role. */
export const COMPANY_NOUNS = new Set([
  'operator', 'provider', 'developer', 'contractor', 'supplier', 'retailer', 'insurer', 'housebuilder', 'firm', 'company',
  'giant', 'chain', 'business', 'brand', 'group', 'owner', 'operators', 'providers',
]);

/** Words that make a capitalised phrase an organisation or a place, not a person. */
export const ORG_WORDS = new Set([
  'council', 'union', 'government', 'department', 'trust', 'party', 'authority', 'association', 'board', 'committee',
  'group', 'ltd', 'limited', 'services', 'service', 'society', 'federation', 'centre', 'center', 'agency', 'partnership',
  'commission', 'office', 'nhs', 'unison', 'unite', 'gmb', 'rcn', 'tuc', 'bma', 'hospital', 'lodge', 'house', 'home',
  'homes', 'care', 'street', 'road', 'hall', 'court', 'college', 'school', 'university', 'network', 'alliance', 'forum',
  'homecare', 'county', 'borough', 'city', 'district', 'cabinet', 'executive',
  // Street names ("Champions Row, Wilbury Avenue, Hove"): an address, never a person.
  'avenue', 'crescent', 'terrace',
  // What council services and their contractors are called ("First Bus", "Save Our Library"): never in a person's name.
  'bus', 'buses', 'coaches', 'travel', 'transport', 'rail', 'railway', 'trains', 'recycling', 'housing', 'library',
  'libraries', 'leisure',
  // Newspapers and broadcasters ("told BBC Radio Northfold", "speaking to the Northfold Echo"): never a person.
  'radio', 'news', 'echo', 'gazette', 'herald', 'chronicle', 'telegraph', 'argus', 'advertiser',
]);

/** Bodies that speak only through statements: "the council said" quotes no person. */
export const BODY_WORDS = new Set([
  'council', 'government', 'department', 'authority', 'trust', 'board', 'committee', 'union', 'company', 'firm', 'agency',
  'commission', 'executive', 'cabinet', 'ministry', 'office', 'organisation', 'charity', 'provider', 'partnership',
  // A union branch, and the unions by name ("the union Unison says"): bodies, so never what "he" or "she" means.
  'branch', 'unison', 'unite', 'gmb', 'rcn', 'tuc', 'bma',
]);

/** What a document is called: "a paper to the cabinet", "the report", "a council statement". */
export const DOCUMENT_NOUNS = new Set([
  'report', 'paper', 'statement', 'letter', 'document', 'briefing', 'review', 'study', 'survey', 'audit', 'minutes',
  'analysis', 'proposal', 'proposals', 'plan', 'strategy', 'assessment', 'memo', 'email', 'notice', 'leaflet', 'website',
  'consultation', 'petition', 'motion', 'submission', 'bulletin', 'newsletter', 'release',
  // Another paper as a story's source ("…, the newspaper reported").
  'newspaper',
]);

export const MONTHS = new Set([
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
export const SCENE_OPENERS =
  /^(?:at|in|on|during|after|before|following|speaking|responding|asked|commenting|writing|meanwhile|earlier|later|last|this|today|yesterday|however|but|and|now|so|ahead|addressing|outside|inside|under|with|without|despite|although|though|while|when|as|since|from|for|by|to|over|separately|elsewhere|instead|still|then|also|yet|like|unlike|alongside|besides|beside|including|among|amid|against|along|together|within|throughout|behind|beyond|near|upon|towards|toward|around|across|through|unless|whereas|whether|if|once|until|echoing|joining|backing|supporting|quoting|citing|praising|criticising|thanking)\b/i;
// Words left before the verb that are not part of the subject ("also said", "has told").
export const TRAILING_FILLER =
  /\s+(?:also|has|have|had|previously|later|recently|then|today|yesterday|further|earlier|again|simply|just|once|who|which|had also|has also|consistently|repeatedly|always|already|publicly|now|since|still)$/i;
export const LEADING_FILLER = /^(?:but|and|however|meanwhile|now|so|yet)\b[,\s]*/i;
