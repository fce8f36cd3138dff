// Worker thread entry (bundled to dist/scanWorker.js): scan → correlate → analyze off the extension host's
// main thread. Reads the environment it inherits (HOME, CLAUDE_CONFIG_DIR, CODEX_HOME, GEMINI_CLI_HOME, API
// keys, PATH); keys from SecretStorage arrive in the start message (request.analyzer.apiKeys), never in env. The host terminates the worker to cancel, which also ends any LLM request in flight; CLI
// backends' child processes are killed through the abort signal first when the host asks nicely.
import { promises as fs } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { createDefaultRegistry } from '../../core/agents/builtins.js';
import { processEnvironment } from '../../core/agents/environment.js';
import type { AgentEnvironment, AgentPlugin } from '../../core/agents/plugin.js';
import type { AnalyzerBackend, ExistingRule } from '../../core/analyze/backend.js';
import { LlmError } from '../../core/analyze/llm/llmError.js';
import { normaliseProjectPath } from '../../core/agents/projectPaths.js';
import { OfflineAnalyzer } from '../../core/analyze/offline/offlineAnalyzer.js';
import { BackendSelectionError, selectAnalyzerBackend } from '../../core/analyze/selectBackend.js';
import { runLearn, type LearnResult } from '../../core/pipeline/runLearn.js';
import { existingRulesInTargets } from '../../core/write/existingRulesInTargets.js';
import { prescannedPlugin } from '../api/prescannedPlugin.js';
import type { AgentSummary, HostToWorker, LearnRequest, ProjectLearnResult, WorkerToHost } from './workerProtocol.js';

const MAX_WARNINGS = 200;

function send(message: WorkerToHost): void {
  parentPort?.postMessage(message);
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await fs.readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
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

function summarise(result: LearnResult, warnings: string[], existingRules: ExistingRule[], analyzerFailure?: string): ProjectLearnResult {
  const agents: AgentSummary[] = result.scans.map((scan) => {
    const failuresByTool: Record<string, number> = {};
    for (const session of scan.sessions) {
      for (const call of session.calls) {
        if (call.outcome === 'failed') failuresByTool[call.tool] = (failuresByTool[call.tool] ?? 0) + 1;
      }
    }
    return { name: scan.agent, displayName: scan.displayName, stats: scan.stats, failuresByTool, unreadableFiles: scan.unreadableFiles };
  });
  return {
    projectPath: result.projectPath,
    agents,
    corrections: result.corrections,
    findings: result.findings,
    learnings: result.learnings,
    analyzer: result.analyzer,
    analyzerFailure,
    existingRules,
    waste: result.waste,
    contradictions: result.contradictions.length,
    belowThreshold: result.belowThreshold,
    warnings: warnings.slice(0, MAX_WARNINGS),
  };
}

async function listProjects(plugins: readonly AgentPlugin[], environment: AgentEnvironment, warn: (m: string) => void): Promise<string[]> {
  const byKey = new Map<string, string>();
  for (const plugin of plugins) {
    if (!(await plugin.detect(environment))) continue;
    for (const project of await plugin.listProjects(environment, { warn })) {
      if (project.sessions.length === 0) continue;
      const key = normaliseProjectPath(project.projectPath);
      if (!byKey.has(key)) byKey.set(key, project.projectPath);
    }
  }
  return [...byKey.values()].sort((a, b) => a.localeCompare(b));
}

/**
 * The analyzer for this run: the spec's priority over the request's inputs (model setting, keys from the
 * environment or SecretStorage, base URLs, budget), or, when the host analyses (a VS Code language model), a
 * stand-in that returns no rules so runLearn stops after the findings.
 */
function chooseAnalyzer(request: LearnRequest, environment: AgentEnvironment): { backend: AnalyzerBackend; kind: string; model?: string; reason: string; automatic: boolean } {
  const deferred = request.analyzer.deferToHost;
  if (deferred) {
    const backend: AnalyzerBackend = {
      name: deferred.backend,
      analyze: async () => ({ learnings: [], report: { backend: deferred.backend, model: deferred.model, reason: deferred.reason, dropped: [], notes: ['Analysed in the extension host.'] } }),
    };
    return { backend, kind: deferred.backend, model: deferred.model, reason: deferred.reason, automatic: false };
  }
  const selection = selectAnalyzerBackend({
    model: request.analyzer.model,
    modelSource: request.analyzer.modelSource,
    env: environment.env,
    apiKeys: request.analyzer.apiKeys,
    baseUrls: request.analyzer.baseUrls,
    tokenBudget: request.analyzer.tokenBudget,
    createOffline: () => new OfflineAnalyzer(),
  });
  return { backend: selection.backend, kind: selection.kind, model: selection.model, reason: selection.reason, automatic: selection.automatic };
}

async function learn(request: LearnRequest, signal: AbortSignal): Promise<ProjectLearnResult[]> {
  const environment = processEnvironment(process.env);
  const listWarnings: string[] = [];
  let projectPaths: string[];
  if (request.scope.kind === 'project') {
    projectPaths = [request.scope.projectPath];
  } else {
    send({ type: 'progress', stage: 'listing' });
    projectPaths = await listProjects(selectPlugins(request), environment, (m) => listWarnings.push(m));
  }
  const analyzer = chooseAnalyzer(request, environment);
  send({ type: 'analyzer', backend: analyzer.backend.name, model: analyzer.model, reason: analyzer.reason, automatic: analyzer.automatic });
  const results: ProjectLearnResult[] = [];
  for (const [i, projectPath] of projectPaths.entries()) {
    signal.throwIfAborted();
    const project = { index: i + 1, count: projectPaths.length };
    const warnings = i === 0 ? [...listWarnings] : [];
    const plugins = selectPlugins(request, projectPath);
    const targets = plugins.flatMap((plugin) => plugin.targets(projectPath, environment, { memoryFile: request.memoryFile }));
    const existingRules = await existingRulesInTargets(projectPath, targets, readText);
    const result = await runLearn({
      projectPath,
      plugins,
      environment,
      reporter: { warn: (message) => warnings.push(message) },
      signal,
      analyzer: analyzer.backend,
      existingRules,
      minOccurrences: request.minOccurrences,
      onProgress: (progress) => {
        if (progress.phase === 'scan') {
          send({ type: 'progress', stage: 'scanning', projectPath, project, agent: progress.agent, done: progress.done, total: progress.total });
        } else if (progress.phase === 'correlate') {
          send({ type: 'progress', stage: 'correlating', projectPath, project, done: progress.sessions });
        } else {
          send({ type: 'progress', stage: 'analyzing', projectPath, project, backend: progress.backend });
        }
      },
    });
    // Learn All Projects: only projects where some agent had sessions.
    // An automatically chosen LLM that failed was replaced by the offline analyzer (core withOfflineFallback).
    const fellBack = analyzer.kind !== 'offline' && !request.analyzer.deferToHost && result.analyzer.backend === 'offline';
    const failure = fellBack ? (result.analyzer.notes[0] ?? result.analyzer.reason) : undefined;
    if (request.scope.kind === 'project' || result.scans.length > 0) results.push(summarise(result, warnings, existingRules, failure));
  }
  return results;
}

const controller = new AbortController();
parentPort?.on('message', (message: HostToWorker | { type: 'abort' }) => {
  if (message.type === 'abort') {
    controller.abort();
    return;
  }
  if (message.type !== 'learn') return;
  learn(message, controller.signal).then(
    (projects) => send({ type: 'result', projects }),
    (error: unknown) => {
      // A model setting that cannot be honoured, or the chosen LLM failing: the message says what to do.
      const userFacing = error instanceof BackendSelectionError || error instanceof LlmError;
      send({
        type: 'error',
        message: error instanceof Error ? error.message : String(error),
        userFacing,
        stack: userFacing ? undefined : (error as Error)?.stack,
      });
    },
  );
});
