// Messages between the extension host and the scan worker (dist/scanWorker.js, src/extension/learn/scanWorker.ts).
// Pure data (structured clone); no `vscode` import, the worker cannot load it.
import type { AnalyzerReport, ExistingRule } from '../../core/analyze/backend.js';
import type { ApiProvider } from '../../core/analyze/selectBackend.js';
import type { WasteEstimate } from '../../core/correlate/wasteEstimate.js';
import type { Correction, Finding, Learning } from '../../core/model/finding.js';
import type { ScanStats } from '../../core/scan/scanProject.js';
import type { PrescannedAgent } from '../api/prescannedPlugin.js';

/**
 * How the worker chooses the analyzer: the spec's priority over these inputs (core selectAnalyzerBackend). Posted
 * in the worker's start message only (never argv, env or the log): `apiKeys` holds the keys from SecretStorage.
 */
export interface AnalyzerOptions {
  /** A model or backend name (`offline`, `claude-cli`, `gpt-4o`, …); unset = automatic. */
  model?: string;
  /** Where `model` came from, for the reason shown to the user (e.g. "the headroom.model setting"). */
  modelSource?: string;
  /** Keys from SecretStorage, used when the provider's environment variable is unset. */
  apiKeys?: Partial<Record<ApiProvider, { key: string; source: string }>>;
  baseUrls?: Partial<Record<ApiProvider, string>>;
  tokenBudget?: number;
  /**
   * The analyzer runs in the extension host (a VS Code language model, which the worker cannot reach): the worker
   * scans, correlates and derives the findings, and returns them with the existing rules, unanalysed.
   */
  deferToHost?: { backend: string; model?: string; reason: string };
}

export interface LearnRequest {
  type: 'learn';
  scope: { kind: 'project'; projectPath: string } | { kind: 'all' };
  /** Agent plugin names to scan, or 'auto' for every built-in agent. */
  agents: readonly string[] | 'auto';
  analyzer: AnalyzerOptions;
  /**
   * Agents from other extensions, scanned in the extension host (their plugin objects cannot cross into the
   * worker); the worker replays them as plugins so they are correlated and analysed with the built-ins.
   */
  prescanned?: PrescannedAgent[];
  /** Claude MEMORY.md location, for the rules already written (existing rules go to the analyzer). */
  memoryFile: 'auto' | 'project';
  /** Occurrences a pattern needs before it becomes a learning (the headroom.minOccurrences setting). */
  minOccurrences?: number;
}

export type LearnStage = 'listing' | 'scanning' | 'correlating' | 'analyzing';

export interface ProgressMessage {
  type: 'progress';
  stage: LearnStage;
  projectPath?: string;
  /** 1-based position of the project, and how many there are (Learn All Projects). */
  project?: { index: number; count: number };
  agent?: string;
  done?: number;
  total?: number;
  backend?: string;
}

export interface AgentSummary {
  name: string;
  displayName: string;
  stats: ScanStats;
  /** Failed calls per normalised tool (Read, Bash, …), for the stats dashboard. */
  failuresByTool: Record<string, number>;
  unreadableFiles: string[];
}

/** What one project's run leaves for the front end: no sessions or raw calls (too large to send). */
export interface ProjectLearnResult {
  projectPath: string;
  agents: AgentSummary[];
  corrections: Correction[];
  findings: Finding[];
  learnings: Learning[];
  analyzer: AnalyzerReport;
  /**
   * Set when an automatically chosen LLM backend failed and the offline analyzer wrote the rules instead: what
   * failed, for the user (an error notification), not only the log.
   */
  analyzerFailure?: string;
  /** The rules already in the agents' files (the host's analyzer needs them when `deferToHost`). */
  existingRules: ExistingRule[];
  waste: WasteEstimate;
  contradictions: number;
  belowThreshold: number;
  warnings: string[];
}

/** Sent once the worker has chosen its analyzer, before any scanning: which backend and why (logged and shown). */
export interface AnalyzerChosenMessage {
  type: 'analyzer';
  backend: string;
  model?: string;
  reason: string;
  /** Chosen automatically (key or CLI found): falls back to offline on failure. */
  automatic: boolean;
}

export interface ResultMessage {
  type: 'result';
  projects: ProjectLearnResult[];
}

export interface ErrorMessage {
  type: 'error';
  message: string;
  /** A BackendSelectionError (bad model setting) or an LLM failure (LlmError): shown as it is, no stack. */
  userFacing: boolean;
  stack?: string;
}

export type WorkerToHost = ProgressMessage | AnalyzerChosenMessage | ResultMessage | ErrorMessage;
export type HostToWorker = LearnRequest;
