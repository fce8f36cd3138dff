import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Headroom Learn', { log: true });
  context.subscriptions.push(log);
  context.subscriptions.push(
    vscode.commands.registerCommand('headroom.learn', async () => {
      log.info('Headroom: Learn invoked');
      await vscode.window.showInformationMessage(vscode.l10n.t('Headroom Learn is not wired to the review view yet.'));
    }),
  );
}

export function deactivate(): void {}
