import { describe, expect, it } from 'vitest';
import { sanitizeChoices } from '../../src/discord/router.js';

describe('sanitizeChoices', () => {
  it('keeps at most 25 choices, shortens long names and drops values Discord would refuse', () => {
    const choices = [
      { name: 'x'.repeat(150), value: 'Birmingham' },
      { name: 'Too long to submit', value: 'v'.repeat(101) },
      { name: 'Duplicate', value: 'Birmingham' },
      { name: '', value: 'Ebbw Vale' },
      ...Array.from({ length: 40 }, (_, i) => ({ name: `Place ${i}`, value: `place-${i}` })),
    ];
    const out = sanitizeChoices(choices);
    expect(out).toHaveLength(25);
    expect(out[0]!.name).toHaveLength(100);
    expect(out[0]!.name.endsWith('…')).toBe(true);
    expect(out.map((c) => c.value)).not.toContain('v'.repeat(101));
    expect(out.filter((c) => c.value === 'Birmingham')).toHaveLength(1);
    expect(out[1]).toEqual({ name: 'Ebbw Vale', value: 'Ebbw Vale' });
  });
});
