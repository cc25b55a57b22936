import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import { DEFAULT_ZONE } from '../../reminders/time.js';
import type { Paragraph } from '../schema.js';

/** Unions as articles name them, with the spelling the knowledge files use. Case matters: "unite" is a verb. */
const UNIONS: [RegExp, string][] = [
  [/\b(?:Unison|UNISON)\b/, 'Unison'],
  [/\bGMB\b/, 'GMB'],
  [/\b(?:Unite|UNITE)\b(?! (?:to|behind|against|with|in)\b)/, 'Unite'],
  [/\b(?:RCN|Royal College of Nursing)\b/, 'RCN'],
  [/\bBMA\b/, 'BMA'],
];

/** Care topics a moderator would tag an article with, and the words that show them. */
const TAGS: [RegExp, string][] = [
  [/\benablement\b/i, 'enablement'],
  [/\breablement\b/i, 'reablement'],
  [/\bhome ?care\b/i, 'home care'],
  [/\bday cent(?:re|er)s?\b/i, 'day centres'],
  [/\bcare homes?\b|\bresidential (?:care|homes?)\b|\bnursing homes?\b/i, 'care homes'],
  [/\brespite\b/i, 'respite'],
  [/\bdementia\b/i, 'dementia'],
  [/\blearning disabilit/i, 'learning disabilities'],
  [/\bmeals on wheels\b/i, 'meals on wheels'],
  [/\bredundan/i, 'redundancies'],
  [/\bjobs? (?:at risk|could (?:go|be lost))|lose their jobs\b/i, 'jobs at risk'],
  [/\boutsourc/i, 'outsourcing'],
  [/\bprivati[sz]/i, 'privatisation'],
  [/\bnot[ -]for[ -]profit\b/i, 'not for profit'],
  [/\bclos(?:e|ure|ing)\b.{0,40}\b(?:centre|home|service)s?\b/i, 'closures'],
  [/\bdeficit\b|\bbudget (?:gap|hole)\b/i, 'deficit'],
  [/\bpay\b|\bwages?\b/i, 'pay'],
  [/\bstrikes?\b|\bindustrial action\b/i, 'strike'],
  [/\bconsultation\b/i, 'consultation'],
  [/\bpetition\b/i, 'petition'],
  [/\bsocial care\b/i, 'social care'],
];

export function findUnions(paragraphs: Paragraph[]): { union: string; paragraph: number }[] {
  const out: { union: string; paragraph: number }[] = [];
  for (const [re, union] of UNIONS) {
    const p = paragraphs.find((x) => re.test(x.text));
    if (p) out.push({ union, paragraph: p.n });
  }
  return out.sort((a, b) => a.paragraph - b.paragraph);
}

/** Topics in the order the text raises them. */
export function findTags(paragraphs: Paragraph[]): string[] {
  const first = new Map<string, number>();
  for (const [re, tag] of TAGS) {
    const p = paragraphs.find((x) => re.test(x.text));
    if (p) first.set(tag, p.n);
  }
  return [...first].sort((a, b) => a[1] - b[1]).map(([t]) => t);
}

export interface FoundDeadline {
  title: string;
  paragraph: number;
  /** ISO date-time with offset when the text gives date, year and time; otherwise null and `date` says what it gives. */
  closes: string | null;
  /** The date as the text gives it ("15 January 2027"), for the moderator. */
  said: string;
  /** Why it is not a complete deadline, when `closes` is null. */
  missing?: string;
}

const CLOSING = /\b(?:clos(?:es|ing)|ends?|runs? (?:until|till|to)|deadline|until|by|before)\b/i;

/**
 * Consultation deadlines: a sentence that mentions a consultation and a closing word and gives a date.
 * Only a date with its year and a time of day becomes a deadline; anything less is reported, never
 * completed with a guessed year or hour.
 */
export function findDeadlines(paragraphs: Paragraph[]): FoundDeadline[] {
  const out: FoundDeadline[] = [];
  for (const p of paragraphs) {
    if (p.caption || !/consultation/i.test(p.text)) continue;
    for (const sentence of p.text.split(/(?<=[.!?])\s+/)) {
      if (!/consultation/i.test(sentence) || !CLOSING.test(sentence)) continue;
      const r = chrono.en.GB.parse(sentence, { instant: new Date(0), timezone: 0 })[0];
      if (!r || !r.start.isCertain('day') || !r.start.isCertain('month')) continue;
      const title = consultationTitle(sentence);
      const missing = !r.start.isCertain('year') ? 'the text gives no year' : !r.start.isCertain('hour') ? 'the text gives no time of day' : undefined;
      if (missing) {
        out.push({ title, paragraph: p.n, closes: null, said: r.text, missing });
        continue;
      }
      const local = DateTime.fromObject(
        { year: r.start.get('year')!, month: r.start.get('month')!, day: r.start.get('day')!, hour: r.start.get('hour')!, minute: r.start.get('minute') ?? 0 },
        { zone: DEFAULT_ZONE },
      );
      out.push({ title, paragraph: p.n, closes: local.toISO({ suppressMilliseconds: true }), said: r.text });
    }
  }
  return out;
}

/** "Consultation on the future of day centres", from the sentence when it says what the consultation is on. */
function consultationTitle(sentence: string): string {
  const m = /\bconsultation (?:on|into|about|over) ((?:the )?[^,.;:]{3,80}?)(?= (?:closes|ends|runs|will|which|is|has)\b|[,.;:]|$)/i.exec(sentence);
  return m ? `Consultation on ${m[1]!.trim()}` : 'Consultation';
}
