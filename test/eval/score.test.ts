import { describe, it, expect } from 'vitest';
import type { Figure, Quote } from '../../src/knowledge/schema.js';
import { f1, isWrongNamedShown, isWrongNamedSpeaker, matchFigures, matchQuotes, placeAccuracy, scoreArticle, tokenOverlap, totalScore, type GoldFigure, type GoldQuote } from './score.js';

const quote = (text: string, speaker: string | null = 'Ann Cole', kind: Quote['kind'] = 'direct'): Quote => ({ speaker, role: null, text, paragraphs: [1], kind, attribution: speaker ? 'named' : 'none', confidence: 'high', reason: null });
const figure = (value: number, paragraph = 1, kind: Figure['kind'] = 'money', unit = 'GBP'): Figure => ({
  kind, value, unit, text: `£${value}`, qualifier: null, counts: null, sentence: '', paragraph,
});

describe('scoring', () => {
  it('measures token overlap against the longer text', () => {
    expect(tokenOverlap('We will fight', 'we will  fight')).toBe(1);
    expect(tokenOverlap('We will fight this closure', 'We will fight')).toBeCloseTo(0.6);
    expect(tokenOverlap('No', 'We will fight this closure every step')).toBeLessThan(0.5);
  });

  it('matches exact quotes after whitespace normalisation, and overlapping ones at half the tokens', () => {
    const gold = [quote('We will fight this closure.'), quote('It was the only break we had.')];
    const predicted = [quote('We  will fight\nthis closure.'), quote('It was the only break')];
    expect(matchQuotes(predicted, gold, 'exact')).toHaveLength(1);
    expect(matchQuotes(predicted, gold, 'overlap')).toHaveLength(2);
  });

  it('pairs each prediction with one gold quote at most', () => {
    expect(matchQuotes([quote('Same words')], [quote('Same words'), quote('Same words')], 'exact')).toHaveLength(1);
  });

  it('needs kind, value, unit and paragraph to match a figure', () => {
    const gold = [figure(4_000_000, 3)];
    expect(matchFigures([figure(4_000_000, 3)], gold)).toHaveLength(1);
    expect(matchFigures([figure(4_000_000, 7)], gold)).toHaveLength(0);
    expect(matchFigures([figure(4_000_000, 3, 'money', 'GBP/year')], gold)).toHaveLength(0);
  });

  it('counts speaker accuracy over matched quotes, needing speaker and kind', () => {
    const s = scoreArticle('a', { quotes: [quote('One two three', 'Ann Cole'), quote('Four five six', null, 'reported')], figures: [] }, {
      quotes: [quote('One two three', 'Ann Cole'), quote('Four five six', null, 'direct')],
      figures: [],
    });
    expect(s.speaker).toEqual({ correct: 1, total: 2 });
  });

  it('computes F1 from counts, with nothing expected and nothing found as perfect', () => {
    expect(f1({ tp: 0, predicted: 0, gold: 0 })).toBe(1);
    expect(f1({ tp: 1, predicted: 2, gold: 2 })).toBe(0.5);
    expect(f1({ tp: 0, predicted: 1, gold: 0 })).toBe(0);
  });

  it('adds articles up micro-averaged', () => {
    const a = scoreArticle('a', { quotes: [], figures: [figure(1)] }, { quotes: [], figures: [figure(1)] });
    const b = scoreArticle('b', { quotes: [], figures: [figure(2), figure(3)] }, { quotes: [], figures: [figure(2), figure(9)] });
    expect(totalScore([a, b]).figures.all).toEqual({ tp: 2, predicted: 3, gold: 3 });
  });

  it('scores place queries, including ones that must find nothing', () => {
    const resolve = (q: string) => (q === 'brum' ? 'Birmingham' : q === 'leeds' ? 'Leeds' : null);
    const result = placeAccuracy(
      [{ query: 'brum', expect: 'Birmingham' }, { query: 'leeds', expect: null }, { query: 'xyz', expect: null }, { query: 'ebbw', expect: 'Blaenau Gwent' }],
      resolve,
    );
    expect(result.accuracy).toBe(0.5);
    expect(result.misses.map((m) => m.query)).toEqual(['leeds', 'ebbw']);
  });

  it('counts a named speaker as wrong when the label names someone else or nobody, never a null speaker', () => {
    expect(isWrongNamedSpeaker({ speaker: 'Callum Reid' }, { speaker: null })).toBe(true);
    expect(isWrongNamedSpeaker({ speaker: 'Callum Reid' }, { speaker: 'Sam Price' })).toBe(true);
    expect(isWrongNamedSpeaker({ speaker: null }, { speaker: 'Sam Price' })).toBe(false);
    expect(isWrongNamedSpeaker({ speaker: 'Sam Price' }, { speaker: 'Sam Price' })).toBe(false);
    const s = scoreArticle('a', { quotes: [quote('We met every term', 'Callum Reid'), quote('That is news to us', null)], figures: [] }, {
      quotes: [quote('We met every term', null), quote('That is news to us', 'Callum Reid')],
      figures: [],
    });
    expect(s.wrongNamedSpeakers).toBe(1);
    expect(s.speaker).toEqual({ correct: 0, total: 2 });
  });

  it('counts a wrong named speaker as shown only when answers would show it, not "speaker not clear"', () => {
    const unsure: Quote = { ...quote('We met every term', 'Callum Reid'), attribution: 'pronoun', confidence: 'low' };
    const unattributed: Quote = { ...quote('That is news to us', 'Callum Reid'), attribution: 'none' };
    expect(isWrongNamedShown(quote('Sure words', 'Callum Reid'), { speaker: 'Sam Price' })).toBe(true);
    expect(isWrongNamedShown(unsure, { speaker: 'Sam Price' })).toBe(false);
    expect(isWrongNamedShown(unattributed, { speaker: null })).toBe(false);
    expect(isWrongNamedShown(quote('Sure words', 'Sam Price'), { speaker: 'Sam Price' })).toBe(false);
    const predicted = [quote('Sure words here', 'Callum Reid'), unsure, unattributed];
    const gold = [quote('Sure words here', 'Sam Price'), quote('We met every term', 'Sam Price'), quote('That is news to us', null)];
    const s = scoreArticle('a', { quotes: predicted, figures: [] }, { quotes: gold, figures: [] });
    expect([s.wrongNamedSpeakers, s.wrongNamedShown]).toEqual([3, 1]);
    expect(totalScore([s, s]).wrongNamedShown).toBe(2);
  });

  it('sorts wrong named speakers by what the label says: nobody, the same surname written otherwise, or another person', () => {
    const predicted = [quote('We met every term', 'Callum Reid'), quote('That is news to us', 'Reid'), quote('Sure words here', 'Sam Price')];
    const gold = [quote('We met every term', null), quote('That is news to us', 'Callum Reid'), quote('Sure words here', 'Jo Bell')];
    const s = scoreArticle('a', { quotes: predicted, figures: [] }, { quotes: gold, figures: [] });
    expect(s.wrongNamedKinds).toEqual({ nobody: 1, surname: 1, other: 1 });
    expect(totalScore([s, s]).wrongNamedKinds).toEqual({ nobody: 2, surname: 2, other: 2 });
  });

  it('scores attribution only against labels that record one', () => {
    const old: GoldQuote = { speaker: 'Ann Cole', role: null, text: 'One two three', paragraphs: [1], kind: 'direct' };
    const labelled: GoldQuote = { ...old, text: 'Four five six', attribution: 'pronoun' };
    const s = scoreArticle('a', { quotes: [quote('One two three'), quote('Four five six')], figures: [] }, { quotes: [old, labelled], figures: [] });
    expect(s.attribution).toEqual({ correct: 0, total: 1 });
  });

  it('pairs figures on kind, value and paragraph alone for the value+kind score, to a tenth', () => {
    const gold = [figure(33.3, 2, 'percent', '%')];
    expect(matchFigures([figure(33.33, 2, 'percent', '%')], gold, 'value-kind')).toHaveLength(1);
    expect(matchFigures([figure(33.33, 2, 'percent', '%')], gold)).toHaveLength(0);
    expect(matchFigures([figure(4_000_000, 3, 'money', 'GBP/year')], [figure(4_000_000, 3)], 'value-kind')).toHaveLength(1);
    expect(matchFigures([figure(4_000_000, 4)], [figure(4_000_000, 3)], 'value-kind')).toHaveLength(0);
  });

  it('reports figure recall by the class each label names, summed over articles', () => {
    const labelled = (value: number, cls?: string): GoldFigure => ({ ...figure(value, 1, 'count', 'jobs'), ...(cls ? { class: cls } : {}) });
    const a = scoreArticle('a', { quotes: [], figures: [figure(62, 1, 'count', 'jobs')] }, { quotes: [], figures: [labelled(62, 'number-word'), labelled(30, 'range'), labelled(7)] });
    const b = scoreArticle('b', { quotes: [], figures: [] }, { quotes: [], figures: [labelled(8, 'number-word')] });
    expect(a.figureClasses).toEqual({ 'number-word': { correct: 1, total: 1 }, range: { correct: 0, total: 1 } });
    expect(totalScore([a, b]).figureClasses).toEqual({ 'number-word': { correct: 1, total: 2 }, range: { correct: 0, total: 1 } });
  });
});
