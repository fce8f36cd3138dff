import * as vscode from 'vscode';
import type { applyFileEdit } from '../apply/applyFileEdit.js';
import type { DiffStateMessage } from '../../webview/protocol/diffProtocol.js';
import type { ReviewTestApi } from '../review/reviewController.js';
import type { ApiKeyStore } from '../analyzers/apiKeyStore.js';
import type { LastRunStore } from '../stats/statsPanel.js';
import type { StatusBarSnapshot } from '../platform/statusBar.js';
import type { TrustGate } from '../platform/workspaceTrust.js';
import type { AgentPluginHost } from './agentPluginHost.js';
import type { HeadroomLearnApi } from './headroomApi.js';

/** Services and hooks the in-host tests drive directly (no UI). None of them is public API. */
export interface HeadroomTestingHooks {
  /** Learn, the review tree's state, checkboxes, diff and Apply, plus scan-worker counters and the last Learn's report. */
  review: ReviewTestApi;
  /** The WorkspaceEdit writer Apply uses. */
  applyFileEdit: typeof applyFileEdit;
  apiKeys: ApiKeyStore;
  pluginHost: AgentPluginHost;
  /** The trust gate; `overrideSource` simulates an untrusted window (the harness runs with trust disabled). */
  trust: TrustGate;
  lastRun: LastRunStore;
  showStats: () => vscode.WebviewPanel;
  /** What the status bar item shows. */
  statusBar: () => StatusBarSnapshot;
  /** Restores a diff panel from a saved webview state as the serializer does after a reload. */
  reviveDiffPanel: (panel: vscode.WebviewPanel, state: unknown) => DiffStateMessage | undefined;
}

/** What the tests get: the hooks, plus where the Headroom Learn log channel writes (to check what was logged). */
export interface HeadroomTestingApi extends HeadroomTestingHooks {
  logUri: vscode.Uri;
}

/** activate()'s value as the in-host tests see it: the public API plus `testing` (present under extension tests only). */
export type HeadroomLearnTestApi = HeadroomLearnApi & { readonly testing?: HeadroomTestingApi };

/**
 * The one gate for test hooks: VS Code runs an extension in ExtensionMode.Test only when it is loaded from
 * extensionDevelopmentPath by a test runner (extensionTestsPath: our code-server and @vscode/test-electron
 * runners). An installed Headroom Learn is in Production mode, also while another extension's tests run, so
 * other extensions never get these hooks; no environment variable or setting can turn them on.
 */
export function testHooksEnabled(mode: vscode.ExtensionMode): boolean {
  return mode === vscode.ExtensionMode.Test;
}

/**
 * activate()'s return value: the public API, frozen, plus (under extension tests only) a `testing` property with
 * the hooks. `hooks` is called only when the gate is open.
 */
export function exportApi(context: vscode.ExtensionContext, api: HeadroomLearnApi, hooks: () => HeadroomTestingHooks): HeadroomLearnApi {
  if (!testHooksEnabled(context.extensionMode)) return Object.freeze({ ...api });
  const testing: HeadroomTestingApi = Object.freeze({ ...hooks(), logUri: context.logUri });
  return Object.freeze({ ...api, testing });
}
