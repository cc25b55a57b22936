import { beforeAll, describe, expect, it } from 'vitest';
import { buildKnowledgeBase } from '../../src/knowledge/build.js';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { parseKnowledgeFile } from '../../src/knowledge/loader.js';
import { resolvePlace } from '../../src/knowledge/places.js';
import { testKnowledgeBase } from '../answers/kb.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await testKnowledgeBase();
});

const found = (k: KnowledgeBase, q: string) => {
  const r = resolvePlace(k, q);
  return r.kind === 'found' ? r.place.name : `${r.kind}: ${r.suggestions.join(' | ')}`;
};

const article = (id: string, council: string, body: string) =>
  parseKnowledgeFile(`---\nid: ${id}\ntitle: ${id}\ncouncil: ${council}\n---\n\n${body}\n`, `${id}.md`).article!;

describe('the place index with the national gazetteer', () => {
  it('asks which place a shared name means, and each suggestion then resolves to its own place', () => {
    const r = resolvePlace(kb, 'newport');
    expect(r.kind).toBe('ambiguous');
    if (r.kind === 'found') return;
    expect([...r.suggestions].sort()).toEqual(['Newport (Isle of Wight)', 'Newport (Telford and Wrekin)', 'Newport City Council']);
    expect(r.suggestions.map((s) => found(kb, s)).sort()).toEqual(['Isle of Wight', 'Newport', 'Telford and Wrekin']);
    expect(found(kb, 'richmond')).toBe('ambiguous: Richmond (North Yorkshire) | Richmond (Richmond upon Thames)');
    expect(found(kb, 'Richmond (North Yorkshire)')).toBe('North Yorkshire');
    expect(found(kb, 'Newport (Wales)')).toBe('Newport');
    expect(found(kb, 'Richmond (London)')).toBe('Richmond upon Thames');
  });

  it('resolves regions and nations, and Welsh and Gaelic names', () => {
    expect(['scotland', 'north west', 'yorkshire and the humber', 'northern ireland', 'Cymru', 'london'].map((q) => found(kb, q))).toEqual([
      'Scotland',
      'North West',
      'Yorkshire and The Humber',
      'Northern Ireland',
      'Wales',
      'London',
    ]);
    expect(['casnewydd', 'pen-y-bont ar ogwr', 'na h-eileanan siar', 'ynys mon'].map((q) => found(kb, q))).toEqual(['Newport', 'Bridgend', 'Eilean Siar', 'Isle of Anglesey']);
  });

  it('never takes a typo for the wrong place: Billingham and Birmingham are both real', () => {
    expect(found(kb, 'billingham')).toBe('Stockton-on-Tees');
    expect(found(kb, 'birmingham')).toBe('Birmingham');
    expect(found(kb, 'birmingam')).toBe('Birmingham');
    expect(found(kb, 'bilingham')).toBe('Stockton-on-Tees');
    for (const q of ['birmingham', 'birmingam', 'birmignham', 'brum']) expect(found(kb, q)).not.toBe('Stockton-on-Tees');
    for (const q of ['billingham', 'bilingham', 'billingam']) expect(found(kb, q)).not.toBe('Birmingham');
  });

  it('lets places.yaml win a clash: a town a moderator lists is theirs alone', () => {
    const kb2 = buildKnowledgeBase([], [{ name: 'Newport', council: 'Newport City Council', aliases: ['Casnewydd'], towns: ['Newport'] }]);
    expect(found(kb2, 'newport')).toBe('Newport');
    const kb3 = buildKnowledgeBase([], [{ name: 'Liverpool', council: 'Liverpool City Council', aliases: [], towns: ['Crosby'] }]);
    expect(found(kb3, 'crosby')).toBe('Liverpool');
    expect(found(buildKnowledgeBase([], []), 'crosby')).toBe('Sefton');
  });

  it('counts a town as mentioned only where the text writes it as a name', () => {
    const kb2 = buildKnowledgeBase(
      [
        article('a', 'Leeds City Council', 'Officers were reading the report on the sale of the home.'),
        article('b', 'Leeds City Council', 'The plan copies one first tried in Reading.'),
      ],
      [],
    );
    const reading = kb2.places.find((p) => p.name === 'Reading')!;
    expect(reading.mentionedIn).toEqual(['b']);
    expect(kb2.places.find((p) => p.name === 'Trafford')!.mentionedIn).toEqual([]);
  });
});
