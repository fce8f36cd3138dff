import type * as vscode from 'vscode';
import type { AgentRegistry } from '../core/agents/registry';
import type { ReviewModel } from './learn/reviewModel';
import type { PrescannedAgent } from './api/prescannedPlugin';
import type { AnalyzerOptions } from './learn/workerProtocol';

/**
 * What activate() builds once and hands to each feature's `register…(context, services)`. Features own their
 * disposables (pushed to context.subscriptions) and talk to each other only through these services.
 */
export interface HeadroomServices {
  readonly extensionUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
  /** Agent plugins: the built-ins, plus any another extension registers. */
  readonly registry: AgentRegistry;
  /** The last Learn run, the checked learnings and the plan per file; `onDidChange(undefined)` = a new run. */
  readonly review: ReviewModel;
  /**
   * How the scan worker chooses its analyzer. The default reads the `headroom.model` setting; the model/secrets
   * feature replaces it (stored API keys, the chosen model).
   */
  analyzerOptions: () => Promise<AnalyzerOptions>;
  /**
   * Scans the agents registered by other extensions in the extension host, for one project (or every project
   * when `projectPath` is undefined). Set by the plugin API feature; unset = built-in agents only.
   */
  prescanExternalAgents?: (request: {
    projectPath?: string;
    agents: readonly string[] | 'auto';
    token: vscode.CancellationToken;
  }) => Promise<PrescannedAgent[]>;
}
