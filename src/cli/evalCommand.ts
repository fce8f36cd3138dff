import { agentList } from '../core/agents/noSessionsMessage.js';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { AgentEnvironment } from '../core/agents/plugin.js';
import type { AgentRegistry } from '../core/agents/registry.js';
import type { AnalyzerBackend } from '../core/analyze/backend.js';
import { LlmError } from '../core/analyze/llm/llmError.js';
import { OfflineAnalyzer } from '../core/analyze/offline/offlineAnalyzer.js';
import { BackendSelectionError, selectAnalyzerBackend } from '../core/analyze/selectBackend.js';
import { DEFAULT_SPLIT } from '../core/backtest/projectBacktest.js';
import { runBacktest } from '../core/backtest/runBacktest.js';
import type { SessionCache } from '../core/scan/cache/sessionCache.js';
import { NO_CACHE_OPTION, openScanCache } from './scanCache.js';
import { listLearnProjects } from '../core/pipeline/listLearnProjects.js';
import { EVAL_HELP } from './evalHelp.js';
import { toEvalJson, type EvalJson } from './evalJson.js';
import { printEvalProject } from './evalReport.js';
import { jsonText, painter, writeLine, type CliIO } from './output.js';
import { progressLine } from './progressLine.js';
import { assertProjectFolder, isFolder } from './projectFolder.js';
import { CliError, EXIT_OK, UsageError } from './usageError.js';

;
export type { EvalJson } from './evalJson.js';

interface EvalArgs {
  project?: string;
  all: boolean;
  split: number;
  model?: string;
  minOccurrences?: number;
  json: boolean;
  noCache: boolean;
}

/** `eval --all --json`: one entry per project, and the projects skipped. */
interface EvalAllJson {
  projects: EvalJson[];
  skipped: Array<{ projectPath: string; reason: string }>;
}

function parseSplit(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_SPLIT;
  const split = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(split) || split <= 0 || split >= 1) {
    throw new UsageError(`--split needs a share of the sessions between 0 and 1 (exclusive), e.g. --split 0.7, not "${raw}".`);
  }
  return split;
}

function parseMinOccurrences(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!(Number.isInteger(n) && n >= 1 && n <= 1000)) throw new UsageError(`--min-occurrences needs a whole number from 1 to 1000, not "${raw}".`);
  return n;
}

function parseEvalArgs(argv: string[]): EvalArgs | 'help' {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        project: { type: 'string' },
        all: { type: 'boolean' },
        split: { type: 'string' },
        model: { type: 'string' },
        'min-occurrences': { type: 'string' },
        json: { type: 'boolean' },
        ...NO_CACHE_OPTION,
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message.replace(/\.$/, '')}. Run "headroom-learn eval --help" for the options.`);
  }
  if (values.help) return 'help';
  if (values.all && values.project !== undefined) throw new UsageError('Use either --project PATH or --all, not both.');
  if (values.project !== undefined && String(values.project).trim() === '') throw new UsageError('--project needs a folder path.');
  if (values.model !== undefined && String(values.model).trim() === '') throw new UsageError('--model needs a value, e.g. --model offline.');
  return {
    project: values.project as string | undefined,
    all: Boolean(values.all),
    split: parseSplit(values.split as string | undefined),
    model: values.model as string | undefined,
    minOccurrences: parseMinOccurrences(values['min-occurrences'] as string | undefined),
    json: Boolean(values.json),
    noCache: Boolean(values['no-cache']),
  };
}

/** As learn chooses: --model, an API key, HEADROOM_LEARN_CLI, a CLI on PATH, else offline. */
function selectBackend(model: string | undefined, env: NodeJS.ProcessEnv): AnalyzerBackend {
  try {
    return selectAnalyzerBackend({ model, env, createOffline: () => new OfflineAnalyzer() }).backend;
  } catch (error) {
    if (error instanceof BackendSelectionError) throw new UsageError(error.message);
    throw error;
  }
}

async function projectsToEvaluate(args: EvalArgs, io: CliIO, registry: AgentRegistry, environment: AgentEnvironment): Promise<string[]> {
  if (args.all) return (await listLearnProjects(registry.all(), environment, { warn: () => undefined })).map((p) => p.projectPath);
  const projectPath = path.resolve(io.cwd, args.project ?? '.');
  await assertProjectFolder(projectPath);
  return [projectPath];
}

/**
 * `headroom-learn eval …`: the backtest. Exit 0 on success (also nothing to replay), 1 when the
 * analysis fails, 2 (UsageError) on bad usage. `analyzer` replaces the backend selection (tests).
 */
export async function runEvalCommand(argv: string[], io: CliIO, registry: AgentRegistry, environment: AgentEnvironment, analyzer?: AnalyzerBackend): Promise<number> {
  const args = parseEvalArgs(argv);
  if (args === 'help') {
    io.stdout.write(EVAL_HELP);
    return EXIT_OK;
  }
  const backend = analyzer ?? selectBackend(args.model, io.env);
  const cache = openScanCache(args.noCache, io, environment);
  const projects = await projectsToEvaluate(args, io, registry, environment);
  if (projects.length === 0 && !args.json) writeLine(io.stdout, `Nothing to evaluate: no ${agentList(registry.all())} sessions found for any project.`);
  const errPaint = painter(io.stderr, io.env);
  const results: EvalJson[] = [];
  const skipped: EvalAllJson['skipped'] = [];
  for (const [index, projectPath] of projects.entries()) {
    const counter = `[${index + 1}/${projects.length}]`;
    if (args.all && !(await isFolder(projectPath))) {
      writeLine(io.stderr, errPaint('yellow', `${counter} ${projectPath}: the folder no longer exists; skipped.`));
      skipped.push({ projectPath, reason: 'the folder no longer exists' });
      continue;
    }
    if (args.all) writeLine(io.stderr, `${counter} ${projectPath}`);
    const json = await evaluateProject(projectPath, args, backend, io, registry, environment, cache);
    if (args.json) results.push(json);
    else printEvalProject(json, io);
  }
  if (args.json) writeLine(io.stdout, jsonText(args.all ? ({ projects: results, skipped } satisfies EvalAllJson) : results[0]));
  return EXIT_OK;
}

async function evaluateProject(
  projectPath: string,
  args: EvalArgs,
  analyzer: AnalyzerBackend,
  io: CliIO,
  registry: AgentRegistry,
  environment: AgentEnvironment,
  cache: SessionCache | undefined,
): Promise<EvalJson> {
  const warnings: string[] = [];
  const progress = progressLine(io.stderr, io.env);
  try {
    const result = await runBacktest({
      projectPath,
      plugins: registry.all(),
      environment,
      reporter: { warn: (message) => warnings.push(message) },
      split: args.split,
      analyzer,
      minOccurrences: args.minOccurrences,
      cache,
      signal: io.signal,
      onProgress: (p) => progress.update(p),
    });
    return toEvalJson(result, warnings);
  } catch (error) {
    if (error instanceof LlmError && !io.signal?.aborted) {
      throw new CliError(`Analysis failed (${error.kind}): ${error.message.trim()} Run again with --model offline to evaluate the offline rules.`);
    }
    throw error;
  } finally {
    progress.clear();
  }
}
