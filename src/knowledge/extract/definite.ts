/**
 * "The headteacher said", "the spokesman added": a definite role standing for someone the article described with
 * that role before. A reader takes it for that person only when nobody else is in play; otherwise a reader could
 * give it to either, so nobody is named (and no new unnamed person is made for a later "she" to mean).
 */
import type { People, Person } from './people.js';

// Looks back over at most this many people, like a pronoun.
const LOOKBACK = 40;

const head = (role: string) => role.toLowerCase().split(/\s+/).at(-1)!;

export type DefiniteLookup = { person: Person } | { ambiguous: Person[] } | null;

/** Whom "the <role>" refers to: null when nobody was given a role with that head noun. */
export function definiteReferent(people: People, role: string): DefiniteLookup {
  const noun = head(role);
  const candidates: Person[] = [];
  const inPlay: Person[] = [];
  let passedSpeaker = false;
  let looked = 0;
  for (let i = people.log.length - 1; i >= 0 && looked < LOOKBACK; i--) {
    const p = people.log[i]!;
    if (p.last !== i) continue; // mentioned again later
    looked++;
    if (!passedSpeaker) inPlay.push(p);
    if (p.spoke) passedSpeaker = true;
    if (!p.plural && p.role !== null && head(p.role) === noun) candidates.push(p);
  }
  if (candidates.length === 0) return null;
  if (candidates.length > 1) return { ambiguous: candidates.slice(0, 2) };
  const other = inPlay.find((p) => p !== candidates[0]);
  return other ? { ambiguous: [candidates[0]!, other] } : { person: candidates[0]! };
}
