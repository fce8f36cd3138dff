import type { ParsedSession } from '../agents/plugin.js';
import type { ExistingRule } from '../analyze/backend.js';
import { COVERAGE } from '../backtest/coverage.js';
import { laterCalls } from '../backtest/laterCalls.js';
import { sessionStart } from '../backtest/orderSessions.js';
import { callKey, toCallRef } from '../correlate/callRef.js';
import type { ProjectFiles } from '../correlate/projectFiles.js';
import type { CallRef, Category } from '../model/finding.js';
import type { ToolCall } from '../model/toolCall.js';
import { ruleTextKey } from '../write/mergeRules.js';
import type { WrittenRule } from './ruleState.js';
import { situationCalls } from './situations.js';

/** Default days without a matching situation after which a written rule is a candidate to retire. */
export const DEFAULT_RETIRE_AFTER_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
const EXAMPLES = 5;

/** How a rule headroom wrote has fared since it was written (plain data: crosses the worker boundary). */
export interface RuleLifecycle {
  /** ruleTextKey of the rule (what the review's `rule:` ids and mergeRules compare). */
  textKey: string;
  category: Category;
  text: string;
  firstWritten: string;
  /** Whole days since firstWritten. */
  ageDays: number;
  /** Sessions that started after the rule was written. */
  sessionsSince: number;
  /** Failures since then that the rule's findings cover (the backtest's coverage): it did not help, or was ignored. */
  recurred: number;
  /** The first few of them. */
  recurrences: CallRef[];
  /** Calls since then in the rule's situation (any outcome). */
  situations: number;
  /** Set when the rule is a candidate to retire: why. */
  retire?: string;
}

export interface RuleLifecycleInput {
  /** The rules headroom remembers writing for the project. */
  written: readonly WrittenRule[];
  /** The rules in the project's sections now; only these get figures (a rule edited or deleted by hand gets none). */
  existingRules: readonly ExistingRule[];
  sessions: readonly ParsedSession[];
  files: ProjectFiles;
}

/** What a rule's lifecycle figures take from the sessions: all of RuleLifecycle but its age and the retire verdict. */
export type RuleRecurrence = Omit<RuleLifecycle, 'ageDays' | 'retire'>;

/**
 * Per rule in the sections that headroom wrote: recurrences and situations since it was first written, from the
 * sessions (a learn's findings cache keeps them); agedLifecycle adds its age and whether to retire it, at each learn.
 */
export function ruleRecurrences(input: RuleLifecycleInput): RuleRecurrence[] {
  const inSections = new Set(input.existingRules.map((rule) => ruleTextKey(rule.text)));
  const dated = input.sessions.map((session) => ({ session, start: sessionStart(session) }));
  const result: RuleRecurrence[] = [];
  for (const rule of input.written) {
    if (!inSections.has(rule.textKey)) continue;
    const since = dated.filter((s) => s.start !== undefined && s.start > rule.firstWritten).map((s) => s.session);
    const later = laterCalls(since, input.files);
    const recurred = uniqueCalls(rule.findings.flatMap((finding) => COVERAGE[finding.category](finding, later)));
    const situations = uniqueCalls([...recurred, ...rule.findings.flatMap((finding) => situationCalls(finding, later))]);
    result.push({
      textKey: rule.textKey,
      category: rule.category,
      text: rule.text,
      firstWritten: rule.firstWritten,
      sessionsSince: since.length,
      recurred: recurred.length,
      recurrences: recurred.slice(0, EXAMPLES).map(toCallRef),
      situations: situations.length,
    });
  }
  return result;
}

/** The recurrences with their age at `now`, and a retire candidate: older than `retireAfterDays` without a matching situation. */
export function agedLifecycle(recurrences: readonly RuleRecurrence[], now: Date, retireAfterDays = DEFAULT_RETIRE_AFTER_DAYS): RuleLifecycle[] {
  return recurrences.map((rule) => {
    const ageDays = Math.floor((now.getTime() - Date.parse(rule.firstWritten)) / DAY_MS);
    const retire = ageDays > retireAfterDays && rule.situations === 0 ? `no matching situation in ${ageDays} days` : undefined;
    const { textKey, category, text, firstWritten, sessionsSince, recurred, recurrences: examples, situations } = rule;
    return { textKey, category, text, firstWritten, ageDays, sessionsSince, recurred, recurrences: examples, situations, ...(retire ? { retire } : {}) };
  });
}

function uniqueCalls(calls: readonly ToolCall[]): ToolCall[] {
  const seen = new Set<string>();
  return calls.filter((call) => !seen.has(callKey(call)) && Boolean(seen.add(callKey(call))));
}

/** "recurred 2 times since written", "retire? no matching situation in 45 days", or the quiet case. */
export function lifecycleLabel(rule: RuleLifecycle): string {
  if (rule.retire) return `retire? ${rule.retire}`;
  if (rule.recurred > 0) return `recurred ${rule.recurred} ${rule.recurred === 1 ? 'time' : 'times'} since written`;
  return `no recurrence since written (${rule.situations} matching ${rule.situations === 1 ? 'situation' : 'situations'} in ${rule.sessionsSince} ${rule.sessionsSince === 1 ? 'session' : 'sessions'})`;
}
