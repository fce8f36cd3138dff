import type { CallRef } from '../model/finding.js';
import type { ToolCall } from '../model/toolCall.js';

/** The evidence pointer for one call: where its result record is, and what the call was. */
export function toCallRef(call: ToolCall): CallRef {
  return {
    agent: call.agent,
    file: call.file,
    line: call.line,
    sessionId: call.sessionId,
    index: call.index,
    callId: call.callId,
    timestamp: call.timestamp,
    tool: call.tool,
    input: call.input,
    outcome: call.outcome,
  };
}

/** Identity of a call across the whole run (sessions of different agents may share ids). */
export function callKey(ref: Pick<CallRef, 'agent' | 'file' | 'index'>): string {
  return `${ref.agent}\u0000${ref.file}\u0000${ref.index}`;
}
