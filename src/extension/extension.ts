import * as vscode from 'vscode';
import { createDefaultRegistry } from '../core/agents/builtins.js';
import { applyFileEdit } from './apply/applyFileEdit.js';
import { defaultAnalyzerPlan } from './learn/learnSettings.js';
import { registerReview } from './registerReview.js';
import { ReviewModel } from './review/reviewModel.js';
import type { HeadroomServices } from './services.js';
import { HEADROOM_API_VERSION, registerAgentPluginApi, type HeadroomLearnApi } from './api/headroomApi.js';
import { createReviewTestApi, exportApi } from './api/testingHooks.js';
import { registerModels } from './analyzers/registerModels.js';
import { DiffPanel } from './diff/diffPanel.js';
import { registerStats } from './stats/statsPanel.js';
import { registerStatusBar } from './platform/statusBar.js';
import { registerTrust } from './platform/workspaceTrust.js';
import { registerWalkthroughAndLog } from './platform/walkthrough.js';

/** The public API other extensions get from `activate()` (src/extension/api/headroomApi.ts, PLUGINS.md). */
export type { HeadroomLearnApi } from './api/headroomApi.js';

/** Composition root: builds the shared services once, then lets each feature register itself. */
export function activate(context: vscode.ExtensionContext): HeadroomLearnApi {
  const log = vscode.window.createOutputChannel('Headroom Learn', { log: true });
  const review = new ReviewModel();
  context.subscriptions.push(log, review);

  // The one trust gate for Learn, Learn All Projects and Apply.
  const trust = registerTrust(context, { log });
  const services: HeadroomServices = {
    extensionUri: context.extensionUri,
    storageFolder: context.globalStorageUri.fsPath,
    storageUri: context.storageUri,
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

  const reviewFeature = registerReview(context, services);
  const statusBar = registerStatusBar(context, services);

  return exportApi(
    context,
    { apiVersion: HEADROOM_API_VERSION, ...pluginApi },
    // Under extension tests only (testHooksEnabled): the in-host tests' hooks, as `testing`.
    () => ({
      review: createReviewTestApi(review, reviewFeature, () => DiffPanel.open),
      applyFileEdit,
      apiKeys,
      pluginHost,
      trust,
      lastRun,
      showStats,
      statusBar: () => statusBar.snapshot,
      reviveDiffPanel: (panel: vscode.WebviewPanel, state: unknown) => DiffPanel.revive(panel, state)?.state,
    }),
  );
}

export function deactivate(): void {}
