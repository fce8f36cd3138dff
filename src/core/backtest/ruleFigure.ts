import { tokensFromBytes } from '../correlate/wasteEstimate.js';
import type { Finding, Learning } from '../model/finding.js';
import type { ProjectBacktest } from './projectBacktest.js';

// A rule's backtest figure, apart from projectBacktest (which runs the learn pipeline) so that the pipeline can
// rank rules by it without an import cycle.

/** One rule's backtest: how many of the later failures the same rule, learned from the earlier sessions, covered. */
export interface RuleFigure {
  matches: number;
  laterFailures: number;
  coveredTokens: number;
}

/**
 * The figure of a rule of the full run: that of the split run's rule with the same findings (category + key),
 * the later failures they cover counted once. Undefined when none of its findings was learned from the earlier
 * sessions (not enough history to test it), or when there is no backtest.
 */
export function ruleFigure(learning: Pick<Learning, 'findingIds'>, findings: readonly Finding[], backtest: ProjectBacktest | undefined): RuleFigure | undefined {
  if (!backtest) return undefined;
  const wanted = new Set(findings.filter((finding) => learning.findingIds.includes(finding.id)).map((finding) => `${finding.category}\u0000${finding.key}`));
  const matched = backtest.coverage.filter((entry) => wanted.has(`${entry.category}\u0000${entry.key}`));
  if (matched.length === 0) return undefined;
  const calls = new Map<string, number>();
  for (const entry of matched) for (const { call, outputBytes } of entry.calls) calls.set(call, outputBytes);
  const bytes = [...calls.values()].reduce((sum, n) => sum + n, 0);
  return { matches: calls.size, laterFailures: backtest.laterFailures, coveredTokens: tokensFromBytes(bytes) };
}

/** Rules ordered by their figure, most covered later failures first (then more tokens); the sort is stable, so ties keep their order. */
export function byBacktestFigure<T>(rules: readonly T[], figure: (rule: T) => RuleFigure | undefined): T[] {
  const score = new Map(rules.map((rule) => [rule, figure(rule)]));
  return [...rules].sort((a, b) => {
    const fa = score.get(a);
    const fb = score.get(b);
    return (fb?.matches ?? 0) - (fa?.matches ?? 0) || (fb?.coveredTokens ?? 0) - (fa?.coveredTokens ?? 0);
  });
}
