import { describe, it, expect } from 'vitest';
import { quotesOf } from './quotes-of.js';

/**
 * Another newspaper as the source, its attribution trailing the sentence (", the newspaper reported on Sunday (27
 * October)", ", reported the paper", tune7): reported speech from that paper, a document (ninth round). "reported"
 * counts only there: before a clause it is as often a verb of doing ("reported the fault").
 */
const all = (...paragraphs: string[]) => quotesOf(...paragraphs).map((q) => [q.kind, q.speaker, q.role, q.attribution, q.text]);

describe('a paper reporting, the attribution trailing', () => {
  it.each([
    ['Out of 134 councils which responded to a survey, 73% said they had switched off some lights, the newspaper reported on Sunday (27 October).', 'the newspaper', 'Out of 134 councils which responded to a survey, 73% said they had switched off some lights'],
    ['In Shropshire, 12,500 street lights are now switched off between midnight and 5.30am, reported the paper.', 'the paper', 'In Shropshire, 12,500 street lights are now switched off between midnight and 5.30am'],
    ['Some 3,080 miles of motorways are now completely unlit, the Sunday Telegraph reported.', 'Sunday Telegraph', 'Some 3,080 miles of motorways are now completely unlit'],
    ['Two libraries are to close by the summer, the Echo reports.', 'Echo', 'Two libraries are to close by the summer'],
  ])('%s', (text, role, clause) => {
    expect(all(text)).toEqual([['reported', null, role, 'document', clause]]);
  });

  it.each([
    ['Residents reported the fault to the council on Monday.'],
    ['The council reported a fall in visitor numbers last year.'],
    ['The library reported that it had lost a third of its staff.'],
  ])('reports nothing where "reported" leads: %s', (text) => {
    expect(all(text)).toEqual([]);
  });
});
