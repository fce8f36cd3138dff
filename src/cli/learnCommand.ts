import type { ProjectResultCache } from '../core/scan/cache/projectResultCache.js';
import type { SessionCache } from '../core/scan/cache/sessionCache.js';
import { KeptSessionHeads } from '../core/scan/cache/sessionHeadCache.js';
import { agentList, WHERE_SESSIONS_ARE_READ } from '../core/agents/noSessionsMessage.js';
import * as path from 'node:path';
import type { AgentRegistry } from '../core/agents/registry.js';
import type { AgentEnvironment, AgentPlugin } from '../core/agents/plugin.js';
import type { AnalyzerBackend } from '../core/analyze/backend.js';
import { LlmError } from '../core/analyze/llm/llmError.js';
import { OfflineAnalyzer } from '../core/analyze/offline/offlineAnalyzer.js';
import { BackendSelectionError, selectAnalyzerBackend } from '../core/analyze/selectBackend.js';
import { learnProject, type LearnProjectOptions, type ProjectLearning } from '../core/pipeline/learnProject.js';
import { checkoutsOf, listLearnProjects } from '../core/pipeline/listLearnProjects.js';
import { UnreadableFileError } from '../core/pipeline/readTextFile.js';
import { DEFAULT_RULE_CAPS, MAX_RULE_CAP, type RuleCaps } from '../core/write/ruleCaps.js';
import { applyProposals, type ApplyOutcome } from './applyProposals.js';
import { agentsFor, parseCommandArgs } from './commandArgs.js';
import { LEARN_HELP } from './learnHelp.js';
import { toLearnJson, type LearnJson } from './learnJson.js';
import { printDropped } from './droppedReport.js';
import { explainRules, printExplanations, type RuleExplanation } from './explainReport.js';
import { progressLine } from './progressLine.js';
import { loadRuleHistory, printLifecycle, rememberWrittenRules, writtenRules } from './ruleHistory.js';
import { assertProjectFolder, isFolder } from './projectFolder.js';
import { NO_CACHE_OPTION, openScanCache } from './scanCache.js';
import { jsonText, plural } from './output.js';
import { printAnalyzer, printDiffs, printFindings, printProjectHeader, printSummary, printWaste, statusLine } from './learnReport.js';
import { painter, writeLine, type CliIO } from './output.js';
import { CliError, EXIT_FAILURE, EXIT_OK, UsageError } from './usageError.js';

export type { LearnJson } from './learnJson.js';

const MEMORY_FILE_CHOICES = ['auto', 'project'] as const;

interface LearnArgs {
  project?: string;
  all: boolean;
  apply: boolean;
  agent: string;
  model?: string;
  memoryFile: (typeof MEMORY_FILE_CHOICES)[number];
  minOccurrences?: number;
  json: boolean;
  retireAfterDays?: number;
  retire: boolean;
  explain: boolean;
  ruleCaps: RuleCaps;
  noCache: boolean;
}

/** `--all --json`: one entry per project, and the projects skipped. */
interface LearnAllJson {
  projects: LearnJson[];
  skipped: Array<{ projectPath: string; reason: string }>;
}

function parseLearnArgs(argv: string[]): LearnArgs | 'help' {
  const values = parseCommandArgs(
    argv,
    {
      project: { type: 'string' },
      all: { type: 'boolean' },
      apply: { type: 'boolean' },
      agent: { type: 'string', default: 'auto' },
      model: { type: 'string' },
      'memory-file': { type: 'string', default: 'auto' },
      'min-occurrences': { type: 'string' },
      json: { type: 'boolean' },
      'retire-after-days': { type: 'string' },
      retire: { type: 'boolean' },
      explain: { type: 'boolean' },
      'max-rules-context': { type: 'string' },
      'max-rules-memory': { type: 'string' },
      ...NO_CACHE_OPTION,
      help: { type: 'boolean', short: 'h' },
    },
    'headroom-learn --help',
  );
  if (values.help) return 'help';
  if (values.all && values.project !== undefined) throw new UsageError('Use either --project PATH or --all, not both.');
  const memoryFile = String(values['memory-file']);
  if (!(MEMORY_FILE_CHOICES as readonly string[]).includes(memoryFile)) {
    throw new UsageError(`Unknown --memory-file "${memoryFile}". Choose auto (Claude Code's own MEMORY.md) or project (MEMORY.md at the project root).`);
  }
  if (values.model !== undefined && String(values.model).trim() === '') {
    throw new UsageError('--model needs a value, e.g. --model offline or --model claude-cli. Run "headroom-learn --help" for the forms.');
  }
  if (values.project !== undefined && String(values.project).trim() === '') throw new UsageError('--project needs a folder path.');
  const minOccurrences = values['min-occurrences'] === undefined ? undefined : Number(values['min-occurrences']);
  if (minOccurrences !== undefined && !(Number.isInteger(minOccurrences) && minOccurrences >= 1 && minOccurrences <= 1000)) {
    throw new UsageError(`--min-occurrences needs a whole number from 1 to 1000, not "${values['min-occurrences']}".`);
  }
  const retireAfterDays = values['retire-after-days'] === undefined ? undefined : Number(values['retire-after-days']);
  if (retireAfterDays !== undefined && !(Number.isInteger(retireAfterDays) && retireAfterDays >= 1 && retireAfterDays <= 3650)) {
    throw new UsageError(`--retire-after-days needs a whole number from 1 to 3650, not "${values['retire-after-days']}".`);
  }
  const ruleCaps: RuleCaps = {
    context: ruleCapOption('--max-rules-context', values['max-rules-context'], DEFAULT_RULE_CAPS.context),
    memory: ruleCapOption('--max-rules-memory', values['max-rules-memory'], DEFAULT_RULE_CAPS.memory),
  };
  return {
    project: values.project as string | undefined,
    all: Boolean(values.all),
    apply: Boolean(values.apply),
    agent: String(values.agent),
    model: values.model as string | undefined,
    memoryFile: memoryFile as LearnArgs['memoryFile'],
    minOccurrences,
    json: Boolean(values.json),
    retireAfterDays,
    retire: Boolean(values.retire),
    explain: Boolean(values.explain),
    ruleCaps,
    noCache: Boolean(values['no-cache']),
  };
}

/** The learn options the command line sets, the same for every project. */
function learnOptionsOf(args: LearnArgs): Pick<LearnProjectOptions, 'targetOptions' | 'minOccurrences' | 'retireAfterDays' | 'retire' | 'ruleCaps'> {
  return { targetOptions: { memoryFile: args.memoryFile }, minOccurrences: args.minOccurrences, retireAfterDays: args.retireAfterDays, retire: args.retire, ruleCaps: args.ruleCaps };
}

/** A --max-rules-… value: a whole number from 1 to MAX_RULE_CAP, or the default when the option is not given. */
function ruleCapOption(flag: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  const cap = Number(value);
  if (!(String(value).trim() !== '' && Number.isInteger(cap) && cap >= 1 && cap <= MAX_RULE_CAP)) {
    throw new UsageError(`${flag} needs a whole number of rules from 1 to ${MAX_RULE_CAP}, not "${String(value)}".`);
  }
  return cap;
}

/** With --all: "[i/n] <project>" before its report, or why it is skipped (false: a folder that no longer exists). */
async function announceProject(projectPath: string, counter: string, io: CliIO, skipped: LearnAllJson['skipped']): Promise<boolean> {
  if (!(await isFolder(projectPath))) {
    writeLine(io.stderr, painter(io.stderr, io.env)('yellow', `${counter} ${projectPath}: the folder no longer exists; skipped.`));
    skipped.push({ projectPath, reason: 'the folder no longer exists' });
    return false;
  }
  writeLine(io.stderr, `${counter} ${projectPath}`);
  return true;
}

/**
 * `headroom-learn [--project PATH | --all] [--apply] [--agent …] [--model …] [--memory-file …] [--json]`.
 * Exit 0 on success (also nothing to learn), 1 on a failure, 2 (UsageError) on bad usage.
 * `analyzer` replaces the backend selection (tests, embedding).
 */
export async function runLearnCommand(
  argv: string[],
  io: CliIO,
  registry: AgentRegistry,
  environment: AgentEnvironment,
  analyzer?: AnalyzerBackend,
): Promise<number> {
  const args = parseLearnArgs(argv);
  if (args === 'help') {
    io.stdout.write(LEARN_HELP);
    return EXIT_OK;
  }
  const plugins = agentsFor(registry, args.agent);
  const cache = openScanCache(args.noCache, io, environment);
  const selection = analyzer ? { backend: analyzer, label: analyzer.name } : selectBackend(args.model, io.env, cache?.results);
  const backend = selection.backend;

  const listWarnings: string[] = [];
  const projects = await projectsToLearn(args, plugins, environment, io, listWarnings, cache);
  const history = await loadRuleHistory(io, environment.home);

  const results: LearnJson[] = [];
  const skipped: LearnAllJson['skipped'] = [];
  let failed = false;
  for (const [index, { projectPath, checkouts }] of projects.entries()) {
    if (args.all && !(await announceProject(projectPath, `[${index + 1}/${projects.length}]`, io, skipped))) continue;
    let outcome: ProjectLearning;
    const progress = progressLine(io.stderr, io.env);
    try {
      outcome = await learnProject({
        projectPath,
        checkouts,
        plugins,
        environment,
        analyzer: backend,
        ...learnOptionsOf(args),
        writtenRules: writtenRules(history, projectPath),
        cache,
        onProgress: (p) => progress.update(p),
        signal: io.signal,
      });
    } catch (error) {
      progress.clear();
      if (io.signal?.aborted) throw error;
      // An agent file that is a folder or not readable: its message says what to do.
      if (error instanceof UnreadableFileError) throw new CliError(error.message);
      if (!(error instanceof LlmError)) throw error;
      reportAnalysisFailure(io, selection.label, error, projects.length - index - 1);
      return EXIT_FAILURE;
    }
    progress.clear();
    // Unreadable session files: a dry run shows the plan, --apply writes nothing; both exit 1.
    const unreadable = outcome.agents.flatMap((agent) => agent.unreadableFiles);
    const applied = args.apply && unreadable.length === 0 ? await applyProposals(outcome.proposals) : undefined;
    await rememberWrittenRules(history, outcome, applied, io);
    const json = toLearnJson(outcome, [...(index === 0 ? listWarnings : []), ...outcome.warnings], outcome.proposals);
    if (applied) {
      json.written = applied.written;
      json.writeErrors = applied.errors;
    }
    const explanations = args.explain ? (json.explain = await explainRules(outcome, json, plugins, args.minOccurrences, io.signal)) : undefined;
    if (unreadable.length > 0 || outcome.proposals.some((p) => p.error || p.refused) || (applied && applied.errors.length > 0)) failed = true;
    if (args.json) results.push(json);
    else printProject(json, outcome, io, environment.home, applied, args.retire, explanations);
    reportNotWritten(outcome, applied, args.apply ? unreadable : [], args.json, io);
  }

  if (args.json) {
    const output = args.all ? ({ projects: results, skipped } satisfies LearnAllJson) : results[0];
    writeLine(io.stdout, jsonText(output));
  }
  return failed ? EXIT_FAILURE : EXIT_OK;
}

/**
 * On stderr: with --json, the marker errors and write errors (printProject shows them otherwise); files refused in
 * a dry run (an apply lists them among its errors); an apply refused for unreadable sessions.
 */
function reportNotWritten(outcome: ProjectLearning, applied: ApplyOutcome | undefined, unreadable: readonly string[], json: boolean, io: CliIO): void {
  if (json) {
    for (const p of outcome.proposals) if (p.error) writeLine(io.stderr, `headroom-learn: ${p.error.message}`);
    for (const line of applied?.errors ?? []) writeLine(io.stderr, `headroom-learn: ${line}`);
  }
  if (!applied) for (const p of outcome.proposals) if (p.refused) writeLine(io.stderr, `headroom-learn: ${p.refused}`);
  if (unreadable.length > 0) writeLine(io.stderr, `headroom-learn: ${unreadableRefusal(unreadable)}`);
}

/**
 * Why --apply wrote nothing: rules planned without some sessions could drop or reword rules those sessions
 * support, so a run with unreadable session files never writes (a dry run shows the plan and the files).
 */
function unreadableRefusal(files: readonly string[]): string {
  const shown = files.slice(0, 3).join(', ') + (files.length > 3 ? ` and ${files.length - 3} more` : '');
  return (
    `${plural(files.length, 'session file')} could not be read (${shown}), so nothing was written: rules planned without them ` +
    'could drop ones they support. Fix the files\' permissions or move them away, then run again (the warnings above say why each failed).'
  );
}

/** --all: every project with sessions (saying so when there is none), with its worktrees; otherwise the one --project folder (default: cwd). */
async function projectsToLearn(
  args: LearnArgs,
  plugins: AgentPlugin[],
  environment: AgentEnvironment,
  io: CliIO,
  listWarnings: string[],
  cache: SessionCache | undefined,
): Promise<Array<{ projectPath: string; checkouts?: string[] }>> {
  if (!args.all) {
    const projectPath = path.resolve(io.cwd, args.project ?? '.');
    await assertProjectFolder(projectPath);
    return [{ projectPath }];
  }
  const listed = await listLearnProjects(plugins, environment, { warn: (m) => listWarnings.push(m) }, undefined, cache && new KeptSessionHeads(cache.results));
  const projects = listed.map((entry) => ({ projectPath: entry.projectPath, checkouts: checkoutsOf(entry) }));
  if (projects.length === 0 && !args.json) {
    writeLine(io.stdout, `Nothing to learn: no ${agentList(plugins)} sessions found for any project.`);
    writeLine(io.stdout, WHERE_SESSIONS_ARE_READ);
  }
  return projects;
}

/** An LLM failure stops the run: which analyzer, why, what to do, and how many projects were not reached. */
function reportAnalysisFailure(io: CliIO, analyzerLabel: string, error: LlmError, rest: number): void {
  writeLine(io.stderr, `Analyzer: ${analyzerLabel}`);
  writeLine(
    io.stderr,
    `headroom-learn: Analysis failed (${error.kind}): ${error.message.replace(/\s+$/, '')}` +
      `${/[.!?]$/.test(error.message.trim()) ? '' : '.'} Fix that and run again, or pass --model offline to learn without an LLM.` +
      (rest > 0 ? ` Stopped before the remaining ${plural(rest, 'project')}.` : ''),
  );
}

/** The spec's priority (--model, API key, HEADROOM_LEARN_CLI, a CLI on PATH, offline); a value that cannot be honoured is bad usage. */
function selectBackend(model: string | undefined, env: NodeJS.ProcessEnv, answers: ProjectResultCache | undefined): { backend: AnalyzerBackend; label: string } {
  try {
    const selected = selectAnalyzerBackend({ model, env, createOffline: () => new OfflineAnalyzer(), answers });
    return { backend: selected.backend, label: `${selected.kind} — ${selected.reason}` };
  } catch (error) {
    if (error instanceof BackendSelectionError) throw new UsageError(error.message);
    throw error;
  }
}

function printProject(
  json: LearnJson,
  outcome: ProjectLearning,
  io: CliIO,
  home: string,
  applied: ApplyOutcome | undefined,
  retire: boolean,
  explanations?: readonly RuleExplanation[],
): void {
  const paint = painter(io.stdout, io.env);
  printProjectHeader(json, io);
  printFindings(json, io);
  printDropped(json, io, explanations !== undefined);
  if (explanations) printExplanations(explanations, io);
  printAnalyzer(json.analyzer, io, new Set(json.dropped.map((d) => d.subject)));
  writeLine(io.stdout);
  printDiffs(outcome.proposals, io);
  printSummary(json.projectPath, outcome.proposals, io, home, applied);
  printLifecycle(outcome.lifecycle, retire, io);
  for (const p of outcome.proposals) if (p.error) writeLine(io.stderr, `headroom-learn: ${p.error.message}`);
  for (const line of applied?.errors ?? []) writeLine(io.stderr, `headroom-learn: ${line}`);
  if (applied && applied.written.length > 0) {
    for (const file of applied.written) writeLine(io.stdout, paint('green', `  wrote ${file}`));
  }
  printWaste(json, io);
  writeLine(io.stdout, paint('bold', statusLine(json, outcome.proposals, applied)));
  writeLine(io.stdout);
  if (json.warnings.length > 0) {
    const errPaint = painter(io.stderr, io.env);
    writeLine(io.stderr, errPaint('yellow', `${plural(json.warnings.length, 'problem')} while scanning (skipped, scan continued):`));
    for (const warning of json.warnings.slice(0, 20)) writeLine(io.stderr, `  - ${warning}`);
    if (json.warnings.length > 20) writeLine(io.stderr, `  … and ${json.warnings.length - 20} more (use --json for all)`);
  }
}


