// Messages between the extension host and the scan worker (dist/scanWorker.js, src/extension/learn/scanWorker.ts).
// Pure data (structured clone); no `vscode` import, the worker cannot load it.
import type { AnalyzerReport } from '../../core/analyze/backend';
import type { ApiProvider } from '../../core/analyze/selectBackend';
import type { WasteEstimate } from '../../core/correlate/wasteEstimate';
import type { Correction, Finding, Learning } from '../../core/model/finding';
import type { ScanStats } from '../../core/scan/scanProject';
import type { PrescannedAgent } from '../api/prescannedPlugin';

/** How the worker chooses the analyzer: the spec's priority over these inputs (core chooseBackend). */
export interface AnalyzerOptions {
  /** A model or backend name (`offline`, `claude-cli`, `gpt-4o`, …); unset = automatic. */
  model?: string;
  /** Where `model` came from, for the reason shown to the user (e.g. "setting headroom.model"). */
  modelSource?: string;
  /** Keys from SecretStorage, used when the provider's environment variable is unset. */
  apiKeys?: Partial<Record<ApiProvider, { key: string; source: string }>>;
  baseUrls?: Partial<Record<ApiProvider, string>>;
  tokenBudget?: number;
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
  waste: WasteEstimate;
  contradictions: number;
  belowThreshold: number;
  warnings: string[];
}

export interface ResultMessage {
  type: 'result';
  projects: ProjectLearnResult[];
}

export interface ErrorMessage {
  type: 'error';
  message: string;
  /** A BackendSelectionError (bad model setting): shown as it is, no stack. */
  userFacing: boolean;
  stack?: string;
}

export type WorkerToHost = ProgressMessage | ResultMessage | ErrorMessage;
export type HostToWorker = LearnRequest;
