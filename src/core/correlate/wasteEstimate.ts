import type { Finding } from '../model/finding.js';
import { callKey } from './callRef.js';
import type { CallLookup } from './callLookup.js';
import { needsFix } from './correlateFailures.js';
import { BYTES_PER_TOKEN } from './thresholds.js';

export interface WasteEstimate {
  /** Output of every failed call (and every search that found nothing). */
  failedCalls: number;
  failedOutputBytes: number;
  failedOutputTokens: number;
  /** Output of the failed calls and retries that the proposed learnings would have avoided. */
  preventableCalls: number;
  preventableOutputBytes: number;
  preventableOutputTokens: number;
}

export function tokensFromBytes(bytes: number): number {
  return Math.round(bytes / BYTES_PER_TOKEN);
}

/** Result bytes of the findings' failed, rejected or empty-search calls, each call once (by call key). */
function preventableBytes(calls: CallLookup, findings: readonly Finding[]): Map<string, number> {
  const preventable = new Map<string, number>();
  for (const finding of findings) {
    for (const ref of finding.evidence) {
      const call = calls.get(ref);
      if (call && (needsFix(call) || call.outcome === 'rejected')) preventable.set(callKey(ref), call.outputBytes);
    }
  }
  return preventable;
}

/** The tokens one finding's mistakes cost: the result output of its failed, rejected or empty-search calls. */
export function findingWastedTokens(calls: CallLookup, finding: Finding): number {
  return tokensFromBytes([...preventableBytes(calls, [finding]).values()].reduce((sum, bytes) => sum + bytes, 0));
}

/**
 * "Estimated preventable waste": the result bytes the agent read for nothing. A finding's failed,
 * rejected or empty-search evidence counts as preventable; the calls that worked do not.
 */
export function estimateWaste(calls: CallLookup, proposed: readonly Finding[]): WasteEstimate {
  const failed = calls.all().filter(needsFix);
  const failedOutputBytes = failed.reduce((sum, call) => sum + call.outputBytes, 0);
  const preventable = preventableBytes(calls, proposed);
  const preventableOutputBytes = [...preventable.values()].reduce((sum, bytes) => sum + bytes, 0);
  return {
    failedCalls: failed.length,
    failedOutputBytes,
    failedOutputTokens: tokensFromBytes(failedOutputBytes),
    preventableCalls: preventable.size,
    preventableOutputBytes,
    preventableOutputTokens: tokensFromBytes(preventableOutputBytes),
  };
}
