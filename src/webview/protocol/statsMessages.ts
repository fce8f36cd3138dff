// Messages of the stats dashboard (src/extension/stats/statsPanel.ts ↔ src/webview/stats/stats.ts).
// Pure types: no `vscode` or Node imports (the webview bundle imports this file).
import type { Message, PanelProtocol } from './messages.js';

export interface CountRow {
  /** Error kind, tool or correction kind as the core names it (untrusted for plugins: set as text only). */
  readonly label: string;
  readonly count: number;
}

interface AgentRow {
  readonly name: string;
  readonly displayName: string;
  readonly sessions: number;
  readonly toolCalls: number;
  readonly failed: number;
}

/** One category of a project's backtest: later failures, and those a rule learned from the older sessions covers. */
interface BacktestCategoryRow {
  /** The category heading ("Command Patterns"), or "Other failures". */
  readonly label: string;
  readonly laterFailures: number;
  readonly covered: number;
}

/** A project's backtest (core ProjectBacktest): rules learned from the older sessions replayed on the later ones. */
export interface BacktestRow {
  readonly projectPath: string;
  readonly learnSessions: number;
  readonly laterSessions: number;
  readonly laterFailures: number;
  readonly covered: number;
  readonly coveredTokens: number;
  /** Categories with later failures, in the spec's order, "Other failures" last. */
  readonly byCategory: readonly BacktestCategoryRow[];
}

/** Figures of the last Learn run, all projects of it together. */
export interface StatsSnapshot {
  readonly projects: readonly string[];
  /** The analyzers of the run with the full reason each was chosen ("offline, because openai failed: …"), each once. */
  readonly analyzers: readonly string[];
  /** ISO time the run finished. */
  readonly finishedAt: string;
  readonly sessions: number;
  readonly toolCalls: number;
  readonly failed: number;
  readonly rejected: number;
  readonly interrupted: number;
  /** failed / toolCalls, 0 when there are no calls. */
  readonly failureRate: number;
  readonly failuresByKind: readonly CountRow[];
  readonly failuresByTool: readonly CountRow[];
  readonly corrections: number;
  readonly correctionsByKind: readonly CountRow[];
  readonly findings: number;
  readonly learnings: number;
  /** The CLI summary's "Estimated preventable waste" figures (core WasteEstimate), summed over the projects. */
  readonly waste: {
    readonly preventableCalls: number;
    readonly preventableOutputBytes: number;
    readonly preventableOutputTokens: number;
    readonly failedCalls: number;
    readonly failedOutputBytes: number;
    readonly failedOutputTokens: number;
  };
  readonly agents: readonly AgentRow[];
  /** Per project with a backtest (two sessions or more), next to the proposals. */
  readonly backtests: readonly BacktestRow[];
}

/** Every visible string, localised in the host (the webview has no vscode.l10n). */
export interface StatsLabels {
  readonly title: string;
  readonly empty: string;
  readonly learn: string;
  readonly sessions: string;
  readonly toolCalls: string;
  readonly failureRate: string;
  readonly corrections: string;
  readonly learnings: string;
  readonly waste: string;
  readonly wasteDetail: string;
  readonly failuresByKind: string;
  readonly failuresByTool: string;
  readonly correctionsByKind: string;
  readonly agents: string;
  readonly outcomes: string;
  readonly ok: string;
  readonly failed: string;
  readonly rejected: string;
  readonly interrupted: string;
  readonly none: string;
  readonly finishedAt: string;
  /** "Analyzer": before the analyzers and why they were chosen. */
  readonly analyzer: string;
  /** "Backtest: {project}" (chart title; {0} is replaced in the page). */
  readonly backtestTitle: string;
  /** "{0} of {1} later failures covered (~{2} tokens) · learned from {3} sessions, replayed on {4}". */
  readonly backtestSummary: string;
  readonly laterFailures: string;
  readonly covered: string;
  /** No later failures to replay. */
  readonly noLaterFailures: string;
}

export interface StatsStateMessage extends Message<'state'> {
  readonly snapshot: StatsSnapshot | undefined;
  readonly labels: StatsLabels;
}

export type StatsToWebview = StatsStateMessage;
/** The empty dashboard's Learn button. */
export type StatsToHost = Message<'learn'>;
export type StatsProtocol = PanelProtocol<StatsToWebview, StatsToHost>;

export const statsToWebviewTypes: readonly StatsToWebview['type'][] = ['state'];
export const statsToHostTypes: readonly StatsToHost['type'][] = ['learn'];
