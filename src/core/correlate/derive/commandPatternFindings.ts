import type { Correction } from '../../model/finding.js';
import type { ToolCall } from '../../model/toolCall.js';
import { toCallRef } from '../callRef.js';
import { commandOf } from '../callViews.js';
import type { CommandPatternDetails } from '../findingDetails.js';
import { groupBy, rankByCount, type FindingDraft } from '../findingDraft.js';
import { commandShape } from '../normaliseLauncher.js';
import { evidenceOf, type DeriveContext } from './deriveContext.js';
import { isEnvironmentCorrection } from './environmentFindings.js';
import { runningCommandSubject } from './runningCommand.js';
import { feedbackWordsOf, preferenceWordsOf } from './userWords.js';
import { PREFERENCE_MIN_SESSIONS } from '../thresholds.js';

/** Numbers in commands vary between runs (ports, pids, line numbers); they do not make a new pattern. */
export function commandTemplate(command: string): string {
  return command.replace(/\b\d+\b/g, 'N');
}

function correctedCommands(corrections: readonly Correction[], ctx: DeriveContext): FindingDraft[] {
  const relevant = corrections.filter(
    (c) => c.change && (c.kind === 'command' || (c.kind === 'launcher' && !isEnvironmentCorrection(c, ctx))),
  );
  const groups = groupBy(relevant, (c) => `${c.kind}\u0000${commandTemplate(c.change!.from)}`);
  return [...groups.values()].map((group) => {
    const first = group[0];
    const failedCall = ctx.calls.get(first.failed);
    const details: CommandPatternDetails = {
      mode: first.kind === 'launcher' ? 'launcher' : 'corrected',
      program: commandShape(commandOf(failedCall!) ?? '').program,
      from: first.change!.from,
      to: rankByCount(group.map((c) => c.change!.to))[0].value,
      errorKind: rankByCount(group.map((c) => ctx.calls.get(c.failed)?.errorKind ?? 'other'))[0].value,
    };
    return {
      category: 'command_pattern',
      key: `${first.kind}:${commandTemplate(first.change!.from)}`,
      occurrences: group.length,
      evidence: evidenceOf(group),
      userStated: false,
      details,
    };
  });
}

/** Why a preference candidate is no rule, shown to the user with the candidate. */
const SINGLE_REJECTION_REASON = 'single rejection without a stated preference';
const ONE_SESSION_REASON = 'rejected in one session only, without a stated preference';
const ALSO_ACCEPTED_REASON = 'run without objection as often as rejected, without a stated preference';

/** How many times each kind of command ran with the user's consent (it ran: ok or failed, not rejected). */
function acceptedCounts(ctx: DeriveContext): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of ctx.calls.all()) {
    if (call.tool !== 'Bash' || (call.outcome !== 'ok' && call.outcome !== 'failed')) continue;
    const subject = runningCommandSubject(commandOf(call) ?? '');
    counts.set(subject, (counts.get(subject) ?? 0) + 1);
  }
  return counts;
}

function whyNotAPreference(calls: readonly ToolCall[], userWords: readonly string[], accepted: number): string | undefined {
  if (userWords.length > 0) return undefined;
  if (accepted >= calls.length) return ALSO_ACCEPTED_REASON;
  if (new Set(calls.map((call) => call.sessionId)).size >= PREFERENCE_MIN_SESSIONS) return undefined;
  return calls.length === 1 ? SINGLE_REJECTION_REASON : ONE_SESSION_REASON;
}

/**
 * user_prefers_manual: the same kind of shell command rejected by the user. A rejection is mostly a
 * one-off redirection ("no, pull first"), so a rule needs a standing preference: the user's words
 * state one (only those words are quoted), or the command was rejected in at least
 * PREFERENCE_MIN_SESSIONS sessions and ran with the user's consent less often than it was rejected
 * (`mise run fmt` rejected twice but run thirty times is no preference). Other candidates are kept,
 * marked `dropped`, so the user sees why.
 */
function rejectedCommands(ctx: DeriveContext): FindingDraft[] {
  const rejected = ctx.calls.all().filter((call): call is ToolCall => call.tool === 'Bash' && call.outcome === 'rejected');
  const groups = groupBy(rejected, (call) => runningCommandSubject(commandOf(call) ?? ''));
  const accepted = acceptedCounts(ctx);
  return [...groups.entries()]
    .filter(([subject]) => subject.length > 0)
    .map(([subject, calls]) => {
      const userWords = preferenceWordsOf(calls);
      const dropped = whyNotAPreference(calls, userWords, accepted.get(subject) ?? 0);
      const borderlineWords = dropped ? feedbackWordsOf(calls) : [];
      const details: CommandPatternDetails = {
        mode: 'user_prefers_manual',
        subject,
        rejections: calls.length,
        userWords,
        dropped,
        borderlineWords: borderlineWords.length > 0 ? borderlineWords : undefined,
      };
      return {
        category: 'command_pattern',
        key: `manual:${subject}`,
        occurrences: calls.length,
        evidence: calls.map(toCallRef),
        // Any feedback at all lists the candidate (with why it is dropped) even after a single rejection.
        userStated: calls.some((call) => (call.userFeedback ?? '').trim().length > 0),
        details,
      };
    });
}

/** Command patterns: wrong → right command forms, and commands the user prefers to run themselves. */
export function commandPatternFindings(corrections: readonly Correction[], ctx: DeriveContext): FindingDraft[] {
  return [...correctedCommands(corrections, ctx), ...rejectedCommands(ctx)];
}
