import * as path from 'node:path';
import type { BacktestResult } from '../core/backtest/runBacktest.js';
import { REPLAY_BUCKETS, type BucketReplay, type ReplayBucket } from '../core/backtest/replayFailures.js';
import type { Category } from '../core/model/finding.js';
import { sanitizeRuleText } from '../core/write/sanitizeRuleText.js';

export type EvalBucketJson = Omit<BucketReplay, 'coveredBytes'>;

/** `eval --json`, one project (shape documented in README.md). */
export interface EvalJson {
  projectPath: string;
  split: number;
  learnSessions: number;
  laterSessions: number;
  /** Checkpoint or resume copies of an earlier session, counted once. */
  copies: number;
  /** Sessions without a timestamp, left out. */
  undated: number;
  analyzer: string;
  laterFailures: number;
  covered: number;
  coveredTokens: number;
  byCategory: Record<ReplayBucket, EvalBucketJson>;
  rules: Array<{ id: string; category: Category; text: string; matches: number; evidence: string[] }>;
  warnings: string[];
}

/** Rule text from logs or an LLM is untrusted: secrets redacted, control characters and markup defused. */
function safeRuleText(text: string): string {
  return sanitizeRuleText(text).replace(/\n/g, ' ');
}

export function toEvalJson(result: BacktestResult, warnings: string[]): EvalJson {
  const { replay } = result;
  const byCategory = Object.fromEntries(
    REPLAY_BUCKETS.map((bucket) => {
      const { coveredBytes: _bytes, ...counts } = replay.byBucket[bucket];
      return [bucket, counts];
    }),
  ) as Record<ReplayBucket, EvalBucketJson>;
  return {
    projectPath: result.projectPath,
    split: result.split,
    learnSessions: result.learnSessions.length,
    laterSessions: result.laterSessions.length,
    copies: result.copies,
    undated: result.undated,
    analyzer: result.analyzer.backend,
    laterFailures: replay.laterFailures,
    covered: replay.covered,
    coveredTokens: replay.coveredTokens,
    byCategory,
    rules: replay.rules.map(({ learning, covered }) => ({
      id: learning.id,
      category: learning.category,
      text: safeRuleText(learning.text),
      matches: covered.length,
      evidence: covered.map((call) => `${call.file}:${call.line}`),
    })),
    warnings,
  };
}

/** `abc.jsonl:12` for the text report (the JSON keeps the whole path). */
export function shortEvidence(ref: string): string {
  return path.basename(ref);
}
