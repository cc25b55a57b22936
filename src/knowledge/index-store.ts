import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { endianness } from 'node:os';
import path from 'node:path';
import { nameKeysKnown, rememberNameKeys } from './name-keys.js';
import { buildVersion } from './record-version.js';
import { slices } from './sliced.js';
import { EMPTY_SEGMENT, type TermIndex } from './term-index.js';

/**
 * The built term indexes kept between runs, so a warm start loads them instead of building them
 * (over 150,000 paragraphs and 85,000 quotes that was most of the start). One file beside the
 * extraction cache, replaced atomically (temp file + rename) after each full build, keyed by
 * `indexKey`: the content hash of every article built, in order, and `buildVersion()`, so other
 * articles or other code never load it. Beside them, the names' keys the build worked out
 * (`name-keys.ts`), a pure function of the name that a fresh process would otherwise compute again.
 *
 * The layout is flat and binary, because that loads in a few milliseconds of this thread: each
 * index's words (sorted, one string), where each word's postings start (a Uint32Array), every
 * posting in one Uint32Array, and the documents' lengths (a Uint16Array). Loading reads the file in
 * the thread pool and makes each word's postings a view into the one buffer: nothing is parsed or
 * copied per posting. A SHA-256 of the body, checked in slices, catches a damaged or truncated file;
 * anything wrong falls back to building, said once.
 */

/** The file's name beside the extraction cache in `DATA_DIR`. */
export const INDEX_STORE_FILE = 'built-indexes.bin';

export const indexStoreFile = (cacheFile: string) => path.join(path.dirname(cacheFile), INDEX_STORE_FILE);

/** What a build can take from the store instead of building. */
export interface StoredIndexes {
  paragraphs: TermIndex;
  quotes: TermIndex;
}

const MAGIC = 'CUTSIDX1';
/** Bytes hashed between two chances to yield (about 2–5 ms each). */
const HASH_CHUNK = 2 * 1024 * 1024;
/** Words whose postings are made into views between two chances to yield. */
const WORDS_PER_STEP = 4096;

/** The key for a build over articles with these content hashes, in build order (by id). */
export async function indexKey(hashes: readonly string[], turn: () => Promise<void> = slices()): Promise<string> {
  // The build code's version (its sources read and hashed, 5–15 ms once a process) between turns of its own.
  await turn();
  const version = buildVersion();
  await turn();
  const hash = createHash('sha256').update(`${version}\u0000${endianness()}`);
  // In turns: 10,000 updates held a start's loop for 10–17 ms, on top of the step before.
  for (const h of hashes) {
    await turn();
    hash.update(`\u0000${h}`);
  }
  return hash.digest('hex');
}

type Warn = ((message: string, error: unknown) => void) | undefined;

interface Section {
  name: string;
  bytes: Uint8Array;
}

interface Header {
  key: string;
  sha256: string;
  bodyBytes: number;
  sections: Record<string, [offset: number, length: number]>;
  counts: Record<'paragraphs' | 'quotes', { live: number; totalLength: number; words: number }>;
}

const pad4 = (n: number) => (n + 3) & ~3;
const bytesOf = (a: Uint32Array | Uint16Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** One fresh index's sections: its words in sorted order (the vocabulary's lists joined), where their postings start, the postings, the lengths. */
async function* indexSections(name: string, index: TermIndex, turn: () => Promise<void>): AsyncGenerator<Section> {
  const letters = [...index.vocabulary.keys()].sort();
  const words: string[] = [];
  for (const l of letters) for (const w of index.vocabulary.get(l)!) words.push(w);
  const starts = new Uint32Array(words.length + 1);
  let total = 0;
  for (const [i, w] of words.entries()) {
    starts[i] = total;
    total += index.base.postings.get(w)!.length;
  }
  starts[words.length] = total;
  const postings = new Uint32Array(total);
  for (const [i, w] of words.entries()) {
    if (i % WORDS_PER_STEP === 0) await turn();
    postings.set(index.base.postings.get(w)!, starts[i]!);
  }
  yield { name: `${name}.words`, bytes: Buffer.from(words.join('\n'), 'utf8') };
  yield { name: `${name}.starts`, bytes: bytesOf(starts) };
  yield { name: `${name}.postings`, bytes: bytesOf(postings) };
  yield { name: `${name}.lengths`, bytes: bytesOf(index.base.docLength) };
}

/** Whether the store can hold this index: a fresh build's (nothing appended or dead), every word in the vocabulary and none holding the separator. */
const storable = (index: TermIndex) =>
  index.addedTexts.length === 0 && index.deadCount === 0 && [...index.vocabulary.values()].reduce((n, l) => n + l.length, 0) === index.base.postings.size && ![...index.base.postings.keys()].some((w) => w.includes('\n'));

let writes = 0;

/** Writes the indexes of a fresh build under `key`, atomically; a failure is said and costs only the next start's build. */
export async function storeIndexes(file: string, key: string, indexes: StoredIndexes, onWarning: Warn): Promise<void> {
  if (unusable.has(file) || !storable(indexes.paragraphs) || !storable(indexes.quotes)) return;
  const turn = slices();
  const sections: Section[] = [];
  for await (const s of indexSections('paragraphs', indexes.paragraphs, turn)) sections.push(s);
  for await (const s of indexSections('quotes', indexes.quotes, turn)) sections.push(s);
  const [names, keys] = nameKeysKnown();
  sections.push({ name: 'nameKeys', bytes: Buffer.from(JSON.stringify([names, keys]), 'utf8') });
  const layout: Header['sections'] = {};
  let at = 0;
  for (const s of sections) {
    layout[s.name] = [at, s.bytes.byteLength];
    at = pad4(at + s.bytes.byteLength);
  }
  const body = Buffer.alloc(at);
  for (const s of sections) {
    await turn();
    body.set(s.bytes, layout[s.name]![0]);
  }
  // The sections' own copies can go before the file is written: RSS after a load is what the bench holds it to.
  sections.length = 0;
  const sha256 = await digestInSlices(body, turn);
  const count = (i: TermIndex) => ({ live: i.live, totalLength: i.totalLength, words: i.base.postings.size });
  const header: Header = { key, sha256, bodyBytes: body.byteLength, sections: layout, counts: { paragraphs: count(indexes.paragraphs), quotes: count(indexes.quotes) } };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  // Magic, the header's length, the header, padding: the body starts on a multiple of 8, so its typed arrays can be views.
  const head = Buffer.alloc((MAGIC.length + 4 + json.byteLength + 7) & ~7);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(json.byteLength, MAGIC.length);
  json.copy(head, MAGIC.length + 4);
  // Two stores may overlap (a compaction while the previous one is still writing): each has its own temp file, and the last rename wins.
  const tmp = `${file}.${process.pid}.${++writes}.tmp`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    const out = await open(tmp, 'w');
    try {
      await out.writev([head, body]);
    } finally {
      await out.close();
    }
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true }).catch(() => undefined);
    onWarning?.(`the stored indexes ${file} could not be written (${(error as NodeJS.ErrnoException).code ?? String(error)}); the next start builds them again`, error);
  }
}

async function digestInSlices(bytes: Uint8Array, turn: () => Promise<void>): Promise<string> {
  const hash = createHash('sha256');
  for (let i = 0; i < bytes.byteLength; i += HASH_CHUNK) {
    await turn();
    hash.update(bytes.subarray(i, Math.min(i + HASH_CHUNK, bytes.byteLength)));
  }
  return hash.digest('hex');
}

/**
 * The indexes stored under `key`, or null: none stored (said nothing), or stored for other
 * articles or other code, damaged or unreadable (said once, and the caller builds).
 */
/** Files this process could not read (not merely absent): not written either, so the problem is said once. */
const unusable = new Set<string>();

export async function loadStoredIndexes(file: string, key: string, onWarning: Warn): Promise<StoredIndexes | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    onWarning?.(`the stored indexes ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); building them, and storing none`, error);
    unusable.add(file);
    return null;
  }
  try {
    return await parse(bytes, key, file, onWarning);
  } catch (error) {
    onWarning?.(`the stored indexes ${file} are damaged; building them`, error);
    return null;
  }
}

async function parse(bytes: Buffer, key: string, file: string, onWarning: Warn): Promise<StoredIndexes | null> {
  if (bytes.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new Error('not a stored-indexes file');
  const headerBytes = bytes.readUInt32LE(MAGIC.length);
  const header = JSON.parse(bytes.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + headerBytes)) as Header;
  if (header.key !== key) {
    onWarning?.(`the stored indexes ${file} are for other articles or other code; building them`, null);
    return null;
  }
  const start = (MAGIC.length + 4 + headerBytes + 7) & ~7;
  if (bytes.byteLength - start !== header.bodyBytes) throw new Error(`the body is ${bytes.byteLength - start} bytes, not ${header.bodyBytes}`);
  // A view of the body on a 4-byte boundary (a pooled Buffer may not start on one): copied once if not.
  let body = new Uint8Array(bytes.buffer, bytes.byteOffset + start, header.bodyBytes);
  if (body.byteOffset % 4 !== 0) body = body.slice();
  const turn = slices();
  if ((await digestInSlices(body, turn)) !== header.sha256) throw new Error('the checksum does not match');
  const section = (name: string) => {
    const s = header.sections[name];
    if (!s) throw new Error(`no section ${name}`);
    return s;
  };
  const u32 = (name: string) => {
    const [off, len] = section(name);
    return new Uint32Array(body.buffer, body.byteOffset + off, len / 4);
  };
  const text = (name: string) => {
    const [off, len] = section(name);
    return Buffer.from(body.buffer, body.byteOffset + off, len).toString('utf8');
  };
  const index = async (name: 'paragraphs' | 'quotes'): Promise<TermIndex> => {
    const counts = header.counts[name];
    const words = counts.words === 0 ? [] : text(`${name}.words`).split('\n');
    const starts = u32(`${name}.starts`);
    const all = u32(`${name}.postings`);
    const [off, len] = section(`${name}.lengths`);
    const docLength = new Uint16Array(body.buffer, body.byteOffset + off, len / 2);
    if (words.length !== counts.words || starts.length !== words.length + 1) throw new Error(`${name}: ${words.length} words, ${starts.length} starts`);
    const postings = new Map<string, Uint32Array>();
    const vocabulary = new Map<string, string[]>();
    let bucket: string[] | undefined;
    for (const [i, w] of words.entries()) {
      if (i % WORDS_PER_STEP === 0) await turn();
      postings.set(w, all.subarray(starts[i]!, starts[i + 1]!));
      // Sorted words, so each first letter's are together and already in order.
      if (bucket?.[0]?.[0] !== w[0]) vocabulary.set(w[0]!, (bucket = []));
      bucket!.push(w);
    }
    return { base: { postings, docLength }, added: EMPTY_SEGMENT, addedTexts: [], dead: null, deadCount: 0, deadDf: new Map(), live: counts.live, totalLength: counts.totalLength, vocabulary };
  };
  await turn();
  const paragraphs = await index('paragraphs');
  await turn();
  const quotes = await index('quotes');
  await turn();
  const [names, keys] = JSON.parse(text('nameKeys')) as [string[], string[]];
  rememberNameKeys(names, keys);
  return { paragraphs, quotes };
}
