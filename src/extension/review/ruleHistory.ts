import * as os from 'node:os';
import { lifecycleLabel, type RuleLifecycle } from '../../core/lifecycle/ruleLifecycle.js';
import { recordWrittenRules } from '../../core/lifecycle/ruleState.js';
import { readRuleState, ruleStatePath, writeRuleState } from '../../core/lifecycle/ruleStateFile.js';
import { ruleTextKey } from '../../core/write/mergeRules.js';
import { parseExistingRules } from '../../core/write/parseExistingRules.js';
import type { ProjectLearnResult } from '../learn/workerProtocol.js';
import type { ReviewProject } from './reviewModel.js';

// The learning lifecycle in the review: the same state file as the CLI (core ruleStatePath over the extension
// host's environment and home), so `headroom-learn` and the extension agree on when a rule was first written.

/** The state file of the rules headroom wrote. */
export function ruleStateFile(): string {
  return ruleStatePath(process.env, process.env.HOME || process.env.USERPROFILE || os.homedir());
}

/** The lifecycle of a rule of the project by its text (undefined: headroom does not remember writing it). */
function lifecycleOf(result: ProjectLearnResult, text: string): RuleLifecycle | undefined {
  const key = ruleTextKey(text);
  return result.lifecycle?.find((rule) => rule.textKey === key);
}

/** "recurred 2 times since written" / "retire? no matching situation in 45 days", for a tree item's description. */
export function lifecycleNote(result: ProjectLearnResult, text: string): string | undefined {
  const rule = lifecycleOf(result, text);
  // Nothing has been seen since it was written: no news for a one-line description.
  if (!rule || (!rule.retire && rule.recurred === 0 && rule.situations === 0)) return undefined;
  return lifecycleLabel(rule);
}

/** Text keys of the retire candidates: pre-unchecked in the review. */
export function retireCandidates(result: ProjectLearnResult): Set<string> {
  return new Set((result.lifecycle ?? []).filter((rule) => rule.retire).map((rule) => rule.textKey));
}

/**
 * After Apply wrote a file of the project: remembers the rules its files' sections hold now (as planned after the
 * write), keeping known rules' first-written time. Returns a warning when the state could not be read or written.
 */
export async function recordAppliedRules(project: ReviewProject, now = new Date()): Promise<string | undefined> {
  const file = ruleStateFile();
  const { state, warning } = await readRuleState(file);
  const sectionRules = project.targets.flatMap(({ proposal }) => {
    const section = proposal.error ? undefined : (proposal.proposedSection ?? proposal.currentSection);
    return section === undefined ? [] : parseExistingRules(section, proposal.kind);
  });
  const next = recordWrittenRules(state, project.projectPath, sectionRules, project.result.learnings, project.result.findings, now);
  try {
    await writeRuleState(file, next);
  } catch (error) {
    return `cannot write ${file}: ${(error as Error).message}`;
  }
  return warning;
}
