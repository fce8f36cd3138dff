import type { ParsedSession } from '../agents/plugin.js';
import type { CallRef } from '../model/finding.js';
import type { ToolCall } from '../model/toolCall.js';
import { callKey } from './callRef.js';

/** Finds the full ToolCall (output, errorKind, cwd) behind a CallRef. */
export interface CallLookup {
  get(ref: CallRef): ToolCall | undefined;
  all(): ToolCall[];
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
  return { get: (ref) => byKey.get(callKey(ref)), all: () => all };
}
