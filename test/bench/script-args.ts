/** What the profiling scripts in test/bench read from their command line, and how they print memory. */

/** The value after `--name` among `argv`, or undefined when the option is absent. */
export function optionValue(name: string, argv: readonly string[] = process.argv): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** Bytes as whole mebibytes, as the scripts print them. */
export const wholeMb = (bytes: number) => Math.round(bytes / 1024 / 1024);
