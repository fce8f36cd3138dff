import * as path from 'node:path';
import * as vscode from 'vscode';
import { restrictedModeMessage } from '../platform/workspaceTrust.js';
import type { ReviewTarget } from '../review/reviewModel.js';
import type { HeadroomServices } from '../services.js';
import { recordAppliedRules } from '../review/ruleHistory.js';
import { applyTarget, type ApplyTargetResult } from './applyTarget.js';

/** An apply, or the trust gate's refusal (nothing written). */
export type ApplyOutcome = ApplyTargetResult | { readonly status: 'untrusted'; readonly message: string };

/**
 * Apply (one file, from the tree or the diff panel) and Apply Selected Learnings (every file with changes),
 * behind the trust gate, and what the user is told: a file that changed since its plan is re-planned and its new
 * diff shown, never overwritten.
 */
export class ApplyFlow {
  constructor(
    private readonly services: Pick<HeadroomServices, 'review' | 'trust' | 'log'>,
    /** Shows a target's diff (after a re-plan, so the user reviews what changed). */
    private readonly showDiff: (target: ReviewTarget) => Promise<unknown>,
  ) {}

  /** Applies one file's plan, behind the trust gate. */
  async applyFile(target: ReviewTarget): Promise<ApplyOutcome> {
    const gated = await this.services.trust.runIfTrusted(vscode.l10n.t('Headroom: Apply'), () => this.applyFileTrusted(target));
    return gated.ran ? gated.value : { status: 'untrusted', message: restrictedModeMessage() };
  }

  private async applyFileTrusted(target: ReviewTarget): Promise<ApplyTargetResult> {
    const result = await applyTarget(target, this.services.review, this.services.log);
    if (result.status === 'applied') await this.remember([target]);
    if (result.status === 'applied') {
      // Show the written file (the edit is on its undo stack there).
      await vscode.window.showTextDocument(target.uri, { preview: true, viewColumn: vscode.ViewColumn.One, preserveFocus: true });
      void vscode.window.showInformationMessage(result.message);
    } else if (result.status === 'nothingToApply') {
      void vscode.window.showInformationMessage(result.message);
    } else {
      await this.reportProblem(target, result);
    }
    return result;
  }

  /** Applies every file with changes (or broken markers, which say so), behind the trust gate. */
  async applySelected(): Promise<void> {
    await this.services.trust.runIfTrusted(vscode.l10n.t('Headroom: Apply Selected Learnings'), () => this.applySelectedTrusted());
  }

  private async applySelectedTrusted(): Promise<void> {
    const targets = this.services.review.targets().filter((t) => t.proposal.changed || t.proposal.error);
    if (targets.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to apply: the files already hold the checked learnings.'));
      return;
    }
    const results: Array<{ target: ReviewTarget; result: ApplyTargetResult }> = [];
    for (const target of targets) results.push({ target, result: await applyTarget(target, this.services.review, this.services.log) });
    await this.remember(results.filter((r) => r.result.status === 'applied').map((r) => r.target));
    const written = results.filter((r) => r.result.status === 'applied').map((r) => path.basename(r.target.path));
    if (written.length > 0) void vscode.window.showInformationMessage(vscode.l10n.t('Headroom wrote {0}.', written.join(', ')));
    for (const { target, result } of results) {
      if (result.status !== 'applied' && result.status !== 'nothingToApply') await this.reportProblem(target, result);
    }
  }

  /** Records, for each project written to, the rules its sections hold now (the lifecycle's state file; a failure is logged). */
  private async remember(targets: readonly ReviewTarget[]): Promise<void> {
    for (const project of new Set(targets.map((target) => target.project))) {
      const warning = await recordAppliedRules(project);
      if (warning) this.services.log.warn(`rule history: ${warning}`);
    }
  }

  /** A file not written: re-planned (warning, and its new diff shown), or an error. */
  private async reportProblem(target: ReviewTarget, result: ApplyTargetResult): Promise<void> {
    if (result.status === 'replanned') {
      void vscode.window.showWarningMessage(result.message);
      await this.showDiff(target);
    } else {
      void vscode.window.showErrorMessage(result.message);
    }
  }
}
