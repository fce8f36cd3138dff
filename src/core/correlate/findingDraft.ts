import type { CallRef, Category } from '../model/finding.js';
import type { AnyFindingDetails } from './findingDetails.js';

/** A finding before ids, session counts, dates and the rule text are filled in. */
export interface FindingDraft {
  category: Category;
  key: string;
  occurrences: number;
  evidence: CallRef[];
  userStated: boolean;
  details: AnyFindingDetails;
}

/** Values by how often they occur, most frequent first; ties keep first-seen order. */
export function rankByCount(values: readonly string[]): Array<{ value: string; count: number }> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count);
}

export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
