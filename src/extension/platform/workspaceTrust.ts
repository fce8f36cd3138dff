import * as vscode from 'vscode';

/** Where trust comes from; the real one is vscode.workspace, tests pass their own. */
export interface TrustSource {
  readonly isTrusted: boolean;
  readonly onDidGrantWorkspaceTrust: vscode.Event<void>;
}

/**
 * capabilities.untrustedWorkspaces is "limited": in an untrusted workspace Headroom Learn scans nothing and runs
 * nothing (no session logs read, no agent CLI, no model request, no file written). Learn, Learn All Projects and
 * Apply all go through `runIfTrusted` (src/extension/learn/learnCommands.ts, src/extension/apply/applyFlow.ts); the review view explains why
 * through its message and its viewsWelcome entry with `!isWorkspaceTrusted`; everything re-enables when the user
 * grants trust.
 */
export class TrustGate implements vscode.Disposable {
  private readonly grantedEmitter = new vscode.EventEmitter<void>();
  /** Fires once trust is granted: views refresh, the Learn commands work again. */
  readonly onDidGrantTrust = this.grantedEmitter.event;
  private subscription: vscode.Disposable;

  constructor(
    private source: TrustSource = vscode.workspace,
    private readonly log?: vscode.LogOutputChannel,
  ) {
    this.subscription = this.listen(source);
  }

  private listen(source: TrustSource): vscode.Disposable {
    return source.onDidGrantWorkspaceTrust(() => {
      this.log?.info('Workspace trust granted: scanning and analysis are enabled.');
      this.grantedEmitter.fire();
    });
  }

  /**
   * Puts another trust source behind this gate until the result is disposed (the in-host tests: the harness
   * runs with workspace trust disabled, so it cannot start an untrusted window).
   */
  overrideSource(source: TrustSource): vscode.Disposable {
    const previous = this.source;
    this.subscription.dispose();
    this.source = source;
    this.subscription = this.listen(source);
    return new vscode.Disposable(() => {
      this.subscription.dispose();
      this.source = previous;
      this.subscription = this.listen(previous);
      this.grantedEmitter.fire();
    });
  }

  get isTrusted(): boolean {
    return this.source.isTrusted;
  }

  /**
   * Runs `work` only in a trusted workspace. Otherwise does nothing, logs it, offers to manage trust, and
   * resolves to `{ ran: false }`.
   */
  async runIfTrusted<T>(what: string, work: () => Promise<T> | T): Promise<{ ran: true; value: T } | { ran: false }> {
    if (this.source.isTrusted) return { ran: true, value: await work() };
    this.log?.warn(`${what}: not run, this workspace is not trusted (Restricted Mode).`);
    const manage = vscode.l10n.t('Manage Workspace Trust');
    void vscode.window
      .showWarningMessage(
        vscode.l10n.t('{0} did not run: Headroom Learn reads no agent sessions, runs no analyzer and writes no file in an untrusted workspace. Trust this workspace to use it.', what),
        manage,
      )
      .then((choice) => {
        if (choice === manage) void vscode.commands.executeCommand('workbench.trust.manage');
      });
    return { ran: false };
  }

  dispose(): void {
    this.subscription.dispose();
    this.grantedEmitter.dispose();
  }
}

export interface TrustServices {
  log: vscode.LogOutputChannel;
}

/** The gate over vscode.workspace's trust, owned by the extension's subscriptions. */
export function registerTrust(context: vscode.ExtensionContext, services: TrustServices): TrustGate {
  const gate = new TrustGate(vscode.workspace, services.log);
  context.subscriptions.push(gate);
  if (!gate.isTrusted) services.log.info('Restricted Mode: Headroom Learn reads and runs nothing until the workspace is trusted.');
  return gate;
}

/** Why nothing ran in an untrusted workspace: the review view's message and the refused run's report. */
export function restrictedModeMessage(): string {
  return vscode.l10n.t('Restricted Mode: Headroom Learn reads no agent sessions, runs no analyzer and writes no file until you trust this workspace.');
}
