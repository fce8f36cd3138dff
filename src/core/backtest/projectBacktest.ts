import type { ParsedSession } from '../agents/plugin.js';
import type { AnalyzerBackend, AnalyzerReport } from '../analyze/backend.js';
import { OfflineAnalyzer } from '../analyze/offline/offlineAnalyzer.js';
import { callKey } from '../correlate/callRef.js';
import type { ProjectFiles } from '../correlate/projectFiles.js';
import type { Category, Finding, Learning } from '../model/finding.js';
import { analyzeAndPlan } from '../pipeline/analyzeAndPlan.js';
import type { LearnProgress } from '../pipeline/learnProgress.js';
import { laterCalls } from './laterCalls.js';
import { orderSessions, splitSessions, type DatedSession, type OrderedSessions } from './orderSessions.js';
import { REPLAY_BUCKETS, replayFailures, type BucketReplay, type Replay, type ReplayBucket } from './replayFailures.js';

/** The share of the sessions (oldest first) a backtest learns from unless told otherwise (`eval --split`). */
export const DEFAULT_SPLIT = 0.7;

/** Findings of some sessions, as the learn pipeline derives them (findFindings' findingsInSessions), passed in to keep pipeline → backtest one-way. */
type FindingsOf = (sessions: readonly ParsedSession[]) => Finding[];

export interface SplitRunOptions {
  projectPath: string;
  split: number;
  files: ProjectFiles;
  findingsOf: FindingsOf;
  analyzer?: AnalyzerBackend;
  signal?: AbortSignal;
  onProgress?: (progress: LearnProgress) => void;
}

export interface SplitRun {
  learn: DatedSession[];
  later: DatedSession[];
  findings: Finding[];
  learnings: Learning[];
  analyzer: AnalyzerReport;
  replay: Replay;
}

/**
 * The backtest proper, shared by `eval` (runBacktest) and every learn (findFindings): learn rules from the first
 * `split` share of the ordered sessions as `learn` does (no existing rules, no files to plan), then replay the
 * later sessions' failures against them.
 */
export async function learnAndReplay(ordered: OrderedSessions, options: SplitRunOptions): Promise<SplitRun> {
  const { learn, later } = splitSessions(ordered.sessions, options.split);
  const sessions = learn.map((s) => s.session);
  options.onProgress?.({ phase: 'correlate', sessions: sessions.length });
  const findings = options.findingsOf(sessions);
  const { learnings, analyzer } = await analyzeAndPlan(
    { projectPath: options.projectPath, findings, existingRules: [], agentTargets: [] },
    {
      analyzer: options.analyzer ?? new OfflineAnalyzer(),
      readFile: () => undefined,
      pathExists: options.files.exists,
      signal: options.signal,
      onProgress: options.onProgress,
    },
  );
  options.signal?.throwIfAborted();
  const replay = replayFailures(learnings, findings, laterCalls(later.map((s) => s.session), options.files));
  return { learn, later, findings, learnings, analyzer, replay };
}

/** The later failures one finding's rule (of the split run) covers: call keys and their result sizes. */
interface FindingCoverage {
  category: Category;
  key: string;
  calls: Array<{ call: string; outputBytes: number }>;
}

/**
 * A project's backtest as plain data (it crosses from the scan worker to the host by structured clone): the
 * totals per category, and per finding of the rules learned from the earlier sessions the later failures it
 * covers, so each rule of the full run can be given the figure of its counterpart (see ruleFigure).
 */
export interface ProjectBacktest {
  split: number;
  learnSessions: number;
  laterSessions: number;
  /** Rules learned from the earlier sessions (offline analyzer). */
  rules: number;
  laterFailures: number;
  covered: number;
  coveredTokens: number;
  byCategory: Record<ReplayBucket, BucketReplay>;
  coverage: FindingCoverage[];
}

function toProjectBacktest(run: SplitRun, split: number): ProjectBacktest {
  const byId = new Map(run.findings.map((finding) => [finding.id, finding]));
  const coverage: FindingCoverage[] = [];
  for (const rule of run.replay.rules) {
    for (const id of rule.learning.findingIds) {
      const finding = byId.get(id);
      if (!finding) continue;
      // The rule's covered calls are those its findings cover together; each finding keeps the rule's calls, so a
      // full-run rule with the same findings gets the same figure.
      coverage.push({ category: finding.category, key: finding.key, calls: rule.covered.map((call) => ({ call: callKey(call), outputBytes: call.outputBytes })) });
    }
  }
  const byCategory = Object.fromEntries(REPLAY_BUCKETS.map((bucket) => [bucket, { ...run.replay.byBucket[bucket] }])) as Record<ReplayBucket, BucketReplay>;
  return {
    split,
    learnSessions: run.learn.length,
    laterSessions: run.later.length,
    rules: run.learnings.length,
    laterFailures: run.replay.laterFailures,
    covered: run.replay.covered,
    coveredTokens: run.replay.coveredTokens,
    byCategory,
    coverage,
  };
}

/**
 * The backtest of a learn, from the sessions its scan already parsed (no second scan): ordered, split at `split`,
 * learned from with the offline analyzer (rules are keyed by their findings, so the analyzer of the real run does
 * not matter), replayed. Undefined when there is nothing to replay (fewer than two sessions with a date).
 *
 * `eval` scans each file on its own instead (runBacktest's scanEachSession) because the scanner keeps a repeated
 * call id (checkpoint and resume copies) with the file it read first, in the plugin's file order, while the
 * backtest keeps it with the session that started first. Reusing the learn's sessions gives the same figures
 * except when a copy file is listed before its original and the two fall on different sides of the split; a learn
 * accepts that rather than parse every file twice (test/unit/backtest/projectBacktest.test.ts checks that both
 * agree on the demo home).
 */
export async function backtestOfScans(
  scans: ReadonlyArray<{ agent: string; sessions: readonly ParsedSession[] }>,
  options: Omit<SplitRunOptions, 'analyzer' | 'onProgress'>,
): Promise<ProjectBacktest | undefined> {
  const ordered = orderSessions(scans.flatMap((scan) => scan.sessions.map((session) => ({ agent: scan.agent, session }))));
  if (ordered.sessions.length < 2) return undefined;
  return toProjectBacktest(await learnAndReplay(ordered, options), options.split);
}
