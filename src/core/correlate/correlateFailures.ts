import type { Correction } from '../model/finding.js';
import type { ToolCall } from '../model/toolCall.js';
import type { ParsedSession } from '../agents/plugin.js';
import { toCallRef } from './callRef.js';
import { commandNotCorrected } from './commandCorrected.js';
import type { DropReason } from '../explain/droppedCandidates.js';
import { successUnseen } from './hiddenExitCode.js';
import type { IntentMatch } from './intent.js';
import { meantToFail } from './meantToFail.js';
import { sameIntent } from './sameIntent.js';
import { isEmptySearch } from './searchIntent.js';
import { CORRECTION_WINDOW_CALLS } from './thresholds.js';

/** A call worth correlating: it failed (and was not meant to), or it was a search that found nothing. */
export function needsFix(call: ToolCall): boolean {
  return (call.outcome === 'failed' && !meantToFail(call)) || isEmptySearch(call);
}

/** A call that can be the fix: it worked, visibly (exit code not hidden by `| tail`), and, if a search, found something. */
function canFix(call: ToolCall): boolean {
  return call.outcome === 'ok' && !isEmptySearch(call) && !successUnseen(call);
}

/** Calls issued in one turn: neither saw the other's result, so neither can be the other's fix. */
export function sameTurn(a: ToolCall, b: ToolCall): boolean {
  return a.turn !== undefined && a.turn === b.turn;
}

/** A failure that could have taught something, and why it did not (for the report's "not proposed" list). */
export interface CorrelationDrop {
  reason: Extract<DropReason, 'hidden_outcome' | 'meant_to_fail' | 'edit_was_fix' | 'reran_check' | 'checks_less' | 'other_directory'>;
  failed: ToolCall;
  /** The call that worked (or seemed to), when there was one. */
  fixed?: ToolCall;
}

/** The correction to record for a match, or why the match ended the search without one ('retry': an identical call worked). */
function correctionOf(
  match: Exclude<IntentMatch, undefined>,
  failed: ToolCall,
  fixed: ToolCall,
  between: readonly ToolCall[],
): Correction | 'retry' | CorrelationDrop['reason'] {
  if (match === 'retry') return 'retry';
  const notCorrected = match.kind === 'command' ? commandNotCorrected(failed, fixed, between) : undefined;
  if (notCorrected) return notCorrected;
  return { kind: match.kind, failed: toCallRef(failed), fixed: toCallRef(fixed), change: { from: match.from, to: match.to } };
}

/** A call that worked but whose success cannot be seen, of the same intent as the failure: it would have been its fix. */
function hiddenFix(failed: ToolCall, candidate: ToolCall): boolean {
  return candidate.outcome === 'ok' && successUnseen(candidate) && sameIntent(failed, candidate) !== undefined;
}

/**
 * Pairs each failed call of one session with the first later call of the same intent that
 * worked, within CORRECTION_WINDOW_CALLS calls. The calls are the whole session in order, so a
 * compaction in between does not matter. A successful identical retry ends the search without a pair, and so
 * does a command that passed because the code was edited or because it checked less (see commandCorrected).
 */
export function correlateCalls(calls: readonly ToolCall[], onDrop?: (drop: CorrelationDrop) => void): Correction[] {
  const corrections: Correction[] = [];
  calls.forEach((failed, i) => {
    if (!needsFix(failed)) {
      if (failed.outcome === 'failed' && meantToFail(failed)) onDrop?.({ reason: 'meant_to_fail', failed });
      return;
    }
    const end = Math.min(calls.length, i + 1 + CORRECTION_WINDOW_CALLS);
    let hidden: ToolCall | undefined;
    for (let j = i + 1; j < end; j++) {
      const candidate = calls[j];
      if (sameTurn(failed, candidate)) continue;
      if (!canFix(candidate)) {
        if (onDrop && !hidden && hiddenFix(failed, candidate)) hidden = candidate;
        continue;
      }
      const match = sameIntent(failed, candidate);
      if (match === undefined) continue;
      const correction = correctionOf(match, failed, candidate, calls.slice(i + 1, j));
      if (typeof correction === 'object') corrections.push(correction);
      else if (correction !== 'retry') onDrop?.({ reason: correction, failed, fixed: candidate });
      return;
    }
    if (hidden) onDrop?.({ reason: 'hidden_outcome', failed, fixed: hidden });
  });
  return corrections;
}

export function correlateSessions(sessions: readonly ParsedSession[], onDrop?: (drop: CorrelationDrop) => void): Correction[] {
  return sessions.flatMap((session) => correlateCalls([...session.calls].sort((a, b) => a.index - b.index), onDrop));
}
