import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../src/discord/commands/index.js';
import { startEmulator, type Emulator } from './emulator.js';
import { runScript } from './process.js';

/** `npm run deploy-commands`, run as a real process against the emulator. */

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.close();
});

const names = commands.map((c) => c.data.name);
const env = () => ({ DISCORD_TOKEN: emulator.token, DISCORD_APPLICATION_ID: emulator.applicationId, DISCORD_API_BASE: emulator.apiBase });

describe('deploy-commands', () => {
  it('overwrites the server’s commands in one PUT when DISCORD_GUILD_ID is set', async () => {
    const child = runScript('src/discord/deploy-commands.ts', { ...env(), DISCORD_GUILD_ID: emulator.guildId });
    expect(await child.exited).toBe(0);
    const puts = emulator.requests.filter((r) => r.method === 'PUT');
    expect(puts.map((r) => r.path)).toEqual([`/applications/${emulator.applicationId}/guilds/${emulator.guildId}/commands`]);
    const body = puts[0]!.body as { name: string; description: string; options?: { name: string; type: number; required?: boolean; max_length?: number }[] }[];
    expect(body.map((c) => c.name)).toEqual(names);
    const answering = ['cuts', 'quote', 'figures', 'search', 'sources', 'consultations', 'help'];
    expect(body.map((c) => c.name)).toEqual(expect.arrayContaining(answering));
    // Every answering command has the private switch; every text option has a length cap.
    for (const c of body.filter((b) => answering.includes(b.name))) {
      expect(c.options?.find((o) => o.name === 'private')).toMatchObject({ type: 5 });
      for (const o of c.options ?? []) if (o.type === 3) expect(o.max_length).toBeGreaterThan(0);
    }
    expect(emulator.commands.get(emulator.guildId)?.map((c) => c.name)).toEqual(names);
    expect(child.output()).toContain(`Deployed ${names.length} commands to server ${emulator.guildId}`);
    expect(emulator.rejectedRequests).toEqual([]);
  });

  it('deploys globally without DISCORD_GUILD_ID', async () => {
    const child = runScript('src/discord/deploy-commands.ts', env());
    expect(await child.exited).toBe(0);
    expect(emulator.requests.filter((r) => r.method === 'PUT').at(-1)?.path).toBe(`/applications/${emulator.applicationId}/commands`);
    expect(emulator.commands.get('global')?.map((c) => c.name)).toEqual(names);
    expect(child.output()).toContain('globally');
  });

  it('explains a rejected token', async () => {
    const child = runScript('src/discord/deploy-commands.ts', { ...env(), DISCORD_TOKEN: 'MTIz.abc.wrongtoken' });
    expect(await child.exited).toBe(1);
    expect(child.output()).toContain('Discord rejected DISCORD_TOKEN');
    expect(child.output()).not.toContain('wrongtoken');
  });
});
