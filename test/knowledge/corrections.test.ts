import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyCorrections } from '../../src/knowledge/corrections.js';
import { extractArticle } from '../../src/knowledge/extract-article.js';
import { formatProblem, loadKnowledgeBase, parseKnowledgeFile } from '../../src/knowledge/loader.js';
import { reloadKnowledge } from '../../src/knowledge/reload.js';
import type { Article, Extraction, Figure, Quote } from '../../src/knowledge/schema.js';

const BODY = [
  'Eastmere Council wants to close two day centres, putting 60 jobs at risk and saving £1.2 million a year.', // ¶1
  'A council spokeswoman said: “We have no choice.”', // ¶2
  '“Families are frightened,” said Jo Marsh. “If these cuts go ahead, people will suffer.”', // ¶3
  'Caption: Protesters outside the day centre', // ¶4
  'Unison organiser Tom Reed said: “This is a disgrace.”', // ¶5
];

/** A parsed knowledge file: `corrections` are YAML lines starting on line 6 of the file. */
function article(...corrections: string[]): Article {
  const front = ['---', 'id: eastmere-test', 'title: Eastmere test', 'council: Eastmere Council', ...(corrections.length ? ['corrections:', ...corrections] : []), '---', ''];
  const r = parseKnowledgeFile([...front, BODY.join('\n\n'), ''].join('\n'), 'eastmere.md');
  if (!r.article) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.article;
}

const quote = (text: string, paragraphs: number[], speaker: string | null, role: string | null = null): Quote => ({
  speaker,
  role,
  text,
  paragraphs,
  kind: 'direct',
  attribution: speaker ? 'named' : role ? 'unnamed' : 'none',
  confidence: 'high',
  reason: null,
});
const figure = (text: string, paragraph: number, kind: Figure['kind'], value: number, counts: string | null): Figure => ({
  kind,
  value,
  unit: kind === 'money' ? 'GBP' : 'jobs',
  text,
  qualifier: null,
  counts,
  sentence: BODY[paragraph - 1]!,
  paragraph,
});

/** What the rules might have found in BODY, wrong speaker included: the input corrections work on. */
function rulesOutput(): Extraction {
  return {
    quotes: [
      quote('We have no choice.', [2], null, 'council spokeswoman'),
      // The rules gave ¶3's first half to the spokeswoman: the mistake a moderator fixes.
      { ...quote('Families are frightened', [3], null, 'council spokeswoman'), attribution: 'pronoun', confidence: 'low', reason: 'two people could have said it' },
      quote('If these cuts go ahead, people will suffer.', [3], 'Jo Marsh'),
      quote('This is a disgrace.', [5], 'Tom Reed', 'Unison organiser'),
    ],
    figures: [figure('60 jobs', 1, 'count', 60, 'jobs'), figure('£1.2 million', 1, 'money', 1_200_000, 'savings')],
  };
}

describe('applying corrections', () => {
  it('sets a quote’s speaker and role, picked out by paragraph and a few words; it is then sure, and says a moderator set it', () => {
    const x = applyCorrections(article('  - quote: 3', '    match: frightened', '    speaker: Jo Marsh', '    role: chair of the carers’ forum'), rulesOutput());
    expect(x.problems).toEqual([]);
    const fixed = x.quotes.find((q) => q.text === 'Families are frightened')!;
    expect(fixed).toMatchObject({ speaker: 'Jo Marsh', role: 'chair of the carers’ forum', attribution: 'named', confidence: 'high' });
    expect(fixed.reason).toMatch(/set by a moderator \(knowledge file line 6\)/);
    expect(x.changed.get(fixed)).toBe(6);
    // The other quote of the paragraph is untouched.
    expect(x.quotes.find((q) => q.text.startsWith('If these'))).toEqual(rulesOutput().quotes[2]);
  });

  it('a new speaker never keeps the old speaker’s role unless the correction gives one', () => {
    const x = applyCorrections(article('  - quote: 2', '    speaker: Ann Cole'), rulesOutput());
    expect(x.quotes[0]).toMatchObject({ speaker: 'Ann Cole', role: null, attribution: 'named', confidence: 'high' });
  });

  it('clears a speaker: nobody named, unless a role is given', () => {
    const cleared = applyCorrections(article('  - quote: 5', '    speaker: null'), rulesOutput());
    expect(cleared.quotes[3]).toMatchObject({ speaker: null, role: null, attribution: 'none', confidence: 'high' });
    expect(cleared.quotes[3]!.reason).toMatch(/a moderator says the article names no speaker \(knowledge file line 6\)/);
    const unnamed = applyCorrections(article('  - quote: 5', '    speaker: null', '    role: union spokesman'), rulesOutput());
    expect(unnamed.quotes[3]).toMatchObject({ speaker: null, role: 'union spokesman', attribution: 'unnamed' });
  });

  it('sets only the role, keeping the speaker', () => {
    const x = applyCorrections(article('  - quote: 5', '    role: Unison regional organiser'), rulesOutput());
    expect(x.quotes[3]).toMatchObject({ speaker: 'Tom Reed', role: 'Unison regional organiser', attribution: 'named', confidence: 'high' });
  });

  it('drops a quote and a figure that are not one, and relabels what a figure counts', () => {
    const x = applyCorrections(
      article('  - quote: 2', '    drop: true', '  - figure: 1', '    match: £1.2 million', '    drop: true', '  - figure: 1', '    match: 60 jobs', '    counts: day centre jobs'),
      rulesOutput(),
    );
    expect(x.problems).toEqual([]);
    expect(x.quotes.map((q) => q.text)).toEqual(['Families are frightened', 'If these cuts go ahead, people will suffer.', 'This is a disgrace.']);
    expect(x.figures).toEqual([{ ...rulesOutput().figures[0], counts: 'day centre jobs' }]);
    expect(x.dropped.map((d) => [d.line, d.quote?.text ?? d.figure?.text])).toEqual([
      [6, 'We have no choice.'],
      [8, '£1.2 million'],
    ]);
    expect(x.changed.get(x.figures[0]!)).toBe(11);
  });

  it('matches a quote that runs over several paragraphs by any of them, and the words without their punctuation or case', () => {
    const input: Extraction = { quotes: [quote('One long quote that goes on', [2, 3], 'Ann Cole')], figures: [] };
    const x = applyCorrections(article('  - quote: 3', '    match: LONG QUOTE, that', '    speaker: null'), input);
    expect(x.problems).toEqual([]);
    expect(x.quotes[0]!.speaker).toBeNull();
  });

  it('changes nothing it was not asked to: the input extraction is left as it was', () => {
    const input = rulesOutput();
    applyCorrections(article('  - quote: 2', '    drop: true', '  - figure: 1', '    match: 60', '    counts: posts'), input);
    expect(input).toEqual(rulesOutput());
  });
});

describe('a correction that no longer matches is a problem at its line, and changes nothing', () => {
  const problems = (...lines: string[]) => {
    const x = applyCorrections(article(...lines), rulesOutput());
    return { messages: x.problems.map(formatProblem), x };
  };

  it.each([
    [['  - quote: 9', '    drop: true'], 'eastmere.md:6: corrections.0.quote: paragraph 9 does not exist: the article has 5 paragraphs'],
    [['  - figure: 2', '    drop: true'], 'eastmere.md:6: corrections.0.figure: no figure is found in paragraph 2 any more: check the paragraph, then fix or remove this correction'],
    [['  - quote: 4', '    speaker: Jo Marsh'], 'eastmere.md:6: corrections.0.quote: no quote is found in paragraph 4 any more (it is a photo caption, which is never quoted as speech): check the paragraph, then fix or remove this correction'],
    [['  - quote: 3', '    match: terrified', '    speaker: Jo Marsh'], 'eastmere.md:6: corrections.0.match: no quote in paragraph 3 contains “terrified” any more; it has “Families are frightened”, “If these cuts go ahead, people will suffer.”'],
    [['  - quote: 3', '    speaker: Jo Marsh'], 'eastmere.md:6: corrections.0.quote: paragraph 3 has 2 quotes (“Families are frightened”, “If these cuts go ahead, people will suffer.”): add `match:` with a few words of the one you mean'],
    [['  - figure: 1', '    match: 6', '    drop: true'], 'eastmere.md:6: corrections.0.match: no figure in paragraph 1 contains “6” any more; it has “60 jobs”, “£1.2 million”'],
    [['  - quote: 5', '    role: organiser', '  - quote: 5', '    drop: true'], 'eastmere.md:8: corrections.1.quote: corrects the same quote as the correction on line 6: put both changes in one correction'],
  ])('%j → %s', (lines, expected) => {
    const { messages, x } = problems(...lines);
    expect(messages).toEqual([expected]);
    const first = x.problems[0]!.line === 6;
    // The stale correction itself changed nothing (in the duplicate case the first one still applies).
    if (first) {
      expect(x.quotes).toEqual(rulesOutput().quotes);
      expect(x.figures).toEqual(rulesOutput().figures);
    }
  });
});

describe('corrections where the knowledge base is built', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
  const file = (corrections: string[]) =>
    ['---', 'id: eastmere-test', 'title: Eastmere test', 'council: Eastmere Council', 'corrections:', ...corrections, '---', '', BODY.join('\n\n'), ''].join('\n');

  it('members get the corrected quote, and a stale correction is a kb check problem while the article is still served', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cutsbot-corrections-'));
    dirs.push(dir);
    await writeFile(path.join(dir, 'eastmere.md'), file(['  - quote: 5', '    speaker: null', '    role: union organiser', '  - figure: 4', '    drop: true']));
    const { kb, problems } = await loadKnowledgeBase(dir);
    expect(problems.map(formatProblem)).toEqual([
      'eastmere.md:9: corrections.1.figure: no figure is found in paragraph 4 any more: check the paragraph, then fix or remove this correction',
    ]);
    expect(kb.articles.map((a) => a.id)).toEqual(['eastmere-test']);
    const disgrace = kb.quotes.find((q) => q.text.includes('This is a disgrace'));
    expect(disgrace).toMatchObject({ speaker: null, role: 'union organiser', attribution: 'unnamed', confidence: 'high' });
    expect(kb.index.speakers.fuse.search('Tom Reed').map((h) => h.item.name)).not.toContain('Tom Reed');

    // The same through a reload, as the running bot does it.
    const reloaded = await reloadKnowledge(dir);
    expect(reloaded.problems.map(formatProblem)).toEqual(problems.map(formatProblem));
    expect(reloaded.diff.newProblems).toHaveLength(1);
  });

  it('extractArticle is the rules’ output with the corrections applied', () => {
    const a = parseKnowledgeFile(file(['  - quote: 5', '    drop: true']), 'eastmere.md').article!;
    const x = extractArticle(a);
    expect(x.quotes.some((q) => q.text.includes('This is a disgrace'))).toBe(false);
    expect(x.quotes.length).toBeGreaterThan(0);
    expect(x.problems).toEqual([]);
  });
});

describe('the worked example in knowledge/README.md', async () => {
  const readme = await readFile('knowledge/README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## Correcting'));
  const example = /```markdown\n([\s\S]*?)```/.exec(section)![1]!;

  it('applies all four corrections with no problem', () => {
    const a = parseKnowledgeFile(example, 'northbridge.md').article!;
    const x = extractArticle(a);
    expect(x.problems).toEqual([]);
    expect(x.quotes.find((q) => q.text.includes('fight this'))).toMatchObject({ speaker: 'Tom Reed', role: 'Unison regional organiser', attribution: 'named' });
    expect(x.quotes.find((q) => q.text.includes('keep my job'))).toMatchObject({ speaker: null, role: 'a mother at the centre', attribution: 'unnamed' });
    expect(x.figures.find((f) => f.paragraph === 2)).toMatchObject({ value: 30, counts: 'the council’s grant' });
    expect(x.figures.some((f) => f.paragraph === 7)).toBe(false);
  });

  it('reports the stale correction the README shows when the quoted words leave the text', () => {
    const a = parseKnowledgeFile(example.replace('“Without it I could not keep my job,” she said.', ''), 'northbridge.md').article!;
    expect(extractArticle(a).problems.map(formatProblem)).toEqual([
      'northbridge.md:9: corrections.1.match: no quote in paragraph 6 contains “keep my job” any more; it has “a lifeline for my son”',
    ]);
  });
});
