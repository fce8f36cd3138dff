// Measures the extension's activation outside VS Code: loads dist/extension.js with a stand-in `vscode` module
// (every API a no-op) and calls activate(). Prints {"loadMs", "activateMs"} as JSON. What VS Code adds on top
// (its own extension host work) is not in it; what the bundle costs at start-up is.
//   node bench/activation.mjs DIST_EXTENSION_JS
import Module, { createRequire } from 'node:module';

const requireCjs = createRequire(import.meta.url);

/** Any property, call or construction gives another stand-in; awaiting one gives undefined. */
function standIn(name) {
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
const vscode = Object.fromEntries(NAMESPACES.map((name) => [name, standIn(`vscode.${name}`)]));
const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'vscode') return vscode;
  return load.call(this, request, parent, isMain);
};

const context = {
  subscriptions: [],
  extensionUri: standIn('extensionUri'),
  extensionPath: import.meta.dirname,
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

const started = process.hrtime.bigint();
const extension = requireCjs(process.argv[2]);
const loaded = process.hrtime.bigint();
let activateError;
try {
  extension.activate(context);
} catch (error) {
  activateError = String(error && error.message ? error.message : error);
}
const activated = process.hrtime.bigint();
console.log(JSON.stringify({ loadMs: Number(loaded - started) / 1e6, activateMs: Number(activated - loaded) / 1e6, activateError }));
