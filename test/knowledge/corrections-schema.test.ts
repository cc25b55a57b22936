import { describe, expect, it } from 'vitest';
import { formatProblem, parseKnowledgeFile } from '../../src/knowledge/loader.js';

/** A knowledge file whose front matter ends with `corrections:` and the given YAML lines (from line 5). */
function withCorrections(...lines: string[]): string {
  return ['---', 'id: x', 'title: T', 'council: Northbridge Council', 'corrections:', ...lines, '---', '', 'Body.', ''].join('\n');
}

const problemsOf = (...lines: string[]) => parseKnowledgeFile(withCorrections(...lines), 'x.md').problems.map(formatProblem);

describe('corrections in front matter: every mistake named at its file, line and field', () => {
  it('accepts each kind of correction and records the line it is written on', () => {
    const r = parseKnowledgeFile(
      withCorrections(
        '  - quote: 3',
        '    speaker: Jo Marsh',
        '    role: chair of the carers’ forum',
        '  - quote: 4',
        '    match: frightened',
        '    speaker: null',
        '  - quote: 5',
        '    drop: true',
        '  - figure: 1',
        '    match: 60 jobs',
        '    counts: day centre jobs',
        '  - figure: 2',
        '    drop: true',
      ),
      'x.md',
    );
    expect(r.problems).toEqual([]);
    expect(r.article!.corrections).toEqual([
      { quote: 3, speaker: 'Jo Marsh', role: 'chair of the carers’ forum', line: 6 },
      { quote: 4, match: 'frightened', speaker: null, line: 9 },
      { quote: 5, drop: true, line: 12 },
      { figure: 1, match: '60 jobs', counts: 'day centre jobs', line: 14 },
      { figure: 2, drop: true, line: 17 },
    ]);
  });

  it('a file without corrections has none', () => {
    const r = parseKnowledgeFile('---\nid: x\ntitle: T\ncouncil: C\n---\n\nBody.', 'x.md');
    expect(r.article!.corrections).toEqual([]);
  });

  it.each([
    [['  - speaker: Jo Marsh'], 'x.md:6: corrections.0: must say what it corrects: `quote: N` or `figure: N`, where N is the paragraph'],
    [['  - quote: 2', '    figure: 2', '    drop: true'], 'x.md:7: corrections.0.figure: names both a quote and a figure; write one correction for each'],
    [['  - quote: third', '    drop: true'], 'x.md:6: corrections.0.quote: must be a paragraph number, e.g. 12'],
    [['  - figure: 0', '    drop: true'], 'x.md:6: corrections.0.figure: must be a paragraph number from 1'],
    [['  - quote: 2.5', '    drop: true'], 'x.md:6: corrections.0.quote: must be a whole paragraph number'],
    [['  - quote: 2'], 'x.md:6: corrections.0: says which quote but not what to change: add `speaker:`, `role:` or `drop: true`'],
    [['  - figure: 2', '    match: £4 million'], 'x.md:6: corrections.0: says which figure but not what to change: add `counts:` or `drop: true`'],
    [['  - quote: 2', '    drop: true', '  - quote: 3', '    counts: jobs'], 'x.md:9: corrections.1.counts: is for figures; a quote correction sets `speaker:`, `role:` or `drop: true`'],
    [['  - figure: 2', '    speaker: Jo Marsh'], 'x.md:7: corrections.0.speaker: is for quotes; a figure correction sets `counts:` or `drop: true`'],
    [['  - quote: 2', '    speaker: Jo Marsh', '    drop: true'], 'x.md:8: corrections.0.drop: drops the quote, so it cannot also set `speaker`'],
    [['  - figure: 2', '    drop: false'], 'x.md:7: corrections.0.drop: must be true (leave it out to keep the quote or figure)'],
    [['  - quote: 2', '    speaker: ""'], 'x.md:7: corrections.0.speaker: must not be empty'],
    [['  - quote: 2', '    speeker: Jo Marsh'], 'x.md:7: corrections.0.speeker: unknown field "speeker": check the spelling against the file format'],
    [['  quote: 2'], 'x.md:6: corrections: expected array, received object'],
    [['  - quote: 2', '    match: "“…”"', '    drop: true'], 'x.md:7: corrections.0.match: must hold a few words of the quote or figure (punctuation alone matches nothing)'],
    [['  - figure: 2', '    match: 60', '    drop: true', '  - figure: 3', '    match: [60]', '    drop: true'], 'x.md:10: corrections.1.match: must be a few words of the quote or figure, e.g. `match: 60 jobs`'],
  ])('%j → %s', (lines, expected) => {
    expect(problemsOf(...lines)).toContain(expected);
  });

  it('refuses more corrections than an article could need, at the list', () => {
    const many = Array.from({ length: 201 }, (_, i) => [`  - figure: ${i + 1}`, '    drop: true']).flat();
    expect(problemsOf(...many)).toEqual(['x.md:6: corrections: at most 200 corrections per article; an article with more needs its text fixed, not corrections']);
  });
});
