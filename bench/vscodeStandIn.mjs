// A stand-in `vscode` module for loading the extension's bundles outside VS Code (bench/activation.mjs and the
// entry bundle's unit test): every API a no-op that returns another stand-in; what is assigned to one is kept.
import Module from 'node:module';
import * as path from 'node:path';

/** Any property, call or construction gives another stand-in; awaiting one gives undefined. */
export function standIn(name) {
  const target = function () {};
  const assigned = new Map();
  return new Proxy(target, {
    set(_target, key, value) {
      assigned.set(key, value);
      return true;
    },
    defineProperty(_target, key, descriptor) {
      assigned.set(key, descriptor.value);
      return true;
    },
    get(_target, key) {
      if (assigned.has(key)) return assigned.get(key);
      if (key === 'then') return undefined;
      if (key === Symbol.toPrimitive) return () => name;
      if (key === Symbol.iterator) return function* () {};
      if (key === 'dispose') return () => {};
      return standIn(`${name}.${String(key)}`);
    },
    apply: () => standIn(`${name}()`),
    construct: () => standIn(`new ${name}`),
  });
}

// esbuild's import interop copies the module's own properties, so the namespaces the extension uses are listed.
const NAMESPACES = ['CancellationError', 'CancellationToken', 'CancellationTokenSource', 'ConfigurationScope', 'ConfigurationTarget', 'Disposable', 'Event', 'EventEmitter', 'ExtensionContext', 'ExtensionMode', 'FileSystemError', 'LanguageModelAccessInformation', 'LanguageModelChat', 'LanguageModelChatMessage', 'LanguageModelError', 'LogLevel', 'LogOutputChannel', 'MarkdownString', 'Position', 'Progress', 'ProgressLocation', 'QuickInputButton', 'QuickPickItem', 'QuickPickItemKind', 'Range', 'SecretStorage', 'StatusBarAlignment', 'StatusBarItem', 'TextDocument', 'TextDocumentContentProvider', 'TextEditor', 'ThemeColor', 'ThemeIcon', 'TreeCheckboxChangeEvent', 'TreeDataProvider', 'TreeItem', 'TreeItemCheckboxState', 'TreeItemCollapsibleState', 'TreeView', 'Uri', 'ViewColumn', 'Webview', 'WebviewPanel', 'WorkspaceEdit', 'commands', 'diff', 'env', 'extensions', 'l10n', 'lm', 'window', 'workspace'];

/** Makes `require('vscode')` return a stand-in module from now on in this process; returns that module. */
export function installVscodeStandIn() {
  const vscode = Object.fromEntries(NAMESPACES.map((name) => [name, standIn(`vscode.${name}`)]));
  const load = Module._load;
  Module._load = function (request, parent, isMain) {
    if (request === 'vscode') return vscode;
    return load.call(this, request, parent, isMain);
  };
  return vscode;
}

/** An ExtensionContext for activate(): subscriptions kept, storage in memory or stand-ins. */
export function standInContext(extensionPath) {
  return {
    subscriptions: [],
    extensionUri: standIn('extensionUri'),
    extensionPath,
    globalState: { get: () => undefined, update: async () => {}, keys: () => [], setKeysForSync: () => {} },
    workspaceState: { get: () => undefined, update: async () => {}, keys: () => [] },
    secrets: { get: async () => undefined, store: async () => {}, delete: async () => {}, onDidChange: () => ({ dispose() {} }) },
    globalStorageUri: standIn('globalStorageUri'),
    storageUri: undefined,
    logUri: standIn('logUri'),
    extensionMode: 1,
    extension: standIn('extension'),
    environmentVariableCollection: standIn('environmentVariableCollection'),
    asAbsolutePath: (p) => p,
  };
}

/** The files of `folder` that this process has required (e.g. which of dist/'s bundles are loaded). */
export function requiredFilesIn(folder, cache) {
  return Object.keys(cache)
    .filter((file) => path.dirname(file) === folder)
    .map((file) => path.basename(file))
    .sort();
}
