import { describe, expect, it } from 'vitest';
import { createCooldowns } from '../../src/discord/cooldown.js';

describe('cooldowns', () => {
  it('lets a member ask once, then says when they may ask again', () => {
    let now = 1_000_000;
    const c = createCooldowns(() => now);
    expect(c.take('search', 'alice', 10_000)).toBeNull();
    now += 4_000;
    expect(c.take('search', 'alice', 10_000)).toBe(1_010_000);
    now += 6_000;
    expect(c.take('search', 'alice', 10_000)).toBeNull();
  });

  it('keeps members and commands apart', () => {
    const c = createCooldowns(() => 0);
    expect(c.take('search', 'alice', 10_000)).toBeNull();
    expect(c.take('search', 'bob', 10_000)).toBeNull();
    expect(c.take('cuts', 'alice', 10_000)).toBeNull();
    expect(c.take('search', 'alice', 10_000)).toBe(10_000);
  });

  it('does not extend the wait when a member asks again during it', () => {
    let now = 0;
    const c = createCooldowns(() => now);
    c.take('cuts', 'alice', 5_000);
    now = 3_000;
    expect(c.take('cuts', 'alice', 5_000)).toBe(5_000);
    now = 5_000;
    expect(c.take('cuts', 'alice', 5_000)).toBeNull();
  });
});
