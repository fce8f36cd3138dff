// Pure: no `vscode` import, unit-tested under Node.
import type { WasteEstimate } from '../../core/correlate/wasteEstimate.js';
import type { ScanStats } from '../../core/scan/scanProject.js';
import { REPLAY_BUCKETS } from '../../core/backtest/replayFailures.js';
import type { ProjectBacktest } from '../../core/backtest/projectBacktest.js';
import { CATEGORY_HEADINGS } from '../../core/model/finding.js';
import type { BacktestRow, CountRow, StatsSnapshot } from '../../webview/protocol/statsMessages.js';
import { summariseAnalyzers, type AnalyzerChoice } from '../review/analyzerSummary.js';

/** What the stats need from one project's Learn result (the worker's ProjectLearnResult has this shape). */
export interface ProjectRunFigures {
  projectPath: string;
  agents: ReadonlyArray<{ name: string; displayName: string; stats: ScanStats; failuresByTool: Record<string, number> }>;
  corrections: ReadonlyArray<{ kind: string }>;
  findings: readonly unknown[];
  learnings: readonly unknown[];
  waste: WasteEstimate;
  /** Which analyzer wrote the rules and why (the worker's AnalyzerReport). */
  analyzer?: AnalyzerChoice;
  /** The project's backtest (core findFindings); unset with fewer than two sessions. */
  backtest?: ProjectBacktest;
}

/** A project's backtest for the dashboard: the categories with later failures, as `eval` reports them. */
function backtestRow(projectPath: string, backtest: ProjectBacktest): BacktestRow {
  const byCategory = REPLAY_BUCKETS.filter((bucket) => backtest.byCategory[bucket].laterFailures > 0).map((bucket) => ({
    label: bucket === 'other' ? 'Other failures' : CATEGORY_HEADINGS[bucket],
    laterFailures: backtest.byCategory[bucket].laterFailures,
    covered: backtest.byCategory[bucket].covered,
  }));
  const { learnSessions, laterSessions, laterFailures, covered, coveredTokens } = backtest;
  return { projectPath, learnSessions, laterSessions, laterFailures, covered, coveredTokens, byCategory };
}

function add(into: Map<string, number>, label: string, count: number): void {
  if (count > 0) into.set(label, (into.get(label) ?? 0) + count);
}

function rows(counts: Map<string, number>): CountRow[] {
  return [...counts.entries()].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

/** The dashboard's figures for the projects of one run, summed. */
export function summariseRun(projects: readonly ProjectRunFigures[], finishedAt: Date = new Date()): StatsSnapshot {
  const byKind = new Map<string, number>();
  const byTool = new Map<string, number>();
  const correctionKinds = new Map<string, number>();
  const agents = new Map<string, { name: string; displayName: string; sessions: number; toolCalls: number; failed: number }>();
  const totals = { sessions: 0, toolCalls: 0, failed: 0, rejected: 0, interrupted: 0, corrections: 0, findings: 0, learnings: 0 };
  const waste = { preventableCalls: 0, preventableOutputBytes: 0, preventableOutputTokens: 0, failedCalls: 0, failedOutputBytes: 0, failedOutputTokens: 0 };
  for (const project of projects) {
    for (const agent of project.agents) {
      const { stats } = agent;
      totals.sessions += stats.sessions;
      totals.toolCalls += stats.toolCalls;
      totals.failed += stats.failed;
      totals.rejected += stats.rejected;
      totals.interrupted += stats.interrupted;
      for (const [kind, count] of Object.entries(stats.errorKinds)) add(byKind, kind, count ?? 0);
      for (const [tool, count] of Object.entries(agent.failuresByTool)) add(byTool, tool, count);
      const row = agents.get(agent.name) ?? { name: agent.name, displayName: agent.displayName, sessions: 0, toolCalls: 0, failed: 0 };
      row.sessions += stats.sessions;
      row.toolCalls += stats.toolCalls;
      row.failed += stats.failed;
      agents.set(agent.name, row);
    }
    for (const correction of project.corrections) add(correctionKinds, correction.kind, 1);
    totals.corrections += project.corrections.length;
    totals.findings += project.findings.length;
    totals.learnings += project.learnings.length;
    for (const key of Object.keys(waste) as (keyof typeof waste)[]) waste[key] += project.waste[key];
  }
  return {
    projects: projects.map((p) => p.projectPath),
    analyzers: summariseAnalyzers(projects.flatMap((p) => (p.analyzer ? [p.analyzer] : []))).reasons,
    finishedAt: finishedAt.toISOString(),
    ...totals,
    failureRate: totals.toolCalls > 0 ? totals.failed / totals.toolCalls : 0,
    failuresByKind: rows(byKind),
    failuresByTool: rows(byTool),
    correctionsByKind: rows(correctionKinds),
    waste,
    agents: [...agents.values()],
    backtests: projects.flatMap((p) => (p.backtest ? [backtestRow(p.projectPath, p.backtest)] : [])),
  };
}

/** "12.3 KB" — the CLI summary's unit for bytes. */
export function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
