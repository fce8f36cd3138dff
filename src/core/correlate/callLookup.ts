import type { ParsedSession } from '../agents/plugin.js';
import type { CallRef } from '../model/finding.js';
import type { ToolCall } from '../model/toolCall.js';
import { callKey } from './callRef.js';
import { groupBy } from './findingDraft.js';

/** Finds the full ToolCall (output, errorKind, cwd) behind a CallRef. */
export interface CallLookup {
  get(ref: CallRef): ToolCall | undefined;
  all(): ToolCall[];
  /**
   * The calls of each session (same agent and session id), in the order they were made (by index): computed once,
   * for every derivation that walks a session in order (gate runs, the call after a failure).
   */
  bySession(): ToolCall[][];
}

export function callLookup(sessions: readonly ParsedSession[]): CallLookup {
  const byKey = new Map<string, ToolCall>();
  const all: ToolCall[] = [];
  for (const session of sessions) {
    for (const call of session.calls) {
      const withCwd = call.cwd === undefined && session.cwd !== undefined ? { ...call, cwd: session.cwd } : call;
      byKey.set(callKey(call), withCwd);
      all.push(withCwd);
    }
  }
  let sessionsInOrder: ToolCall[][] | undefined;
  const bySession = () =>
    (sessionsInOrder ??= [...groupBy(all, (c) => `${c.agent}\u0000${c.sessionId}`).values()].map((calls) => calls.sort((a, b) => a.index - b.index)));
  return { get: (ref) => byKey.get(callKey(ref)), all: () => all, bySession };
}
