import { describe, expect, it } from 'vitest';
import { FOLLOW_CLAIM_MS } from '../../src/reminders/follows.js';
import { companionStores } from '../../src/reminders/runtime.js';
import { backends, useBackend, type Backend } from './backends.js';
import { reportPostgresAvailability } from './postgres-availability.js';
import { CHANNEL, GUILD, ORGANISER, OTHER_GUILD } from './helpers.js';

/** /follow records, the same on the SQLite file and on PostgreSQL. */

const NOW = Date.parse('2026-11-23T10:00:00Z');
const ITEM = 'article:birmingham-day-centres-new';

reportPostgresAvailability();

describe.each(backends)('follows on $name', (backend: Backend) => {
  const connect = useBackend(backend);
  const open = async () => companionStores(await connect()).follows;

  it('starts a follow once per channel and place, with what is known marked announced, and stops it', async () => {
    const f = await open();
    const made = await f.follow(GUILD, CHANNEL, 'Birmingham', ORGANISER, ['article:a', 'consultation:b'], NOW);
    expect(made).toEqual({ created: true, follow: { id: made.follow.id, guildId: GUILD, channelId: CHANNEL, place: 'Birmingham' } });
    expect(await f.follow(GUILD, CHANNEL, 'Birmingham', ORGANISER, [], NOW)).toEqual({ created: false, follow: made.follow });
    expect(await f.settledItems(made.follow.id, NOW)).toEqual(new Set(['article:a', 'consultation:b']));
    expect(await f.claim(made.follow.id, 'article:a', 'p1', NOW)).toBe(false);
    expect(await f.ofGuild(GUILD)).toEqual([made.follow]);
    expect(await f.ofGuild(OTHER_GUILD)).toEqual([]);
    expect(await f.stop(OTHER_GUILD, made.follow.id, NOW)).toBe(false);
    expect(await f.stop(GUILD, made.follow.id, NOW)).toBe(true);
    expect(await f.active()).toEqual([]);
    expect((await f.follow(GUILD, CHANNEL, 'Birmingham', ORGANISER, [], NOW)).created).toBe(true);
  });

  it('lets one poster claim a new item; released it is free again, announced it is never claimed again', async () => {
    const a = await open();
    const b = await open();
    const { follow } = await a.follow(GUILD, CHANNEL, 'Birmingham', ORGANISER, [], NOW);
    expect(await a.claim(follow.id, ITEM, 'p1', NOW)).toBe(true);
    expect(await b.claim(follow.id, ITEM, 'p2', NOW + 1000)).toBe(false);
    expect(await b.settledItems(follow.id, NOW + 1000)).toEqual(new Set([ITEM]));
    await b.release(follow.id, ITEM, 'p2'); // not p2's to release
    expect(await b.claim(follow.id, ITEM, 'p2', NOW + 2000)).toBe(false);
    await a.release(follow.id, ITEM, 'p1');
    expect(await b.claim(follow.id, ITEM, 'p2', NOW + 3000)).toBe(true);
    await b.markAnnounced(follow.id, ITEM, 'p2', '900000000000000001', NOW + 4000);
    expect(await a.claim(follow.id, ITEM, 'p1', NOW + 100 * FOLLOW_CLAIM_MS)).toBe(false);
    expect(await a.settledItems(follow.id, NOW + 100 * FOLLOW_CLAIM_MS)).toEqual(new Set([ITEM]));
  });

  it('gives a crashed poster’s item to another after the claim runs out', async () => {
    const a = await open();
    const b = await open();
    const { follow } = await a.follow(GUILD, CHANNEL, 'Birmingham', ORGANISER, [], NOW);
    expect(await a.claim(follow.id, ITEM, 'crashed', NOW)).toBe(true);
    expect(await b.claim(follow.id, ITEM, 'p2', NOW + FOLLOW_CLAIM_MS - 1)).toBe(false);
    expect(await b.settledItems(follow.id, NOW + FOLLOW_CLAIM_MS)).toEqual(new Set());
    expect(await b.claim(follow.id, ITEM, 'p2', NOW + FOLLOW_CLAIM_MS)).toBe(true);
    // The crashed poster, back late, cannot mark what is no longer its own.
    await a.markAnnounced(follow.id, ITEM, 'crashed', '900000000000000002', NOW + FOLLOW_CLAIM_MS + 1);
    expect(await a.settledItems(follow.id, NOW + 3 * FOLLOW_CLAIM_MS)).toEqual(new Set());
  });
});
