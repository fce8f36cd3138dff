import * as vscode from 'vscode';
import type { ApiKeyStore } from '../secrets/apiKeyStore.js';
import type { LastRunStore } from '../stats/statsPanel.js';
import type { TrustGate } from '../trust/workspaceTrust.js';
import type { AgentPluginHost } from './agentPluginHost.js';

/** Services the in-host tests drive directly (no UI). */
export interface HeadroomTestingHooks {
  apiKeys: ApiKeyStore;
  pluginHost: AgentPluginHost;
  trust: TrustGate;
  lastRun: LastRunStore;
  showStats: () => vscode.WebviewPanel;
}

/** What the tests get: the hooks, plus where the Headroom Learn log channel writes (to check what was logged). */
export interface HeadroomTestingApi extends HeadroomTestingHooks {
  logUri: vscode.Uri;
}

/**
 * `{ testing }` for activate's return value, only when the extension runs under extension tests
 * (ExtensionMode.Test); other extensions never see these services.
 */
export function testingHooks(context: vscode.ExtensionContext, hooks: HeadroomTestingHooks): { testing?: HeadroomTestingApi } {
  return context.extensionMode === vscode.ExtensionMode.Test ? { testing: { ...hooks, logUri: context.logUri } } : {};
}
