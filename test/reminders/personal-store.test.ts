import { describe, expect, it } from 'vitest';
import type { NewPersonal } from '../../src/reminders/personal.js';
import { companionStores } from '../../src/reminders/runtime.js';
import { backends, useBackend, type Backend } from './backends.js';
import { reportPostgresAvailability } from './postgres-availability.js';
import { GUILD, MEMBER, OTHER_GUILD } from './helpers.js';

/** "Remind me" records, the same on the SQLite file and on PostgreSQL. */

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-23T10:00:00Z');
const CLOSES = NOW + 30 * DAY;
const OTHER_MEMBER = '400000000000000003';

const press = (over: Partial<NewPersonal> = {}): NewPersonal => ({
  userId: MEMBER,
  guildId: GUILD,
  dmChannelId: '700000000000000001',
  consultationKey: 'pagetown-day-care#1',
  title: 'Pagetown day care consultation',
  url: 'https://pagetown.example.gov.uk/consult',
  closesMs: CLOSES,
  ...over,
});

reportPostgresAvailability();

describe.each(backends)('personal reminders on $name', (backend: Backend) => {
  const connect = useBackend(backend);
  /** Another connection to this test's database, as another bot process would hold. */
  const open = async () => companionStores(await connect()).personal;

  it('keeps one reminder per member and consultation, with the 7-day and 1-day messages, listed per server', async () => {
    const p = await open();
    const first = await p.subscribe(press(), NOW);
    expect(first.created).toBe(true);
    expect(first.reminder.pendingMs).toEqual([CLOSES - 7 * DAY, CLOSES - DAY]);
    const again = await p.subscribe(press({ dmChannelId: '700000000000000002' }), NOW + 1000);
    expect(again).toEqual({ created: false, reminder: first.reminder });
    // Six days before it closes only the 1-day message is still to come.
    const late = await p.subscribe(press({ consultationKey: 'late#1', closesMs: NOW + 6 * DAY }), NOW);
    expect(late.reminder.pendingMs).toEqual([NOW + 5 * DAY]);
    expect((await p.mine(MEMBER, GUILD)).map((r) => r.consultationKey)).toEqual(['late#1', 'pagetown-day-care#1']);
    expect(await p.mine(MEMBER, OTHER_GUILD)).toEqual([]);
    expect(await p.mine(OTHER_MEMBER, GUILD)).toEqual([]);
  });

  it('cancels only the member’s own reminder, and a cancelled one sends nothing', async () => {
    const p = await open();
    const { reminder } = await p.subscribe(press(), NOW);
    expect(await p.cancel(OTHER_MEMBER, reminder.id, NOW)).toBe(false);
    expect(await p.cancel(MEMBER, reminder.id, NOW)).toBe(true);
    expect(await p.cancel(MEMBER, reminder.id, NOW)).toBe(false);
    expect(await p.mine(MEMBER, GUILD)).toEqual([]);
    expect(await p.claimNext(CLOSES)).toBeNull();
    // Cancelled, it can be asked for again.
    expect((await p.subscribe(press(), NOW)).created).toBe(true);
  });

  it('claims each due message once, takes back a crashed sender’s after a minute with the same nonce, and never a sent one', async () => {
    const p = await open();
    await p.subscribe(press(), NOW);
    expect(await p.claimNext(CLOSES - 7 * DAY - 1)).toBeNull();
    const at = CLOSES - 7 * DAY;
    const seven = await p.claimNext(at);
    expect(seven).toMatchObject({ attempts: 1, dmChannelId: '700000000000000001', title: 'Pagetown day care consultation', closesMs: CLOSES });
    expect(await p.claimNext(at + 1000)).toBeNull();
    const retaken = await p.claimNext(at + 61_000);
    expect(retaken).toMatchObject({ id: seven!.id, nonce: seven!.nonce, attempts: 2 });
    await p.settle(seven!.id, 'sent', at + 62_000);
    expect(await p.claimNext(at + 10 * 61_000)).toBeNull();
    expect((await p.mine(MEMBER, GUILD))[0]!.pendingMs).toEqual([CLOSES - DAY]);
    const one = await p.claimNext(CLOSES - DAY);
    expect(one?.id).not.toBe(seven!.id);
    await p.settle(one!.id, 'scheduled', CLOSES - DAY, 'HTTP 503');
    expect((await p.claimNext(CLOSES - DAY))?.id).toBe(one!.id);
  });

  it('two processes claiming together send every due message once', async () => {
    const a = await open();
    const b = await open();
    for (let i = 0; i < 30; i++) await a.subscribe(press({ userId: `4000000000000001${String(i).padStart(2, '0')}` }), NOW);
    const taken: number[] = [];
    const drain = async (p: typeof a) => {
      for (let d = await p.claimNext(CLOSES - DAY); d; d = await p.claimNext(CLOSES - DAY)) taken.push(d.id);
    };
    await Promise.all([drain(a), drain(b), drain(a)]);
    expect(taken).toHaveLength(60);
    expect(new Set(taken).size).toBe(60);
  });

  it('two presses racing on two processes make one reminder', async () => {
    const a = await open();
    const b = await open();
    const [x, y] = await Promise.all([a.subscribe(press(), NOW), b.subscribe(press(), NOW)]);
    expect([x.created, y.created].sort()).toEqual([false, true]);
    expect(x.reminder.id).toBe(y.reminder.id);
    expect(await a.mine(MEMBER, GUILD)).toHaveLength(1);
  });
});
