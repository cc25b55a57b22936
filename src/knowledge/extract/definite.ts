/**
 * "The headteacher said", "the spokesman added": a definite role standing for someone the article described with
 * that role before. A reader takes it for that person only when nobody else is in play; otherwise a reader could
 * give it to either, so nobody is named (and no new unnamed person is made for a later "she" to mean).
 */
import { recentPeople, type People, type Person } from './people.js';

const head = (role: string) => role.toLowerCase().split(/\s+/).at(-1)!;

export type DefiniteLookup = { person: Person } | { ambiguous: Person[] } | null;

/** Whom "the <role>" refers to: null when nobody was given a role with that head noun. */
export function definiteReferent(people: People, role: string): DefiniteLookup {
  const noun = head(role);
  const candidates: Person[] = [];
  const inPlay: Person[] = [];
  // Looks back like a pronoun.
  for (const { person: p, inPlay: beforeSpeaker } of recentPeople(people)) {
    if (beforeSpeaker) inPlay.push(p);
    if (!p.plural && p.role !== null && head(p.role) === noun) candidates.push(p);
  }
  if (candidates.length === 0) return null;
  if (candidates.length > 1) return { ambiguous: candidates.slice(0, 2) };
  const other = inPlay.find((p) => p !== candidates[0]);
  return other ? { ambiguous: [candidates[0]!, other] } : { person: candidates[0]! };
}
