// Messages between the extension host and the scan worker (dist/scanWorker.js, src/extension/learn/scanWorker.ts).
// Pure data (structured clone); no `vscode` import, the worker cannot load it.
import type { ApiProvider } from '../../core/analyze/selectBackend.js';
import type { ProjectAnalysis } from '../../core/pipeline/analyzeAndPlan.js';
import type { ProjectFindings } from '../../core/pipeline/findFindings.js';
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
   * runs only findFindings and returns the findings (with the agents' files and their existing rules).
   */
  deferToHost?: { backend: string; model?: string; reason: string };
}

export interface LearnRequest {
  type: 'learn';
  /** Learn All Projects names the open workspace folders: Gemini's sha256 folders are matched against them too. */
  scope: { kind: 'project'; projectPath: string } | { kind: 'all'; workspaceFolders?: readonly string[] };
  /** Agent plugin names to scan, or 'auto' for every built-in agent. */
  agents: readonly string[] | 'auto';
  analyzer: AnalyzerOptions;
  /**
   * Agents from other extensions, scanned in the extension host (their plugin objects cannot cross into the
   * worker); the worker replays them as plugins so they are correlated and analysed with the built-ins.
   */
  prescanned?: PrescannedAgent[];
  /** Claude MEMORY.md location: where its memory rules go, and where the rules already written are read. */
  memoryFile: 'auto' | 'project';
  /** Occurrences a pattern needs before it becomes a learning (the headroom.minOccurrences setting). */
  minOccurrences?: number;
  /** The state file of the rules headroom wrote, and the headroom.retireAfterDays setting (the learning lifecycle). */
  ruleHistory?: { stateFile: string; retireAfterDays: number };
  /** The scan cache's root folder (the extension's global storage); unset: every log is parsed. */
  scanCache?: { root: string };
}

type LearnStage = 'listing' | 'scanning' | 'correlating' | 'analyzing';

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

/**
 * One project's run as the front end gets it: the findings (core findFindings; warnings bounded), and the rules
 * and the plan per target file (core analyzeAndPlan), run in the worker, or in the host when its analyzer lives
 * there. No sessions or raw calls (too large to send).
 */
export interface ProjectLearnResult extends ProjectFindings, ProjectAnalysis {
  /**
   * Set when an automatically chosen LLM backend failed and the offline analyzer wrote the rules instead: what
   * failed, for the user (an error notification), not only the log.
   */
  analyzerFailure?: string;
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

/** The worker learned every project (its analyzer ran in the worker). */
export interface ResultMessage {
  type: 'result';
  projects: ProjectLearnResult[];
}

/** `deferToHost`: the worker stopped after the findings; the host runs analyzeAndPlan on them. */
export interface FindingsMessage {
  type: 'findings';
  projects: ProjectFindings[];
}

/** A line for the extension's log (e.g. the scan cache discarded a damaged entry). */
interface LogMessage {
  type: 'log';
  message: string;
}

interface ErrorMessage {
  type: 'error';
  message: string;
  /**
   * A BackendSelectionError (bad model setting), an LLM failure (LlmError) or an agent file that cannot be read
   * (UnreadableFileError): shown as it is, no stack.
   */
  userFacing: boolean;
  /** The chosen LLM failed (the host names the analyzer in the message). */
  analyzerFailed?: boolean;
  stack?: string;
}

export type WorkerToHost = ProgressMessage | AnalyzerChosenMessage | LogMessage | ResultMessage | FindingsMessage | ErrorMessage;
export type HostToWorker = LearnRequest;
