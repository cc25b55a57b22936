import { describe, it, expect } from 'vitest';
import { splitParagraphs } from '../../../src/knowledge/paragraphs.js';
import { extractFigures } from '../../../src/knowledge/extract/figures.js';

const figuresOf = (text: string) => extractFigures(splitParagraphs(text)).map((f) => [f.kind, f.value, f.text]);

describe('never a false figure', () => {
  it.each([
    ['one of the, one day', 'One of the homes closed one day, and one worker said so.'],
    ['ages', 'She is 74 years old, her mother aged 96 and an 85-year-old neighbour; the over-65s.'],
    ['phone numbers', 'Call 0121 303 1234 or 07700 900123 for 24 hours.'],
    ['addresses', 'Write to 12 Station Road, or 10 Downing Street residents.'],
    ['paragraph and section numbers', 'See paragraph 12 members, section 4 staff, Section 106 funds, item 7 homes, Band 3 workers and Year 6 pupils.'],
    ['codes glued to words', 'Covid-19 patients and A38 drivers.'],
    ['route numbers', 'The X5 and 71 services will end, as will service 6 journeys and routes 24 buses.'],
    ['days of the week and parts of a day', 'It will shut on two weekdays and three evenings, open two weekends, for four mornings or two afternoons.'],
    ['terms and seasons', 'He served three terms, over two seasons and two fortnights.'],
  ])('%s', (_, text) => {
    expect(figuresOf(text)).toEqual([]);
  });

  it('counts what is counted on those days: "seven of its fifteen sites on two weekdays", "two morning sessions"', () => {
    expect(figuresOf('It may close seven of its fifteen sites on two weekdays and cut two morning sessions.')).toEqual([
      ['count', 7, 'seven of its fifteen sites'],
      ['count', 15, 'fifteen sites'],
      ['count', 2, 'two morning sessions'],
    ]);
  });

  it('reads a year before a name or after "in" as a year, never a count', () => {
    expect(figuresOf('In 2019 Labour councillors voted. In 2019 staff were told.')).toEqual([
      ['date', '2019', '2019'],
      ['date', '2019', '2019'],
    ]);
  });
});
