import type { AgentEnvironment, AgentPlugin, ParsedSession, TargetOptions } from '../agents/plugin.js';
import type { ExistingRule } from '../analyze/backend.js';
import { backtestOfScans, DEFAULT_SPLIT, type ProjectBacktest } from '../backtest/projectBacktest.js';
import { correlateSessions, type CorrelationDrop } from '../correlate/correlateFailures.js';
import { deriveFindings } from '../correlate/deriveFindings.js';
import { diskProjectFiles, type ProjectFiles } from '../correlate/projectFiles.js';
import type { WasteEstimate } from '../correlate/wasteEstimate.js';
import type { DroppedCandidate } from '../explain/droppedCandidates.js';
import { findingStageDrops } from '../explain/stageDrops.js';
import type { Correction, Finding } from '../model/finding.js';
import { agedLifecycle, ruleRecurrences, type RuleLifecycle } from '../lifecycle/ruleLifecycle.js';
import type { WrittenRule } from '../lifecycle/ruleState.js';
import { projectSessionFiles, scanListedSessions, type AgentScan, type ProjectSessionFiles, type ScanStats } from '../scan/scanProject.js';
import type { SessionCache } from '../scan/cache/sessionCache.js';
import type { ReadTextFile } from '../write/planProposals.js';
import { existingRulesForAgents, targetsForScans, type AgentTargets } from './learnProposals.js';
import type { LearnProgress } from './learnProgress.js';
import { readTextFile } from './readTextFile.js';
import { answeringProjectFiles, keptFindings, type LogFindings } from './keptFindings.js';

/** What one agent's scan of the project comes to, without its sessions. */
interface AgentScanSummary {
  /** Registry key, e.g. 'claude'. */
  name: string;
  displayName: string;
  stats: ScanStats;
  /** Failed calls per normalised tool (Read, Bash, …), for the stats dashboard. */
  failuresByTool: Record<string, number>;
  /** Session files found but not readable at all. */
  unreadableFiles: string[];
}

/**
 * Everything about a project that needs its logs, as plain data: it crosses from the extension's scan worker to
 * the host by structured clone, so no sessions or raw calls (too large), no class instances, no functions.
 */
export interface ProjectFindings {
  projectPath: string;
  /**
   * The other checkouts of the project's repository (its worktrees; for a worktree, the main checkout and the
   * other worktrees) whose sessions were pooled with the project's. Absent when there were none.
   */
  pooledCheckouts?: string[];
  /** The agents with sessions for the project, in plugin order. */
  agents: AgentScanSummary[];
  /** Their files: only an agent with sessions gets rules. */
  agentTargets: AgentTargets[];
  /** The rules already in those files' marker sections, each once (for the analyzer). */
  existingRules: ExistingRule[];
  /** Failures paired with their fixes, less the contradicted ones. */
  corrections: Correction[];
  /** How many corrections were dropped because the opposite correction was seen too. */
  contradictions: number;
  findings: Finding[];
  /** Findings seen fewer times than the threshold asks (not proposed). */
  belowThreshold: number;
  /** The candidates that did not become findings, or findings that cannot be rules, each with why (see analyzeAndPlan for the rest). */
  dropped: DroppedCandidate[];
  waste: WasteEstimate;
  /** Problems met while scanning (skipped files and lines), all of them. */
  warnings: string[];
  /** The rules headroom wrote earlier that are still in the sections: how they fared since (when any are remembered). */
  lifecycle?: RuleLifecycle[];
  /** The project's backtest (learn from the older 70% of the sessions, replay the rest); unset with nothing to replay. */
  backtest?: ProjectBacktest;
}

export interface FindFindingsOptions {
  /** Absolute project folder. */
  projectPath: string;
  plugins: readonly AgentPlugin[];
  environment: AgentEnvironment;
  /** Which files the agents read (Claude's MEMORY.md location). */
  targetOptions?: TargetOptions;
  /** Occurrences a finding needs before it becomes a rule (default MIN_OCCURRENCES = 2). */
  minOccurrences?: number;
  /**
   * Every checkout of the project's repository whose sessions are learned with it (the project and its worktrees,
   * as listLearnProjects lists them); default: found by listing every agent's projects (projectCheckouts).
   */
  checkouts?: readonly string[];
  /** The project as it is now; defaults to the disk under projectPath. */
  projectFiles?: ProjectFiles;
  /** Reads the agents' files for their existing rules; defaults to the disk. */
  readFile?: ReadTextFile;
  /** The rules headroom remembers writing for this project (its state file), for the lifecycle figures. */
  writtenRules?: readonly WrittenRule[];
  /** Days without a matching situation before a written rule is a retire candidate (default 30). */
  retireAfterDays?: number;
  /** The time the lifecycle is measured at (default: now). */
  now?: Date;
  /** The incremental scan cache (scan/cache/); unset (`--no-cache`): every session file is parsed. */
  cache?: SessionCache;
  signal?: AbortSignal;
  onProgress?: (progress: LearnProgress) => void;
}

/** Failed calls per tool across an agent's sessions. */
function failuresByTool(scan: AgentScan): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const session of scan.sessions) {
    for (const call of session.calls) {
      if (call.outcome === 'failed') counts[call.tool] = (counts[call.tool] ?? 0) + 1;
    }
  }
  return counts;
}

function summariseScan(scan: AgentScan): AgentScanSummary {
  return { name: scan.agent, displayName: scan.displayName, stats: scan.stats, failuresByTool: failuresByTool(scan), unreadableFiles: scan.unreadableFiles };
}

/**
 * Stage one of a learn: scan every plugin's sessions for the project → pair failures with their fixes →
 * findings, then the files of the agents that had sessions and the rules already in them. Reads only.
 */
export async function findFindings(options: FindFindingsOptions): Promise<ProjectFindings> {
  const { projectPath, signal } = options;
  const warnings: string[] = [];
  const reporter = { warn: (message: string) => warnings.push(message) };
  const listed = await projectSessionFiles(options.plugins, projectPath, { environment: options.environment, reporter, signal, checkouts: options.checkouts, cache: options.cache });
  const agentTargets = targetsForScans(
    listed.agents.map(({ plugin }) => ({ agent: plugin.name })),
    options.plugins,
    projectPath,
    options.environment,
    options.targetOptions,
  );
  const existingRules = await existingRulesForAgents(projectPath, agentTargets, options.readFile ?? readTextFile);
  const diskFiles = options.projectFiles ?? diskProjectFiles(projectPath);
  const kept = await keptFindings(options.cache?.results, projectPath, listed, diskFiles, { minOccurrences: options.minOccurrences, writtenRules: options.writtenRules, existingRules });
  let found = kept?.findings;
  if (found) {
    for (const { plugin, files } of listed.agents) options.onProgress?.({ phase: 'scan', agent: plugin.name, file: files[files.length - 1]!.path, done: files.length, total: files.length });
    // The warnings the scan gave when the findings were kept, after any met listing the logs now.
    warnings.push(...found.warnings);
  } else {
    const answering = answeringProjectFiles(diskFiles);
    // As JSON keeps them (no keys left undefined): a Learn answered from the cache gives exactly what this one gives.
    found = JSON.parse(JSON.stringify(await findingsInLogs(listed, answering.files, warnings, { ...options, existingRules }))) as LogFindings;
    await kept?.keep(found, answering.answers());
  }
  const { recurrences, ...logFindings } = found;
  const lifecycle = recurrences ? agedLifecycle(recurrences, options.now ?? new Date(), options.retireAfterDays) : undefined;
  return { projectPath, ...logFindings, agentTargets, existingRules, warnings, ...(lifecycle ? { lifecycle } : {}) };
}

/** The part of findFindings that reads the logs: scan, correlate, derive, backtest, and the written rules' recurrences. */
async function findingsInLogs(
  listed: ProjectSessionFiles,
  projectFiles: ProjectFiles,
  warnings: string[],
  options: FindFindingsOptions & { existingRules: readonly ExistingRule[] },
): Promise<LogFindings> {
  const { projectPath, signal } = options;
  const scanWarnings: string[] = [];
  const scans = await scanListedSessions(listed, projectPath, {
    environment: options.environment,
    reporter: {
      warn: (message) => {
        scanWarnings.push(message);
        warnings.push(message);
      },
    },
    signal,
    onProgress: (progress) => options.onProgress?.({ phase: 'scan', ...progress }),
    cache: options.cache,
  });
  signal?.throwIfAborted();
  const sessions = scans.flatMap((scan) => scan.sessions);
  options.onProgress?.({ phase: 'correlate', sessions: sessions.length });
  const found = findingsInSessions(sessions, projectFiles, options.minOccurrences);
  signal?.throwIfAborted();
  const backtest = await backtestOfScans(scans, {
    projectPath,
    split: DEFAULT_SPLIT,
    files: projectFiles,
    findingsOf: (earlier) => findingsInSessions(earlier, projectFiles, options.minOccurrences).findings,
    signal,
  });
  const recurrences =
    options.writtenRules && options.writtenRules.length > 0 ? ruleRecurrences({ written: options.writtenRules, existingRules: options.existingRules, sessions, files: projectFiles }) : undefined;
  const pooled = pooledCheckouts(scans);
  return {
    ...(pooled.length > 0 ? { pooledCheckouts: pooled } : {}),
    agents: scans.map(summariseScan),
    ...found,
    warnings: scanWarnings,
    ...(recurrences ? { recurrences } : {}),
    ...(backtest ? { backtest } : {}),
  };
}

/** Every agent's pooled checkouts, each once, sorted. */
function pooledCheckouts(scans: readonly AgentScan[]): string[] {
  return [...new Set(scans.flatMap((scan) => scan.pooledCheckouts))].sort();
}

/** The part of stage one that needs only the parsed sessions: failures paired with fixes → findings. */
export function findingsInSessions(
  sessions: readonly ParsedSession[],
  projectFiles: ProjectFiles,
  minOccurrences?: number,
): Pick<ProjectFindings, 'corrections' | 'contradictions' | 'findings' | 'belowThreshold' | 'waste' | 'dropped'> {
  const correlationDrops: CorrelationDrop[] = [];
  const corrections = correlateSessions(sessions, (drop) => correlationDrops.push(drop));
  const derived = deriveFindings(sessions, corrections, projectFiles, { minOccurrences });
  const contradicted = new Set(derived.contradictions);
  const dropped = findingStageDrops({
    correlation: correlationDrops,
    contradictions: derived.contradictions,
    belowThreshold: derived.belowThresholdFindings,
    findings: derived.findings,
    minOccurrences,
  });
  return {
    corrections: corrections.filter((correction) => !contradicted.has(correction)),
    contradictions: derived.contradictions.length,
    findings: derived.findings,
    belowThreshold: derived.belowThreshold,
    waste: derived.waste,
    dropped,
  };
}
