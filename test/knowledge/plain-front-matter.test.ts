import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseKnowledgeFile } from '../../src/knowledge/article-file.js';
import { readPlainFrontMatter } from '../../src/knowledge/plain-front-matter.js';
import { generateKnowledgeBase } from '../bench/generate.js';
import { leastCpuMs } from './extract/cpu-time.js';

/**
 * The front matter read without the YAML library must be what the YAML library reads, or nothing (then the
 * library reads it): a value that differed would change an article's title, places or source without a word.
 */

const root = path.resolve(import.meta.dirname, '../..');
let tmp: string;
let generated: string;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'plain-front-'));
  generated = (await generateKnowledgeBase(path.join(tmp, 'kb'), { articles: 300, seed: 5 })).dir;
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const frontLines = (text: string) => {
  const lines = text.split(/\r?\n/);
  return lines.slice(1, lines.findIndex((l, i) => i > 0 && l.trim() === '---'));
};

/** Every front matter of a folder: how many were read without the library, and each that read differently. */
function compare(dir: string) {
  let plain = 0;
  const different: string[] = [];
  const files = readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md');
  for (const file of files) {
    const lines = frontLines(readFileSync(path.join(dir, file), 'utf8'));
    const value = readPlainFrontMatter(lines);
    if (value === null) continue;
    plain++;
    if (JSON.stringify(value) !== JSON.stringify(parse(lines.join('\n')))) different.push(file);
  }
  return { files: files.length, plain, different };
}

describe('front matter read without the YAML library', () => {
  it('reads generated articles as the YAML library does, all but those with a block list', () => {
    const { files, plain, different } = compare(generated);
    expect(different).toEqual([]);
    // About one in twenty has `consultations:` as a block list, left to the library.
    expect(plain / files).toBeGreaterThan(0.85);
  });

  it('reads the gold fixtures, knowledge/ and every real split present as the YAML library does', () => {
    const dirs = [path.join(root, 'test/fixtures/gold'), path.join(root, 'knowledge')];
    const real = path.join(root, 'eval-real');
    if (existsSync(real)) for (const split of readdirSync(real)) dirs.push(path.join(real, split));
    for (const dir of dirs) expect(compare(dir).different, dir).toEqual([]);
    expect(compare(path.join(root, 'test/fixtures/gold')).plain).toBeGreaterThan(0);
  });

  // Each line alone as a front matter: YAML's own reading, or null for the library to read.
  const LINES = [
    'published: 2019', 'published: 2019-04', 'published: 2019-04-02', 'published: 0123', 'published: 2019.5', 'published: 12',
    'title: null', 'title: Null', 'title: true', 'title: FALSE', 'title: yes', 'title: no', 'title: ~', 'title: .inf', 'title: -1',
    'title: "a \\"b\\""', 'title: "tab\\there"', "title: 'single'", 'title: "quoted" # note', 'title: a # comment', 'title: C# and F#',
    'title: a: b', 'title: ends with a colon:', 'title: https://example.org/a#b', 'title: [cut] short', 'title: {x} y', 'title: -dash',
    'title: &anchor x', 'title: *alias', 'title: !tag x', 'title: >-', 'title: |', 'title: "unclosed', 'title:value', 'title:',
    'title:   spaced   ', 'nation: England\u00a0', 'tags: [a\u00a0, b]', 'title: \u00a0x', 'title: a\u2028b', 'title: He said "no" and ‘yes’', 'title: Café – “quoted”', 'title: x\ty', 'title: a\u0085b', 'title: a\ufeffb',
    'tags: []', 'tags: [a, b]', 'tags: [a, b, ]', 'tags: [ a ,  "b, c" ]', 'tags: ["a" , b]', 'tags: [a, [b]]', 'tags: [null, x]', 'tags: [2019]',
    'tags: ["x"y]', 'tags: [a: b]', 'tags: [it\'s]', 'tags: [a #b]', 'tags: [a', 'tags: a, b]',
    'source: {publisher: A Paper, url: "https://x.org/a"}', 'source: {url: https://x.org}', 'source: {}', 'source: {a: b, a: c}', 'source: {A: b}',
    '  title: indented', '# a comment', '', '---', '...', '%YAML 1.2', 'Title: capital key', 'ti-tle: hyphen key', '__proto__: x',
  ];
  it.each(LINES)('%j is read as YAML reads it, or left to the library', (line) => {
    const value = readPlainFrontMatter([line]);
    if (value !== null) expect(value).toEqual(parse(line));
  });

  const DOCUMENTS: string[][] = [
    ['id: a', 'id: b'],
    ['source:', '  publisher: Echo', '  url: https://x.org/a'],
    ['source:', '  publisher: Echo', 'title: T'],
    ['source:'],
    ['source:', '    publisher: Echo'],
    ['source:', '  publisher: Echo', '  publisher: Post'],
    ['source:', '  publisher: [a]'],
    ['notes: one line', '  carried on'],
    ['notes: >-', '  folded', '  text'],
    ['tags:', '  - a'],
    ['title: T', '', 'council: C'],
  ];
  it.each(DOCUMENTS)('%j is read as YAML reads it, or left to the library', (...lines) => {
    const value = readPlainFrontMatter(lines);
    if (value !== null) expect(value).toEqual(parse(lines.join('\n')));
  });

  it('reads in linear time: a long run of spaces in a value, a long flow list', () => {
    const spaces = [`title: a${' '.repeat(200_000)}b${' '.repeat(200_000)}`, `tags: [${Array.from({ length: 50_000 }, (_, i) => `t${i}`).join(' ,  ')}]`];
    expect(leastCpuMs(() => readPlainFrontMatter(spaces), 500)).toBeLessThan(500);
  });

  it('still names the line and field of a fault in front matter of the plain shape, and locates corrections', () => {
    const file = (front: string[]) => ['---', 'id: a-b', 'title: T', 'council: C', ...front, '---', '', 'Body text here.', ''].join('\n');
    expect(parseKnowledgeFile(file(['nation: France']), 'a.md').problems).toEqual([
      expect.objectContaining({ file: 'a.md', line: 5, field: 'nation' }),
    ]);
    expect(parseKnowledgeFile(file(['tags: [a, a]', 'places: 12']), 'a.md').problems).toEqual([expect.objectContaining({ line: 6, field: 'places' })]);
    // A no-break space is no YAML white space: "England" and the space after it are no nation, as the YAML library reads it.
    expect(parseKnowledgeFile(file(['nation: England\u00a0']), 'a.md').problems).toEqual([expect.objectContaining({ line: 5, field: 'nation' })]);
    const corrected = parseKnowledgeFile(file(['corrections:', '  - quote: 1', '    speaker: Jo Bell']), 'a.md');
    expect(corrected.article?.corrections).toEqual([expect.objectContaining({ quote: 1, line: 6 })]);
  });
});
