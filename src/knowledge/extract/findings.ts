/**
 * A document's finding as reported speech: "Council figures show that …", "The research found more than …", "… but the
 * survey showed residents were …". Only a document, a survey or figures find or show; a person who "found" something is
 * not speaking (`DOCUMENT_ONLY_VERBS` in verbs.ts), and a document that "shows" a thing reports no clause.
 * Every pattern is anchored or bounded per sentence.
 */
import type { Subject } from './subject.js';
import { DOCUMENT_NOUNS } from './words.js';

// What finds or shows besides the documents of words.ts: evidence, not words anyone wrote as a statement.
const EVIDENCE_NOUNS = new Set(['research', 'figures', 'data', 'statistics', 'findings', 'poll', 'polling', 'documents', 'papers', 'reports', 'surveys', 'studies']);
const FINDS = '(?:has\\s+|have\\s+)?(?:found|finds|find|show|shows|showed|shown|suggest|suggests|suggested|reveal|reveals|revealed)';
// The subject opens the sentence (perhaps after a scene set off by a comma), at most eight words, or follows "but".
const OPENING = new RegExp(`^(?:[^,]{1,60},\\s+)?((?:[\\p{L}’'-]+\\s+){1,8}?)${FINDS}\\s+(that\\s+)?`, 'u');
const AFTER_BUT = new RegExp(`\\s(?:but|while|whereas)\\s+((?:the|a|an|its|their|our|council|new|latest|recent)\\s+(?:[\\p{L}’'-]+\\s+){0,2}?)${FINDS}\\s+(that\\s+)?`, 'iu');
// A clause: a finite verb among its first words ("residents were happy", "councils … no longer operated").
const FINITE_EARLY = /^(?:\S+\s+){0,14}?(?:is|are|was|were|will|would|could|can|may|might|must|had|has|have|did|does|do|\p{Ll}{2,}ed)\b/u;
const FUNCTION_HEAD = /^(?:the|a|an|its|their|our|his|her|this|these|new|latest|recent|separate|council|government|official)$/i;
const MAX_SENTENCE = 2000;
// Every word FINDS matches holds one of these, under the same case folding as AFTER_BUT's (`iu`): a sentence
// without one can match neither pattern, so it is passed over before they are tried.
const FINDS_WORD = /f(?:ind|ound)|show|suggest|reveal/iu;

/** The document a sentence says found or shows a clause, and that clause; null for anything else. */
export function documentFinding(sentence: string): { subject: Subject; clause: string } | null {
  if (sentence.length > MAX_SENTENCE || !FINDS_WORD.test(sentence)) return null;
  const m = OPENING.exec(sentence) ?? AFTER_BUT.exec(sentence.slice(0, 400));
  if (!m) return null;
  const words = m[1]!.trim().split(/\s+/);
  // The head is a document or evidence noun, after at least one word ("Council figures", "The research", not a bare
  // "Figures show"), with only a participle phrase after it ("conducted by the union", "by the council").
  const head = words.findIndex((w) => DOCUMENT_NOUNS.has(w.toLowerCase()) || EVIDENCE_NOUNS.has(w.toLowerCase()));
  if (head < 1 || head > 3) return null;
  if (!words.slice(0, head).every((w) => FUNCTION_HEAD.test(w) || /^\p{Lu}/u.test(w))) return null;
  const after = words.slice(head + 1);
  if (after.length > 0 && !/^(?:\p{Ll}+ed|by|from|of|for|into|on)$/u.test(after[0]!)) return null;
  const rest = sentence.slice(m.index + m[0].length);
  // Without "that", only a definite document ("the survey showed residents were …"): "A council report … shows the
  // target was met" is as often the paper's own reading of a document (tune5's label leaves that one out).
  if (!m[2] && (!FINITE_EARLY.test(rest) || /^(?:a|an)$/i.test(words[0]!))) return null;
  const clause = rest.replace(/[\s.!?]+$/, '').trim();
  if (clause.split(/\s+/).length < 3) return null;
  const role = words.join(' ').replace(/^(?:The|A|An)\b/, (a) => a.toLowerCase());
  return { subject: { type: 'document', role }, clause };
}
