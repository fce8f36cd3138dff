import * as vscode from 'vscode';
import { createDefaultRegistry } from '../core/agents/builtins';
import { applyFileEdit } from './apply/applyFileEdit';
import { defaultAnalyzerPlan } from './learn/learnSettings';
import { registerReview, type ReviewApi } from './learn/reviewController';
import { ReviewModel } from './learn/reviewModel';
import type { HeadroomServices } from './services';
import { registerAgentPluginApi, type AgentPluginApi } from './api/headroomApi';
import { testingHooks } from './api/testingHooks';
import { registerModels } from './models/registerModels';
import { DiffPanel } from './diff/diffPanel';
import type { DiffStateMessage } from './protocol/diffProtocol';
import { registerStats } from './stats/statsPanel';
import { registerStatusBar, type StatusBarSnapshot } from './statusBar/statusBar';
import { registerTrust } from './trust/workspaceTrust';
import { registerWalkthroughAndLog } from './walkthrough/walkthrough';

/** What `activate` returns: other extensions and the in-host tests get it from `extension.activate()`. */
export interface HeadroomLearnApi extends AgentPluginApi {
  readonly apiVersion: 1;
  readonly applyFileEdit: typeof applyFileEdit;
  /** Learn, the review tree's state, checkboxes, diff and Apply. */
  readonly review: ReviewApi;
  /** What the status bar item shows (extension tests only). */
  readonly statusBar?: () => StatusBarSnapshot;
  /** Restores a diff panel from a saved webview state as the serializer does after a reload (extension tests only). */
  readonly reviveDiffPanel?: (panel: vscode.WebviewPanel, state: unknown) => DiffStateMessage | undefined;
}

/** Composition root: builds the shared services once, then lets each feature register itself. */
export function activate(context: vscode.ExtensionContext): HeadroomLearnApi {
  const log = vscode.window.createOutputChannel('Headroom Learn', { log: true });
  const review = new ReviewModel();
  context.subscriptions.push(log, review);

  // The one trust gate for Learn, Learn All Projects and Apply.
  const trust = registerTrust(context, { log });
  const services: HeadroomServices = {
    extensionUri: context.extensionUri,
    log,
    registry: createDefaultRegistry(),
    review,
    trust,
    analyzer: defaultAnalyzerPlan,
  };

  const { apiKeys } = registerModels(context, services);
  const { lastRun, showStats } = registerStats(context, services);
  registerWalkthroughAndLog(context, services);
  const { pluginHost, api: pluginApi } = registerAgentPluginApi(context, services);

  const reviewApi = registerReview(context, services);
  const statusBar = registerStatusBar(context, services);

  return {
    apiVersion: 1,
    applyFileEdit,
    review: reviewApi,
    ...pluginApi,
    ...testingHooks(context, { apiKeys, pluginHost, trust, lastRun, showStats }),
    ...(context.extensionMode === vscode.ExtensionMode.Test
      ? { statusBar: () => statusBar.snapshot, reviveDiffPanel: (panel: vscode.WebviewPanel, state: unknown) => DiffPanel.revive(panel, state)?.state }
      : {}),
  };
}

export function deactivate(): void {}
