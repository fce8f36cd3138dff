import { z } from 'zod';
import type { ExistingRule } from '../analyze/backend.js';
import { CATEGORIES, type Finding, type Learning } from '../model/finding.js';
import { ruleTextKey } from '../write/mergeRules.js';

/**
 * What headroom remembers about the rules it wrote, per project, in its own state file (never in the agents'
 * files: every session would pay for it in tokens, and a hand edit could corrupt it). A rule is keyed by its
 * compared text (ruleTextKey): a rule the user edits by hand no longer matches and is the user's own from then on
 * (no lifecycle figures); a rule the user deletes is dropped from the state at the next write.
 */
const RULE_STATE_VERSION = 1;

/** A finding as headroom keeps it in its own files (the rule state, the project cache's findings), checked on read. */
export const findingSchema = z.object({
  id: z.string(),
  category: z.enum(CATEGORIES),
  target: z.enum(['context', 'memory']),
  key: z.string(),
  rule: z.string(),
  occurrences: z.number(),
  sessions: z.number(),
  userStated: z.boolean(),
  details: z.record(z.string(), z.unknown()),
  evidence: z.array(z.looseObject({ tool: z.string(), outcome: z.string() })),
});

const writtenRuleSchema = z.object({
  /** ruleTextKey of the rule's text as written. */
  textKey: z.string(),
  category: z.enum(CATEGORIES),
  text: z.string(),
  /** ISO time the rule was first written into a section. */
  firstWritten: z.string(),
  /** The findings it came from, for the backtest's coverage definitions and the situation definitions. */
  findings: z.array(findingSchema),
});

export const ruleStateSchema = z.object({
  version: z.literal(RULE_STATE_VERSION),
  projects: z.record(z.string(), z.object({ rules: z.array(writtenRuleSchema) })),
});

/** A written rule; its findings' evidence is checked loosely on read (tool and outcome are what the definitions read). */
export type WrittenRule = Omit<z.infer<typeof writtenRuleSchema>, 'findings'> & { findings: Finding[] };
export interface RuleState {
  version: typeof RULE_STATE_VERSION;
  projects: Record<string, { rules: WrittenRule[] }>;
}

export function emptyRuleState(): RuleState {
  return { version: RULE_STATE_VERSION, projects: {} };
}

/** The rules remembered for a project (none when it has no entry). */
export function writtenRulesFor(state: RuleState, projectPath: string): WrittenRule[] {
  return state.projects[projectPath]?.rules ?? [];
}

/**
 * The state after a project's sections were written: `sectionRules` are the rules now in its sections. A rule
 * already remembered keeps its first-written time; a rule this run's learnings wrote is remembered from `now`
 * with its findings; a rule in a section that headroom cannot tie to a learning (the user's own, or edited by
 * hand) is not remembered; a remembered rule no longer in any section (deleted by hand, removed) is dropped.
 */
export function recordWrittenRules(
  state: RuleState,
  projectPath: string,
  sectionRules: readonly ExistingRule[],
  learnings: readonly Learning[],
  findings: readonly Finding[],
  now: Date,
): RuleState {
  const before = new Map(writtenRulesFor(state, projectPath).map((rule) => [rule.textKey, rule]));
  const byLearning = new Map(learnings.map((learning) => [ruleTextKey(learning.text), learning]));
  const findingsById = new Map(findings.map((finding) => [finding.id, finding]));
  const rules: WrittenRule[] = [];
  for (const rule of sectionRules) {
    if (rule.category === 'unknown') continue;
    const textKey = ruleTextKey(rule.text);
    if (rules.some((r) => r.textKey === textKey)) continue;
    const known = before.get(textKey);
    if (known) {
      rules.push(known);
      continue;
    }
    const learning = byLearning.get(textKey);
    if (!learning) continue;
    const from = learning.findingIds.flatMap((id) => findingsById.get(id) ?? []);
    if (from.length === 0) continue;
    rules.push({ textKey, category: rule.category, text: rule.text, firstWritten: now.toISOString(), findings: from.map(slimFinding) });
  }
  const projects = { ...state.projects };
  if (rules.length === 0) delete projects[projectPath];
  else projects[projectPath] = { rules };
  return { version: RULE_STATE_VERSION, projects };
}

/** A finding as the state keeps it: what the coverage and situation definitions read (no first/last seen). */
function slimFinding(finding: Finding): Finding {
  const { id, category, target, key, rule, occurrences, sessions, userStated, details, evidence } = finding;
  return { id, category, target, key, rule, occurrences, sessions, userStated, details, evidence };
}
