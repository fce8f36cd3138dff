import type { AgentEnvironment, AgentPlugin, ParsedSession, ScanReporter } from '../agents/plugin.js';
import type { AnalyzerBackend, AnalyzerReport } from '../analyze/backend.js';
import { diskProjectFiles, type ProjectFiles } from '../correlate/projectFiles.js';
import type { Finding, Learning } from '../model/finding.js';
import { findingsInSessions } from '../pipeline/findFindings.js';
import type { LearnProgress } from '../pipeline/learnProgress.js';
import { findCheckoutSessions, projectCheckouts } from '../scan/projectCheckouts.js';
import { scanSessions } from '../scan/scanProject.js';
import type { SessionCache } from '../scan/cache/sessionCache.js';
import { orderSessions, type DatedSession } from './orderSessions.js';
import { learnAndReplay } from './projectBacktest.js';
import type { Replay } from './replayFailures.js';

export interface BacktestOptions {
  projectPath: string;
  plugins: readonly AgentPlugin[];
  environment: AgentEnvironment;
  reporter: ScanReporter;
  /** Share of the sessions (oldest first) to learn from, in (0, 1). */
  split: number;
  analyzer?: AnalyzerBackend;
  minOccurrences?: number;
  projectFiles?: ProjectFiles;
  /** The incremental scan cache (scan/cache/); unset (`--no-cache`): every session file is parsed. */
  cache?: SessionCache;
  signal?: AbortSignal;
  onProgress?: (progress: LearnProgress) => void;
}

export interface BacktestResult {
  projectPath: string;
  split: number;
  learnSessions: DatedSession[];
  laterSessions: DatedSession[];
  /** Sessions that only repeated earlier sessions' calls (checkpoint or resume copies), counted once. */
  copies: number;
  /** Sessions without any timestamp, left out of both sides. */
  undated: number;
  findings: Finding[];
  learnings: Learning[];
  analyzer: AnalyzerReport;
  replay: Replay;
}

/**
 * Every session file of every agent (with the sessions of the repository's other checkouts, as a learn pools
 * them), each parsed on its own: the scanner drops a call id it has
 * seen in an earlier *file*, but the backtest must keep each call with the session that *started*
 * first, so the de-duplication is left to orderSessions.
 */
async function scanEachSession(options: BacktestOptions): Promise<Array<{ agent: string; session: ParsedSession }>> {
  const scanned: Array<{ agent: string; session: ParsedSession }> = [];
  const { checkouts } = await projectCheckouts(options.plugins, options.projectPath, options.environment, { signal: options.signal });
  for (const plugin of options.plugins) {
    options.signal?.throwIfAborted();
    if (!(await plugin.detect(options.environment))) continue;
    const files = await findCheckoutSessions(plugin, checkouts, options.environment, options.reporter);
    for (const [done, file] of files.entries()) {
      const scan = await scanSessions(plugin, options.projectPath, [file], { ...options, checkouts, onProgress: undefined });
      for (const session of scan.sessions) scanned.push({ agent: plugin.name, session });
      options.onProgress?.({ phase: 'scan', agent: plugin.name, file: file.path, done: done + 1, total: files.length });
    }
  }
  return scanned;
}

/** One project: order its sessions, learn from the first `split` share, replay the later sessions' failures. */
export async function runBacktest(options: BacktestOptions): Promise<BacktestResult> {
  const scanned = await scanEachSession(options);
  options.signal?.throwIfAborted();
  const ordered = orderSessions(scanned);
  const files = options.projectFiles ?? diskProjectFiles(options.projectPath);
  const { learn, later, ...learned } = await learnAndReplay(ordered, {
    ...options,
    files,
    findingsOf: (sessions) => findingsInSessions(sessions, files, options.minOccurrences).findings,
  });
  return { projectPath: options.projectPath, split: options.split, learnSessions: learn, laterSessions: later, copies: ordered.copies, undated: ordered.undated, ...learned };
}
