import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ReviewModel, ReviewTarget } from '../learn/reviewModel';
import { WebviewChannel } from '../protocol/hostChannel';
import { diffToHostTypes, type DiffProtocol, type DiffStateMessage } from '../protocol/diffProtocol';
import { escapeHtml, renderWebviewHtml, webviewResourceRoots } from '../protocol/webviewHtml';
import { lineDiff } from './lineDiff';

export const diffViewType = 'headroom.diff';

export interface DiffPanelActions {
  /** Applies the target's checked learnings (the tree's Apply does the same). */
  apply(target: ReviewTarget): Promise<void>;
  openNativeDiff(target: ReviewTarget): Promise<void>;
}

/**
 * The review diff beside the tree: one panel that shows one target file at a time, the current marker section
 * against the section proposed for the checked learnings, re-sent whenever the plan changes.
 */
export class DiffPanel implements vscode.Disposable {
  private static current: DiffPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly channel: WebviewChannel<DiffProtocol>;
  private busy = false;

  /** Shows the panel for a target (creating it beside the active editor), or moves the open one to it. */
  static show(target: ReviewTarget, model: ReviewModel, extensionUri: vscode.Uri, actions: DiffPanelActions): DiffPanel {
    if (DiffPanel.current) {
      DiffPanel.current.setTarget(target);
      DiffPanel.current.panel.reveal(vscode.ViewColumn.Beside, true);
      return DiffPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(
      diffViewType,
      DiffPanel.titleFor(target),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: webviewResourceRoots(extensionUri) },
    );
    DiffPanel.current = new DiffPanel(panel, target, model, extensionUri, actions);
    return DiffPanel.current;
  }

  /** The open panel, if any (tests and the stats dashboard's "open diff" link). */
  static get open(): DiffPanel | undefined {
    return DiffPanel.current;
  }

  private static titleFor(target: ReviewTarget): string {
    return vscode.l10n.t('Headroom: {0}', path.basename(target.path));
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private target: ReviewTarget,
    private readonly model: ReviewModel,
    extensionUri: vscode.Uri,
    private readonly actions: DiffPanelActions,
  ) {
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'headroom.svg');
    this.channel = new WebviewChannel<DiffProtocol>(panel.webview, diffToHostTypes);
    this.disposables.push(
      this.channel,
      panel.onDidDispose(() => this.dispose()),
      this.channel.onDidBecomeReady(() => this.sendState()),
      this.channel.onDidReceiveMessage((message) => {
        if (message.type === 'apply') void this.apply();
        else if (message.type === 'openNativeDiff') void this.actions.openNativeDiff(this.target);
      }),
      model.onDidChange((changed) => {
        if (!changed) {
          // A new run: follow this file if it is still proposed, else close.
          const same = model.target(this.target.id);
          if (same) this.setTarget(same);
          else panel.dispose();
        } else if (changed === this.target) {
          this.sendState();
        }
      }),
    );
    panel.webview.html = renderWebviewHtml({
      webview: panel.webview,
      extensionUri,
      title: DiffPanel.titleFor(target),
      script: ['media', 'dist', 'diff.js'],
      styles: [['media', 'diff', 'diff.css']],
      body: `<main id="app" aria-live="polite"><p class="loading">${escapeHtml(vscode.l10n.t('Loading…'))}</p></main>`,
    });
  }

  get targetId(): string {
    return this.target.id;
  }

  /** What the panel shows now (in-host tests read it). */
  get state(): DiffStateMessage {
    return this.buildState();
  }

  setTarget(target: ReviewTarget): void {
    this.target = target;
    this.panel.title = DiffPanel.titleFor(target);
    this.sendState();
  }

  private async apply(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.sendState();
    try {
      await this.actions.apply(this.target);
    } finally {
      this.busy = false;
      this.sendState();
    }
  }

  private sendState(): void {
    this.channel.post(this.buildState());
  }

  private buildState(): DiffStateMessage {
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
      notes.push({ severity: 'info', text: vscode.l10n.t('This file is outside the workspace; {0} reads it from there.', this.target.agent.displayName) });
    }
    const checked = this.target.checked.size;
    if (checked === 0 && !proposal.error) notes.push({ severity: 'info', text: vscode.l10n.t('No learnings are checked for this file.') });
    const lines = proposal.error ? [] : lineDiff(proposal.currentSection ?? '', proposal.proposedSection ?? proposal.currentSection ?? '');
    return {
      type: 'state',
      title: vscode.l10n.t('{0} — {1}', path.basename(proposal.path), this.target.agent.displayName),
      path: proposal.path,
      notes,
      lines,
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

  dispose(): void {
    if (DiffPanel.current === this) DiffPanel.current = undefined;
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    this.panel.dispose();
  }
}
