import { describe, expect, it } from 'vitest';
import type { Answer, AnswerLine, Citation } from '../../src/answers/types.js';
import { EMBED_LIMITS, embedsLength, formatLine, renderAnswer } from '../../src/discord/render.js';
import { validateMessageBody } from '../e2e/emulator.js';

const cite = (over: Partial<Citation> = {}): Citation => ({
  articleId: 'birmingham-enablement-redundancies',
  title: 'Birmingham enablement care workers face redundancy',
  paragraph: 3,
  url: null,
  publisher: null,
  ...over,
});

const answer = (over: Partial<Answer> = {}): Answer => ({
  kind: 'figures',
  title: 'Figures for Birmingham',
  summary: '',
  sections: [],
  suggestions: [],
  sources: [cite({ paragraph: null })],
  ...over,
});

/** What Discord would say about the message; [] when it accepts it. */
const discordProblems = (a: Answer) => validateMessageBody({ embeds: renderAnswer(a).embeds }, { creating: true });

function expectWithinLimits(a: Answer) {
  const { embeds } = renderAnswer(a);
  expect(embeds.length).toBeLessThanOrEqual(EMBED_LIMITS.embeds);
  expect(embedsLength(embeds)).toBeLessThanOrEqual(EMBED_LIMITS.total);
  for (const e of embeds) {
    expect((e.title ?? '').length).toBeLessThanOrEqual(EMBED_LIMITS.title);
    expect((e.description ?? '').length).toBeLessThanOrEqual(EMBED_LIMITS.description);
    expect((e.fields ?? []).length).toBeLessThanOrEqual(EMBED_LIMITS.fields);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeGreaterThan(0);
      expect(f.name.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldName);
      expect(f.value.length).toBeGreaterThan(0);
      expect(f.value.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldValue);
    }
  }
  expect(discordProblems(a)).toEqual([]);
  return embeds;
}

const figureLine = (i: number, width = 120): AnswerLine => ({
  text: `£${i} million figure number ${i}: ${'savings from the enablement service '.repeat(10)}`.slice(0, width),
  citation: cite({ paragraph: i }),
});

describe('renderAnswer', () => {
  it('shows each line with its article title and paragraph, linked when the URL is known', () => {
    const { embeds } = renderAnswer(
      answer({
        sections: [
          {
            heading: 'Key figures',
            lines: [
              { text: '£4 million: to be saved', citation: cite({ paragraph: 3 }) },
              { text: '40 per cent of the workforce', citation: cite({ paragraph: 3, url: 'https://example.org/news/a(1)' }) },
            ],
          },
        ],
      }),
    );
    const value = embeds[0]!.fields![0]!.value;
    expect(value).toContain('£4 million: to be saved (*Birmingham enablement care workers face redundancy* ¶3)');
    expect(value).toContain('[Birmingham enablement care workers face redundancy](<https://example.org/news/a%281%29>) ¶3');
  });

  it('shows who said a quote', () => {
    const line = formatLine({ text: '“The care industry is in crisis already.”', speaker: 'Caroline Johnson', role: 'Unison spokeswoman', citation: cite({ paragraph: 9 }) });
    expect(line).toBe('• “The care industry is in crisis already.” — Caroline Johnson, Unison spokeswoman (*Birmingham enablement care workers face redundancy* ¶9)');
  });

  it('links an article named at the start of its line instead of naming it twice', () => {
    const line = formatLine({ text: 'Birmingham enablement care workers face redundancy (Birmingham City Council)', citation: cite({ paragraph: null, url: 'https://example.org/a' }) });
    expect(line).toBe('• [Birmingham enablement care workers face redundancy](<https://example.org/a>) (Birmingham City Council)');
  });

  it('writes suggestions as "Did you mean"', () => {
    const { embeds } = renderAnswer(answer({ kind: 'not-found', title: 'Place not found', summary: 'No place called “birmingam”.', suggestions: ['Birmingham', 'Blaenau Gwent'], sources: [] }));
    expect(embeds[0]!.description).toContain('Did you mean: **Birmingham**, **Blaenau Gwent**?');
    expect(embeds[0]!.fields).toBeUndefined();
  });

  it('escapes Markdown in quoted text so an article cannot change the formatting', () => {
    const line = formatLine({ text: '*not bold* __not underlined__ `not code` [not a link](https://evil.example) ||spoiler||', citation: cite({ title: 'A [bracketed] *title*' }) });
    expect(line).toContain('\\*not bold\\*');
    expect(line).toContain('\\_\\_not underlined\\_\\_');
    expect(line).toContain('\\`not code\\`');
    expect(line).toContain('\\|\\|spoiler\\|\\|');
    expect(line).not.toMatch(/[^\\]\[not a link\]\(/);
    expect(line).toContain('*A \\[bracketed\\] \\*title\\**');
  });

  it('cuts a long answer at line boundaries, says how many more, and stays within every Discord limit', () => {
    const lines = Array.from({ length: 300 }, (_, i) => figureLine(i + 1));
    const embeds = expectWithinLimits(
      answer({ sections: [{ heading: 'Figures', lines, more: { count: 50, hint: '/figures Birmingham' } }], summary: 'Every figure.' }),
    );
    const values = embeds[0]!.fields!.map((f) => f.value).join('\n').split('\n');
    const shown = values.filter((l) => l.startsWith('• ')).length;
    expect(shown).toBeGreaterThan(10);
    expect(values.at(-1)).toBe(`…and ${300 - shown + 50} more — try /figures Birmingham`);
    // Every shown line is whole: it ends with its citation.
    for (const l of values.filter((v) => v.startsWith('• '))) expect(l).toMatch(/¶\d+\)$/);
  });

  it('shares the room between sections so a long first one cannot hide the others', () => {
    const many = Array.from({ length: 200 }, (_, i) => figureLine(i));
    const embeds = expectWithinLimits(
      answer({ sections: [{ heading: 'Jobs', lines: many }, { heading: 'Money', lines: many }, { heading: 'Dates', lines: [figureLine(1)] }] }),
    );
    const names = embeds[0]!.fields!.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['Jobs', 'Money', 'Dates']));
    const dates = embeds[0]!.fields!.find((f) => f.name === 'Dates')!;
    expect(dates.value).toMatch(/^• /);
  });

  it('notes lines the answer itself left out, even when everything shown fits', () => {
    const embeds = expectWithinLimits(answer({ sections: [{ heading: 'Key figures', lines: [figureLine(1)], more: { count: 4, hint: '/figures Birmingham' } }] }));
    expect(embeds[0]!.fields![0]!.value).toMatch(/\n…and 4 more — try \/figures Birmingham$/);
  });

  it('keeps the citation of a single very long quote and clips its text', () => {
    const embeds = expectWithinLimits(
      answer({ kind: 'quotes', sections: [{ heading: 'Quotes', lines: [{ text: `“${'word '.repeat(800)}”`, speaker: 'Paulette Hamilton', role: null, citation: cite({ paragraph: 12 }) }] }] }),
    );
    const value = embeds[0]!.fields![0]!.value;
    expect(value).toContain('…');
    expect(value).toMatch(/\(\*Birmingham enablement care workers face redundancy\* ¶12\)$/);
  });

  it('survives many sections, huge titles, summaries and headings', () => {
    const sections = Array.from({ length: 40 }, (_, s) => ({
      heading: `Section ${s} ${'h'.repeat(300)}`,
      lines: Array.from({ length: 30 }, (_, i) => figureLine(i, 400)),
    }));
    const embeds = expectWithinLimits(answer({ title: 'T'.repeat(400), summary: 'S '.repeat(3000), sections, suggestions: Array.from({ length: 30 }, (_, i) => `Place ${i}`) }));
    const last = embeds[0]!.fields!.at(-1)!;
    expect(`${last.name} ${last.value}`).toMatch(/more/);
  });

  it('renders an answer with nothing in it as a valid embed', () => {
    const embeds = expectWithinLimits(answer({ title: '', summary: '', sources: [] }));
    expect(embeds[0]!.title).toBe('cutsbot');
  });

  it('renders help lines, which carry no citation', () => {
    const embeds = expectWithinLimits(answer({ kind: 'help', sections: [{ heading: 'Commands', lines: [{ text: '/cuts <place>: what is being cut', citation: null }] }] }));
    // Escaped like all text: Discord shows `\<place\>` as <place>.
    expect(embeds[0]!.fields![0]!.value).toBe('• /cuts \\<place\\>: what is being cut');
  });

  it('stays within limits for random answers', () => {
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let run = 0; run < 50; run++) {
      const sections = Array.from({ length: rand(8) }, () => ({
        heading: 'x'.repeat(1 + rand(300)),
        lines: Array.from({ length: rand(60) }, (_, i) => ({
          text: '*_`'.repeat(rand(3)) + 'y '.repeat(rand(900)),
          speaker: rand(2) ? 'Speaker' : undefined,
          citation: rand(5) ? cite({ paragraph: i, title: 't'.repeat(1 + rand(256)), url: rand(2) ? 'https://example.org/x' : null }) : null,
        })),
        ...(rand(2) ? { more: { count: rand(100), hint: '/search ' + 'z'.repeat(rand(300)) } } : {}),
      }));
      expectWithinLimits(answer({ title: 'a'.repeat(rand(500)), summary: 'b '.repeat(rand(3000)), sections, suggestions: rand(2) ? ['One', 'Two'] : [] }));
    }
  });
});
