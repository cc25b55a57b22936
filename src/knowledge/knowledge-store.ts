import type { KnowledgeBase } from './knowledge-base.js';

/**
 * The one place handlers get the knowledge base from. A reload builds a whole new KnowledgeBase and
 * swaps it in with `replace`, so a handler that called `current()` once keeps a consistent snapshot
 * even if a reload lands mid-answer.
 */
export interface KnowledgeStore {
  current(): KnowledgeBase;
  replace(kb: KnowledgeBase): void;
  /** Calls `listener` after every replacement (e.g. to announce new articles to followers). */
  onReplace(listener: (kb: KnowledgeBase) => void): void;
}

export function createKnowledgeStore(initial: KnowledgeBase): KnowledgeStore {
  let kb = initial;
  const listeners: ((kb: KnowledgeBase) => void)[] = [];
  return {
    current: () => kb,
    replace: (next) => {
      kb = next;
      for (const l of listeners) l(next);
    },
    onReplace: (listener) => void listeners.push(listener),
  };
}
