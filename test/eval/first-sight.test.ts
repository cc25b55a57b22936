import { describe, it, expect } from 'vitest';
import { splitParagraphs } from '../../src/knowledge/paragraphs.js';
import { extractQuotes } from '../../src/knowledge/extract/quotes.js';
import { featureTable, rowsOf } from './first-sight.js';

// first-sight.ts sorts every predicted quote by the words around it; these check that sorting on a small article.
const paragraphs = splitParagraphs(
  [
    'Council leader Tom Hale said: “The library must close.”',
    '“We will fight this,” said campaigner Jo Bell.',
    'Town Crier Sam Reid said the plan was a disgrace.',
  ].join('\n\n'),
);
const gold = [
  { speaker: 'Tom Hale', role: 'Council leader', text: 'The library must close.', paragraphs: [1], kind: 'direct' as const },
  { speaker: 'Tom Hale', role: null, text: 'We will fight this', paragraphs: [2], kind: 'direct' as const },
  { speaker: 'Sam Reid', role: 'Town Crier', text: 'the plan was a disgrace', paragraphs: [3], kind: 'reported' as const },
];
const rows = rowsOf('test', 'labelled', 'a', paragraphs, extractQuotes(paragraphs), gold);

describe('first-sight rows', () => {
  it('pairs each quote with its label and says whether the named speaker is right, and whether a member sees it', () => {
    expect(rows.map((r) => [r.speaker, r.outcome, r.shown])).toEqual([
      ['Tom Hale', 'right', true],
      ['Jo Bell', 'wrong', true],
      ['Town Crier Sam Reid', 'wrong', false],
    ]);
  });

  it('reads the path and the name shape from the text', () => {
    expect(rows.map((r) => [r.features.path, r.features.speakerTokens, r.features.nameAt])).toEqual([
      ['lead', '2', 'sentence'],
      ['trailing', '2', 'sentence'],
      ['reported', '3+', 'sentence'],
    ]);
  });

  it('tables named speakers per feature value: right, wrong, and how many of each are shown', () => {
    expect(featureTable(rows).get('speakerTokens')).toEqual(
      new Map([
        ['2', { named: 2, right: 1, wrong: 1, rightShown: 1, wrongShown: 1 }],
        ['3+', { named: 1, right: 0, wrong: 1, rightShown: 0, wrongShown: 0 }],
      ]),
    );
  });
});
