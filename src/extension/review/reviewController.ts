import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CallRef } from '../../core/model/finding.js';
import { applyTarget, type ApplyTargetResult } from '../apply/applyTarget.js';
import { DiffPanel } from '../diff/diffPanel.js';
import { openNativeDiff, proposedScheme, ProposedContentProvider } from '../diff/proposedContentProvider.js';
import type { HeadroomServices } from '../services.js';
import { LearningsTreeDataProvider, learningsViewId, showHeadroomViewCommand, snapshotTree, TreeCommands, type TreeSnapshotItem } from '../views/learningsTree.js';
import type { LearningNode, ReviewNode, TargetNode } from '../views/reviewNodes.js';
import { plainRule } from '../views/reviewNodes.js';
import { SessionExcerptProvider, sessionScheme } from '../views/sessionExcerptProvider.js';
import { learn, type LearnNotice, type LearnOutcome, type LearnRunOptions } from '../learn/learnRun.js';
import type { ReviewTarget } from './reviewModel.js';
import { summariseAnalyzers } from './analyzerSummary.js';
import { liveScanWorkers, startedScanWorkers } from '../learn/runInWorker.js';

export const ReviewCommands = {
  learn: 'headroom.learn',
  learnAll: 'headroom.learnAllProjects',
  reviewDiff: TreeCommands.reviewDiff,
  applySelected: 'headroom.applySelected',
  applyFile: 'headroom.applyFile',
  openNativeDiff: 'headroom.openNativeDiff',
  copyRule: 'headroom.copyRule',
  showEvidence: 'headroom.showEvidence',
  openEvidence: TreeCommands.openEvidence,
  refresh: 'headroom.refreshReview',
} as const;

/** Context keys for when-clauses (package.json menus). */
const ContextKeys = {
  hasProposals: 'headroom.hasProposals',
  hasChanges: 'headroom.hasChanges',
  learning: 'headroom.learning',
} as const;

/** An apply, or the trust gate's refusal (nothing written). */
export type ApplyOutcome = ApplyTargetResult | { readonly status: 'untrusted'; readonly message: string };

/** What the last Learn (or a refused one) told the user: its status, the analyzers and why, notifications shown. */
export interface LastLearnReport {
  status: LearnOutcome['status'];
  /** Each project's analyzer reason ("openai (gpt-4o-mini), because …"). */
  analyzers: string[];
  notices: LearnNotice[];
}

/**
 * The review flow driven without the UI. Test-only: it reaches other code only as `testing.review`, which exists
 * under extension tests alone (src/extension/api/testingHooks.ts); it is not part of the public API.
 */
export interface ReviewTestApi {
  /** Runs Learn on a folder (default: the workspace folder, picked in a multi-root workspace) or on every project. */
  learn(options?: { folder?: vscode.Uri; all?: boolean } & LearnRunOptions): Promise<LearnOutcome['status']>;
  /** The review tree as shown: agent → file → category → learning (checked) → evidence. */
  getReviewState(): ReviewState;
  /** Checks or unchecks a learning (or an existing rule, by its `rule:` id) in one file, as the tree's checkbox does. */
  setLearningChecked(filePath: string, learningId: string, checked: boolean): Promise<void>;
  /** Applies the checked learnings of one file (the diff panel's Apply). */
  applyFile(filePath: string): Promise<ApplyOutcome>;
  /** Opens the diff panel for a file and returns what it shows. */
  openDiff(filePath: string): Promise<DiffPanel['state']>;
  /** What the open diff panel shows, if one is open. */
  getDiffState(): DiffPanel['state'] | undefined;
  /** Scan workers alive now (0 after a cancelled run has stopped). */
  liveScanWorkers(): number;
  /** Scan workers started since activation (unchanged by a run the trust gate refused). */
  startedScanWorkers(): number;
  /** The last Learn's status, analyzers and notifications (undefined before the first). */
  lastLearn(): LastLearnReport | undefined;
}

/** Why nothing ran: shown in the view (the trust gate's notification says it too). */
function untrustedMessage(): string {
  return vscode.l10n.t('Restricted Mode: Headroom Learn reads no agent sessions, runs no analyzer and writes no file until you trust this workspace.');
}

export interface ReviewState {
  running: boolean;
  badge: number;
  message?: string;
  targets: Array<{ path: string; agent: string; exists: boolean; changed: boolean; error?: string; outsideWorkspace: boolean; checked: string[]; learnings: Array<{ id: string; text: string; category: string; evidence: CallRef[] }>; existingRules: Array<{ id: string; text: string; category: string; kept: boolean }>; proposedText?: string; currentText?: string }>;
  tree: TreeSnapshotItem[];
}

/** The Learn flow, the review tree, the diff panel and Apply: commands, view and their state. */
export class ReviewController implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly tree: LearningsTreeDataProvider;
  private readonly view: vscode.TreeView<ReviewNode>;
  private readonly excerpts = new SessionExcerptProvider();
  private running = false;
  private last: LastLearnReport | undefined;

  constructor(private readonly services: HeadroomServices) {
    const { review } = services;
    this.tree = new LearningsTreeDataProvider(review);
    this.view = vscode.window.createTreeView(learningsViewId, {
      treeDataProvider: this.tree,
      manageCheckboxStateManually: true,
      canSelectMany: true,
      showCollapseAll: true,
    });
    const proposed = new ProposedContentProvider(review);
    this.disposables.push(
      this.tree,
      this.view,
      proposed,
      vscode.workspace.registerTextDocumentContentProvider(proposedScheme, proposed),
      vscode.workspace.registerTextDocumentContentProvider(sessionScheme, this.excerpts),
      this.view.onDidChangeCheckboxState((event) => void this.onCheckboxes(event)),
      review.onDidChange(() => this.updateViewState()),
      services.trust.onDidGrantTrust(() => this.updateViewState()),
      vscode.commands.registerCommand(ReviewCommands.learn, (folder?: unknown) => this.learnCommand(folder instanceof vscode.Uri ? folder : undefined)),
      vscode.commands.registerCommand(ReviewCommands.learnAll, () => this.runLearn({ kind: 'all' }, { userInitiated: true })),
      vscode.commands.registerCommand(ReviewCommands.reviewDiff, (node?: ReviewNode) => this.reviewDiff(node)),
      vscode.commands.registerCommand(ReviewCommands.applySelected, () => this.applySelected()),
      vscode.commands.registerCommand(ReviewCommands.applyFile, (node?: ReviewNode) => this.applyFileCommand(node)),
      vscode.commands.registerCommand(ReviewCommands.openNativeDiff, (node?: ReviewNode) => this.nativeDiff(node)),
      vscode.commands.registerCommand(ReviewCommands.copyRule, (node?: ReviewNode) => this.copyRule(node)),
      vscode.commands.registerCommand(ReviewCommands.showEvidence, (node?: ReviewNode) => this.showEvidence(node)),
      vscode.commands.registerCommand(ReviewCommands.openEvidence, (ref: CallRef) => this.excerpts.open(ref)),
      vscode.commands.registerCommand(ReviewCommands.refresh, () => this.refresh()),
      DiffPanel.register(review, services.extensionUri, this.diffActions),
    );
    this.updateViewState();
  }

  // ---- Learn ----

  private async learnCommand(folder?: vscode.Uri): Promise<void> {
    const chosen = folder ?? (await this.pickFolder());
    if (!chosen) return;
    await this.runLearn({ kind: 'project', folder: chosen }, { userInitiated: true });
  }

  private async pickFolder(): Promise<vscode.Uri | undefined> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length === 1) return folders[0]!.uri;
    if (folders.length > 1) {
      const folder = await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Learn from the agent sessions of which folder?') });
      return folder?.uri;
    }
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('Open a folder to learn from its agent sessions, or learn from every project that has sessions.'),
      vscode.l10n.t('Learn All Projects'),
    );
    if (choice) await this.runLearn({ kind: 'all' }, { userInitiated: true });
    return undefined;
  }

  /** Learn and Learn All Projects, behind the trust gate: in an untrusted workspace nothing is scanned or run. */
  async runLearn(scope: Parameters<typeof learn>[0], options: LearnRunOptions = {}): Promise<LearnOutcome['status']> {
    const what = scope.kind === 'all' ? vscode.l10n.t('Headroom: Learn All Projects') : vscode.l10n.t('Headroom: Learn');
    const gated = await this.services.trust.runIfTrusted(what, () => this.runTrustedLearn(scope, options));
    if (gated.ran) return gated.value;
    this.last = { status: 'untrusted', analyzers: [], notices: [{ severity: 'warning', message: untrustedMessage() }] };
    this.updateViewState();
    return 'untrusted';
  }

  private async runTrustedLearn(scope: Parameters<typeof learn>[0], options: LearnRunOptions): Promise<LearnOutcome['status']> {
    if (this.running) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Headroom Learn is already running.'));
      return 'failed';
    }
    this.running = true;
    this.services.review.setActivity({ state: 'learning' });
    await this.setContext(ContextKeys.learning, true);
    this.view.message = vscode.l10n.t('Learning from agent sessions…');
    await vscode.commands.executeCommand(showHeadroomViewCommand);
    try {
      const outcome = await learn(scope, this.services, options);
      this.services.review.setActivity(outcome.status === 'failed' ? { state: 'failed', message: outcome.message } : { state: 'idle' });
      this.report(outcome);
      return outcome.status;
    } finally {
      this.running = false;
      if (this.services.review.activity.state === 'learning') this.services.review.setActivity({ state: 'idle' });
      await this.setContext(ContextKeys.learning, false);
      this.updateViewState();
    }
  }

  /** Tells the user how the run went: failures and analyzer fallbacks as error notifications (with Show Log). */
  private report(outcome: LearnOutcome): void {
    const notices: LearnNotice[] = outcome.status === 'failed' ? [{ severity: 'error', message: outcome.message }] : outcome.status === 'done' ? [...outcome.notices] : [];
    const analyzers = outcome.status === 'done' ? [...new Set(outcome.run.projects.map((p) => p.result.analyzer.reason))] : [];
    this.last = { status: outcome.status, analyzers, notices };
    const showLog = vscode.l10n.t('Show Log');
    for (const notice of notices) {
      const show = notice.severity === 'error' ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
      void show(notice.message, showLog).then((choice) => choice && this.services.log.show());
    }
    if (outcome.status === 'done') this.announce(outcome.run);
  }

  private announce(run: NonNullable<typeof this.services.review.run>): void {
    const sessions = run.projects.reduce((sum, p) => sum + p.result.agents.reduce((s, a) => s + a.stats.sessions, 0), 0);
    if (sessions === 0) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('No Claude Code, Codex CLI or Gemini CLI sessions were found for this project. Sessions are read from ~/.claude (or $CLAUDE_CONFIG_DIR), ~/.codex (or $CODEX_HOME) and ~/.gemini (or $GEMINI_CLI_HOME).'),
      );
    }
  }

  // ---- Tree state ----

  private updateViewState(): void {
    const { review } = this.services;
    const run = review.run;
    const checked = review.checkedCount();
    this.view.badge = checked > 0 ? { value: checked, tooltip: vscode.l10n.t('{0} learnings checked', checked) } : undefined;
    if (!this.services.trust.isTrusted) {
      this.view.message = untrustedMessage();
    } else if (this.running) {
      this.view.message = vscode.l10n.t('Learning from agent sessions…');
    } else if (this.last && this.last.status === 'failed') {
      this.view.message = this.last.notices[0]?.message;
    } else if (!run) {
      this.view.message = undefined;
    } else {
      const learnings = new Set(run.projects.flatMap((p) => p.result.learnings.map((l) => `${p.projectPath}:${l.id}`))).size;
      const sessions = run.projects.reduce((sum, p) => sum + p.result.agents.reduce((s, a) => s + a.stats.sessions, 0), 0);
      // One short line: which analyzer, not why. The full reason ("offline, because openai failed …") is in the
      // status bar's tooltip, the log and the stats dashboard.
      const analyzers = summariseAnalyzers(run.projects.map((p) => p.result.analyzer)).names.join(', ');
      this.view.message =
        learnings === 0
          ? vscode.l10n.t('Nothing to learn yet: no repeated failure in {0} sessions · analyzer: {1}', sessions, analyzers)
          : learnings === 1
            ? vscode.l10n.t('1 learning from {0} sessions · analyzer: {1}', sessions, analyzers)
            : vscode.l10n.t('{0} learnings from {1} sessions · analyzer: {2}', learnings, sessions, analyzers);
    }
    const targets = review.targets();
    void this.setContext(ContextKeys.hasProposals, targets.length > 0);
    void this.setContext(ContextKeys.hasChanges, targets.some((t) => t.proposal.changed && !t.proposal.error));
  }

  private setContext(key: string, value: unknown): Thenable<unknown> {
    return vscode.commands.executeCommand('setContext', key, value);
  }

  private async onCheckboxes(event: vscode.TreeCheckboxChangeEvent<ReviewNode>): Promise<void> {
    const changes: Array<{ target: ReviewTarget; learningId: string; checked: boolean }> = [];
    for (const [node, state] of event.items) {
      const checked = state === vscode.TreeItemCheckboxState.Checked;
      // Toggling one of several selected learnings toggles them all (GHPRI treeUtils.processCheckboxUpdates).
      const nodes = this.view.selection.includes(node) ? this.view.selection : [node];
      for (const each of nodes) {
        if (each.kind === 'learning') changes.push({ target: each.target, learningId: each.learning.id, checked });
        else if (each.kind === 'rule') changes.push({ target: each.target, learningId: each.rule.id, checked });
      }
    }
    await this.services.review.setChecked(changes);
    this.updateViewState();
  }

  // ---- Diff ----

  private targetOf(node?: ReviewNode): ReviewTarget | undefined {
    if (node && 'target' in node) return node.target;
    const selected = this.view.selection.find((n): n is ReviewNode & { target: ReviewTarget } => 'target' in n);
    if (selected) return selected.target;
    const open = DiffPanel.open && this.services.review.target(DiffPanel.open.targetId);
    return open || this.services.review.targets().find((t) => t.proposal.changed) || this.services.review.targets()[0];
  }

  private async reviewDiff(node?: ReviewNode): Promise<DiffPanel | undefined> {
    const target = this.targetOf(node);
    if (!target) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to review yet: run Headroom: Learn first.'));
      return undefined;
    }
    return DiffPanel.show(target, this.services.review, this.services.extensionUri, this.diffActions);
  }

  private readonly diffActions = {
    apply: async (t: ReviewTarget) => void (await this.applyAndReport(t)),
    openNativeDiff: (t: ReviewTarget) => openNativeDiff(t),
  };

  private async nativeDiff(node?: ReviewNode): Promise<void> {
    const target = this.targetOf(node);
    if (target) await openNativeDiff(target);
  }

  // ---- Apply ----

  private async applyFileCommand(node?: ReviewNode): Promise<void> {
    const target = this.targetOf(node);
    if (target) await this.applyAndReport(target);
  }

  /** Apply (one file) behind the trust gate: in an untrusted workspace nothing is written. */
  private async applyAndReport(target: ReviewTarget): Promise<ApplyOutcome> {
    const gated = await this.services.trust.runIfTrusted(vscode.l10n.t('Headroom: Apply'), () => this.applyTrusted(target));
    return gated.ran ? gated.value : { status: 'untrusted', message: untrustedMessage() };
  }

  private async applyTrusted(target: ReviewTarget): Promise<ApplyTargetResult> {
    const result = await applyTarget(target, this.services.review, this.services.log);
    if (result.status === 'applied') {
      // Show the written file (the edit is on its undo stack there).
      await vscode.window.showTextDocument(target.uri, { preview: true, viewColumn: vscode.ViewColumn.One, preserveFocus: true });
      void vscode.window.showInformationMessage(result.message);
    } else if (result.status === 'nothingToApply') void vscode.window.showInformationMessage(result.message);
    else if (result.status === 'replanned') {
      void vscode.window.showWarningMessage(result.message);
      await this.reviewDiff(this.tree.targetNode(target));
    } else void vscode.window.showErrorMessage(result.message);
    this.updateViewState();
    return result;
  }

  /** Apply Selected Learnings behind the trust gate. */
  private async applySelected(): Promise<void> {
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
    const written = results.filter((r) => r.result.status === 'applied').map((r) => path.basename(r.target.path));
    const problems = results.filter((r) => r.result.status !== 'applied' && r.result.status !== 'nothingToApply');
    if (written.length > 0) void vscode.window.showInformationMessage(vscode.l10n.t('Headroom wrote {0}.', written.join(', ')));
    for (const { target, result } of problems) {
      if (result.status === 'replanned') {
        void vscode.window.showWarningMessage(result.message);
        await this.reviewDiff(this.tree.targetNode(target));
      } else void vscode.window.showErrorMessage(result.message);
    }
    this.updateViewState();
  }

  private async refresh(): Promise<void> {
    for (const target of this.services.review.targets()) await this.services.review.replan(target);
    this.updateViewState();
  }

  // ---- Learning items ----

  private async copyRule(node?: ReviewNode): Promise<void> {
    const learning = node?.kind === 'learning' ? node : this.view.selection.find((n): n is LearningNode => n.kind === 'learning');
    if (!learning) return;
    await vscode.env.clipboard.writeText(`- ${learning.learning.text}`);
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied: {0}', plainRule(learning.learning.text).slice(0, 60)), 3000);
  }

  private async showEvidence(node?: ReviewNode): Promise<void> {
    const learning = node?.kind === 'learning' ? node : this.view.selection.find((n): n is LearningNode => n.kind === 'learning');
    if (!learning) return;
    const [first] = this.tree.getChildren(learning);
    if (first) await this.view.reveal(first, { expand: true, focus: true, select: true });
    const ref = learning.learning.evidence.find((e) => e.outcome !== 'ok') ?? learning.learning.evidence[0];
    if (ref) await this.excerpts.open(ref);
  }

  // ---- API ----

  testApi(): ReviewTestApi {
    const { review } = this.services;
    const byPath = (filePath: string): ReviewTarget => {
      const target = review.targets().find((t) => t.path === filePath);
      if (!target) throw new Error(`No review target ${filePath}`);
      return target;
    };
    return {
      learn: async (options = {}) => {
        if (options.all) return this.runLearn({ kind: 'all' }, options);
        const folder = options.folder ?? (await this.pickFolder());
        return folder ? this.runLearn({ kind: 'project', folder }, options) : 'cancelled';
      },
      getReviewState: () => ({
        running: this.running,
        badge: review.checkedCount(),
        message: this.view.message,
        targets: review.targets().map((t) => ({
          path: t.path,
          agent: t.agent.name,
          exists: t.proposal.exists,
          changed: t.proposal.changed,
          error: t.proposal.error?.message,
          outsideWorkspace: t.outsideWorkspace,
          checked: [...t.checked],
          learnings: t.learnings.map((l) => ({ id: l.id, text: l.text, category: l.category, evidence: l.evidence })),
          existingRules: t.existingRules.map((r) => ({ id: r.id, text: r.text, category: r.category, kept: !t.dropped.has(r.id) })),
          proposedText: t.proposal.proposedText,
          currentText: t.proposal.currentText,
        })),
        tree: snapshotTree(this.tree),
      }),
      setLearningChecked: async (filePath, learningId, checked) => {
        await review.setChecked([{ target: byPath(filePath), learningId, checked }]);
        this.updateViewState();
      },
      applyFile: (filePath) => this.applyAndReport(byPath(filePath)),
      openDiff: async (filePath) => {
        const panel = await this.reviewDiff(this.tree.targetNode(byPath(filePath)));
        if (!panel) throw new Error('no diff panel');
        return panel.state;
      },
      getDiffState: () => DiffPanel.open?.state,
      liveScanWorkers,
      startedScanWorkers,
      lastLearn: () => this.last,
    };
  }

  dispose(): void {
    DiffPanel.open?.dispose();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}

/** Registers the Learn flow, the review tree, the diff panel and Apply; returns the hooks the in-host tests drive. */
export function registerReview(context: vscode.ExtensionContext, services: HeadroomServices): ReviewTestApi {
  const controller = new ReviewController(services);
  context.subscriptions.push(controller);
  return controller.testApi();
}

export type { TargetNode };
