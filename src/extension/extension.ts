// The entry bundle (dist/extension.js), what VS Code loads to activate the extension. It stays small: `vscode`,
// node:path and the light modules below, nothing of src/core but a version constant (a unit test checks its
// module list). It registers what VS Code needs at activation and starts the main bundle (dist/extensionMain.js:
// the review, Learn, the analyzers, the agents' parsers, the worker) on the first thing that needs it.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AGENT_PLUGIN_API_VERSION } from '../core/agents/guardedPlugin.js';
import { registerWithHost } from './activation/hostRegistrations.js';
import { LazyMain, type MainBundleError } from './activation/lazyMain.js';
import { exportApi } from './api/exportApi.js';
import { HEADROOM_API_VERSION, type HeadroomLearnApi } from './api/headroomApi.js';
import type { MainParts } from './extensionMain.js';
import { NO_REVIEW_YET, registerStatusBar } from './platform/statusBar.js';
import { registerWalkthroughAndLog } from './platform/walkthrough.js';
import { registerTrust, restrictedModeMessage, type TrustGate } from './platform/workspaceTrust.js';

/** The public API other extensions get from `activate()` (src/extension/api/headroomApi.ts, PLUGINS.md). */
export type { HeadroomLearnApi } from './api/headroomApi.js';

type MainBundle = typeof import('./extensionMain.js');

/** The main bundle, beside this one in dist/ (esbuild.mjs builds both). */
function requireMainBundle(): MainBundle {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle of its own, required on first need
  return require(path.join(__dirname, 'extensionMain.js')) as MainBundle;
}

/** The main bundle did not start: the log gets the details, the user a message (every time something needed it). */
function reportMainFailure(log: vscode.LogOutputChannel, error: MainBundleError): void {
  log.error(`The main bundle (dist/extensionMain.js) did not start: ${error.reason instanceof Error ? (error.reason.stack ?? error.message) : error.message}`);
  void vscode.window.showErrorMessage(
    vscode.l10n.t('Headroom Learn could not load its features: {0}. Reinstalling the extension may fix it; Headroom: Show Log has the details.', error.message),
  );
}

/** Until the main bundle's review view owns the tree's message: why nothing runs in Restricted Mode (the tree is empty). */
function showTrustMessage(tree: vscode.TreeView<unknown>, trust: TrustGate, mainStarted: () => boolean): vscode.Disposable {
  const update = () => {
    if (!mainStarted()) tree.message = trust.isTrusted ? undefined : restrictedModeMessage();
  };
  update();
  return trust.onDidGrantTrust(update);
}

/** Registers what VS Code asks for at start-up (every command, the tree, the virtual documents, the diff serializer, the status bar) and returns the API. */
export function activate(context: vscode.ExtensionContext): HeadroomLearnApi {
  const log = vscode.window.createOutputChannel('Headroom Learn', { log: true });
  context.subscriptions.push(log);
  const trust = registerTrust(context, { log });
  const main: LazyMain<MainParts> = new LazyMain(
    () => requireMainBundle().activateMain(context, { log, trust, host, statusBar }),
    (error) => reportMainFailure(log, error),
  );
  const host = registerWithHost(context, () => void main.get());
  const statusBar = registerStatusBar(context, { review: NO_REVIEW_YET });
  registerWalkthroughAndLog(context, { log, host });
  context.subscriptions.push(showTrustMessage(host.reviewTree, trust, () => main.isLoaded));

  return exportApi(
    context,
    {
      apiVersion: HEADROOM_API_VERSION,
      agentPluginApiVersion: AGENT_PLUGIN_API_VERSION,
      // Another extension may call it right after activation: the main bundle starts then, and the plugin is checked
      // and registered at once, as before (a malformed one throws its TypeError to the caller).
      registerAgentPlugin: (plugin) => main.get().registerAgentPlugin(plugin),
    },
    // Under extension tests only (testHooksEnabled): the in-host tests' hooks, as `testing`.
    () => main.get().testingHooks(),
  );
}

export function deactivate(): void {}
