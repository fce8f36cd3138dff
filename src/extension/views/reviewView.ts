import * as vscode from 'vscode';
import type { LearnStatus } from '../learn/learnCommands.js';
import { restrictedModeMessage } from '../platform/workspaceTrust.js';
import { summariseAnalyzers } from '../review/analyzerSummary.js';
import { sessionCount, type ReviewProject } from '../review/reviewModel.js';
import type { HeadroomServices } from '../services.js';
import { LearningsTreeDataProvider } from './learningsTree.js';
import type { ReviewNode } from './reviewNodes.js';

/** Context keys for when-clauses (package.json menus and enablement). */
const ContextKeys = {
  hasProposals: 'headroom.hasProposals',
  hasChanges: 'headroom.hasChanges',
  learning: 'headroom.learning',
} as const;

/**
 * The review tree view and its state: the one-line message, the badge (checked rules, each once), the context
 * keys, and the checkboxes (a rule checked or unchecked for every file of its project).
 */
export class ReviewView implements vscode.Disposable {
  readonly tree: LearningsTreeDataProvider;
  readonly treeView: vscode.TreeView<ReviewNode>;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly services: Pick<HeadroomServices, 'review' | 'trust' | 'host'>,
    private readonly learnStatus: () => LearnStatus,
  ) {
    this.tree = new LearningsTreeDataProvider(services.review);
    // The tree view itself is the entry's (created at activation, empty until this provider is attached).
    this.treeView = services.host.reviewTree;
    this.disposables = [
      this.tree,
      services.host.registerReviewTreeDataProvider(this.tree),
      this.treeView.onDidChangeCheckboxState((event) => void this.onCheckboxes(event)),
      services.review.onDidChange(() => void this.update()),
      services.trust.onDidGrantTrust(() => void this.update()),
    ];
    void this.update();
  }

  get message(): string | undefined {
    return this.treeView.message;
  }

  get selection(): readonly ReviewNode[] {
    return this.treeView.selection;
  }

  /** Sets the message, the badge and the context keys from the review and the Learn status. */
  async update(): Promise<void> {
    const { review } = this.services;
    const checked = review.checkedCount();
    this.treeView.badge = checked > 0 ? { value: checked, tooltip: vscode.l10n.t('{0} learnings checked', checked) } : undefined;
    this.treeView.message = this.currentMessage();
    const targets = review.targets();
    await Promise.all([
      setContext(ContextKeys.learning, this.learnStatus().running),
      setContext(ContextKeys.hasProposals, targets.length > 0),
      setContext(ContextKeys.hasChanges, targets.some((t) => t.proposal.changed && !t.proposal.error)),
    ]);
  }

  private currentMessage(): string | undefined {
    const { running, last } = this.learnStatus();
    const run = this.services.review.run;
    if (!this.services.trust.isTrusted) return restrictedModeMessage();
    if (running) return vscode.l10n.t('Learning from agent sessions…');
    if (last?.status === 'failed') return last.notices[0]?.message;
    if (!run) return undefined;
    const learnings = run.projects.reduce((sum, project) => sum + project.result.learnings.length, 0);
    const sessions = sessionCount(run.projects);
    // One short line: which analyzer, not why. The full reason ("offline, because openai failed …") is in the
    // status bar's tooltip, the log and the stats dashboard.
    const analyzers = summariseAnalyzers(run.projects.map((p) => p.result.analyzer)).names.join(', ');
    if (learnings === 0) return vscode.l10n.t('Nothing to learn yet: no repeated failure in {0} sessions · analyzer: {1}', sessions, analyzers);
    if (learnings === 1) return vscode.l10n.t('1 learning from {0} sessions · analyzer: {1}', sessions, analyzers);
    return vscode.l10n.t('{0} learnings from {1} sessions · analyzer: {2}', learnings, sessions, analyzers);
  }

  private async onCheckboxes(event: vscode.TreeCheckboxChangeEvent<ReviewNode>): Promise<void> {
    const changes = new Map<ReviewProject, Array<{ ruleId: string; checked: boolean }>>();
    for (const [node, state] of event.items) {
      const checked = state === vscode.TreeItemCheckboxState.Checked;
      // Toggling one of several selected rules toggles them all (GHPRI treeUtils.processCheckboxUpdates).
      const nodes = this.treeView.selection.includes(node) ? this.treeView.selection : [node];
      for (const each of nodes) {
        const ruleId = each.kind === 'learning' ? each.learning.id : each.kind === 'rule' ? each.rule.id : undefined;
        if (ruleId === undefined || (each.kind !== 'learning' && each.kind !== 'rule')) continue;
        const list = changes.get(each.project) ?? [];
        changes.set(each.project, [...list, { ruleId, checked }]);
      }
    }
    for (const [project, list] of changes) await this.services.review.setChecked(project, list);
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}

function setContext(key: string, value: unknown): Thenable<unknown> {
  return vscode.commands.executeCommand('setContext', key, value);
}
