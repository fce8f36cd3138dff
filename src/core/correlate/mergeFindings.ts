import type { FindingDraft } from './findingDraft.js';

/**
 * Merges drafts that state the same fact (same category and key), e.g. the same wrong path seen
 * through Read and through `cat`, or by two agents: occurrences add up, evidence is united, the
 * details of the draft with more occurrences win, and the user's words are kept from all.
 */
export function mergeDrafts(drafts: readonly FindingDraft[]): FindingDraft[] {
  const merged = new Map<string, FindingDraft>();
  for (const draft of drafts) {
    const key = `${draft.category}\u0000${draft.key}`;
    const existing = merged.get(key);
    if (!existing) {
      merged.set(key, { ...draft, evidence: [...draft.evidence] });
      continue;
    }
    const main = draft.occurrences > existing.occurrences ? draft : existing;
    const words = [existing, draft].flatMap((d) => ((d.details as { userWords?: string[] }).userWords ?? []));
    const details = 'userWords' in main.details ? { ...main.details, userWords: [...new Set(words)] } : main.details;
    merged.set(key, {
      ...main,
      occurrences: existing.occurrences + draft.occurrences,
      evidence: [...existing.evidence, ...draft.evidence],
      userStated: existing.userStated || draft.userStated,
      details,
    });
  }
  return [...merged.values()];
}
