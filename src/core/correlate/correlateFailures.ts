import type { Correction } from '../model/finding.js';
import type { ToolCall } from '../model/toolCall.js';
import type { ParsedSession } from '../agents/plugin.js';
import { toCallRef } from './callRef.js';
import { commandCorrected } from './commandCorrected.js';
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

/** The correction to record for a match, or undefined when the match ended the search without one. */
function correctionOf(match: Exclude<IntentMatch, undefined>, failed: ToolCall, fixed: ToolCall, between: readonly ToolCall[]): Correction | undefined {
  if (match === 'retry') return undefined;
  if (match.kind === 'command' && !commandCorrected(failed, fixed, between)) return undefined;
  return { kind: match.kind, failed: toCallRef(failed), fixed: toCallRef(fixed), change: { from: match.from, to: match.to } };
}

/**
 * Pairs each failed call of one session with the first later call of the same intent that
 * worked, within CORRECTION_WINDOW_CALLS calls. The calls are the whole session in order, so a
 * compaction in between does not matter. A successful identical retry ends the search without a pair, and so
 * does a command that passed because the code was edited or because it checked less (see commandCorrected).
 */
export function correlateCalls(calls: readonly ToolCall[]): Correction[] {
  const corrections: Correction[] = [];
  calls.forEach((failed, i) => {
    if (!needsFix(failed)) return;
    const end = Math.min(calls.length, i + 1 + CORRECTION_WINDOW_CALLS);
    for (let j = i + 1; j < end; j++) {
      const candidate = calls[j];
      if (sameTurn(failed, candidate) || !canFix(candidate)) continue;
      const match = sameIntent(failed, candidate);
      if (match === undefined) continue;
      const correction = correctionOf(match, failed, candidate, calls.slice(i + 1, j));
      if (correction) corrections.push(correction);
      break;
    }
  });
  return corrections;
}

export function correlateSessions(sessions: readonly ParsedSession[]): Correction[] {
  return sessions.flatMap((session) => correlateCalls([...session.calls].sort((a, b) => a.index - b.index)));
}
