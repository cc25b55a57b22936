import { LineCounter, isMap, isNode, isPair, isScalar, parseDocument, visit, type Document } from 'yaml';
import { z } from 'zod';
import type { Problem } from './problems.js';

/** On success, `lineOf` gives the file line of any node of the document (by path), for checks made later. */
export type Validated<T> = { data: T; problems: []; lineOf: (path: PropertyKey[]) => number } | { data: null; problems: Problem[] };

/**
 * Parses YAML and validates it with a zod schema, reporting every fault at the line of the YAML node
 * it concerns. `firstLine` is the file line the YAML text starts on (2 for front matter).
 */
export function validateYaml<S extends z.ZodType>(text: string, schema: S, file: string, firstLine = 1): Validated<z.output<S>> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line + firstLine - 1;
  if (doc.errors.length > 0) {
    return {
      data: null,
      problems: doc.errors.map((e) => ({ file, line: lineAt(errorOffset(text, e)), field: null, message: `bad YAML: ${e.message.split('\n')[0]}` })),
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // The yaml library throws (not reports) on aliases it refuses to expand; they are the file's fault like any other.
    return { data: null, problems: [aliasProblem(doc, error, lineAt, file)] };
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return { data: parsed.data, problems: [], lineOf: (p) => lineAt(nodeOffset(doc, p) ?? 0) };
  return { data: null, problems: parsed.error.issues.map((i) => issueProblem(i, doc, lineAt, file)) };
}

/**
 * How many times aliases may be expanded in one file. A knowledge file needs none; a few nested
 * aliases can otherwise expand into billions of values (the "billion laughs" attack).
 */
const MAX_ALIAS_COUNT = 100;

/** The problem for an alias the yaml library would not expand, at the line of the alias responsible. */
function aliasProblem(doc: Document, error: unknown, lineAt: (offset: number) => number, file: string): Problem {
  const text = error instanceof Error ? error.message : String(error);
  let unresolved: { source: string; offset: number } | null = null;
  let first: number | null = null;
  visit(doc, {
    Alias(_key, node) {
      const offset = node.range?.[0] ?? 0;
      first ??= offset;
      if (!unresolved && node.resolve(doc) === undefined) unresolved = { source: node.source, offset };
    },
  });
  const found = unresolved as { source: string; offset: number } | null;
  if (found || /unresolved alias/i.test(text)) {
    const name = found?.source ?? '';
    return {
      file,
      line: lineAt(found?.offset ?? first ?? 0),
      field: null,
      message: `bad YAML: the alias *${name} refers to no anchor &${name} set before it (a value starting with * must be quoted)`,
    };
  }
  if (/excessive alias count/i.test(text)) {
    return {
      file,
      line: lineAt(first ?? 0),
      field: null,
      message: `bad YAML: its aliases (*name) expand to more than ${MAX_ALIAS_COUNT} copies, which is refused as a resource-exhaustion attack; write the values out instead`,
    };
  }
  return { file, line: lineAt(first ?? 0), field: null, message: `bad YAML: ${text.split('\n')[0]}` };
}

/** The yaml parser reports an unclosed quote where the text ends; the moderator needs the line where it opened. */
function errorOffset(text: string, e: { code: string; message: string; pos: [number, number] }): number {
  const quote = /Missing closing (["'])quote/.exec(e.message)?.[1];
  if (e.code !== 'MISSING_CHAR' || !quote) return e.pos[0];
  const open = text.lastIndexOf(quote, e.pos[0] - 1);
  return open >= 0 ? open : e.pos[0];
}

function issueProblem(issue: z.core.$ZodIssue, doc: Document, lineAt: (offset: number) => number, file: string): Problem {
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.join('", "');
    const p = [...issue.path, issue.keys[0] ?? ''];
    return { file, line: lineAt(keyOffset(doc, p) ?? 0), field: p.map(String).join('.'), message: `unknown field "${keys}": check the spelling against the file format` };
  }
  // zod does not report the input by default; the YAML itself says whether the field is there.
  const missing = issue.code === 'invalid_type' && !doc.hasIn(issue.path);
  const offset = missing ? (keyOffset(doc, issue.path.slice(0, -1)) ?? nodeOffset(doc, issue.path)) : nodeOffset(doc, issue.path);
  return {
    file,
    line: lineAt(offset ?? 0),
    field: issue.path.map(String).join('.') || null,
    message: missing ? `is required but missing (${issue.message.replace(/^Invalid input: /, '')})` : issue.message.replace(/^Invalid input: /, ''),
  };
}

/** Offset of the deepest existing node on the path, so a missing field points at its parent. */
function nodeOffset(doc: Document, p: PropertyKey[]): number | undefined {
  for (let n = p.length; n >= 0; n--) {
    const node: unknown = n === 0 ? doc.contents : doc.getIn(p.slice(0, n), true);
    if (isNode(node) && node.range) return node.range[0];
  }
  return undefined;
}

function keyOffset(doc: Document, p: PropertyKey[]): number | undefined {
  if (p.length === 0) return undefined;
  const parent: unknown = p.length > 1 ? doc.getIn(p.slice(0, -1), true) : doc.contents;
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((it) => isPair(it) && isScalar(it.key) && it.key.value === p[p.length - 1]);
  return pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
}
