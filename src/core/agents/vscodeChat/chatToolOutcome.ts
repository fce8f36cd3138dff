import type { ErrorKind, Outcome } from '../../model/toolCall.js';
import { classifyError } from '../../logs/classifyError.js';
import type { ToolInvocation } from './chatSessionSchemas.js';

/** ToolConfirmKind (chatService.ts): 0 Denied and 5 Skipped mean the user did not let the tool run. */
const DENIED = 0;
const SKIPPED = 5;

/** ResponseModelState (chatModel.ts): 1 complete; 0 pending, 2 cancelled, 3 failed, 4 needs input did not finish. */
const COMPLETE = 1;

export interface ChatCallResult {
  /** The text the tool returned (output parts, or the terminal's output). */
  text: string;
  /** `resultDetails.isError`: the tool threw. */
  isError: boolean;
  /** The terminal command's exit code, when it ran in a terminal that reported one. */
  exitCode?: number;
  /** True when the session holds any result for the call (resultDetails or an exit code). */
  hasResult: boolean;
}

export interface ChatRequestState {
  /** `modelState.value`, or 2 for an old request marked `isCanceled`; undefined when the session does not say. */
  modelState?: number;
  /** This call is the request's last tool call (the one a stopped request was running). */
  lastCallOfRequest: boolean;
}

export interface ChatToolOutcome {
  outcome: Outcome;
  errorKind?: ErrorKind;
  exitCode?: number;
  /** The user's reason for a denial, when VS Code recorded one. */
  userFeedback?: string;
}

/**
 * How a VS Code chat tool call ended, from the session's own signals only:
 * - `isConfirmed` false (before 1.104) or `{type: 0}` Denied / `{type: 5}` Skipped → rejected (with the reason, if any);
 * - a terminal call with `terminalCommandState.exitCode` → failed when it is not 0, else ok;
 * - `resultDetails.isError` → failed;
 * - `isComplete: false`, or no result at all for the last call of a request that never completed (a save caught
 *   the tool running; after a reload VS Code marks such a request cancelled) → interrupted;
 * - anything else → ok (Copilot's built-in tools keep no result details on success).
 */
export function chatToolOutcome(invocation: ToolInvocation, result: ChatCallResult, request: ChatRequestState): ChatToolOutcome {
  const confirmed = invocation.isConfirmed;
  if (confirmed === false || (typeof confirmed === 'object' && confirmed !== null && (confirmed.type === DENIED || confirmed.type === SKIPPED))) {
    const reason = typeof confirmed === 'object' && confirmed !== null ? confirmed.reason : undefined;
    const feedback = typeof reason === 'string' ? reason : reason?.value;
    return feedback ? { outcome: 'rejected', userFeedback: feedback } : { outcome: 'rejected' };
  }
  if (result.exitCode !== undefined) {
    if (result.exitCode !== 0) return { outcome: 'failed', errorKind: classifyError(result.text, result.exitCode), exitCode: result.exitCode };
    return { outcome: 'ok', exitCode: 0 };
  }
  if (result.isError) return { outcome: 'failed', errorKind: classifyError(result.text) };
  if (invocation.isComplete === false) return { outcome: 'interrupted' };
  const unfinished = request.modelState !== undefined && request.modelState !== COMPLETE;
  if (!result.hasResult && unfinished && request.lastCallOfRequest) return { outcome: 'interrupted' };
  return { outcome: 'ok' };
}
