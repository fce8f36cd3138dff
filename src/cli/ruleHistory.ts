import { lifecycleLabel, type RuleLifecycle } from '../core/lifecycle/ruleLifecycle.js';
import { recordWrittenRules, writtenRulesFor, type RuleState, type WrittenRule } from '../core/lifecycle/ruleState.js';
import { readRuleState, ruleStatePath, writeRuleState } from '../core/lifecycle/ruleStateFile.js';
import { CATEGORY_HEADINGS } from '../core/model/finding.js';
import type { ProjectLearning } from '../core/pipeline/learnProject.js';
import { parseExistingRules } from '../core/write/parseExistingRules.js';
import type { ApplyOutcome } from './applyProposals.js';
import { painter, writeLine, type CliIO } from './output.js';

/** The state file of the rules headroom wrote (shared with the extension), as read at the start of a run. */
export interface RuleHistory {
  file: string;
  state: RuleState;
}

/** Reads the state file; a damaged one is discarded with a warning on stderr, never an error. */
export async function loadRuleHistory(io: CliIO, home: string): Promise<RuleHistory> {
  const file = ruleStatePath(io.env, home);
  const { state, warning } = await readRuleState(file);
  if (warning) writeLine(io.stderr, painter(io.stderr, io.env)('yellow', `headroom-learn: ${warning}`));
  return { file, state };
}

export function writtenRules(history: RuleHistory, projectPath: string): WrittenRule[] {
  return writtenRulesFor(history.state, projectPath);
}

/**
 * After --apply wrote a project's files: remembers the rules now in its sections (first-written time kept for the
 * rules already remembered) and writes the state file atomically. Nothing written, nothing recorded. A failure to
 * write the state is a warning: the rules are written, only their history is not.
 */
export async function rememberWrittenRules(history: RuleHistory, outcome: ProjectLearning, applied: ApplyOutcome | undefined, io: CliIO, now = new Date()): Promise<void> {
  if (!applied || applied.written.length === 0) return;
  const sectionRules = outcome.proposals.flatMap((p) => (p.error || p.proposedSection === undefined ? [] : parseExistingRules(p.proposedSection, p.kind)));
  history.state = recordWrittenRules(history.state, outcome.projectPath, sectionRules, outcome.learnings, outcome.findings, now);
  try {
    await writeRuleState(history.file, history.state);
  } catch (error) {
    writeLine(io.stderr, `headroom-learn: cannot write ${history.file} (${(error as NodeJS.ErrnoException).code ?? String(error)}); the rules' history was not updated.`);
  }
}

/**
 * "Rules written earlier:" — per rule headroom wrote that is still in the sections, how often its failure recurred
 * since, or that it is a candidate to retire (removed only with --retire or in the review). Prints nothing when no
 * rule is remembered, so the output is unchanged for a project headroom never wrote.
 */
export function printLifecycle(lifecycle: readonly RuleLifecycle[] | undefined, retire: boolean, io: CliIO): void {
  if (!lifecycle || lifecycle.length === 0) return;
  const paint = painter(io.stdout, io.env);
  writeLine(io.stdout, paint('bold', 'Rules written earlier:'));
  for (const rule of lifecycle) {
    const text = rule.text.replace(/\s*\n\s*/g, ' ');
    const short = text.length > 100 ? `${text.slice(0, 99)}…` : text;
    const mark = rule.retire ? paint('yellow', '?') : rule.recurred > 0 ? paint('red', '!') : '=';
    writeLine(io.stdout, `  ${mark} ${CATEGORY_HEADINGS[rule.category]}: ${short} — ${lifecycleLabel(rule)} (written ${rule.firstWritten.slice(0, 10)})`);
  }
  const candidates = lifecycle.filter((rule) => rule.retire).length;
  if (candidates > 0 && !retire) writeLine(io.stdout, paint('dim', `  Run again with --retire to remove the ${candidates === 1 ? 'candidate' : `${candidates} candidates`} marked ?.`));
  writeLine(io.stdout);
}
