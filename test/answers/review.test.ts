import { describe, expect, it } from 'vitest';
import { reviewAnswer } from '../../src/answers/review.js';
import { applyCorrections } from '../../src/knowledge/corrections.js';
import { parseKnowledgeFile } from '../../src/knowledge/loader.js';
import type { Attribution, Confidence, Figure, Quote } from '../../src/knowledge/schema.js';

const article = (corrections: string[] = []) =>
  parseKnowledgeFile(
    ['---', 'id: r', 'title: Review test', 'council: Eastmere Council', ...(corrections.length ? ['corrections:', ...corrections] : []), '---', '', ...Array.from({ length: 8 }, (_, i) => `Paragraph ${i + 1}.\n`)].join('\n'),
    'r.md',
  ).article!;

const q = (n: number, speaker: string | null, attribution: Attribution, confidence: Confidence = 'high', role: string | null = null): Quote => ({
  speaker,
  role,
  text: `Quote in ${n}`,
  paragraphs: [n],
  kind: 'direct',
  attribution,
  confidence,
  reason: confidence === 'low' ? 'two people could have said it' : null,
});
const f = (n: number, counts: string | null, kind: Figure['kind'] = 'count'): Figure => ({ kind, value: n, unit: 'jobs', text: `${n} things`, qualifier: null, counts, sentence: '', paragraph: n });

describe('the review listing', () => {
  it('puts unsure speakers first (low confidence, then nobody, a document, unnamed), then the corrected, then the rest; unlabelled figures before labelled ones', () => {
    const x = applyCorrections(article(['  - quote: 7', '    speaker: Ann Cole']), {
      quotes: [q(1, 'Tom Reed', 'named'), q(2, null, 'unnamed', 'high', 'council spokeswoman'), q(3, null, 'document', 'high', 'a report to the cabinet'), q(4, null, 'none'), q(5, 'Jo Marsh', 'pronoun', 'low'), q(6, 'Jo Marsh', 'pronoun'), q(7, null, 'none')],
      figures: [f(1, 'jobs'), f(2, null, 'date'), f(3, null)],
    });
    const review = reviewAnswer(article(['  - quote: 7', '    speaker: Ann Cole']), x);
    const where = (text: string) => /¶\d+/.exec(text)![0];
    expect(review.sections.map((s) => [s.heading, s.lines.map((l) => where(l.text))])).toEqual([
      ['Check these quotes: speaker unsure, unnamed or a document (4)', ['¶5', '¶4', '¶3', '¶2']],
      ['Corrected by a moderator (1)', ['¶7']],
      ['Quotes (2)', ['¶1', '¶6']],
      ['Figures (3)', ['¶3', '¶1', '¶2']],
    ]);
    expect(review.sections[1]!.lines[0]!.text).toBe('line 6: ¶7 Ann Cole [named, high]: “Quote in 7”');
    expect(review.sections[0]!.lines[0]!.text).toBe('¶5 Jo Marsh [pronoun, low: two people could have said it]: “Quote in 5”');
    expect(review.sections[0]!.lines[1]!.text).toBe('¶4 speaker: none [none, high]: “Quote in 4”');
    expect(review.sections[3]!.lines.map((l) => l.text)).toEqual(['¶3 count “3 things”, counts: not said', '¶1 count “1 things”, counts: jobs', '¶2 date “2 things”']);
    expect(review.summary).toBe('7 quotes (4 to check), 3 figures; 1 correction applied. What needs a human look comes first.');
  });

  it('says so when nothing was extracted', () => {
    const review = reviewAnswer(article(), { quotes: [], figures: [], changed: new Map(), dropped: [], problems: [] });
    expect(review.sections).toEqual([{ heading: 'Nothing extracted', lines: [{ text: 'No quotes or figures were found in this article.', citation: null }] }]);
  });
});
