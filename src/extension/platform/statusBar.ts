import * as vscode from 'vscode';
import { summariseAnalyzers } from '../review/analyzerSummary.js';
import type { LearnActivity, ReviewModel } from '../review/reviewModel.js';
import { Commands, showHeadroomViewCommand } from '../commands.js';

const STATUS_BAR_ID = 'headroom.status';

/** The commands the tooltip links to (all registered by this extension or VS Code itself). */
const TooltipCommands = {
  learn: Commands.learn,
  openReview: showHeadroomViewCommand,
  selectModel: Commands.selectModel,
  showLog: Commands.showLog,
} as const;

/** What the item shows now (in-host tests read it through the `testing` hooks). */
export interface StatusBarSnapshot {
  readonly visible: boolean;
  readonly text: string;
  readonly tooltip: string;
  readonly command: string | undefined;
  /** The ThemeColor id of the background, when one is set. */
  readonly background: string | undefined;
}

/** What the item shows: the review's activity, its run and the checked learnings. */
type StatusBarReview = Pick<ReviewModel, 'activity' | 'onDidChangeActivity' | 'onDidChange' | 'checkedCount' | 'run'>;

export interface StatusBarServices {
  readonly review: StatusBarReview;
}

const noEvent: vscode.Event<never> = () => new vscode.Disposable(() => {});

/** The review before the main bundle has started: no run, nothing checked, nothing learning. */
export const NO_REVIEW_YET: StatusBarReview = {
  activity: { state: 'idle' },
  onDidChangeActivity: noEvent,
  onDidChange: noEvent,
  checkedCount: () => 0,
  run: undefined,
};

/**
 * One status bar item (rust-analyzer ctx.ts style): the number of checked learnings, a spinner while Learn runs,
 * the warning background when the last run failed, a tooltip with command links; hidden without a workspace folder.
 */
export class HeadroomStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private reviewSubscriptions: vscode.Disposable[] = [];
  private background: string | undefined;

  constructor(private services: StatusBarServices) {
    this.item = vscode.window.createStatusBarItem(STATUS_BAR_ID, vscode.StatusBarAlignment.Left, 10);
    this.item.name = vscode.l10n.t('Headroom Learn');
    this.disposables.push(this.item, vscode.workspace.onDidChangeWorkspaceFolders(() => this.update()));
    this.follow(services.review);
  }

  /** Shows `review` from now on (the entry creates the item over NO_REVIEW_YET; the main bundle hands it the review). */
  follow(review: StatusBarReview): void {
    for (const subscription of this.reviewSubscriptions.splice(0)) subscription.dispose();
    this.services = { review };
    this.reviewSubscriptions = [review.onDidChange(() => this.update()), review.onDidChangeActivity(() => this.update())];
    this.update();
  }

  private update(): void {
    const { review } = this.services;
    const activity: LearnActivity = review.activity;
    const checked = review.checkedCount();
    const item = this.item;
    if (activity.state === 'learning') {
      item.text = `$(loading~spin) ${vscode.l10n.t('Headroom: learning…')}`;
      this.background = undefined;
      item.command = undefined;
    } else if (activity.state === 'failed') {
      item.text = `$(warning) ${vscode.l10n.t('Headroom')}`;
      this.background = 'statusBarItem.warningBackground';
      item.command = TooltipCommands.showLog;
    } else {
      // The badge's number: checked learnings summed over the files they go to.
      item.text = review.run ? `$(lightbulb) ${vscode.l10n.t('Headroom: {0} checked', checked)}` : `$(lightbulb) ${vscode.l10n.t('Headroom')}`;
      this.background = undefined;
      item.command = review.run ? TooltipCommands.openReview : TooltipCommands.learn;
    }
    item.backgroundColor = this.background ? new vscode.ThemeColor(this.background) : undefined;
    item.accessibilityInformation = { label: this.summary(activity, checked) };
    item.tooltip = this.tooltip(activity, checked);
    if ((vscode.workspace.workspaceFolders ?? []).length > 0) item.show();
    else item.hide();
  }

  private summary(activity: LearnActivity, checked: number): string {
    if (activity.state === 'learning') return vscode.l10n.t('Headroom Learn is learning from agent sessions');
    if (activity.state === 'failed') return vscode.l10n.t('Headroom Learn: the last run failed');
    if (!this.services.review.run) return vscode.l10n.t('Headroom Learn: no run yet');
    return checked === 1 ? vscode.l10n.t('Headroom Learn: 1 learning checked') : vscode.l10n.t('Headroom Learn: {0} learnings checked', checked);
  }

  private tooltip(activity: LearnActivity, checked: number): vscode.MarkdownString {
    // Trusted only for our own command links; the failure message is appended as text.
    const tooltip = new vscode.MarkdownString('', true);
    tooltip.isTrusted = { enabledCommands: Object.values(TooltipCommands) };
    tooltip.appendMarkdown(`**${vscode.l10n.t('Headroom Learn')}**\n\n`);
    if (activity.state === 'failed') tooltip.appendMarkdown('$(warning) ').appendText(activity.message).appendMarkdown('\n\n');
    else tooltip.appendText(this.summary(activity, checked)).appendMarkdown('\n\n');
    // Which analyzer wrote the rules and why, in full (the review view's message only names it).
    const run = this.services.review.run;
    if (run && activity.state === 'idle') {
      for (const reason of summariseAnalyzers(run.projects.map((p) => p.result.analyzer)).reasons) {
        tooltip.appendText(vscode.l10n.t('Analyzer: {0}', reason)).appendMarkdown('\n\n');
      }
    }
    const link = (icon: string, label: string, command: string) => `[$(${icon}) ${label}](command:${command})`;
    tooltip.appendMarkdown(
      [
        link('sparkle', vscode.l10n.t('Learn'), TooltipCommands.learn),
        link('list-tree', vscode.l10n.t('Open review'), TooltipCommands.openReview),
        link('hubot', vscode.l10n.t('Select Model'), TooltipCommands.selectModel),
        link('output', vscode.l10n.t('Show Log'), TooltipCommands.showLog),
      ].join(' · '),
    );
    return tooltip;
  }

  get snapshot(): StatusBarSnapshot {
    const tooltip = this.item.tooltip;
    return {
      visible: (vscode.workspace.workspaceFolders ?? []).length > 0,
      text: this.item.text,
      tooltip: tooltip instanceof vscode.MarkdownString ? tooltip.value : (tooltip ?? ''),
      command: typeof this.item.command === 'string' ? this.item.command : this.item.command?.command,
      background: this.background,
    };
  }

  dispose(): void {
    for (const disposable of [...this.reviewSubscriptions.splice(0), ...this.disposables.splice(0)]) disposable.dispose();
  }
}

/** Creates the status bar item; returned so the in-host tests can read it. */
export function registerStatusBar(context: vscode.ExtensionContext, services: StatusBarServices): HeadroomStatusBar {
  const statusBar = new HeadroomStatusBar(services);
  context.subscriptions.push(statusBar);
  return statusBar;
}
