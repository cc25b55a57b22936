import type { Steps } from './sliced.js';
import { documentFrequency, numberedDocs, segmentSteps, splitTokenized, type TermIndex } from './term-index.js';
import { lowerBound } from './sorted.js';

/**
 * A term index with some documents marked dead and others appended, as a new index: the one being
 * served is never changed (an answer in progress keeps reading it), and the base segment, the
 * largest part by far, is shared between the two. Only the appended segment is rebuilt, from its
 * texts, so an update costs about as much as the documents appended since the base was built;
 * `needsCompaction` says when that, or the dead documents, have grown enough to build afresh.
 */
export function* updateTermIndexSteps(
  index: TermIndex,
  /** Documents to mark dead, each with its text (tokenized) as it was indexed. */
  removed: readonly { doc: number; text: string }[],
  /** Texts (tokenized) of the documents to append; they are numbered from `numberedDocs(index)` on. */
  appended: readonly string[],
  tie: (a: number, b: number) => number,
): Steps<TermIndex> {
  const size = numberedDocs(index) + appended.length;
  const dead = new Uint8Array(size);
  if (index.dead) dead.set(index.dead);
  const deadDf = new Map(index.deadDf);
  let { deadCount, live, totalLength } = index;
  const touchedTerms = new Set<string>();
  for (const { doc, text } of removed) {
    if (dead[doc] === 1) continue;
    dead[doc] = 1;
    deadCount++;
    live--;
    const words = splitTokenized(text);
    totalLength -= words.length;
    for (const t of new Set(words)) {
      deadDf.set(t, (deadDf.get(t) ?? 0) + 1);
      touchedTerms.add(t);
    }
  }
  yield;
  const addedTexts = [...index.addedTexts, ...appended];
  for (const text of appended) {
    const words = splitTokenized(text);
    live++;
    totalLength += words.length;
    for (const t of words) touchedTerms.add(t);
  }
  const { segment: added } = yield* segmentSteps(addedTexts, true);
  const next: TermIndex = { base: index.base, added, addedTexts, dead: deadCount > 0 ? dead : null, deadCount, deadDf, live, totalLength, vocabulary: index.vocabulary, tie };

  // Words that came into or went out of the live vocabulary change their letter's list only (a copy: the old index keeps its own).
  const vocabulary = new Map(index.vocabulary);
  const edits = new Map<string, { add: string[]; drop: Set<string> }>();
  for (const t of touchedTerms) {
    const was = documentFrequency(index, t) > 0;
    const is = documentFrequency(next, t) > 0;
    if (was === is) continue;
    const e = edits.get(t[0]!) ?? { add: [], drop: new Set<string>() };
    edits.set(t[0]!, e);
    if (is) e.add.push(t);
    else e.drop.add(t);
  }
  for (const [letter, { add, drop }] of edits) {
    const words = (vocabulary.get(letter) ?? []).filter((w) => !drop.has(w));
    for (const w of add.sort()) words.splice(lowerBound(words, w, (x) => x), 0, w);
    if (words.length > 0) vocabulary.set(letter, words);
    else vocabulary.delete(letter);
  }
  return { ...next, vocabulary };
}

/** Documents appended or dead past which an update would cost more than a fresh build in slices is worth (about 130 one-file edits of 15 paragraphs). */
export const MAX_UNMERGED_DOCS = 2048;

export const needsCompaction = (index: TermIndex, appending: number) => index.addedTexts.length + appending > MAX_UNMERGED_DOCS || index.deadCount > MAX_UNMERGED_DOCS;
