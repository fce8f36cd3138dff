import * as path from 'node:path';
import * as vscode from 'vscode';
import { checkedLearningsFor, readerNames, type ReviewModel, type ReviewTarget } from '../review/reviewModel.js';
import { WebviewChannel } from '../webviews/hostChannel.js';
import { diffToHostTypes, isDiffWebviewState, type DiffProtocol, type DiffStateMessage } from '../../webview/protocol/diffProtocol.js';
import { escapeHtml, renderWebviewHtml, webviewResourceRoots } from '../webviews/webviewHtml.js';
import { addedRulesBacktest } from './diffBacktest.js';
import { lineDiff } from './lineDiff.js';
import { diffPanelViewType } from '../commands.js';
import type { HostRegistrations } from '../activation/hostRegistrations.js';

export interface DiffPanelActions {
  /** Applies the target's plan (the tree's Apply does the same). */
  apply(target: ReviewTarget): Promise<void>;
  openNativeDiff(target: ReviewTarget): Promise<void>;
}

/**
 * The review diff beside the tree: one panel that shows one target file at a time, the current marker section
 * against the section proposed for the checked learnings, re-sent whenever the plan changes.
 * It survives a window reload: the page keeps its last state (setState), VS Code hands it to the serializer,
 * and the revived panel shows it (read-only) until a Learn run proposes that file again.
 */
export class DiffPanel implements vscode.Disposable {
  private static current: DiffPanel | undefined;
  private static context: { model: ReviewModel; extensionUri: vscode.Uri; actions: DiffPanelActions } | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly channel: WebviewChannel<DiffProtocol>;
  private busy = false;
  /** The target shown; undefined for a panel restored after a reload whose file is not in the review (yet). */
  private target: ReviewTarget | undefined;
  private readonly shownId: { id: string };
  /** What a restored panel showed before the reload, shown until its target is back. */
  private restored: DiffStateMessage | undefined;

  /**
   * Registers the serializer that restores the panel after a window reload (package.json activates the extension
   * on `onWebviewPanel:headroom.diff`). Call once; the actions are those of a panel opened from the tree.
   */
  static register(host: Pick<HostRegistrations, 'registerDiffPanelSerializer'>, model: ReviewModel, extensionUri: vscode.Uri, actions: DiffPanelActions): vscode.Disposable {
    DiffPanel.context = { model, extensionUri, actions };
    return host.registerDiffPanelSerializer({
      deserializeWebviewPanel: async (panel, state) => void DiffPanel.revive(panel, state),
    });
  }

  /** A panel VS Code restored (or a test made): shows its saved state, attached to its target when the review has it. */
  static revive(panel: vscode.WebviewPanel, state: unknown): DiffPanel | undefined {
    const context = DiffPanel.context;
    if (!context || !isDiffWebviewState(state)) {
      // Nothing usable to show: an empty panel after a reload helps no one.
      panel.dispose();
      return undefined;
    }
    panel.webview.options = { enableScripts: true, localResourceRoots: webviewResourceRoots(context.extensionUri) };
    DiffPanel.current?.dispose();
    const target = context.model.target(state.shown.targetId);
    DiffPanel.current = new DiffPanel(panel, target, context.model, context.extensionUri, context.actions, target ? undefined : state.shown);
    return DiffPanel.current;
  }

  /** Shows the panel for a target (creating it beside the active editor), or moves the open one to it. */
  static show(target: ReviewTarget, model: ReviewModel, extensionUri: vscode.Uri, actions: DiffPanelActions): DiffPanel {
    if (DiffPanel.current) {
      DiffPanel.current.setTarget(target);
      DiffPanel.current.panel.reveal(vscode.ViewColumn.Beside, true);
      return DiffPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(
      diffPanelViewType,
      DiffPanel.titleFor(target),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: webviewResourceRoots(extensionUri) },
    );
    DiffPanel.current = new DiffPanel(panel, target, model, extensionUri, actions, undefined);
    return DiffPanel.current;
  }

  /** The open panel, if any (tests and the stats dashboard's "open diff" link). */
  static get open(): DiffPanel | undefined {
    return DiffPanel.current;
  }

  private static titleFor(target: { path: string }): string {
    return vscode.l10n.t('Headroom: {0}', path.basename(target.path));
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    target: ReviewTarget | undefined,
    private readonly model: ReviewModel,
    extensionUri: vscode.Uri,
    private readonly actions: DiffPanelActions,
    restored: DiffStateMessage | undefined,
  ) {
    this.target = target;
    this.restored = restored;
    this.shownId = { id: target?.id ?? restored?.targetId ?? '' };
    const titleSource = target ?? restored!;
    panel.title = DiffPanel.titleFor(titleSource);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'headroom.svg');
    this.channel = new WebviewChannel<DiffProtocol>(panel.webview, diffToHostTypes);
    this.disposables.push(
      this.channel,
      panel.onDidDispose(() => this.dispose()),
      this.channel.onDidBecomeReady(() => this.sendState()),
      this.channel.onDidReceiveMessage((message) => {
        if (!this.target) return;
        if (message.type === 'apply') void this.apply();
        else if (message.type === 'openNativeDiff') void this.actions.openNativeDiff(this.target);
      }),
      model.onDidChange((changed) => {
        if (!changed) {
          // A new run: follow this file if it is still proposed, else close (a restored panel waits for its file).
          const same = model.target(this.shownId.id);
          if (same) this.setTarget(same);
          else if (this.target) panel.dispose();
        } else if (changed === this.target?.project) {
          this.sendState();
        }
      }),
    );
    panel.webview.html = renderWebviewHtml({
      webview: panel.webview,
      extensionUri,
      title: DiffPanel.titleFor(titleSource),
      script: ['media', 'dist', 'diff.js'],
      styles: [['media', 'webview.css'], ['media', 'diff', 'diff.css']],
      body: `<main id="app" aria-live="polite"><p class="loading">${escapeHtml(vscode.l10n.t('Loading…'))}</p></main>`,
    });
  }

  get targetId(): string {
    return this.shownId.id;
  }

  /** What the panel shows now (in-host tests read it). */
  get state(): DiffStateMessage {
    return this.buildState();
  }

  setTarget(target: ReviewTarget): void {
    this.target = target;
    this.restored = undefined;
    this.shownId.id = target.id;
    this.panel.title = DiffPanel.titleFor(target);
    this.sendState();
  }

  private async apply(): Promise<void> {
    if (this.busy || !this.target) return;
    this.busy = true;
    this.sendState();
    try {
      await this.actions.apply(this.target!);
    } finally {
      this.busy = false;
      this.sendState();
    }
  }

  private sendState(): void {
    this.channel.post(this.buildState());
  }

  private buildState(): DiffStateMessage {
    if (!this.target) return this.restoredState(this.restored!);
    const { proposal } = this.target;
    const notes: Array<DiffStateMessage['notes'][number]> = [];
    if (this.target.notice) notes.push({ severity: 'warning', text: this.target.notice });
    if (proposal.error) {
      notes.push({ severity: 'error', text: proposal.error.message });
    } else {
      if (!proposal.exists) notes.push({ severity: 'info', text: vscode.l10n.t('{0} does not exist yet: Apply creates it with this section.', path.basename(proposal.path)) });
      for (const warning of proposal.warnings) notes.push({ severity: 'warning', text: warning });
    }
    if (this.target.outsideWorkspace) {
      notes.push({ severity: 'info', text: vscode.l10n.t('This file is outside the workspace; {0} reads it from there.', readerNames(this.target)) });
    }
    const checkedLearnings = checkedLearningsFor(this.target);
    const checked = checkedLearnings.length;
    if (checked === 0 && !proposal.error) notes.push({ severity: 'info', text: vscode.l10n.t('No learnings are checked for this file.') });
    const lines = proposal.error ? [] : lineDiff(proposal.currentSection ?? '', proposal.proposedSection ?? proposal.currentSection ?? '');
    return {
      type: 'state',
      targetId: this.target.id,
      title: vscode.l10n.t('{0} — {1}', path.basename(proposal.path), readerNames(this.target)),
      path: proposal.path,
      notes,
      lines,
      backtest: proposal.error ? undefined : addedRulesBacktest(this.target, checkedLearnings),
      canApply: !proposal.error && proposal.changed && !this.busy,
      busy: this.busy,
      labels: {
        apply: proposal.exists ? vscode.l10n.t('Apply') : vscode.l10n.t('Create file and apply'),
        nativeDiff: vscode.l10n.t('Open in diff editor'),
        current: vscode.l10n.t('Current section'),
        proposed: vscode.l10n.t('Proposed section ({0} checked)', checked),
        noChanges: vscode.l10n.t('No changes: the file already holds the checked learnings.'),
      },
    };
  }

  /** The state from before the reload, read-only, with a note saying how to get a live diff again. */
  private restoredState(shown: DiffStateMessage): DiffStateMessage {
    const note = {
      severity: 'info' as const,
      text: vscode.l10n.t('Restored after the window was reloaded: this is the diff as it was. Run Headroom: Learn again to review and apply it.'),
    };
    return { ...shown, notes: [note, ...shown.notes.filter((n) => n.text !== note.text)], canApply: false, busy: false, restored: true };
  }

  dispose(): void {
    if (DiffPanel.current === this) DiffPanel.current = undefined;
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    this.panel.dispose();
  }
}
