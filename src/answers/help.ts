import type { Answer } from './types.js';

/** The commands, with one example each; the CLI and Discord share it. */
export const COMMANDS: { usage: string; what: string }[] = [
  { usage: '/cuts <place>', what: 'what is being cut there, the key figures and quotes, with sources (e.g. /cuts birmingham, /cuts ebbw vale)' },
  { usage: '/quote <speaker or topic>', what: 'who said what (e.g. /quote hamilton, /quote enablement)' },
  { usage: '/figures <place>', what: 'every job, £ and per cent figure for a place' },
  { usage: '/search <words>', what: 'free-text search over every article' },
  { usage: '/sources [place]', what: 'the articles the answers come from' },
  { usage: '/consultations [place]', what: 'consultations still open, soonest first' },
  { usage: '/remind …', what: 'organisers: reminders for consultations, meetings and protests (/remind list shows them to everyone)' },
  { usage: '/kb …', what: 'moderators: status, reload, upload, preview and remove knowledge files' },
];

export function helpAnswer(): Answer {
  return {
    kind: 'help',
    title: 'cutsbot: council care cuts, with sources',
    summary: 'Every figure and quote is cited to its article and paragraph (¶).',
    sections: [{ heading: 'Commands', lines: COMMANDS.map((c) => ({ text: `${c.usage}: ${c.what}`, citation: null })) }],
    suggestions: [],
    sources: [],
  };
}
