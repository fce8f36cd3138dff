import type { CallRef, Finding } from '../../model/finding.js';

/**
 * Strongest and most recent first: what the user said in their own words, then findings seen
 * in more sessions, then more often, then more recently.
 */
function compareFindingStrength(a: Finding, b: Finding): number {
  return (
    Number(b.userStated) - Number(a.userStated) ||
    b.sessions - a.sessions ||
    b.occurrences - a.occurrences ||
    compareTimestampsDescending(a.lastSeen, b.lastSeen) ||
    a.id.localeCompare(b.id)
  );
}

export function rankFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindingStrength);
}

/** A finding's calls, most recent first (calls without a timestamp last, in their original order). */
export function evidenceMostRecentFirst(evidence: readonly CallRef[]): CallRef[] {
  return evidence
    .map((call, position) => ({ call, position }))
    .sort((a, b) => compareTimestampsDescending(a.call.timestamp, b.call.timestamp) || a.position - b.position)
    .map(({ call }) => call);
}

function compareTimestampsDescending(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return Date.parse(b) - Date.parse(a) || b.localeCompare(a);
}
