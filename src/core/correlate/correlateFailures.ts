import type { Correction } from '../model/finding.js';
import type { ToolCall } from '../model/toolCall.js';
import type { ParsedSession } from '../agents/plugin.js';
import { toCallRef } from './callRef.js';
import { sameIntent } from './sameIntent.js';
import { isEmptySearch } from './searchIntent.js';
import { CORRECTION_WINDOW_CALLS } from './thresholds.js';

/** A call worth correlating: it failed, or it was a search that found nothing. */
export function needsFix(call: ToolCall): boolean {
  return call.outcome === 'failed' || isEmptySearch(call);
}

/** A call that can be the fix: it worked and, if a search, found something. */
function canFix(call: ToolCall): boolean {
  return call.outcome === 'ok' && !isEmptySearch(call);
}

/**
 * Pairs each failed call of one session with the first later call of the same intent that
 * worked, within CORRECTION_WINDOW_CALLS calls. The calls are the whole session in order, so a
 * compaction in between does not matter. A successful identical retry ends the search without a pair.
 */
export function correlateCalls(calls: readonly ToolCall[]): Correction[] {
  const corrections: Correction[] = [];
  calls.forEach((failed, i) => {
    if (!needsFix(failed)) return;
    const end = Math.min(calls.length, i + 1 + CORRECTION_WINDOW_CALLS);
    for (let j = i + 1; j < end; j++) {
      const candidate = calls[j];
      if (!canFix(candidate)) continue;
      const match = sameIntent(failed, candidate);
      if (match === undefined) continue;
      if (match !== 'retry') {
        corrections.push({ kind: match.kind, failed: toCallRef(failed), fixed: toCallRef(candidate), change: { from: match.from, to: match.to } });
      }
      break;
    }
  });
  return corrections;
}

export function correlateSessions(sessions: readonly ParsedSession[]): Correction[] {
  return sessions.flatMap((session) => correlateCalls([...session.calls].sort((a, b) => a.index - b.index)));
}
