// Worker thread entry (bundled to dist/scanWorker.js): core learnProject off the extension host's main thread, or
// only its first stage (findFindings) when the analyzer lives in the host. Reads the environment it inherits
// (HOME, CLAUDE_CONFIG_DIR, CODEX_HOME, GEMINI_CLI_HOME, API keys, PATH); keys from SecretStorage arrive in the
// start message (request.analyzer.apiKeys), never in env. The host terminates the worker to cancel, which also
// ends any LLM request in flight; CLI backends' child processes are killed through the abort signal first when
// the host asks nicely.
import { parentPort } from 'node:worker_threads';
import { createDefaultRegistry } from '../../core/agents/builtins.js';
import { processEnvironment } from '../../core/agents/environment.js';
import type { AgentEnvironment, AgentPlugin } from '../../core/agents/plugin.js';
import { normaliseProjectPath } from '../../core/agents/projectPaths.js';
import { LlmError } from '../../core/analyze/llm/llmError.js';
import { OfflineAnalyzer } from '../../core/analyze/offline/offlineAnalyzer.js';
import { BackendSelectionError, selectAnalyzerBackend, type BackendSelection } from '../../core/analyze/selectBackend.js';
import { writtenRulesFor } from '../../core/lifecycle/ruleState.js';
import { readRuleState } from '../../core/lifecycle/ruleStateFile.js';
import { findFindings, type FindFindingsOptions, type ProjectFindings } from '../../core/pipeline/findFindings.js';
import type { LearnProgress } from '../../core/pipeline/learnProgress.js';
import { learnProject } from '../../core/pipeline/learnProject.js';
import { listLearnProjects } from '../../core/pipeline/listLearnProjects.js';
import { UnreadableFileError } from '../../core/pipeline/readTextFile.js';
import { SessionCache } from '../../core/scan/cache/sessionCache.js';
import { prescannedPlugin } from '../api/prescannedPlugin.js';
import type { FindingsMessage, HostToWorker, LearnRequest, ProjectLearnResult, ResultMessage, WorkerToHost } from './workerProtocol.js';

/** Warnings sent per project: a damaged history can produce thousands, and the host only logs them. */
const MAX_WARNINGS = 200;

function send(message: WorkerToHost): void {
  parentPort?.postMessage(message);
}

/** The built-in agents asked for, plus the prescanned agents of other extensions for this project (or all). */
function selectPlugins(request: LearnRequest, projectPath?: string): AgentPlugin[] {
  const registry = createDefaultRegistry();
  const builtins =
    request.agents === 'auto'
      ? registry.all()
      : request.agents.map((name) => registry.get(name)).filter((plugin): plugin is AgentPlugin => plugin !== undefined);
  const external = (request.prescanned ?? [])
    .filter((agent) => projectPath === undefined || normaliseProjectPath(agent.scan.projectPath) === normaliseProjectPath(projectPath))
    .map(prescannedPlugin);
  return [...builtins, ...external];
}

/** The spec's priority over the request's inputs (model setting, keys from the environment or SecretStorage, base URLs, budget). */
function chooseAnalyzer(request: LearnRequest, environment: AgentEnvironment, cache: SessionCache | undefined): BackendSelection {
  return selectAnalyzerBackend({
    answers: cache?.results,
    model: request.analyzer.model,
    modelSource: request.analyzer.modelSource,
    env: environment.env,
    apiKeys: request.analyzer.apiKeys,
    baseUrls: request.analyzer.baseUrls,
    tokenBudget: request.analyzer.tokenBudget,
    createOffline: () => new OfflineAnalyzer(),
  });
}

/** The projects to learn: the one asked for, or (Learn All Projects) every project some selected agent has sessions for. */
async function projectsToLearn(request: LearnRequest, environment: AgentEnvironment, warnings: string[], signal: AbortSignal): Promise<string[]> {
  if (request.scope.kind === 'project') return [request.scope.projectPath];
  send({ type: 'progress', stage: 'listing' });
  const listed = await listLearnProjects(selectPlugins(request), environment, { warn: (message) => warnings.push(message) }, signal);
  return listed.map((project) => project.projectPath);
}

/** Forwards core's progress to the host, naming the project. */
function progressSender(projectPath: string, project: { index: number; count: number }): (progress: LearnProgress) => void {
  return (progress) => {
    if (progress.phase === 'scan') {
      send({ type: 'progress', stage: 'scanning', projectPath, project, agent: progress.agent, done: progress.done, total: progress.total });
    } else if (progress.phase === 'correlate') {
      send({ type: 'progress', stage: 'correlating', projectPath, project, done: progress.sessions });
    } else {
      send({ type: 'progress', stage: 'analyzing', projectPath, project, backend: progress.backend });
    }
  };
}

/** A project's result as sent: the listing's warnings go with the first project, and they are bounded. */
function withWarnings<T extends ProjectFindings>(result: T, before: readonly string[]): T {
  return { ...result, warnings: [...before, ...result.warnings].slice(0, MAX_WARNINGS) };
}

/** Learn All Projects keeps only projects where some agent had sessions; a project asked for is always shown. */
function worthShowing(request: LearnRequest, found: ProjectFindings): boolean {
  return request.scope.kind === 'project' || found.agents.length > 0;
}

async function learn(request: LearnRequest, signal: AbortSignal): Promise<ResultMessage | FindingsMessage> {
  const environment: AgentEnvironment = {
    ...processEnvironment(process.env),
    ...(request.scope.kind === 'all' && request.scope.workspaceFolders ? { knownProjectPaths: request.scope.workspaceFolders } : {}),
  };
  const listWarnings: string[] = [];
  const projectPaths = await projectsToLearn(request, environment, listWarnings, signal);
  const inHost = request.analyzer.deferToHost !== undefined;
  const cache = request.scanCache && new SessionCache(request.scanCache.root, { log: (message) => send({ type: 'log', message }) });
  const analyzer = inHost ? undefined : chooseAnalyzer(request, environment, cache);
  if (analyzer) send({ type: 'analyzer', backend: analyzer.backend.name, model: analyzer.model, reason: analyzer.reason, automatic: analyzer.automatic });
  const history = request.ruleHistory ? await readRuleState(request.ruleHistory.stateFile) : undefined;
  const learned: ProjectLearnResult[] = [];
  const found: ProjectFindings[] = [];
  for (const [i, projectPath] of projectPaths.entries()) {
    signal.throwIfAborted();
    const options: FindFindingsOptions = {
      projectPath,
      plugins: selectPlugins(request, projectPath),
      environment,
      targetOptions: { memoryFile: request.memoryFile },
      minOccurrences: request.minOccurrences,
      writtenRules: history ? writtenRulesFor(history.state, projectPath) : undefined,
      retireAfterDays: request.ruleHistory?.retireAfterDays,
      cache,
      signal,
      onProgress: progressSender(projectPath, { index: i + 1, count: projectPaths.length }),
    };
    const before = i === 0 ? listWarnings : [];
    if (!analyzer) {
      const findings = await findFindings(options);
      if (worthShowing(request, findings)) found.push(withWarnings(findings, before));
      continue;
    }
    const result = await learnProject({ ...options, analyzer: analyzer.backend });
    // An automatically chosen LLM that failed was replaced by the offline analyzer (core withOfflineFallback).
    const fellBack = analyzer.kind !== 'offline' && result.analyzer.backend === 'offline';
    const analyzerFailure = fellBack ? (result.analyzer.notes[0] ?? result.analyzer.reason) : undefined;
    if (worthShowing(request, result)) learned.push({ ...withWarnings(result, before), analyzerFailure });
  }
  return analyzer ? { type: 'result', projects: learned } : { type: 'findings', projects: found };
}

const controller = new AbortController();
parentPort?.on('message', (message: HostToWorker | { type: 'abort' }) => {
  if (message.type === 'abort') {
    controller.abort();
    return;
  }
  if (message.type !== 'learn') return;
  learn(message, controller.signal).then(send, (error: unknown) => {
    // A model setting that cannot be honoured, the chosen LLM failing, an agent file that cannot be read: the
    // message says what to do.
    const userFacing = error instanceof BackendSelectionError || error instanceof LlmError || error instanceof UnreadableFileError;
    send({
      type: 'error',
      message: error instanceof Error ? error.message : String(error),
      userFacing,
      analyzerFailed: error instanceof LlmError,
      stack: userFacing ? undefined : (error as Error)?.stack,
    });
  });
});
