/**
 * The front matter most knowledge files have, read without the YAML library: one `key: value` per line,
 * values a single-line scalar, a one-line flow list (`[a, "b"]`) or flow map (`{publisher: X, url: "…"}`),
 * and one level of indented `key: value` lines under a bare `key:`. The YAML library took about a tenth
 * of a cold load's CPU (its lexer most of it) for text of this shape.
 *
 * Anything else (block lists, block scalars, comments after a value, escapes, tabs, a value YAML would read
 * as null, a boolean or a number other than a year) gives null, and the caller parses the text with the
 * YAML library as before, so every fault is still reported at its line by `validateYaml`. Where this returns
 * a value it is the one `yaml.parse` gives (test/knowledge/plain-front-matter.test.ts holds it to that).
 */

type Value = string | number | Value[] | { [key: string]: Value };

const KEY = /^([a-z][a-z_]*):(?: +(.*))?$/;
const NESTED_KEY = /^ {2}([a-z][a-z_]*): +(.+)$/;
// What YAML reads as something other than a string (core schema): null, booleans, numbers, or an indicator opening a node.
const NOT_A_STRING = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;
// Characters YAML refuses or treats specially in a plain scalar here: control characters, a BOM, tabs.
const UNSAFE_CHAR = /[\u0000-\u001f\u007f-\u009f\ufeff\ufffe\uffff]/;
// Years and dates unquoted: `published: 2019` is a number in YAML, `2019-04` and `2019-04-02` strings (the core schema has no timestamps).
const YEAR = /^[0-9]{4}$/;
const DATE = /^[0-9]{4}-[0-9]{2}(?:-[0-9]{2})?$/;

// YAML's white space is spaces and tabs only (tabs are refused above): a no-break space at the end of a value is
// part of it (`nation: England\u00a0` is no nation), where `String.prototype.trim` would take it off.
function trimSpaces(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) === 32) start++;
  while (end > start && text.charCodeAt(end - 1) === 32) end--;
  return text.slice(start, end);
}

/** The front matter's value, or null when it is not of the plain shape (then the YAML library reads it). */
export function readPlainFrontMatter(lines: readonly string[]): Record<string, Value> | null {
  const out: Record<string, Value> = {};
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (UNSAFE_CHAR.test(line)) return null;
    const m = KEY.exec(line);
    if (!m || Object.hasOwn(out, m[1]!)) return null;
    const raw = trimSpaces(m[2] ?? '');
    if (raw !== '') {
      const value = blockValue(raw);
      if (value === null) return null;
      out[m[1]!] = value;
      continue;
    }
    // `source:` and its indented fields.
    const nested: Record<string, Value> = {};
    for (; i + 1 < lines.length && lines[i + 1]!.startsWith(' '); i++) {
      const n = NESTED_KEY.exec(lines[i + 1]!);
      if (!n || Object.hasOwn(nested, n[1]!)) return null;
      const value = blockValue(trimSpaces(n[2]!));
      if (value === null || typeof value === 'object') return null;
      nested[n[1]!] = value;
    }
    if (Object.keys(nested).length === 0) return null;
    out[m[1]!] = nested;
  }
  return out;
}

/** A value after `key: `: a quoted or plain scalar, or a one-line flow list or map. */
function blockValue(raw: string): Value | null {
  if (raw.startsWith('[')) return raw.endsWith(']') ? flowList(raw.slice(1, -1)) : null;
  if (raw.startsWith('{')) return raw.endsWith('}') ? flowMap(raw.slice(1, -1)) : null;
  if (raw.startsWith('"')) return doubleQuoted(raw);
  // A plain scalar ends at " #" (a comment) and may not hold ": " (a key); one ending in ":" is a key too.
  if (raw.includes(' #') || raw.includes(': ') || raw.endsWith(':')) return null;
  return plain(raw);
}

/** `"…"` with no escapes and nothing after the closing mark. */
function doubleQuoted(raw: string): string | null {
  const close = raw.indexOf('"', 1);
  return close === raw.length - 1 && !raw.includes('\\') ? raw.slice(1, close) : null;
}

/** A plain scalar that YAML reads as a string (or a year as a number): it opens with a letter. */
function plain(raw: string): string | number | null {
  if (YEAR.test(raw)) return Number(raw);
  if (DATE.test(raw)) return raw;
  return /^[A-Za-z]/.test(raw) && !NOT_A_STRING.test(raw) ? raw : null;
}

/** The items between `[` and `]`: quoted or plain scalars, separated by commas. */
function flowList(inner: string): Value[] | null {
  if (trimSpaces(inner) === '') return [];
  const items: Value[] = [];
  for (const part of flowParts(inner) ?? []) {
    const value = flowScalar(part);
    if (value === null) return null;
    items.push(value);
  }
  return items.length > 0 ? items : null;
}

/** The pairs between `{` and `}`: `key: value`, separated by commas. */
function flowMap(inner: string): Record<string, Value> | null {
  const out: Record<string, Value> = {};
  const parts = flowParts(inner);
  if (parts === null || trimSpaces(inner) === '') return null;
  for (const part of parts) {
    const pair = /^([a-z][a-z_]*): +(.+)$/.exec(part);
    if (!pair || Object.hasOwn(out, pair[1]!)) return null;
    const value = flowScalar(pair[2]!);
    if (value === null) return null;
    out[pair[1]!] = value;
  }
  return out;
}

/** Splits flow content at the commas outside double quotes; null when a quote is left open. */
function flowParts(inner: string): string[] | null {
  const parts: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) {
      parts.push(trimSpaces(inner.slice(start, i)));
      start = i + 1;
    }
  }
  if (quoted) return null;
  parts.push(trimSpaces(inner.slice(start)));
  return parts;
}

/** One item of a flow list or map: quoted, or plain without any character that means something there. */
function flowScalar(part: string): string | number | null {
  if (part.startsWith('"')) return doubleQuoted(part);
  if (part === '' || /[[\]{}#"':]/.test(part)) return null;
  return plain(part);
}
