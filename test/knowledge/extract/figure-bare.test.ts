import { describe, it, expect } from 'vitest';
import { splitParagraphs } from '../../../src/knowledge/paragraphs.js';
import { extractFigures } from '../../../src/knowledge/extract/figures.js';

const figuresOf = (text: string) => extractFigures(splitParagraphs(text));
/** kind, value, unit, text, counts: what a member would see cited. */
const brief = (text: string) => figuresOf(text).map((f) => [f.kind, f.value, f.unit, f.text, f.counts]);

describe('bare counts: a number with no noun that the sentence makes a count', () => {
  it('counts what the count before it in the paragraph counts', () => {
    expect(brief('“Of the 17 general libraries in your area, you have now closed eight. Only nine more to go.”')).toEqual([
      ['count', 17, 'libraries', '17 general libraries', 'general libraries'],
      ['count', 8, 'libraries', 'eight', null],
      ['count', 9, 'libraries', 'nine', null],
    ]);
    expect(brief('Falkirk has cut 78 teaching posts, with 91 more set to go in these plans.').map((f) => f.slice(0, 3))).toEqual([
      ['count', 78, 'jobs'],
      ['count', 91, 'jobs'],
    ]);
    expect(brief('The cuts amount to the loss of 450 teachers by 2027, with 172 already gone from the service.').map((f) => f.slice(0, 3))).toEqual([
      ['count', 450, 'people'],
      ['date', '2027', 'year'],
      ['count', 172, 'people'],
    ]);
    expect(brief('Councillor Sykes tabled two amendments to his own budget, which were followed by three from Labour.')).toEqual([
      ['count', 2, 'amendments', 'two amendments', 'amendments'],
      ['count', 3, 'amendments', 'three', null],
    ]);
    expect(brief('It was asked to agree that the four closures - part of 16 proposed by the trust - were unfair.').map((f) => f.slice(0, 3))).toEqual([
      ['count', 4, 'closures'],
      ['count', 16, 'closures'],
    ]);
    expect(brief("5 of the council's remaining day centres will close, leaving two.").map((f) => f.slice(0, 3))).toEqual([
      ['count', 5, 'centres'],
      ['count', 2, 'centres'],
    ]);
  });

  it('a ballot\'s tally is counted, as people whatever was counted before: "All 21 voted yes", "with one against"', () => {
    expect(brief('Unison balloted 28 members and had 21 returns. There were two questions. All 21 voted yes. Twenty said yes, with one against.')).toEqual([
      ['count', 28, 'people', '28 members', 'members'],
      ['count', 21, 'returns', '21 returns', 'returns'],
      ['count', 2, 'questions', 'two questions', 'questions'],
      ['count', 21, 'people', '21', null],
      ['count', 20, 'people', 'Twenty', null],
      ['count', 1, 'people', 'one', null],
    ]);
    expect(figuresOf('The two said no. One said yes.')).toEqual([]);
  });

  it('"200 of them" is a bare count too', () => {
    expect(figuresOf('Nearly 200 of them are agency staff.').map((f) => [f.value, f.unit, f.text, f.qualifier])).toEqual([[200, 'people', '200', 'nearly']]);
  });

  it('"up to 40 face the axe", "20 lost": what happens to people or jobs makes a bare count', () => {
    expect(brief('The council employs 300 staff. Up to 40 face the axe, with 20 lost already.')).toEqual([
      ['count', 300, 'people', '300 staff', 'staff'],
      ['count', 40, 'people', '40', null],
      ['count', 20, 'people', '20', null],
    ]);
  });

  it('counts people when no count before it says what', () => {
    expect(brief('"We only know that 33,000 are travelling every year."')).toEqual([['count', 33000, 'people', '33,000', null]]);
    expect(brief('Labour and Tory councillors, combined, also have 30.')).toEqual([['count', 30, 'people', '30', null]]);
  });

  it('is no count where the number is a time, an age, a code, a score or "the two"', () => {
    for (const text of [
      'The two have been at odds for months.',
      'Ahmed, 47, has led the council since May. She was 47.',
      'The meeting starts at 10. Buses will run until 11.',
      'Her hours were reduced from six to two.',
      'The services affected are numbers 6, 7, 11A and 71. The X5 and 71 are affected.',
      'Everyone aged over 16 are eligible. He turned 60.',
      'The team won 3-1 and scored 4. Councillors voted 8-3 against.',
      'He has worked there for 12.',
      'The library opens three days a week instead of four.',
      'Junction 12 was closed and Flat 2 has damp.',
      'Those who paid 40 left early. Users found 3 a week was enough.',
    ]) {
      expect(figuresOf(text), text).toEqual([]);
    }
  });

  it('the object of a verb before "and" and a new subject: "Gwynedd Council shut 49 and Birmingham …"', () => {
    expect(brief('Tower Hamlets Council closed 57 youth centres, while Gwynedd Council shut 49 and Birmingham City Council shut 12.')).toEqual([
      ['count', 57, 'centres', '57 youth centres', 'youth centres'],
      ['count', 49, 'centres', '49', null],
      ['count', 12, 'centres', '12', null],
    ]);
    // Not a number word going on ("3 and a half"), nor a time or an age before "and".
    // With no count before it in the sentence, "and" ends no clause surely enough: "He served 12 and Mr Smith said so".
    for (const text of ['It has closed 3 and a half libraries.', 'Buses run until 11 and Arriva said so.', 'She was aged 47 and Jo was 50.', 'He served 12 and Mr Smith said so.', 'It closed 3 and Leeds closed 4 libraries.']) {
      expect(figuresOf(text).filter((f) => f.counts === null).map((f) => f.value), text).toEqual([]);
    }
  });

  it('a total changed by a number counts what the count before it counts: "reduced its total by 42"', () => {
    expect(brief('Tower Hamlets closed 57 youth centres and Birmingham reduced its total by 42.')).toEqual([
      ['count', 57, 'centres', '57 youth centres', 'youth centres'],
      ['count', 42, 'centres', '42', null],
    ]);
    expect(brief('The council will cut the number of libraries by 12.')).toEqual([['count', 12, 'libraries', '12', null]]);
    // What changes by the number must be a total or a number of things: hours, pay or a budget cut "by 2" are no count.
    for (const text of ['It runs 20 routes. Hours were reduced by two.', 'It runs 20 routes. Its budget was cut by 5.', 'Its total rose by 4.']) {
      expect(figuresOf(text).filter((f) => f.counts === null).map((f) => f.value), text).toEqual([]);
    }
  });

  it('"another 280 (…)" counts what the count before it counts', () => {
    expect(brief('A total of 439 libraries have closed, with another 280 (245 buildings and 35 mobiles) now under threat.')).toEqual([
      ['count', 439, 'libraries', '439 libraries', 'libraries'],
      ['count', 280, 'libraries', '280', null],
      ['count', 245, 'buildings', '245 buildings', 'buildings'],
      ['count', 35, 'mobiles', '35 mobiles', 'mobiles'],
    ]);
    expect(brief('It has 30 staff and hopes to hire a further 10.')).toEqual([
      ['count', 30, 'people', '30 staff', 'staff'],
      ['count', 10, 'people', '10', null],
    ]);
    // With no count before it, "another 5" says nothing of what: a sum, a time, a score.
    for (const text of ['It will take another 10 (or so).', 'We need another 5.', 'It waited another 10 minutes.', 'The site has 40 beds. Fares rose by another 5.']) {
      expect(figuresOf(text).filter((f) => f.counts === null), text).toEqual([]);
    }
  });

  it('the people a petition is signed by: "signed by more than 2,700,"', () => {
    expect(figuresOf('The petition, which has been signed by more than 2,700, says the tips must stay.').map((f) => [f.value, f.unit, f.text, f.qualifier])).toEqual([
      [2700, 'people', '2,700', 'more than'],
    ]);
    expect(figuresOf('The plan was backed by 31 votes to 22.').map((f) => [f.value, f.unit])).toEqual([
      [31, 'votes'],
      [22, 'votes'],
    ]);
    expect(figuresOf('It was signed by 2 July and backed by 2024.').filter((f) => f.kind === 'count')).toEqual([]);
  });

  it('a number in brackets after a name is a part of the whole the sentence counted: "the North-West (77)"', () => {
    expect(brief('Of the 199 routes affected last year, most were in the North-West (77), followed by the East of England (45) and Yorkshire and Humber (44).')).toEqual([
      ['count', 199, 'routes', '199 routes', 'routes'],
      ['count', 77, 'routes', '77', null],
      ['count', 45, 'routes', '45', null],
      ['count', 44, 'routes', '44', null],
    ]);
  });

  it('a bracketed number is no part where it cannot be one: an age, a list mark, more than the whole, another sentence', () => {
    for (const [text, counts] of [
      ['Jo Bell (45) said the homes would close.', []],
      ['The two children, Amy (7) and Ben (9), were moved.', [2]],
      ['The council made 3 proposals: (1) close the library.', [3]],
      ['It runs 20 routes. Most are in Leeds (12).', [20]],
      ['Of the 100 homes, most are in Leeds (60) and York (50).', [100, 60]],
      ['Of the 90 homes, most (60) are in Leeds.', [90, 60]],
      // Of people, a bracketed number after a name or a person is their age.
      ['About 500 residents signed, including councillor Jo Bell (64) and her husband (66).', [500]],
      // Right after the whole, a bracket is no part of it.
      ['There were 3 objections (2).', [3]],
    ] as const) {
      expect(figuresOf(text).map((f) => f.value), text).toEqual(counts);
    }
  });

  it('leaves a number to the range of percentages it opens', () => {
    expect(brief('The council offered pay rises of between 6 and 12.7 per cent.').map((f) => f.slice(0, 4))).toEqual([
      ['percent', 6, '%', '6'],
      ['percent', 12.7, '%', '12.7 per cent'],
    ]);
  });
});

describe('"one" as a count', () => {
  it('counts "one" when a word of quantity stands before it and a noun ends the phrase', () => {
    expect(brief('There is only one school that has better attainment.')).toEqual([['count', 1, 'schools', 'one school', 'school']]);
    expect(figuresOf('We continue to maintain at least one collection a week for residents.').map((f) => [f.value, f.unit, f.qualifier])).toEqual([
      [1, 'collections', 'at least'],
    ]);
    expect(brief('Only one councillor voted against.')).toEqual([['count', 1, 'people', 'one councillor', 'councillor']]);
  });

  it.each([
    ['Wellingborough Council, which has cut one grounds maintenance job and stopped hiring, trimmed verges.', 'jobs', 'one grounds maintenance job', 'grounds maintenance job'],
    ['The council closed one library last year.', 'libraries', 'one library', 'library'],
    ['It has axed one full-time post.', 'jobs', 'one full-time post', 'full-time post'],
    ['They scrapped one bus route, and then another.', 'routes', 'one bus route', 'bus route'],
  ])('"one" as the object of a verb of cutting, closing or losing counts its noun phrase: %s', (text, unit, written, counts) => {
    expect(brief(text).filter((f) => f[1] === 1)).toEqual([['count', 1, unit, written, counts]]);
  });

  it.each([
    'They closed one of the libraries.',
    'It cut one day a week from the service.',
    'The council sold one to a developer.',
    'He lost one more vote.',
    'It will cut one in five posts.',
  ])('"one" after such a verb and no counted phrase: %s', (text) => {
    expect(figuresOf(text).filter((f) => f.value === 1)).toEqual([]);
  });

  it('leaves "one" alone as a pronoun, a duration or before an adjective', () => {
    for (const text of ['One of the homes closed and one worker said so.', 'Only one of them replied.', 'It opens at least one day a week.', 'There is only one way forward.', 'Only one new library opens.', 'It is only one more chance.']) {
      expect(figuresOf(text), text).toEqual([]);
    }
  });
});

describe('a bare count that a whole of people or "the number of" before it names', () => {
  it.each([
    ['In 2010 it attracted audiences of more than 313,000 to its shows.', 313000, 'more than', 'audiences'],
    ['A crowd of about 2,000 marched.', 2000, 'about', 'crowd'],
    ['The borough has a population of 80,000, and growing.', 80000, null, 'population'],
    ['It has a workforce of 1,200.', 1200, null, 'workforce'],
  ])('a whole of people "of" the number: %s', (text, value, qualifier, counts) => {
    expect(figuresOf(text).filter((f) => f.value === value).map((f) => [f.kind, f.unit, f.qualifier, f.counts])).toEqual([['count', 'people', qualifier, counts]]);
  });

  it.each([
    ['The actual number of redundancies will be around 250 and will be made by March.', 250, 'jobs', 'redundancies'],
    ['The number of empty homes is now 1,400.', 1400, 'homes', 'empty homes'],
    ['The number of library visitors stood at 12,000 last year.', 12000, 'people', 'library visitors'],
  ])('"the number of X is N": %s', (text, value, unit, counts) => {
    expect(figuresOf(text).filter((f) => f.value === value).map((f) => [f.kind, f.unit, f.counts])).toEqual([['count', unit, counts]]);
  });

  it.each([
    'The crowd of 2019 was bigger.',
    'A population of 80 per cent voted.',
    'The number of hours is 12 hours a week.',
    'The number of libraries is 12 miles from here.',
    'A population of over 65s.',
  ])('no such count: %s', (text) => {
    expect(figuresOf(text).filter((f) => f.kind === 'count' && f.unit !== 'hours' && f.unit !== 'miles')).toEqual([]);
  });
});

describe('counts the noun glued to the number, and nouns of people', () => {
  it('"a 970-page report" counts pages, whatever the space after the hyphen', () => {
    expect(brief('He said the 970-page report on closures had been too much.')).toEqual([['count', 970, 'pages', '970-page', 'pages']]);
    expect(brief('It was buried deep inside a 75- page report.')).toEqual([['count', 75, 'pages', '75- page', 'pages']]);
    expect(brief('They have submitted a 700-signature petition.')).toEqual([['count', 700, 'signatures', '700-signature', 'signatures']]);
  });

  it.each([
    ['They plan to build the 420-place school by September.', 420, 'places', '420-place', 'places'],
    ['A 60-bed care home will close.', 60, 'beds', '60-bed', 'beds'],
    ['It is a 210-pupil primary.', 210, 'people', '210-pupil', 'pupils'],
    ['The new 300-seat theatre opens.', 300, 'seats', '300-seat', 'seats'],
    ['Plans for a 97-home estate were rejected.', 97, 'homes', '97-home', 'homes'],
  ])('a count of things glued to the number before what holds them: %s', (text, value, unit, written, counts) => {
    expect(brief(text)).toEqual([['count', value, unit, written, counts]]);
  });

  it.each([
    ['Since April, 17,000 permit holders have been hit.', 17000, 'people'],
    ['Some 3,000 Blue Badge holders will pay.', 3000, 'people'],
    ['More than 170 councils run at least one crematorium.', 1, 'crematoria'],
    ['The two crematoria close, as do three small auditoria.', 2, 'crematoria'],
  ])('holders are people, and a Latin plural in -oria is the unit: %s', (text, value, unit) => {
    expect(figuresOf(text).filter((f) => f.value === value).map((f) => f.unit)).toEqual([unit]);
  });

  it('a petition’s signatures or a report’s pages without the hyphen: "1,000 signature petition"', () => {
    expect(brief('Residents handed in 1,000 signature petition against the increase')).toEqual([['count', 1000, 'signatures', '1,000 signature', 'signatures']]);
    expect(brief('They read a 40 page report.')).toEqual([['count', 40, 'pages', '40 page', 'pages']]);
  });

  it.each([
    ['About 120 home carers protested.', [[120, 'people']]],
    ['The council ran a 12-week consultation on a two-year deal.', []],
    ['A 5-star hotel sits on a 10-mile route.', []],
  ])('not a count of a glued thing: %s', (text, expected) => {
    expect(figuresOf(text).map((f) => [f.value, f.unit])).toEqual(expected);
  });

  it('counts pickets, officials and compounds of a people noun as people: "seven Erdington headteachers", "40 caseworkers"', () => {
    expect(brief('At the Deighton Centre we had 12 pickets, and seven Erdington headteachers wrote to 40 caseworkers.').map((f) => f.slice(0, 4))).toEqual([
      ['count', 12, 'people', '12 pickets'],
      ['count', 7, 'people', 'seven Erdington headteachers'],
      ['count', 40, 'people', '40 caseworkers'],
    ]);
    expect(brief('About 300 leaseholders, 20 shopkeepers and 15 childminders met six officials.').map((f) => [f[1], f[2]])).toEqual([
      [300, 'people'],
      [20, 'people'],
      [15, 'people'],
      [6, 'people'],
    ]);
    // Words that only end like one stay counts of themselves: "12 picket lines", "three reasons", "two safeguards".
    expect(brief('There were 12 picket lines, three reasons and two safeguards.').map((f) => [f[1], f[2]])).toEqual([
      [12, 'lines'],
      [3, 'reasons'],
      [2, 'safeguards'],
    ]);
  });

  it('takes irregular plurals and more nouns of people as people', () => {
    expect(brief('Cabinet will vote on the fate of hundreds of county schoolchildren.')).toEqual([
      ['count', 100, 'people', 'hundreds of county schoolchildren', 'county schoolchildren'],
    ]);
    expect(brief('Three representatives and three judges attended.').map((f) => f.slice(0, 3))).toEqual([
      ['count', 3, 'people'],
      ['count', 3, 'people'],
    ]);
    expect(brief('Two girls were left at the stop.').map((f) => f.slice(0, 3))).toEqual([['count', 2, 'people']]);
  });
});

describe('a length of something is a count of miles', () => {
  it('"3,080 miles of motorways and trunk roads" counts miles of the roads', () => {
    expect(figuresOf('Some 3,080 miles of motorways and trunk roads in England are now completely unlit.').map((f) => [f.kind, f.value, f.unit, f.text, f.qualifier, f.counts])).toEqual([
      ['count', 3080, 'miles', '3,080 miles', 'some', 'motorways and trunk roads'],
    ]);
    expect(figuresOf('It maintains 120 kilometres of coastline.').map((f) => [f.value, f.unit, f.counts])).toEqual([[120, 'kilometres', 'coastline']]);
  });

  it.each(['It is 5 miles from the town.', 'She drove 40 miles to work.', 'Walk 10 miles of it.', 'It is 2 miles of the way there.', 'A 3-mile walk.'])(
    'a distance travelled or away is no figure: %s',
    (text) => {
      expect(figuresOf(text)).toEqual([]);
    },
  );
});

describe('"ones" counts what the count or plural noun before it counts', () => {
  it.each([
    ['We made the change from 16 small bins to two big ones.', 2, 'bins'],
    ['The big bins hold at least as much as the 16 smaller ones.', 16, 'bins'],
  ])('%s', (text, value, unit) => {
    expect(figuresOf(text).filter((f) => f.text.endsWith('ones')).map((f) => [f.value, f.unit])).toEqual([[value, unit]]);
  });
});

describe('fractions and rates', () => {
  it('"a third of its 40 member homes" is a third of the homes, and the 40 a count of them', () => {
    expect(figuresOf('She said about a third of its 40 member homes were running at a loss.').map((f) => [f.kind, f.value, f.text, f.qualifier, f.counts])).toEqual([
      ['percent', 33.3, 'a third', 'about', 'member homes'],
      ['count', 40, '40 member homes', null, 'member homes'],
    ]);
  });

  it('a fraction standing alone is a share when a qualifier says so: "with well over half in rural areas"', () => {
    expect(figuresOf('We support a further 57 contracts with well over half in rural areas.').map((f) => [f.kind, f.value, f.text, f.qualifier])).toEqual([
      ['count', 57, '57 contracts', null],
      ['percent', 50, 'half', 'well over'],
    ]);
    expect(figuresOf('In the first half of the year, at half term, the second half was better.')).toEqual([]);
  });

  it('"£3m each year" is a yearly sum', () => {
    expect(figuresOf('The council subsidised the service by more than £3m each year.').map((f) => [f.value, f.unit, f.text])).toEqual([[3e6, 'GBP/year', '£3m each year']]);
  });
});

describe('numbers as journalists abbreviate them', () => {
  it('reads a glued "m" or "bn" and "-plus" on a count, and never "m" with no noun', () => {
    expect(brief('The route carries 1.2m passengers a year and its 300-plus staff, with 40+ volunteers.')).toEqual([
      ['count', 1_200_000, 'people', '1.2m passengers', 'passengers'],
      ['count', 300, 'people', '300-plus staff', 'staff'],
      ['count', 40, 'people', '40+ volunteers', 'volunteers'],
    ]);
    expect(figuresOf('A 5m wall and a 25m pool.')).toEqual([]);
  });

  it('"hundreds more residents" is a vague multiple like "hundreds of"', () => {
    expect(figuresOf('Hundreds more residents will lose their bus.').map((f) => [f.value, f.qualifier, f.counts])).toEqual([[100, 'hundreds more', 'residents']]);
    expect(figuresOf('It will take hundreds more years.')).toEqual([]);
  });

  it('"half a dozen staff" is six, not twelve', () => {
    expect(brief('Half a dozen staff left, and half a million passengers.')).toEqual([
      ['count', 6, 'people', 'Half a dozen staff', 'staff'],
      ['count', 500_000, 'people', 'half a million passengers', 'passengers'],
    ]);
  });

  it('"a quarter of a million pounds" is £250,000, not £1 million', () => {
    expect(figuresOf('The council spent a quarter of a million pounds, and three quarters of a million pounds more.').map((f) => [f.value, f.text])).toEqual([
      [250_000, 'a quarter of a million pounds'],
      [750_000, 'three quarters of a million pounds'],
    ]);
  });

  it('"fell to 4,000 from 6,000" is a change told from its end', () => {
    expect(figuresOf('Bin collections fell to 4,000 from 6,000.').map((f) => [f.value, f.unit, f.counts, f.change])).toEqual([
      [4000, 'collections', 'bin collections', { from: 6000, to: 4000 }],
      [6000, 'collections', 'bin collections', { from: 6000, to: 4000 }],
    ]);
  });
});

describe('a sum without £ that the sentence makes money', () => {
  it('"find 25,000 a month" is money by the month', () => {
    expect(figuresOf('The centre needs to find 25,000 a month to stay open.').map((f) => [f.kind, f.value, f.unit, f.text])).toEqual([
      ['money', 25_000, 'GBP/month', '25,000 a month'],
    ]);
  });

  it('needs a verb of money before it: "25,000 a month visitors" is not money', () => {
    expect(figuresOf('The site has 25,000 a month visitors.')).toEqual([]);
  });
});
