import type { Answer } from './types.js';

/** /help: the commands, with one example each (the catalogue passes them in). */
export function commandListAnswer(commands: readonly { usage: string; what: string }[]): Answer {
  return {
    kind: 'help',
    title: 'cutsbot: council care cuts, with sources',
    summary: 'Every figure and quote is cited to its article and paragraph (¶).',
    sections: [{ heading: 'Commands', lines: commands.map((c) => ({ text: `${c.usage}: ${c.what}`, citation: null })) }],
    suggestions: [],
    sources: [],
  };
}
