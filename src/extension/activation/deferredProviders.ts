import * as vscode from 'vscode';

/** One owner at a time: attaching a second implementation before the first is disposed is a bug. */
class Slot<T> {
  private current: T | undefined;

  get value(): T | undefined {
    return this.current;
  }

  fill(value: T, what: string): vscode.Disposable {
    if (this.current !== undefined) throw new Error(`${what} is already provided.`);
    this.current = value;
    return new vscode.Disposable(() => {
      if (this.current === value) this.current = undefined;
    });
  }
}

/**
 * The review tree's data provider as the entry registers it at activation. Until the main bundle attaches the
 * real one there is no review (it lives in the main bundle), so the tree is empty and VS Code shows the view's
 * welcome content; showing the view does not load the main bundle. Attaching refreshes the tree.
 */
export class DeferredTreeDataProvider<T> implements vscode.TreeDataProvider<T>, vscode.Disposable {
  private readonly slot = new Slot<vscode.TreeDataProvider<T>>();
  private readonly changeEmitter = new vscode.EventEmitter<T | T[] | undefined | null | void>();
  readonly onDidChangeTreeData = this.changeEmitter.event;

  /** Puts `provider` behind the tree until the result is disposed. */
  attach(provider: vscode.TreeDataProvider<T>): vscode.Disposable {
    const filled = this.slot.fill(provider, 'The review tree');
    const forwarded = provider.onDidChangeTreeData?.((change) => this.changeEmitter.fire(change));
    this.changeEmitter.fire();
    return new vscode.Disposable(() => {
      forwarded?.dispose();
      filled.dispose();
      this.changeEmitter.fire();
    });
  }

  getChildren(element?: T): vscode.ProviderResult<T[]> {
    const provider = this.slot.value;
    return provider ? provider.getChildren(element) : [];
  }

  getTreeItem(element: T): vscode.TreeItem | Thenable<vscode.TreeItem> {
    return this.provider().getTreeItem(element);
  }

  getParent(element: T): vscode.ProviderResult<T> {
    return this.provider().getParent?.(element);
  }

  /** Elements exist only once a provider has returned them: asked about one without a provider is a bug. */
  private provider(): vscode.TreeDataProvider<T> {
    const provider = this.slot.value;
    if (!provider) throw new Error('The review tree has no data provider.');
    return provider;
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}

/**
 * A virtual document scheme's provider as the entry registers it at activation (VS Code may ask for a document,
 * e.g. one reopened after a reload, before any command ran): the first request starts the main bundle, whose
 * provider answers it and every later one; its change events are forwarded.
 */
export class DeferredContentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly slot = new Slot<vscode.TextDocumentContentProvider>();
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly scheme: string,
    private readonly startMain: () => void,
  ) {}

  attach(provider: vscode.TextDocumentContentProvider): vscode.Disposable {
    const filled = this.slot.fill(provider, `The ${this.scheme}: documents`);
    const forwarded = provider.onDidChange?.((uri) => this.changeEmitter.fire(uri));
    return new vscode.Disposable(() => {
      forwarded?.dispose();
      filled.dispose();
    });
  }

  provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): vscode.ProviderResult<string> {
    if (!this.slot.value) this.startMain();
    const provider = this.slot.value;
    if (!provider) throw new Error(`Headroom Learn: no provider for ${this.scheme}: documents.`);
    return provider.provideTextDocumentContent(uri, token);
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}

/**
 * A webview panel serializer as the entry registers it at activation (package.json activates the extension on
 * `onWebviewPanel:headroom.diff` to restore a diff panel after a reload): restoring one starts the main bundle.
 */
export class DeferredWebviewSerializer implements vscode.WebviewPanelSerializer {
  private readonly slot = new Slot<vscode.WebviewPanelSerializer>();

  constructor(
    private readonly viewType: string,
    private readonly startMain: () => void,
  ) {}

  attach(serializer: vscode.WebviewPanelSerializer): vscode.Disposable {
    return this.slot.fill(serializer, `The ${this.viewType} panel's serializer`);
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    if (!this.slot.value) this.startMain();
    const serializer = this.slot.value;
    if (!serializer) throw new Error(`Headroom Learn: no serializer for ${this.viewType} panels.`);
    await serializer.deserializeWebviewPanel(panel, state);
  }
}
