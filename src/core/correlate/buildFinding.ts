import { createHash } from 'node:crypto';
import { CATEGORY_TARGET, type CallRef, type Finding } from '../model/finding.js';
import { renderRule } from './rules/ruleTemplates.js';
import { callKey } from './callRef.js';
import type { FindingDraft } from './findingDraft.js';

function findingId(category: string, key: string): string {
  return `${category}-${createHash('sha256').update(`${category}\u0000${key}`).digest('hex').slice(0, 12)}`;
}

/** Evidence without repeats, in session order. */
function uniqueEvidence(evidence: readonly CallRef[]): CallRef[] {
  const seen = new Map<string, CallRef>();
  for (const ref of evidence) if (!seen.has(callKey(ref))) seen.set(callKey(ref), ref);
  return [...seen.values()].sort(
    (a, b) => (a.timestamp ?? '').localeCompare(b.timestamp ?? '') || a.file.localeCompare(b.file) || a.index - b.index,
  );
}

export function buildFinding(draft: FindingDraft): Finding {
  const evidence = uniqueEvidence(draft.evidence);
  const timestamps = evidence.map((ref) => ref.timestamp).filter((t): t is string => Boolean(t)).sort();
  return {
    id: findingId(draft.category, draft.key),
    category: draft.category,
    target: CATEGORY_TARGET[draft.category],
    key: draft.key,
    rule: renderRule(draft.category, draft.details),
    occurrences: draft.occurrences,
    sessions: new Set(evidence.map((ref) => `${ref.agent}\u0000${ref.sessionId}`)).size,
    firstSeen: timestamps[0],
    lastSeen: timestamps[timestamps.length - 1],
    evidence,
    userStated: draft.userStated,
    details: draft.details as Record<string, unknown>,
  };
}
