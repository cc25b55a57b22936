import v8 from 'node:v8';

/** What the profiling scripts in test/bench read from their command line, and how they print memory. */

/** The value after `--name` among `argv`, or undefined when the option is absent. */
export function optionValue(name: string, argv: readonly string[] = process.argv): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** Bytes as whole mebibytes, as the scripts print them. */
export const wholeMb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** V8's heap spaces of at least `minBytes`, each as `name used/size` in MB (`old 149/193`). */
export const heapSpaces = (minBytes = 4 * 1024 * 1024) =>
  v8
    .getHeapSpaceStatistics()
    .filter((s) => s.space_size >= minBytes)
    .map((s) => `${s.space_name.replace('_space', '')} ${wholeMb(s.space_used_size)}/${wholeMb(s.space_size)}`)
    .join(', ');

/** One line of the process's memory: RSS (with `note` after it), the heap by space, what is outside it. */
export function memoryLine(label: string, note = ''): string {
  const m = process.memoryUsage();
  return `memory ${label}: rss ${wholeMb(m.rss)} MB${note}, heapUsed ${wholeMb(m.heapUsed)} MB of heapTotal ${wholeMb(m.heapTotal)} (${heapSpaces()}), external ${wholeMb(m.external)}, arrayBuffers ${wholeMb(m.arrayBuffers)}, outside the heap ${wholeMb(m.rss - m.heapTotal)}`;
}
