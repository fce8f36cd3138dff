import * as vscode from 'vscode';
import type { Learning } from '../../core/model/finding.js';
import { ruleTextKey } from '../../core/write/mergeRules.js';
import type { DiffStateMessage } from '../../webview/protocol/diffProtocol.js';
import type { ReviewTarget } from '../review/reviewModel.js';
import { figureSentence } from '../review/ruleBacktest.js';

/**
 * The backtest figure of each rule the diff adds to the file (the plan's `added` entries, matched to the checked
 * learnings by their compared text), in the section's order; undefined when the run has no backtest.
 */
export function addedRulesBacktest(target: ReviewTarget, checked: readonly Learning[]): DiffStateMessage['backtest'] {
  const { project } = target;
  if (!project.result.backtest) return undefined;
  const byText = new Map(checked.map((learning) => [ruleTextKey(learning.text), learning]));
  const rules: Array<{ rule: string; figure: string }> = [];
  for (const entry of target.proposal.merge) {
    if (entry.action !== 'added') continue;
    const learning = byText.get(ruleTextKey(entry.text));
    const figure = learning && figureSentence(project, learning);
    if (learning && figure) rules.push({ rule: learning.text, figure });
  }
  return { heading: vscode.l10n.t('Backtest of the added rules'), rules };
}
