import * as vscode from 'vscode';
import { applyFileEdit } from './apply/applyFileEdit';
import { LearningsTreeDataProvider, learningsViewId, showHeadroomViewCommand } from './views/learningsTreeDataProvider';

/** What `activate` returns: other extensions and the in-host tests get it from `extension.activate()`. */
export interface HeadroomLearnApi {
  readonly apiVersion: 1;
  readonly applyFileEdit: typeof applyFileEdit;
}

export function activate(context: vscode.ExtensionContext): HeadroomLearnApi {
  const log = vscode.window.createOutputChannel('Headroom Learn', { log: true });
  context.subscriptions.push(log);

  const learnings = new LearningsTreeDataProvider();
  context.subscriptions.push(learnings);
  context.subscriptions.push(vscode.window.createTreeView(learningsViewId, { treeDataProvider: learnings }));

  context.subscriptions.push(
    vscode.commands.registerCommand('headroom.learn', async () => {
      log.info('Headroom: Learn invoked');
      await vscode.commands.executeCommand(showHeadroomViewCommand);
      // Not awaited: the message stays until dismissed and the command must not wait for that.
      void vscode.window.showInformationMessage(vscode.l10n.t('Headroom Learn is not wired to the review view yet.'));
    }),
  );

  return { apiVersion: 1, applyFileEdit };
}

export function deactivate(): void {}
