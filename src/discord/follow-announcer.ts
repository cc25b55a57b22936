import { createHash, randomBytes } from 'node:crypto';
import { Routes, type REST } from 'discord.js';
import { keyFigures } from '../answers/key-items.js';
import { formatFigure } from '../answers/format.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import type { Logger } from '../log.js';
import type { FollowStore } from '../reminders/follows.js';
import { remindMeButton } from './buttons.js';
import { escapeText, safeUrl } from './escape.js';
import { clip } from '../knowledge/text.js';
import { NO_MENTIONS } from './render.js';

/**
 * Posts to each following channel, once each, the articles and consultations about its place that
 * it has not been told of. What was posted is recorded, so the persisted record, not the reload's
 * in-memory diff, decides: a restart, a re-saved file or a reload that changes nothing posts nothing.
 */

interface Item {
  key: string;
  content: string;
  components?: unknown[];
}

const t = (ms: number, style: 'F' | 'R') => `<t:${Math.floor(ms / 1000)}:${style}>`;

/** Every item about the place, in file order: each article, then its consultations. */
export function itemsOf(kb: KnowledgeBase, placeName: string, now = Date.now()): Item[] {
  const place = kb.places.find((p) => p.name === placeName);
  if (!place) return [];
  const items: Item[] = [];
  const name = escapeText(place.name);
  for (const id of place.articleIds) {
    const a = kb.byId.get(id);
    const x = kb.byArticle.get(id);
    if (!a || !x) continue;
    const facts = [a.source?.publisher, a.published].filter(Boolean).join(', ');
    const figures = keyFigures(x.figures).slice(0, 3).map((f) => `• ${escapeText(clip(formatFigure(f), 150))}`);
    const url = safeUrl(a.source?.url ?? null);
    items.push({
      key: `article:${id}`,
      content: [
        `📰 **New article about ${name}:** ${escapeText(a.title)}${facts ? ` (${escapeText(facts)})` : ''}`,
        ...figures,
        `More: \`/cuts ${place.name.replace(/`/g, '')}\`${url ? ` · <${url}>` : ''}`,
      ].join('\n'),
    });
    for (const c of x.consultations) {
      const closes = Date.parse(c.closes);
      const link = safeUrl(c.url ?? null);
      const remind = closes > now ? remindMeButton(c.key, c.title) : null;
      items.push({
        key: `consultation:${c.key}`,
        content: `📣 **New consultation in ${name}:** ${escapeText(c.title)}, closes ${t(closes, 'F')} (${t(closes, 'R')})${link ? `\n<${link}>` : ''}`,
        ...(remind ? { components: [{ type: 1, components: [remind] }] } : {}),
      });
    }
  }
  return items;
}

/** Stable per follow and item, within Discord's 25 characters: a retried post is the same post. */
const nonceOf = (followId: number, item: string) => `f${followId}.${createHash('sha1').update(item).digest('base64url').slice(0, 16)}`;

export function createFollowAnnouncer(opts: { follows: FollowStore; rest: REST; log: Logger; now?: () => number }) {
  const log = opts.log.child({ module: 'follow' });
  const now = opts.now ?? Date.now;
  // Who holds a claim: another process on the same database announcing the same reload skips it.
  const owner = `follow-${randomBytes(6).toString('hex')}`;
  let running: Promise<number> = Promise.resolve(0);

  async function pass(kb: KnowledgeBase): Promise<number> {
    let posted = 0;
    for (const f of await opts.follows.active()) {
      const settled = await opts.follows.settledItems(f.id, now());
      for (const item of itemsOf(kb, f.place, now())) {
        if (settled.has(item.key) || !(await opts.follows.claim(f.id, item.key, owner, now()))) continue;
        let res: { id?: string };
        try {
          const body = { content: clip(item.content, 2000), allowed_mentions: NO_MENTIONS, nonce: nonceOf(f.id, item.key), enforce_nonce: true, ...(item.components ? { components: item.components } : {}) };
          res = (await opts.rest.post(Routes.channelMessages(f.channelId), { body })) as { id?: string };
        } catch (err) {
          // Released, so the next reload tries again.
          await opts.follows.release(f.id, item.key, owner);
          log.warn({ err, follow: f.id, channelId: f.channelId, item: item.key }, 'could not post to a following channel');
          break;
        }
        await opts.follows.markAnnounced(f.id, item.key, owner, res.id ?? null, now());
        posted += 1;
      }
    }
    if (posted > 0) log.info({ posted }, 'announced to following channels');
    return posted;
  }

  return {
    /** One pass at a time: two reloads in quick succession cannot both post the same item. */
    announce(kb: KnowledgeBase): Promise<number> {
      running = running.then(() => pass(kb)).catch((err: unknown) => {
        log.error({ err }, 'follow announcement pass failed');
        return 0;
      });
      return running;
    },
  };
}

export type FollowAnnouncer = ReturnType<typeof createFollowAnnouncer>;
