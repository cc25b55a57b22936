import { Routes, type Client } from 'discord.js';
import { formatProblem, type Problem } from '../knowledge/problems.js';
import type { Logger } from '../log.js';
import { clip } from '../knowledge/text.js';
import { escapeText, NO_MENTIONS } from './render.js';

/** Posts new knowledge-file problems to the moderators' channel; a failed post is logged, never retried. */
export function modLogPoster(client: Client, channelId: string, log: Logger): (problems: Problem[], kept: string[]) => void {
  return (problems, kept) => {
    const lines = problems.map((p) => `• ${escapeText(formatProblem(p))}${kept.includes(p.file) ? ' (its last good version is still served)' : ''}`);
    const content = clip(
      [`**Knowledge files: ${problems.length} new problem${problems.length === 1 ? '' : 's'}** (members are still answered from the good files)`, ...lines].join('\n'),
      2000,
    );
    client.rest.post(Routes.channelMessages(channelId), { body: { content, allowed_mentions: NO_MENTIONS } }).catch((err: unknown) => {
      log.warn({ err, channelId }, 'could not post knowledge problems to the moderators’ channel');
    });
  };
}
