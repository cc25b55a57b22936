import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXTRACTOR_VERSION } from './extract/index.js';

/**
 * The version the extraction cache stores each record under: a hash of every source file that turns
 * a file's bytes into what is cached (parsing, the zod schemas, paragraphs, extraction, search
 * terms), found by following their imports, plus the yaml and zod versions and `EXTRACTOR_VERSION`.
 * Derived rather than written by hand, so no change to the schema or the rules can ever serve a
 * record validated or extracted by the code before it; the price is one cold start after any edit
 * of those files, comments included.
 */

/** Where records come from: reading an article file (`article-file.ts`), what is kept of it (`article-parts.ts`), how it is stored (`file-records.ts`), and `places.yaml`. */
const ROOTS = ['./article-file.ts', './article-parts.ts', './file-records.ts', './gazetteer.ts'];

/** Relative imports of a module, type-only ones left out (they change no value). */
const IMPORT = /(?:^|;|\n)\s*(?:import|export)\s+(type\s+)?(?:[\w*{}\s,]+?\s+from\s+)?'(\.{1,2}\/[^']+)'/g;

/** The modules `ROOTS` import, transitively, each with its source text. */
export function recordSources(roots = ROOTS.map((r) => new URL(r, import.meta.url))): Map<string, string> {
  const seen = new Map<string, string>();
  const visit = (url: URL) => {
    if (seen.has(url.href)) return;
    let text: string;
    try {
      text = readFileSync(url, 'utf8');
    } catch {
      // Run from elsewhere than the sources (a build): the name alone still keys the record.
      seen.set(url.href, 'unreadable');
      return;
    }
    seen.set(url.href, text);
    for (const m of text.matchAll(IMPORT)) {
      if (m[1]) continue;
      visit(new URL(m[2]!.replace(/\.js$/, '.ts'), url));
    }
  };
  roots.forEach(visit);
  return seen;
}

function packageVersion(name: string): string {
  try {
    return (createRequire(import.meta.url)(`${name}/package.json`) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

let version: string | undefined;

export function recordVersion(): string {
  if (version) return version;
  const hash = createHash('sha256').update(`${EXTRACTOR_VERSION}\u0000yaml ${packageVersion('yaml')}\u0000zod ${packageVersion('zod')}`);
  // Paths relative to this folder, so a copy of the sources elsewhere has the same version.
  const here = path.dirname(fileURLToPath(import.meta.url));
  const files = [...recordSources()].map(([url, text]) => [path.relative(here, fileURLToPath(url)), text] as const);
  for (const [file, text] of files.sort(([a], [b]) => (a < b ? -1 : 1))) hash.update(`\u0000${file}\u0000${text}`);
  version = `${EXTRACTOR_VERSION}+${hash.digest('hex').slice(0, 16)}`;
  return version;
}

/**
 * Where the built indexes come from (`build.ts` and everything it imports: term indexes, places,
 * speakers, names' keys) and how they are stored (`index-store.ts`). Follows the rule above: a
 * change to any of them, comments included, makes the stored indexes another version.
 */
const BUILD_ROOTS = ['./build.ts', './index-store.ts'];

let built: string | undefined;

/** The version the stored indexes are kept under: `recordVersion()` (what the records are) plus the build code and Fuse's version. */
export function buildVersion(): string {
  if (built) return built;
  const hash = createHash('sha256').update(`${recordVersion()}\u0000fuse.js ${packageVersion('fuse.js')}`);
  const here = path.dirname(fileURLToPath(import.meta.url));
  const files = [...recordSources(BUILD_ROOTS.map((r) => new URL(r, import.meta.url)))].map(([url, text]) => [path.relative(here, fileURLToPath(url)), text] as const);
  for (const [file, text] of files.sort(([a], [b]) => (a < b ? -1 : 1))) hash.update(`\u0000${file}\u0000${text}`);
  built = hash.digest('hex').slice(0, 16);
  return built;
}
