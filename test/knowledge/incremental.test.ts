import { appendFile, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consultationsAnswer, cutsAnswer, quoteAnswer, searchAnswer } from '../../src/answers/index.js';
import { knowledgeBaseSteps } from '../../src/knowledge/build.js';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { formatProblem } from '../../src/knowledge/problems.js';
import { layered, type LayeredMap } from '../../src/knowledge/layered-map.js';
import { reloadKnowledge, type Reloaded } from '../../src/knowledge/reload.js';
import { updateStates } from '../../src/knowledge/update-state.js';
import { runSync } from '../../src/knowledge/sliced.js';
import { searchTerms } from '../../src/knowledge/term-index.js';
import { generateKnowledgeBase, prng, type GeneratedKnowledgeBase } from '../bench/generate.js';

/**
 * A reload that changes a few articles updates the served knowledge base instead of building it
 * again (`update.ts`). Whatever the sequence of edits, the updated knowledge base must answer
 * exactly as one built from scratch over the same articles: same /search hits in the same order
 * (ties: by article id, then paragraph), same /quote, /cuts, consultations and problems.
 */

const NOW = new Date('2026-11-23T12:00:00Z');
let tmp: string;
let gen: GeneratedKnowledgeBase;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'cutsbot-incremental-'));
  gen = await generateKnowledgeBase(path.join(tmp, 'kb'), { articles: 240, seed: 11, areas: 40 });
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const fresh = (r: Reloaded): KnowledgeBase => runSync(knowledgeBaseSteps(r.articles, r.gazetteer, (a) => r.parts.get(a)!, r.kb.loadedAt));

/** Everything a member could ask, answered, plus the search hits themselves as (article, paragraph). */
function everything(kb: KnowledgeBase, words: string[]) {
  const places = [...kb.places.filter((p) => p.articleIds.length + p.mentionedIn.length > 0).map((p) => p.name), 'Wales', 'England', 'Scotland', 'North West'];
  const speakers = kb.index.speakers.speakers.map((s) => s.name);
  const searches = [...gen.queries.search, ...words];
  return {
    search: searches.map((q) => searchAnswer(kb, { query: q })),
    hits: searches.map((q) => searchTerms(kb.index.paragraphs, q, 40).hits.map((h) => ({ ...kb.index.paragraphRefs[h.doc]!, score: h.score }))),
    quoteBySpeaker: [...speakers, ...gen.queries.speakers.map((s) => s.query)].map((q) => quoteAnswer(kb, { query: q })),
    // Few: a topic that is no speaker is also tried as a place, fuzzily, which takes tens of milliseconds a query.
    quoteByText: [...gen.queries.search.slice(0, 8), ...words.slice(-8)].map((q) => quoteAnswer(kb, { query: q })),
    cuts: places.map((p) => cutsAnswer(kb, { place: p, now: NOW })),
    consultations: [consultationsAnswer(kb, { now: NOW }), ...places.slice(0, 30).map((p) => consultationsAnswer(kb, { place: p, now: NOW }))],
    consultationKeys: kb.consultations.map((c) => c.key),
    problems: kb.problems.map(formatProblem),
    speakers: kb.index.speakers.speakers.map((s) => ({ name: s.name, roles: s.roles, quotes: s.quotes.map((q) => `${q.articleId}:${q.text}`) })),
    places: kb.places.map((p) => ({ name: p.name, towns: p.towns, articleIds: p.articleIds, mentionedIn: p.mentionedIn })),
    counts: { quotes: kb.quotes.length, figures: kb.figures.length, articles: kb.articles.map((a) => a.id) },
  };
}

/** What a reload decided about the folder: who serves each id, what is wrong, what is kept, what changed. */
const decisions = (r: Reloaded) => ({
  articles: r.articles.map((a) => `${a.id} ${a.file}`),
  problems: r.problems.map(formatProblem),
  kept: r.kept,
  diff: { ...r.diff, newProblems: r.diff.newProblems.map(formatProblem) },
  files: [...r.files.keys()].sort(),
});

/** Seeded edits of the kinds moderators make: text edited, files added, deleted, ids changed, a copy claiming another's id, a broken file. */
async function randomChange(dir: string, rng: () => number, step: number, words: string[]): Promise<string[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.md')).sort();
  const pick = () => files[Math.floor(rng() * files.length)]!;
  const read = async (f: string) => readFile(path.join(dir, f), 'utf8');
  const kind = Math.floor(rng() * 11);
  const file = pick();
  const text = await read(file);
  const word = `zq${step}marker${Math.floor(rng() * 1000)}`;
  words.push(word);
  const [front, ...body] = text.split('\n---\n');
  const paragraphs = body.join('\n---\n').split('\n\n');
  switch (kind) {
    case 0: {
      // A paragraph from another article (its quotes, speakers and place names) replaces one of this one's, with a new word.
      const other = (await read(pick())).split('\n---\n')[1]!.split('\n\n');
      paragraphs[1 + Math.floor(rng() * (paragraphs.length - 1))] = `${other[1 + Math.floor(rng() * (other.length - 1))]} It mentions ${word}.`;
      await writeFile(path.join(dir, file), `${front}\n---\n${paragraphs.join('\n\n')}`);
      return [file];
    }
    case 1:
      await appendFile(path.join(dir, file), `\nCllr Ada ${word} said: “We will not accept these cuts to ${word} services.”\n`);
      return [file];
    case 2: {
      // A new article: another's text under a new id, about another article's council.
      const other = (await read(pick())).split('\n').filter((l) => l.startsWith('council:') || l.startsWith('places:'));
      const lines = front!.split('\n').map((l) => (l.startsWith('id:') ? `id: added-${step}` : l.startsWith('council:') ? other[0]! : l.startsWith('places:') ? other[1]! : l));
      const name = `added-${step}.md`;
      await writeFile(path.join(dir, name), `${lines.join('\n')}\n---\n${paragraphs.join('\n\n')}\nAdded with ${word}.\n`);
      return [name];
    }
    case 3:
      await rm(path.join(dir, file));
      return [file];
    case 4:
      await writeFile(path.join(dir, file), text.replace(/^id: .*$/m, `id: renamed-${step}`));
      return [file];
    case 5: {
      // Renamed file, same content.
      const name = `moved-${step}.md`;
      await rename(path.join(dir, file), path.join(dir, name));
      return [file, name];
    }
    case 6: {
      // A copy claiming another article's id: a problem, and the first holder keeps it.
      const other = pick();
      const id = /^id: (.*)$/m.exec(await read(other))?.[1] ?? 'x';
      const name = `copy-${step}.md`;
      await writeFile(path.join(dir, name), text.replace(/^id: .*$/m, `id: ${id}`));
      return [name];
    }
    case 7:
      // A town no gazetteer knows: linking it adds a town to the article's council (the update then links every article again).
      await writeFile(path.join(dir, file), text.replace(/^places: \[/m, `places: ["Nowhere ${word}",`));
      return [file];
    case 9: {
      // A consultation members can still answer (closing after NOW), first or next to the article's own.
      const entry = `  - title: "${word} consultation"\n    closes: 2027-0${1 + Math.floor(rng() * 9)}-15T17:00:00Z`;
      const changed = /^consultations:$/m.test(front!) ? text.replace(/^consultations:$/m, `consultations:\n${entry}`) : text.replace(/^council: (.*)$/m, `council: $1\nconsultations:\n${entry}`);
      await writeFile(path.join(dir, file), changed);
      return [file];
    }
    case 10:
      // A moderator's correction that matches nothing: a problem the extraction reports, the article still served.
      await writeFile(path.join(dir, file), /^corrections:$/m.test(front!) ? text : text.replace(/^council: (.*)$/m, 'council: $1\ncorrections:\n  - quote: 1\n    match: zqnothing\n    speaker: Nobody Atall'));
      return [file];
    default:
      // Broken front matter: the last good version stays served, with a problem.
      await writeFile(path.join(dir, file), text.replace(/^council: .*$/m, 'council: [unclosed'));
      return [file];
  }
}

describe('a reload that changes a few articles', () => {
  it('answers exactly as a knowledge base built from scratch, after a seeded sequence of edits, additions, deletions and id changes', async () => {
    const dir = gen.dir;
    let r = await reloadKnowledge(dir, null);
    expect(r.rebuilt).toBe(true);
    const rng = prng(5);
    const words: string[] = [];
    let updated = 0;
    for (let step = 0; step < 36; step++) {
      const names = await randomChange(dir, rng, step, words);
      // The same load built on by a look at the whole folder must decide exactly what the named files' reload decides.
      const whole = await reloadKnowledge(dir, r);
      const next = await reloadKnowledge(dir, r, { names });
      expect(decisions(next)).toEqual(decisions(whole));
      if (!next.rebuilt) updated++;
      expect(next.read.files).toBeLessThanOrEqual(names.length);
      r = next;
      if (step % 18 === 17) expect(everything(r.kb, words)).toEqual(everything(fresh(r), words));
    }
    // Most reloads were updates (a new unknown town relinks places, never a full rebuild of the indexes).
    expect(updated).toBeGreaterThan(30);
    expect(r.kb.index.paragraphs.deadCount).toBeGreaterThan(0);
    // Many files changed at once: more documents appended than an update keeps apart, so everything is built afresh (a compaction).
    const many = (await readdir(dir)).filter((f) => f.endsWith('.md')).sort().slice(0, 150);
    for (const f of many) await appendFile(path.join(dir, f), '\nEvery article gained this zqcompaction paragraph.\n');
    r = await reloadKnowledge(dir, r, { names: many });
    expect(r.rebuilt).toBe(true);
    expect(r.kb.index.paragraphs.deadCount).toBe(0);
    words.push('zqcompaction');
    expect(everything(r.kb, words)).toEqual(everything(fresh(r), words));
    // What a full look at the folder finds agrees with what the watcher's names gave.
    const full = await reloadKnowledge(dir, r, { full: true });
    expect(full.kb).toBe(r.kb);
    expect(full.rebuilt).toBe(false);
  }, 120_000);

  it('leaves the knowledge base being served untouched (an answer in progress keeps its snapshot)', async () => {
    const dir = path.join(tmp, 'snapshot');
    await generateKnowledgeBase(dir, { articles: 30, seed: 2, areas: 10 });
    const before = await reloadKnowledge(dir, null);
    const seen = everything(before.kb, ['zqsnapshot']);
    const file = before.articles[3]!.file;
    await appendFile(path.join(dir, file), '\n“zqsnapshot is what we will fight,” said Cllr Ada Zqsnapshot.\n');
    const after = await reloadKnowledge(dir, before, { names: [file] });
    expect(after.rebuilt).toBe(false);
    expect(searchAnswer(after.kb, { query: 'zqsnapshot' }).kind).toBe('search');
    expect(everything(before.kb, ['zqsnapshot'])).toEqual(seen);
  }, 60_000);
});

/** A map that counts every entry looked up or walked over: what a reload costs in the number of articles it looks at. */
function counting<K, V>(map: ReadonlyMap<K, V>, visits: { n: number }): Map<K, V> {
  const copy = new Map(map);
  const walk = copy.entries.bind(copy);
  return Object.assign(copy, {
    get: (k: K) => (visits.n++, Map.prototype.get.call(copy, k) as V | undefined),
    has: (k: K) => (visits.n++, Map.prototype.has.call(copy, k)),
    *entries() {
      for (const e of walk()) yield (visits.n++, e);
    },
    *[Symbol.iterator]() {
      for (const e of walk()) yield (visits.n++, e);
    },
    *values() {
      for (const [, v] of walk()) yield (visits.n++, v);
    },
    *keys() {
      for (const [k] of walk()) yield (visits.n++, k);
    },
  }) as Map<K, V>;
}

describe('one file saved in a folder of a few thousand articles', () => {
  it('reads that file alone and updates the indexes instead of building them; a full reload with nothing changed builds nothing', async () => {
    const dir = path.join(tmp, 'many');
    await generateKnowledgeBase(dir, { articles: 2000, seed: 4 });
    const loaded = await reloadKnowledge(dir, null, { workers: 2 });
    const file = loaded.articles[1234]!.file;
    await appendFile(path.join(dir, file), '\nA paragraph added by a moderator mentions zqsaved once.\n');
    // What the watcher does: it knows the name of the file saved.
    const one = await reloadKnowledge(dir, loaded, { names: [file] });
    expect(one.read).toMatchObject({ files: 1, extracted: 1 });
    expect(one.rebuilt).toBe(false);
    expect(one.diff).toMatchObject({ added: [], updated: [loaded.articles[1234]!.id], removed: [] });
    expect(searchAnswer(one.kb, { query: 'zqsaved' }).sections[0]!.lines[0]!.citation).toMatchObject({ articleId: loaded.articles[1234]!.id });
    // The paragraph indexes were not built again: the base segment is the one served before.
    expect(one.kb.index.paragraphs.base).toBe(loaded.kb.index.paragraphs.base);
    // Nor were the maps over every file and article copied: the new ones are the old ones plus the change.
    for (const [mine, theirs] of [[one.files, loaded.files], [one.parts, loaded.parts], [one.kb.byId, loaded.kb.byId], [one.kb.byArticle, loaded.kb.byArticle]] as const) {
      expect((mine as LayeredMap<unknown, unknown>).base).toBe(theirs);
    }

    const full = await reloadKnowledge(dir, one, { full: true });
    expect(full.read.files).toBe(2000);
    expect(full.read.extracted).toBe(0);
    expect(full.rebuilt).toBe(false);
    expect(full.kb).toBe(one.kb);

    // Another file saved, from a load whose every map counts the entries read: only the saved file's are looked at, not the 2,000.
    const visits = { n: 0 };
    const watched: Reloaded = {
      ...one,
      files: counting(one.files, visits),
      parts: counting(one.parts, visits),
      texts: counting(one.texts, visits),
      served: { ...one.served, claims: layered(counting(one.served.claims, visits)), byId: layered(counting(one.served.byId, visits)), problems: layered(counting(one.served.problems, visits)) },
      kb: { ...one.kb, byId: counting(one.kb.byId, visits), byArticle: counting(one.kb.byArticle, visits) },
    };
    updateStates.set(watched.kb, updateStates.get(one.kb)!);
    const second = loaded.articles[42]!;
    await appendFile(path.join(dir, second.file), '\nAnother paragraph mentions zqsecond.\n');
    const two = await reloadKnowledge(dir, watched, { names: [second.file] });
    expect(two.rebuilt).toBe(false);
    expect(two.diff.updated).toEqual([second.id]);
    expect(searchAnswer(two.kb, { query: 'zqsecond' }).sections[0]!.lines[0]!.citation).toMatchObject({ articleId: second.id });
    expect(searchAnswer(two.kb, { query: 'zqsaved' }).sections[0]!.lines[0]!.citation).toMatchObject({ articleId: loaded.articles[1234]!.id });
    expect(visits.n).toBeGreaterThan(0);
    // A few per map for the one article (its record, parts, text, claims, its places' regions, its speakers' order); a walk is thousands.
    expect(visits.n).toBeLessThan(40);
  }, 180_000);
});
