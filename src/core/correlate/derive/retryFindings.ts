import { isSuccessfulEdit } from '../callViews.js';
import type { Correction } from '../../model/finding.js';
import type { ToolCall } from '../../model/toolCall.js';
import { callKey, toCallRef } from '../callRef.js';
import { needsFix, sameTurn } from '../correlateFailures.js';
import type { RetryDetails } from '../findingDetails.js';
import { groupBy, type FindingDraft } from '../findingDraft.js';
import { CORRECTION_WINDOW_CALLS, RETRY_STREAK_MIN } from '../thresholds.js';
import { callSubject } from './callSubject.js';
import { isOutsideProject, type DeriveContext } from './deriveContext.js';
import { findPersonalData } from '../../redact/personalData.js';

interface Streak {
  signature: string;
  calls: ToolCall[];
  /** Calls between the last failure and the same call working again (what unblocked it), when it did. */
  unblockedBy?: ToolCall[];
}

/** Files edited successfully among the calls that came before the streak ended. */
function editedPaths(calls: readonly ToolCall[], ctx: DeriveContext): string[] {
  const paths = calls.filter((c) => isSuccessfulEdit(c) && c.path).map((c) => ctx.relative(c.path!, c));
  return [...new Set(paths)];
}

/**
 * Streaks in one session: the same call (tool, subject) failing the same way again and again,
 * each failure within CORRECTION_WINDOW_CALLS of the last, with no success of that call between. Calls of one
 * turn (parallel calls) count once: they were issued before any of them failed.
 */
export function findStreaks(calls: readonly ToolCall[], ctx: DeriveContext): Streak[] {
  const open = new Map<string, Streak>();
  const closed: Streak[] = [];
  const lastFailurePosition = new Map<Streak, number>();
  calls.forEach((call, position) => {
    const subject = `${call.tool}\u0000${callSubject(call, ctx)}`;
    if (call.outcome === 'ok' && !needsFix(call)) {
      for (const [signature, streak] of open) {
        if (signature.startsWith(`${subject}\u0000`)) {
          streak.unblockedBy = calls.slice((lastFailurePosition.get(streak) ?? position) + 1, position);
          closed.push(streak);
          open.delete(signature);
        }
      }
      return;
    }
    if (!needsFix(call)) return;
    const signature = `${subject}\u0000${call.errorKind ?? 'no_matches'}`;
    const streak = open.get(signature);
    const last = streak?.calls[streak.calls.length - 1];
    if (streak && last && sameTurn(call, last)) return; // issued together with the last failure: the same attempt
    if (streak && last && call.index - last.index <= CORRECTION_WINDOW_CALLS) {
      streak.calls.push(call);
      lastFailurePosition.set(streak, position);
    } else {
      if (streak) closed.push(streak);
      const started: Streak = { signature, calls: [call] };
      open.set(signature, started);
      lastFailurePosition.set(started, position);
    }
  });
  closed.push(...open.values());
  return closed.filter((streak) => streak.calls.length >= RETRY_STREAK_MIN);
}

function namesOnlyTheProject(subject: string): boolean {
  return !isOutsideProject(subject) && findPersonalData(subject) === undefined;
}

/** Retry prevention: streaks of RETRY_STREAK_MIN or more, with the fix that ended one when there is one. */
export function retryFindings(sessions: ReadonlyArray<readonly ToolCall[]>, corrections: readonly Correction[], ctx: DeriveContext): FindingDraft[] {
  const fixOf = new Map(corrections.map((c) => [callKey(c.failed), c]));
  // A streak on a file outside the project (an agent's tool-results file) is no lesson for the project.
  const streaks = sessions.flatMap((calls) => findStreaks(calls, ctx)).filter((s) => namesOnlyTheProject(callSubject(s.calls[0], ctx)));
  return [...groupBy(streaks, (s) => s.signature).entries()].map(([signature, group]) => {
    const first = group[0].calls[0];
    const fixes = group.map((s) => fixOf.get(callKey(toCallRef(s.calls[s.calls.length - 1])))).filter((c): c is Correction => c !== undefined);
    const fix = fixes[0];
    const details: RetryDetails = {
      tool: first.tool,
      subject: callSubject(first, ctx),
      errorKind: first.errorKind ?? 'no_matches',
      streaks: group.length,
      longest: Math.max(...group.map((s) => s.calls.length)),
      fix: fix?.change ? { kind: fix.kind, from: fix.change.from, to: fix.change.to } : undefined,
      editedBeforeSuccess: fix ? undefined : group.map((s) => editedPaths(s.unblockedBy ?? [], ctx)).find((paths) => paths.length > 0),
    };
    const failedCalls = group.flatMap((s) => s.calls);
    return {
      category: 'retry',
      key: signature.replaceAll('\u0000', ' '),
      occurrences: failedCalls.length,
      evidence: [...failedCalls.map(toCallRef), ...fixes.map((c) => c.fixed)],
      userStated: false,
      details,
    };
  });
}
