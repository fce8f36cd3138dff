import * as vscode from 'vscode';
import { Commands, showHeadroomViewCommand } from '../commands.js';
import { restrictedModeMessage } from '../platform/workspaceTrust.js';
import { sessionCount, type ReviewRun } from '../review/reviewModel.js';
import type { HeadroomServices } from '../services.js';
import { learn, type LearnNotice, type LearnOutcome, type LearnRunOptions, type LearnScope } from './learnRun.js';

/** What the last Learn (or a refused one) told the user: its status, the analyzers and why, notifications shown. */
export interface LastLearnReport {
  status: LearnOutcome['status'];
  /** Each project's analyzer reason ("openai (gpt-4o-mini), because …"). */
  analyzers: string[];
  notices: LearnNotice[];
}

/** Whether Learn runs now and how the last one went (the review view's message follows it). */
export interface LearnStatus {
  readonly running: boolean;
  readonly last: LastLearnReport | undefined;
}

/** Headroom: Learn and Learn All Projects: the folder choice, the trust gate, one run at a time, and what the user is told. */
export class LearnCommands implements vscode.Disposable {
  private running = false;
  private last: LastLearnReport | undefined;
  private readonly disposables: vscode.Disposable[];

  /** `onStatusChange` updates the view; Learn waits for it (the `headroom.learning` context key) before it runs. */
  constructor(
    private readonly services: HeadroomServices,
    private readonly onStatusChange: () => Promise<void>,
  ) {
    this.disposables = [
      services.host.registerCommand(Commands.learn, (folder?: unknown) => this.learnFolder(folder instanceof vscode.Uri ? folder : undefined)),
      services.host.registerCommand(Commands.learnAllProjects, () => this.runLearn({ kind: 'all' }, { userInitiated: true })),
    ];
  }

  get status(): LearnStatus {
    return { running: this.running, last: this.last };
  }

  private async learnFolder(folder?: vscode.Uri): Promise<void> {
    const chosen = folder ?? (await this.pickFolder());
    if (!chosen) return;
    await this.runLearn({ kind: 'project', folder: chosen }, { userInitiated: true });
  }

  /** The workspace folder to learn: the only one, or the one the user picks; with none, offers Learn All Projects. */
  async pickFolder(): Promise<vscode.Uri | undefined> {
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
  async runLearn(scope: LearnScope, options: LearnRunOptions = {}): Promise<LearnOutcome['status']> {
    const what = scope.kind === 'all' ? vscode.l10n.t('Headroom: Learn All Projects') : vscode.l10n.t('Headroom: Learn');
    const gated = await this.services.trust.runIfTrusted(what, () => this.runTrustedLearn(scope, options));
    if (gated.ran) return gated.value;
    this.last = { status: 'untrusted', analyzers: [], notices: [{ severity: 'warning', message: restrictedModeMessage() }] };
    await this.onStatusChange();
    return 'untrusted';
  }

  private async runTrustedLearn(scope: LearnScope, options: LearnRunOptions): Promise<LearnOutcome['status']> {
    if (this.running) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Headroom Learn is already running.'));
      return 'failed';
    }
    const { review } = this.services;
    this.running = true;
    review.setActivity({ state: 'learning' });
    await this.onStatusChange();
    await vscode.commands.executeCommand(showHeadroomViewCommand);
    try {
      const outcome = await learn(scope, this.services, options);
      review.setActivity(outcome.status === 'failed' ? { state: 'failed', message: outcome.message } : { state: 'idle' });
      this.report(outcome);
      return outcome.status;
    } finally {
      this.running = false;
      if (review.activity.state === 'learning') review.setActivity({ state: 'idle' });
      await this.onStatusChange();
    }
  }

  /** Tells the user how the run went: failures and analyzer fallbacks as notifications (with Show Log). */
  private report(outcome: LearnOutcome): void {
    const notices: LearnNotice[] = outcome.status === 'failed' ? [{ severity: 'error', message: outcome.message }] : outcome.status === 'done' ? [...outcome.notices] : [];
    const analyzers = outcome.status === 'done' ? [...new Set(outcome.run.projects.map((p) => p.result.analyzer.reason))] : [];
    this.last = { status: outcome.status, analyzers, notices };
    const showLog = vscode.l10n.t('Show Log');
    for (const notice of notices) {
      const show = notice.severity === 'error' ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
      void show(notice.message, showLog).then((choice) => choice && this.services.log.show());
    }
    if (outcome.status === 'done') announceNoSessions(outcome.run);
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}

/** A run that found no session at all says where sessions are read from. */
function announceNoSessions(run: ReviewRun): void {
  if (sessionCount(run.projects) > 0) return;
  void vscode.window.showInformationMessage(
    vscode.l10n.t('No agent sessions were found for this project (Claude Code, Codex CLI, Gemini CLI, VS Code chat, Cline, Roo Code, CodeBuddy Code, Grok CLI, OpenCode or Cursor). The README lists where each agent keeps them.'),
  );
}
