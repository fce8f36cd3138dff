import * as vscode from 'vscode';
import { Commands, diffPanelViewType, learningsViewId } from '../commands.js';
import { DOCUMENT_SCHEMES, type DocumentScheme } from '../documentSchemes.js';
import type { ReviewNode } from '../views/reviewNodes.js';
import { CommandTable, type CommandHandler, type CommandId } from './commandTable.js';
import { DeferredContentProvider, DeferredTreeDataProvider, DeferredWebviewSerializer } from './deferredProviders.js';

/**
 * What VS Code must find registered when activate() returns (every contributed command, the review tree, the
 * virtual document schemes, the diff panel's serializer), registered by the entry bundle; the features fill
 * them in through these, with vscode's own signatures. Each result is owned by the feature that registered.
 */
export interface HostRegistrations {
  registerCommand(id: CommandId, handler: CommandHandler): vscode.Disposable;
  registerTextDocumentContentProvider(scheme: DocumentScheme, provider: vscode.TextDocumentContentProvider): vscode.Disposable;
  /** Restores the review diff panel after a reload (`diffPanelViewType`). */
  registerDiffPanelSerializer(serializer: vscode.WebviewPanelSerializer): vscode.Disposable;
  /** The review tree (created at activation, with an empty tree until a data provider is attached). */
  readonly reviewTree: vscode.TreeView<ReviewNode>;
  registerReviewTreeDataProvider(provider: vscode.TreeDataProvider<ReviewNode>): vscode.Disposable;
}

/**
 * Registers with VS Code, owned by `context`, everything it asks for at start-up, each forwarding to what the
 * features register later. `startMain` starts the main bundle (and throws if it cannot): a command without a
 * handler yet, a virtual document or a diff panel to restore calls it; showing the empty tree does not.
 */
export function registerWithHost(context: vscode.ExtensionContext, startMain: () => void): HostRegistrations {
  const commands = new CommandTable();
  for (const id of Object.values(Commands)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, (...args: unknown[]) => commands.run(id, args, startMain)));
  }
  const documents = new Map<DocumentScheme, DeferredContentProvider>();
  for (const scheme of DOCUMENT_SCHEMES) {
    const provider = new DeferredContentProvider(scheme, startMain);
    documents.set(scheme, provider);
    context.subscriptions.push(provider, vscode.workspace.registerTextDocumentContentProvider(scheme, provider));
  }
  const diffSerializer = new DeferredWebviewSerializer(diffPanelViewType, startMain);
  const tree = new DeferredTreeDataProvider<ReviewNode>();
  const reviewTree = vscode.window.createTreeView(learningsViewId, {
    treeDataProvider: tree,
    manageCheckboxStateManually: true,
    canSelectMany: true,
    showCollapseAll: true,
  });
  context.subscriptions.push(vscode.window.registerWebviewPanelSerializer(diffPanelViewType, diffSerializer), tree, reviewTree);
  return {
    registerCommand: (id, handler) => new vscode.Disposable(commands.register(id, handler).dispose),
    registerTextDocumentContentProvider: (scheme, provider) => documents.get(scheme)!.attach(provider),
    registerDiffPanelSerializer: (serializer) => diffSerializer.attach(serializer),
    reviewTree,
    registerReviewTreeDataProvider: (provider) => tree.attach(provider),
  };
}
