import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listReminders, reminderChoices } from '../../src/reminders/service.js';
import { openStore } from '../../src/reminders/store.js';
import { seedMany } from '../reminders/many.js';

/**
 * `/remind list` and its id autocomplete with 10,000 reminders across 50 servers, against a baseline
 * on the same file in the same run: the same queries with the per-reminder index dropped and the
 * version 1 index restored, which is what every file had before migration 2.
 */

export interface ReminderBench {
  reminders: number;
  guilds: number;
  listMs: number;
  autocompleteMs: number;
  baselineListMs: number;
  baselineAutocompleteMs: number;
}

export async function median(run: () => Promise<unknown>, rounds: number): Promise<number> {
  const times: number[] = [];
  await run();
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export async function measureReminders(opts: { reminders?: number; guilds?: number; rounds?: number } = {}): Promise<ReminderBench> {
  const reminders = opts.reminders ?? 10_000;
  const guilds = opts.guilds ?? 50;
  const rounds = opts.rounds ?? 7;
  const dir = mkdtempSync(join(tmpdir(), 'cutsbot-bench-rem-'));
  const store = openStore({ file: join(dir, 'cutsbot.db') });
  try {
    const now = Date.parse('2026-11-23T10:00:00Z');
    const ids = seedMany(store, { reminders, guilds, now });
    const deps = { store, clock: { now: () => now }, consultations: () => [] };
    let g = 0;
    const list = () => listReminders(deps, ids[g++ % ids.length]!, 1);
    const complete = () => reminderChoices(deps, ids[g++ % ids.length]!, '');
    const listMs = await median(list, rounds);
    const autocompleteMs = await median(complete, rounds);
    // Statements prepared by the store keep their plan; a second connection sees the old indexes.
    store.db.exec('DROP INDEX deliveries_reminder_status; CREATE INDEX deliveries_reminder ON deliveries (reminder_id);');
    store.close();
    const old = openStore({ file: join(dir, 'cutsbot.db') });
    const oldDeps = { ...deps, store: old };
    const baselineListMs = await median(() => listReminders(oldDeps, ids[g++ % ids.length]!, 1), Math.min(rounds, 3));
    const baselineAutocompleteMs = await median(() => reminderChoices(oldDeps, ids[g++ % ids.length]!, ''), Math.min(rounds, 3));
    old.close();
    return { reminders, guilds, listMs, autocompleteMs, baselineListMs, baselineAutocompleteMs };
  } finally {
    try {
      store.close();
    } catch {
      /* closed above */
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

export function reminderTable(r: ReminderBench): string[] {
  const f = (ms: number) => (ms < 10 ? `${ms.toFixed(2)} ms` : `${Math.round(ms)} ms`);
  const x = (a: number, b: number) => `${Math.round(b / a).toLocaleString('en-GB')}× faster`;
  return [
    `reminders: ${r.reminders.toLocaleString('en-GB')} across ${r.guilds} servers (median)`,
    `  /remind list              ${f(r.listMs)}   baseline (no per-reminder index) ${f(r.baselineListMs)}   ${x(r.listMs, r.baselineListMs)}`,
    `  /remind … id autocomplete ${f(r.autocompleteMs)}   baseline ${f(r.baselineAutocompleteMs)}   ${x(r.autocompleteMs, r.baselineAutocompleteMs)}`,
  ];
}
