import type * as vscode from 'vscode';
import type { AgentRegistry } from '../core/agents/registry.js';
import type { ReviewModel } from './review/reviewModel.js';
import type { PrescannedAgent } from './api/prescannedPlugin.js';
import type { AnalyzerOptions } from './learn/workerProtocol.js';
import type { HostAnalyzer } from './analyzers/analyzerForRun.js';
import type { HostRegistrations } from './activation/hostRegistrations.js';

/** What one Learn run analyses with: inputs for the worker's own choice, or an analyzer that runs in the host. */
export interface LearnAnalyzerPlan {
  /** Posted to the scan worker in its start message (holds API keys: never log it). */
  readonly worker: AnalyzerOptions;
  /** A VS Code language model: the worker stops at the findings and the host analyses them with this. */
  readonly host?: HostAnalyzer;
}

/** The one trust gate that Learn, Learn All Projects and Apply go through (src/extension/platform/workspaceTrust.ts). */
interface WorkspaceGate {
  readonly isTrusted: boolean;
  /** Fires once trust is granted (the view's message changes back). */
  readonly onDidGrantTrust: vscode.Event<void>;
  /** Runs `work` in a trusted workspace; otherwise runs nothing, tells the user why and resolves `{ ran: false }`. */
  runIfTrusted<T>(what: string, work: () => Promise<T> | T): Promise<{ ran: true; value: T } | { ran: false }>;
}

/**
 * What activate() builds once and hands to each feature's `register…(context, services)`. Features own their
 * disposables (pushed to context.subscriptions) and talk to each other only through these services.
 */
export interface HeadroomServices {
  /**
   * Where features register their commands, virtual documents, the diff serializer and the review tree's data:
   * the entry bundle registered them all with VS Code at activation and forwards to what is registered here.
   */
  readonly host: HostRegistrations;
  readonly extensionUri: vscode.Uri;
  /**
   * The extension's global storage folder (context.globalStorageUri): the scan cache lives in it (core
   * scan/cache/, passed to the scan worker), so the second Learn on an unchanged history reads no log again.
   */
  readonly storageFolder?: string;
  /** This window's storage folder for the extension (context.storageUri): where VS Code keeps this window's chat sessions is beside it. */
  readonly storageUri?: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
  /** Agent plugins: the built-ins, plus any another extension registers. */
  readonly registry: AgentRegistry;
  /** The last Learn run, the checked learnings and the plan per file; `onDidChange(undefined)` = a new run. */
  readonly review: ReviewModel;
  /** Workspace trust: nothing is scanned, run or written in an untrusted workspace. */
  readonly trust: WorkspaceGate;
  /**
   * The analyzer of one Learn run, for a folder (undefined: Learn All Projects). The default reads the
   * `headroom.model` setting; the model/secrets feature replaces it (stored API keys, base URLs, prompt budget,
   * VS Code language models). `userInitiated`: a user's command started the run, so a model's consent dialog may
   * show. Throws BackendSelectionError (message for the user) when the setting cannot be honoured.
   */
  analyzer: (request: { folder?: vscode.Uri; userInitiated: boolean; token: vscode.CancellationToken }) => Promise<LearnAnalyzerPlan>;
  /**
   * Scans the agents registered by other extensions in the extension host, for one project (or every project
   * when `projectPath` is undefined). Set by the plugin API feature; unset = built-in agents only.
   */
  prescanExternalAgents?: (request: {
    projectPath?: string;
    agents: readonly string[] | 'auto';
    memoryFile: 'auto' | 'project';
    token: vscode.CancellationToken;
  }) => Promise<PrescannedAgent[]>;
}
