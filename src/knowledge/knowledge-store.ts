import type { KnowledgeBase } from './knowledge-base.js';

/**
 * The one place handlers get the knowledge base from. A reload builds a whole new KnowledgeBase and
 * swaps it in with `replace`, so a handler that called `current()` once keeps a consistent snapshot
 * even if a reload lands mid-answer.
 */
export interface KnowledgeStore {
  current(): KnowledgeBase;
  replace(kb: KnowledgeBase): void;
}

export function createKnowledgeStore(initial: KnowledgeBase): KnowledgeStore {
  let kb = initial;
  return {
    current: () => kb,
    replace: (next) => {
      kb = next;
    },
  };
}
