import type { AnalyzerBackend, AnalyzerReport } from '../analyze/backend.js';
import { combineDropped, type DroppedCandidate } from '../explain/droppedCandidates.js';
import { analysisStageDrops } from '../explain/stageDrops.js';
import type { Learning } from '../model/finding.js';
import type { ReadTextFile } from '../write/planProposals.js';
import type { ProjectFindings } from './findFindings.js';
import { planLearnProposals, type AgentProposal } from './learnProposals.js';
import type { RuleCaps } from '../write/ruleCaps.js';
import type { LearnProgress } from './learnProgress.js';
import { rulesToWrite } from './rulesToWrite.js';

/** Stage two's result, plain data like the findings (the scan worker sends it to the host). */
export interface ProjectAnalysis {
  learnings: Learning[];
  analyzer: AnalyzerReport;
  /** Every target file of every agent with sessions, planned against the files as read now. */
  proposals: AgentProposal[];
  /** Every candidate that is no rule, with why: stage one's (the findings' `dropped`) and this stage's (analyzer, personal data). */
  dropped: DroppedCandidate[];
}

export interface AnalyzeAndPlanOptions {
  analyzer: AnalyzerBackend;
  /** Reads the agents' files as the front end sees them (the disk, or the editor's open documents). */
  readFile: ReadTextFile;
  /** Whether a project-relative or absolute path exists now: grounds the analyzer's rules, retires stale ones. */
  pathExists: (path: string) => boolean;
  signal?: AbortSignal;
  onProgress?: (progress: LearnProgress) => void;
  /** Remove the rules the lifecycle marks as retire candidates (CLI `--retire`); otherwise they are only reported. */
  retire?: boolean;
  /** Most rules per context and per memory file (default DEFAULT_RULE_CAPS); the rest are reported. */
  ruleCaps?: RuleCaps;
}

/** What stage two needs of the findings. */
export type FindingsToAnalyze = Pick<ProjectFindings, 'projectPath' | 'findings' | 'existingRules' | 'agentTargets'> &
  Partial<Pick<ProjectFindings, 'lifecycle' | 'dropped' | 'backtest'>>;

/**
 * Stage two of a learn: findings → rules (the analyzer) → a proposal per target file. Needs no logs, so the
 * extension host runs it alone when its analyzer lives there (a VS Code language model). Writes nothing.
 */
export async function analyzeAndPlan(found: FindingsToAnalyze, options: AnalyzeAndPlanOptions): Promise<ProjectAnalysis> {
  const { projectPath } = found;
  options.onProgress?.({ phase: 'analyze', backend: options.analyzer.name, findings: found.findings.length });
  const analyzed = await options.analyzer.analyze(
    { projectPath, findings: found.findings, existingRules: found.existingRules, pathExists: options.pathExists },
    options.signal,
  );
  options.signal?.throwIfAborted();
  // Checked on the rendered rules, whatever the analyzer: no personal data, nothing cut off, no contradiction; strongest first.
  const { learnings, dropped } = rulesToWrite(analyzed.learnings, found);
  const report: AnalyzerReport = { ...analyzed.report, dropped: [...analyzed.report.dropped, ...dropped.map(({ reason: _reason, ...rule }) => rule)] };
  const stageTwo = analysisStageDrops({ findings: found.findings, analyzed: analyzed.learnings, kept: learnings, gate: dropped, analyzerDropped: analyzed.report.dropped });
  const proposals = await planLearnProposals({
    projectPath,
    agents: found.agentTargets,
    learnings,
    readFile: options.readFile,
    pathExists: options.pathExists,
    ruleCaps: options.ruleCaps,
    retired: options.retire ? new Map((found.lifecycle ?? []).flatMap((rule) => (rule.retire ? [[rule.textKey, rule.retire] as const] : []))) : undefined,
  });
  return { learnings, analyzer: report, proposals, dropped: combineDropped(found.dropped ?? [], stageTwo) };
}
