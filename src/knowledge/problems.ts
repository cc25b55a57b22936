/** One thing wrong with one knowledge file, precise enough to fix without reading the code. */
export interface Problem {
  file: string;
  line: number;
  /** Dotted path of the front matter field, e.g. `consultations.0.closes`; null for the file as a whole. */
  field: string | null;
  message: string;
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}: ${p.field ? `${p.field}: ` : ''}${p.message}`;
}
