import type { ToolCall } from '../../model/toolCall.js';
import { callKey, toCallRef } from '../callRef.js';
import { commandOf, isSuccessfulEdit } from '../callViews.js';
import type { CommandPatternDetails } from '../findingDetails.js';
import { groupBy, type FindingDraft } from '../findingDraft.js';
import { failedOnTheCode, gateCommandOf } from '../gateCommand.js';
import { GATE_CHECKS_SHOWN, MIN_SESSIONS } from '../thresholds.js';
import type { DeriveContext } from './deriveContext.js';
import { failingChecks } from './failingChecks.js';
import { runningCommandSubject } from './runningCommand.js';

interface GateFailure {
  gate: string;
  call: ToolCall;
}

/** The starts of the reasons a gate finding is dropped (gateDropKind tells them apart). */
const NO_REPEATED_CHECK_REASON = 'no check failed in two sessions: nothing specific to say beyond running it';
const USER_REJECTED = 'the user rejected running';
const ALREADY_ROUTINE = 'the agent already runs it';
const FIXED_IN_SESSION = 'its own runs caught the failures and it passed again before the session ended';

/** Per session that changed code, its calls from the first successful edit on, in order: where gates check the agent's code. */
function callsFromFirstEdit(ctx: DeriveContext): ToolCall[][] {
  const sessions: ToolCall[][] = [];
  for (const ordered of ctx.calls.bySession()) {
    const firstEdit = ordered.findIndex(isSuccessfulEdit);
    if (firstEdit >= 0) sessions.push(ordered.slice(firstEdit));
  }
  return sessions;
}

/** Gate runs that failed on code the agent had written: after a successful edit in the same session. */
function gateFailures(edited: readonly ToolCall[][]): GateFailure[] {
  return edited.flatMap((calls) =>
    calls.flatMap((call) => {
      const gate = gateCommandOf(call);
      return gate && failedOnTheCode(call) ? [{ gate, call }] : [];
    }),
  );
}

/**
 * Why a gate rule would add nothing: the agent already runs the gate (alone or in a chain) after its first edit
 * in at least half the sessions that changed code.
 */
function alreadyRoutine(edited: readonly ToolCall[][], gate: string): string | undefined {
  const runsIt = (call: ToolCall) => gateCommandOf(call) === gate || (call.tool === 'Bash' && (commandOf(call) ?? '').includes(gate));
  const ran = edited.filter((calls) => calls.some(runsIt)).length;
  return ran * 2 >= edited.length ? `${ALREADY_ROUTINE} (in ${ran} of ${edited.length} sessions that changed code)` : undefined;
}

/**
 * Why a gate rule would add nothing: in all but fewer than MIN_SESSIONS of the sessions where the gate failed, the
 * agent's own later run of it passed before the session ended. The gate did its job there: it caught the agent's
 * mistake and the agent fixed it, so "run it before finishing" describes what already happens. Only sessions that
 * ended with the gate still failing (its last run failed) show a workflow worth changing.
 */
function fixedInSession(edited: readonly ToolCall[][], gate: string, failures: readonly GateFailure[]): string | undefined {
  const failedIn = new Set(failures.map((f) => `${f.call.agent}\u0000${f.call.sessionId}`));
  let endedFailing = 0;
  let sessions = 0;
  for (const calls of edited) {
    if (calls.length === 0 || !failedIn.has(`${calls[0]!.agent}\u0000${calls[0]!.sessionId}`)) continue;
    sessions++;
    const last = calls.filter((call) => gateCommandOf(call) === gate).at(-1);
    if (last?.outcome !== 'ok') endedFailing++;
  }
  return endedFailing < MIN_SESSIONS ? `${FIXED_IN_SESSION} (${sessions - endedFailing} of ${sessions} sessions)` : undefined;
}

/** The checks that failed in MIN_SESSIONS sessions or more, most sessions first (then most runs), at most GATE_CHECKS_SHOWN. */
function mostFailingChecks(failures: readonly GateFailure[]): string[] {
  const sessions = new Map<string, Set<string>>();
  const runs = new Map<string, number>();
  for (const { call } of failures) {
    for (const check of failingChecks(call.output)) {
      sessions.set(check, (sessions.get(check) ?? new Set()).add(`${call.agent}\u0000${call.sessionId}`));
      runs.set(check, (runs.get(check) ?? 0) + 1);
    }
  }
  return [...sessions.keys()]
    .filter((check) => sessions.get(check)!.size >= MIN_SESSIONS)
    .sort((a, b) => sessions.get(b)!.size - sessions.get(a)!.size || runs.get(b)! - runs.get(a)! || a.localeCompare(b))
    .slice(0, GATE_CHECKS_SHOWN);
}


/** Which of the three reasons a gate finding's `dropped` text gives, for the report to group it by. */
export function gateDropKind(dropped: string): 'user_rejected' | 'already_routine' | 'fixed_in_session' | 'nothing_specific' {
  if (dropped.startsWith(USER_REJECTED)) return 'user_rejected';
  if (dropped.startsWith(FIXED_IN_SESSION)) return 'fixed_in_session';
  return dropped.startsWith(ALREADY_ROUTINE) ? 'already_routine' : 'nothing_specific';
}

/**
 * Gate commands that fail on the agent's own code: one workflow rule per gate (run it before finishing;
 * it most often fails on these checks) instead of a retry note per streak. It needs the failures in
 * MIN_SESSIONS sessions like any rule. A gate the user rejected running (same kind of command) is
 * listed but dropped: the rule would tell the agent to do what the user stopped. A gate with no check that
 * failed in MIN_SESSIONS sessions is dropped too: "run the linter and fix what it reports" is the workflow the
 * agent already follows (that is how its failures were seen), so it says nothing the next session can use.
 * And a gate the agent already runs in at least half the sessions that changed code is dropped: "run it before
 * finishing" would tell it what it does anyway (an independent review of the corpus judged both such rules noise).
 * So is a gate whose failures the agent's own runs caught and fixed within the session (fixedInSession): on the
 * development corpus every gate rule was of that kind, and the review judged each one noise.
 */
export function gateFindings(ctx: DeriveContext): FindingDraft[] {
  const rejected = new Set(
    ctx.calls
      .all()
      .filter((call) => call.tool === 'Bash' && call.outcome === 'rejected')
      .map((call) => runningCommandSubject(commandOf(call) ?? '')),
  );
  const edited = callsFromFirstEdit(ctx);
  return [...groupBy(gateFailures(edited), (f) => f.gate).entries()].map(([gate, group]) => {
    const subject = runningCommandSubject(gate);
    const checks = mostFailingChecks(group);
    const details: CommandPatternDetails = {
      mode: 'gate',
      command: gate,
      checks,
      failedRuns: group.length,
      dropped: rejected.has(subject)
        ? `${USER_REJECTED} \`${subject}\` commands`
        : checks.length === 0
          ? NO_REPEATED_CHECK_REASON
          : (alreadyRoutine(edited, gate) ?? fixedInSession(edited, gate, group)),
    };
    return { category: 'command_pattern', key: `gate:${gate}`, occurrences: group.length, evidence: group.map((f) => toCallRef(f.call)), userStated: false, details };
  });
}

/** Retry notes about runs a gate rule already covers (every failure in them is one of its failures) add nothing. */
export function withoutGateRetries(drafts: readonly FindingDraft[], gates: readonly FindingDraft[]): FindingDraft[] {
  const covered = new Set(gates.flatMap((g) => g.evidence.map(callKey)));
  return drafts.filter((d) => d.category !== 'retry' || !d.evidence.filter((ref) => ref.outcome === 'failed').every((ref) => covered.has(callKey(ref))));
}
