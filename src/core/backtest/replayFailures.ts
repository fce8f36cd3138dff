import { callKey } from '../correlate/callRef.js';
import { commandOf } from '../correlate/callViews.js';
import { shellSearch } from '../correlate/commandSearch.js';
import { ENVIRONMENT_ERROR_KINDS } from '../correlate/derive/environmentFindings.js';
import { PATH_ERROR_KINDS } from '../correlate/fileIntent.js';
import { commandShape } from '../correlate/normaliseLauncher.js';
import { SEARCH_TOOLS } from '../correlate/searchIntent.js';
import { tokensFromBytes } from '../correlate/wasteEstimate.js';
import { CATEGORIES, type Category, type Finding, type Learning } from '../model/finding.js';
import type { ToolCall } from '../model/toolCall.js';
import { COVERAGE, inLaterStreak } from './coverage.js';
import type { LaterCalls } from './laterCalls.js';

/** The seven categories, plus the later failures none of them describes. */
export type ReplayBucket = Category | 'other';
export const REPLAY_BUCKETS: readonly ReplayBucket[] = [...CATEGORIES, 'other'];

interface RuleReplay {
  learning: Learning;
  /** The later failures this rule covers (see coverage.ts), in session order. */
  covered: ToolCall[];
}

export interface BucketReplay {
  laterFailures: number;
  covered: number;
  /** Output of the covered failures (their result sizes, as the waste estimate counts them). */
  coveredBytes: number;
  coveredTokens: number;
  rulesMatched: number;
  rulesUnmatched: number;
}

export interface Replay {
  laterFailures: number;
  covered: number;
  coveredTokens: number;
  byBucket: Record<ReplayBucket, BucketReplay>;
  rules: RuleReplay[];
}

/** The later failures a rule covers: those any of its findings covers, by the finding's category definition. */
function ruleCoverage(learning: Learning, findings: ReadonlyMap<string, Finding>, later: LaterCalls): ToolCall[] {
  const keys = new Set<string>();
  for (const id of learning.findingIds) {
    const finding = findings.get(id);
    if (finding) for (const call of COVERAGE[finding.category](finding, later)) keys.add(callKey(call));
  }
  return later.failures.filter((call) => keys.has(callKey(call)));
}

/**
 * The category a failure no rule covered belongs to, for the per-category totals, by what went
 * wrong: a rejection is a command pattern, a permission, size, missing-module or missing-path
 * error its own category, a failed or empty search a search scope, a repeat a retry; else other.
 */
function failureBucket(call: ToolCall, later: LaterCalls): ReplayBucket {
  const kind = call.errorKind ?? 'other';
  if (call.outcome === 'rejected') return 'command_pattern';
  if (kind === 'permission_denied') return 'permission';
  if (kind === 'file_too_large') return 'large_file';
  if (ENVIRONMENT_ERROR_KINDS.has(kind)) return 'environment';
  if (PATH_ERROR_KINDS.has(kind)) return 'file_path';
  const command = call.tool === 'Bash' ? commandOf(call) : undefined;
  if (SEARCH_TOOLS.has(call.tool) || (command && shellSearch(commandShape(command)))) return 'search_scope';
  return inLaterStreak(call, later) ? 'retry' : 'other';
}

function emptyBucket(): BucketReplay {
  return { laterFailures: 0, covered: 0, coveredBytes: 0, coveredTokens: 0, rulesMatched: 0, rulesUnmatched: 0 };
}

/**
 * Replays the later failures against the learned rules. A failure covered by several rules counts
 * once, in the category of the first of them (in the spec's category order); an uncovered one in
 * failureBucket's category.
 */
export function replayFailures(learnings: readonly Learning[], findings: readonly Finding[], later: LaterCalls): Replay {
  const byId = new Map(findings.map((f) => [f.id, f]));
  const rules = learnings.map((learning) => ({ learning, covered: ruleCoverage(learning, byId, later) }));
  const byBucket = Object.fromEntries(REPLAY_BUCKETS.map((b) => [b, emptyBucket()])) as Record<ReplayBucket, BucketReplay>;
  for (const rule of rules) byBucket[rule.learning.category][rule.covered.length > 0 ? 'rulesMatched' : 'rulesUnmatched'] += 1;
  const coveringCategory = new Map<string, Category>();
  const byCategoryOrder = [...rules].sort((a, b) => CATEGORIES.indexOf(a.learning.category) - CATEGORIES.indexOf(b.learning.category));
  for (const rule of byCategoryOrder) for (const call of rule.covered) if (!coveringCategory.has(callKey(call))) coveringCategory.set(callKey(call), rule.learning.category);
  let coveredBytes = 0;
  for (const call of later.failures) {
    const category = coveringCategory.get(callKey(call));
    const bucket = byBucket[category ?? failureBucket(call, later)];
    bucket.laterFailures += 1;
    if (category === undefined) continue;
    bucket.covered += 1;
    bucket.coveredBytes += call.outputBytes;
    coveredBytes += call.outputBytes;
  }
  for (const bucket of Object.values(byBucket)) bucket.coveredTokens = tokensFromBytes(bucket.coveredBytes);
  return { laterFailures: later.failures.length, covered: coveringCategory.size, coveredTokens: tokensFromBytes(coveredBytes), byBucket, rules };
}
