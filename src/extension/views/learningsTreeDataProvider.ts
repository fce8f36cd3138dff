import * as vscode from 'vscode';

/** The id of the "Learnings" tree view in the Headroom activity-bar container (package.json contributes.views). */
export const learningsViewId = 'headroom.review';
/** Command that VS Code generates to show the Headroom view container. */
export const showHeadroomViewCommand = 'workbench.view.extension.headroom';

/**
 * Data of the "Learnings" tree. Empty for now: while it is empty the view shows its welcome content
 * (package.json contributes.viewsWelcome) with the Learn button.
 */
export class LearningsTreeDataProvider implements vscode.TreeDataProvider<vscode.TreeItem>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<vscode.TreeItem | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private items: readonly vscode.TreeItem[] = [];

  getTreeItem(item: vscode.TreeItem): vscode.TreeItem {
    return item;
  }

  getChildren(parent?: vscode.TreeItem): vscode.TreeItem[] {
    return parent ? [] : [...this.items];
  }

  /** Replaces the top-level items and redraws the tree. */
  setItems(items: readonly vscode.TreeItem[]): void {
    this.items = items;
    this.changeEmitter.fire(undefined);
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}
