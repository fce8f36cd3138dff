import type * as vscode from 'vscode';
import { createDefaultRegistry } from '../core/agents/builtins.js';
import type { ExternalAgentPlugin } from '../core/agents/guardedPlugin.js';
import type { HostRegistrations } from './activation/hostRegistrations.js';
import { registerModels } from './analyzers/registerModels.js';
import { registerAgentPluginApi } from './api/agentPluginApi.js';
import { createReviewTestApi, type HeadroomTestingHooks } from './api/testingHooks.js';
import { applyFileEdit } from './apply/applyFileEdit.js';
import { DiffPanel } from './diff/diffPanel.js';
import { defaultAnalyzerPlan } from './learn/learnSettings.js';
import type { HeadroomStatusBar } from './platform/statusBar.js';
import type { TrustGate } from './platform/workspaceTrust.js';
import { registerReview } from './registerReview.js';
import { ReviewModel } from './review/reviewModel.js';
import type { HeadroomServices } from './services.js';
import { registerStats } from './stats/statsPanel.js';

/** What the entry bundle (src/extension/extension.ts) made at activation and hands the main bundle when it starts. */
export interface EntryParts {
  readonly log: vscode.LogOutputChannel;
  /** The one trust gate for Learn, Learn All Projects and Apply. */
  readonly trust: TrustGate;
  /** The registrations VS Code found at activation, for the features to fill in. */
  readonly host: HostRegistrations;
  /** Shown since activation; follows the review from now on. */
  readonly statusBar: HeadroomStatusBar;
}

/** What the entry forwards to once the main bundle has started. */
export interface MainParts {
  /** The exported API's registerAgentPlugin (validates, then adds the agent to the registry Learn reads). */
  registerAgentPlugin(plugin: ExternalAgentPlugin): vscode.Disposable;
  /** The in-host tests' hooks (read only under ExtensionMode.Test). */
  testingHooks(): HeadroomTestingHooks;
}

/**
 * The main bundle (dist/extensionMain.js): the review, Learn and its worker, the analyzers, the agent registry, the
 * diff and stats panels, Apply. Started by the entry on first need (a command, a virtual document, a diff panel to
 * restore, a plugin registration, the test hooks), once; builds the shared services and lets each feature register
 * itself into the entry's registrations. Every disposable goes to `context.subscriptions` (directly or through its feature).
 */
export function activateMain(context: vscode.ExtensionContext, entry: EntryParts): MainParts {
  const { log, trust, host, statusBar } = entry;
  const review = new ReviewModel();
  context.subscriptions.push(review);
  const services: HeadroomServices = {
    host,
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
  const { pluginHost, api: pluginApi } = registerAgentPluginApi(context, services);
  const reviewFeature = registerReview(context, services);
  statusBar.follow(review);
  log.debug('Main bundle started.');

  return {
    registerAgentPlugin: (plugin) => pluginApi.registerAgentPlugin(plugin),
    testingHooks: () => ({
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
  };
}
