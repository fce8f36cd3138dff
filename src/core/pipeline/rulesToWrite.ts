import type { AnalyzerReport } from '../analyze/backend.js';
import type { DropReason } from '../explain/droppedCandidates.js';
import type { ProjectBacktest } from '../backtest/projectBacktest.js';
import type { Finding, Learning } from '../model/finding.js';
import { withoutUnsafeRules } from '../write/ruleSafetyGate.js';
import { withoutContradictions } from '../write/ruleContradictions.js';
import { withoutCutRules } from '../write/wholeRuleGate.js';
import { rankRules } from './rankRules.js';

/** A rule left out, with the reason the report groups it under (explain/droppedCandidates). */
type DroppedRule = AnalyzerReport['dropped'][number] & { reason: Extract<DropReason, 'personal_data' | 'not_whole' | 'contradicts_rule'> };

function droppedEntry(rule: Learning, why: string, reason: DroppedRule['reason']): DroppedRule {
  return { text: rule.text, why, findingIds: [...rule.findingIds], reason };
}

/**
 * The analyzer's rules as they may be written, whatever the analyzer (templates or an LLM), strongest first:
 * - no secret, personal data, machine path or dangerous action (checked on the rendered rule: ruleSafetyGate);
 * - one whole line: a rule naming a command or path it could only state cut off is dropped;
 * - ranked by evidence (rankRules): later failures prevented in the backtest, sessions, recency, tokens wasted;
 * - no two contradicting each other: of two, the better-supported (earlier) stays.
 * Each rule left out is returned with the reason the user sees and the findings it came from.
 */
export function rulesToWrite(
  learnings: readonly Learning[],
  evidence: { findings: readonly Finding[]; backtest?: ProjectBacktest },
): { learnings: Learning[]; dropped: DroppedRule[] } {
  const privateData = withoutUnsafeRules(learnings);
  const dropped: DroppedRule[] = privateData.dropped.map(({ text, why }) => ({
    text,
    why,
    findingIds: learnings.find((rule) => rule.text === text)?.findingIds ?? [],
    reason: 'personal_data',
  }));
  const whole = withoutCutRules(privateData.kept);
  dropped.push(...whole.dropped.map(({ rule, why }) => droppedEntry(rule, why, 'not_whole')));
  const consistent = withoutContradictions(rankRules(whole.kept, evidence.findings, evidence.backtest));
  dropped.push(...consistent.dropped.map(({ rule, why }) => droppedEntry(rule, why, 'contradicts_rule')));
  return { learnings: consistent.kept, dropped };
}
