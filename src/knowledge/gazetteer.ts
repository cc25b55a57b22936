import { z } from 'zod';
import type { Problem } from './problems.js';
import { validateYaml } from './validate-yaml.js';

/** The file in the knowledge folder that says which towns lie in which council area, and what people call them. */
export const GAZETTEER_FILE = 'places.yaml';

const name = z.string().trim().min(1, 'must not be empty').max(80, 'must be at most 80 characters');

export const GazetteerEntry = z
  .object({
    name,
    council: name,
    aliases: z.array(name).default([]),
    towns: z.array(name).default([]),
  })
  .strict();

export const Gazetteer = z.array(GazetteerEntry);
export type Gazetteer = z.output<typeof Gazetteer>;

/** A `places.yaml` as read: its entries (none when invalid) and its problems. */
export interface GazetteerRead {
  gazetteer: Gazetteer;
  problems: Problem[];
}

export function loadGazetteer(text: string): GazetteerRead {
  const result = validateYaml(text, Gazetteer, GAZETTEER_FILE);
  return { gazetteer: result.data ?? [], problems: result.problems };
}
