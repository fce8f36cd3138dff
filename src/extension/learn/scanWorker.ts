// Worker thread entry (bundled to dist/scanWorker.js): scan → correlate → analyze off the extension host's
// main thread. Reads the environment it inherits (HOME, CLAUDE_CONFIG_DIR, CODEX_HOME, GEMINI_CLI_HOME, API
// keys, PATH). The host terminates the worker to cancel, which also ends any LLM request in flight; CLI
// backends' child processes are killed through the abort signal first when the host asks nicely.
import { promises as fs } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { createDefaultRegistry } from '../../core/agents/builtins';
import { processEnvironment } from '../../core/agents/environment';
import type { AgentEnvironment, AgentPlugin } from '../../core/agents/plugin';
import { normaliseProjectPath } from '../../core/agents/projectPaths';
import { OfflineAnalyzer } from '../../core/analyze/offline/offlineAnalyzer';
import { BackendSelectionError, selectAnalyzerBackend } from '../../core/analyze/selectBackend';
import { runLearn, type LearnResult } from '../../core/pipeline/runLearn';
import { existingRulesInTargets } from '../../core/write/existingRulesInTargets';
import { prescannedPlugin } from '../api/prescannedPlugin';
import type { AgentSummary, HostToWorker, LearnRequest, ProjectLearnResult, WorkerToHost } from './workerProtocol';

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

function summarise(result: LearnResult, warnings: string[]): ProjectLearnResult {
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
  const selection = selectAnalyzerBackend({
    model: request.analyzer.model,
    modelSource: request.analyzer.modelSource,
    env: environment.env,
    apiKeys: request.analyzer.apiKeys,
    baseUrls: request.analyzer.baseUrls,
    tokenBudget: request.analyzer.tokenBudget,
    createOffline: () => new OfflineAnalyzer(),
  });
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
      analyzer: selection.backend,
      existingRules,
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
    if (request.scope.kind === 'project' || result.scans.length > 0) results.push(summarise(result, warnings));
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
      const userFacing = error instanceof BackendSelectionError;
      send({
        type: 'error',
        message: error instanceof Error ? error.message : String(error),
        userFacing,
        stack: userFacing ? undefined : (error as Error)?.stack,
      });
    },
  );
});
