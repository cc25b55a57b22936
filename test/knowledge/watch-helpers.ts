import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { reloadKnowledge, type Reloaded } from '../../src/knowledge/reload.js';
import { watchKnowledge, type KnowledgeWatcher } from '../../src/knowledge/watch.js';

/** A temp copy of the committed knowledge folder (two articles and places.yaml). */
export async function tempKnowledgeDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'cutsbot-reload-'));
  await cp('knowledge', dir, { recursive: true });
  return dir;
}

export interface Serving {
  dir: string;
  watcher: KnowledgeWatcher;
  /** What members are answered from: swapped on every reload, as the bot's store is. */
  served: () => Reloaded;
  /** Every reload the watcher handed over, in order. */
  reloads: Reloaded[];
  /**
   * Resolves on the first reload from now on that satisfies `until`. Call it before making the
   * change, so a fast reload cannot be missed; the test timeout catches one that never comes.
   */
  next(until?: (r: Reloaded) => boolean): Promise<Reloaded>;
  close(): Promise<void>;
}

export async function serve(dir: string, debounceMs = 150): Promise<Serving> {
  let current = await reloadKnowledge(dir);
  const reloads: Reloaded[] = [];
  const waiting: { until: (r: Reloaded) => boolean; resolve: (r: Reloaded) => void }[] = [];
  const watcher = watchKnowledge({
    dir,
    debounceMs,
    initial: current,
    onReload: (r) => {
      current = r;
      reloads.push(r);
      for (const w of [...waiting]) {
        if (!w.until(r)) continue;
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(r);
      }
    },
    onError: (error) => {
      throw error;
    },
  });
  return {
    dir,
    watcher,
    served: () => current,
    reloads,
    next: (until = () => true) => new Promise((resolve) => waiting.push({ until, resolve })),
    close: async () => {
      watcher.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
