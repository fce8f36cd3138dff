import type { ProjectBacktest } from '../backtest/projectBacktest.js';
import { ruleFigure } from '../backtest/ruleFigure.js';
import type { Finding, Learning } from '../model/finding.js';
import { ruleTextKey } from '../write/mergeRules.js';

/**
 * What decides a rule's place in its file, strongest evidence first (agents follow the first of many instructions
 * best, IFScale arXiv 2507.11538), compared in this order:
 */
interface RuleStrength {
  /** Later failures the same rule, learned from the older sessions, would have prevented (0: none, or not tested). */
  preventedLater: number;
  /** Sessions its evidence comes from. */
  sessions: number;
  /** The UTC day (YYYY-MM-DD) of its most recent evidence; '' when no call has a time. */
  lastSeenDay: string;
  /** Result tokens its failed, rejected or empty-search calls cost. */
  wastedTokens: number;
  occurrences: number;
  /** The last tie-break, so the order never depends on the analyzer's: the compared rule text. */
  key: string;
}

/** Day precision: two rules last seen the same day are equally recent, and the wasted tokens decide. */
const DAY_LENGTH = 'YYYY-MM-DD'.length;

function dayOf(timestamp: string): string {
  const time = Date.parse(timestamp);
  return Number.isNaN(time) ? '' : new Date(time).toISOString().slice(0, DAY_LENGTH);
}

/** A rule's evidence, from its own cited calls and the findings it rests on (an LLM rule may rest on several). */
function ruleStrength(learning: Learning, findings: readonly Finding[], backtest: ProjectBacktest | undefined): RuleStrength {
  const own = findings.filter((finding) => learning.findingIds.includes(finding.id));
  const days = learning.evidence.map((ref) => dayOf(ref.timestamp ?? '')).filter((day) => day !== '');
  return {
    preventedLater: ruleFigure(learning, findings, backtest)?.matches ?? 0,
    sessions: new Set(learning.evidence.map((ref) => `${ref.agent}\u0000${ref.sessionId}`)).size,
    lastSeenDay: days.reduce((latest, day) => (day > latest ? day : latest), ''),
    wastedTokens: own.reduce((sum, finding) => sum + (finding.wastedTokens ?? 0), 0),
    occurrences: own.length > 0 ? own.reduce((sum, finding) => sum + finding.occurrences, 0) : learning.evidence.length,
    key: ruleTextKey(learning.text),
  };
}

/** Negative when `a` is the stronger rule: more later failures prevented, more sessions, more recent, more tokens wasted, more often; then by text. */
function compareRuleStrength(a: RuleStrength, b: RuleStrength): number {
  return (
    b.preventedLater - a.preventedLater ||
    b.sessions - a.sessions ||
    b.lastSeenDay.localeCompare(a.lastSeenDay) ||
    b.wastedTokens - a.wastedTokens ||
    b.occurrences - a.occurrences ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

/** The rules strongest first, whatever order the analyzer gave them in; deterministic (ties broken by text). */
export function rankRules<T extends Learning>(learnings: readonly T[], findings: readonly Finding[], backtest: ProjectBacktest | undefined): T[] {
  const strength = new Map(learnings.map((learning) => [learning, ruleStrength(learning, findings, backtest)]));
  return [...learnings].sort((a, b) => compareRuleStrength(strength.get(a)!, strength.get(b)!));
}
