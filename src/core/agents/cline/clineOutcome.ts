import type { ErrorKind, Outcome } from '../../model/toolCall.js';
import { classifyError } from '../../logs/classifyError.js';

export interface ClineOutcome {
  outcome: Outcome;
  errorKind?: ErrorKind;
  exitCode?: number;
  /** The user's words when they denied the call with feedback. */
  userFeedback?: string;
  /** The text the outcome was read from (the error inside the wrapper, when there is one). */
  text: string;
}

/*
 * The texts the agents put in a tool result, read at the source:
 * - cline/cline src/core/prompts/responses.ts: toolDenied "The user denied this operation.", toolError
 *   "The tool execution failed with the following error:\n<error>\n…\n</error>", clineIgnoreError, toolAlreadyUsed
 *   "Tool [x] was not executed because a tool has already been used in this message.", and the task's
 *   "Skipping tool … due to user rejecting a previous tool."; src/core/task/tools/utils/ToolResultUtils.ts
 *   pushAdditionalToolFeedback "The user provided the following feedback:\n<feedback>\n…\n</feedback>".
 * - RooCodeInc/Roo-Code src/core/prompts/responses.ts: the same texts as JSON, `{"status":"denied", "feedback"?}`
 *   and `{"status":"error", "error"}`; rooMessage.ts getToolResultIsError: `is_error`, or the "[ERROR]" prefix.
 * - Roo Code's execute_command result: "Command execution was not successful, inspect the cause and adjust as
 *   needed.\nExit code: 1" (Cline's says "Command executed." and records no exit code; a command is then ok).
 */
const DENIED = /^The user denied this operation\b/;
const TOOL_ERROR = /^The tool execution failed with the following error:\s*<error>\s*([\s\S]*?)\s*<\/error>/;
const NOT_EXECUTED = /^(?:Tool \[[^\]]*\] was not executed because|Skipping tool\b)/;
const FEEDBACK = /<feedback>\s*([\s\S]*?)\s*<\/feedback>/;
/** Roo Code states the exit code before the output ("…working directory '/p'. Exit code: 0\nOutput:"); only that part is read. */
const EXIT_CODE = /(?:^|\s)Exit code: (-?\d+)\b/i;

/** How a call ended, from its result text and the flags its block carries (`is_error`, an error-typed output). */
export function clineOutcome(tool: string, text: string, flaggedError: boolean): ClineOutcome {
  const trimmed = text.trim();
  const json = rooStatusJson(trimmed);
  if (json?.status === 'denied' || DENIED.test(trimmed)) {
    const feedback = json?.feedback ?? FEEDBACK.exec(trimmed)?.[1];
    return feedback ? { outcome: 'rejected', userFeedback: feedback, text: trimmed } : { outcome: 'rejected', text: trimmed };
  }
  if (NOT_EXECUTED.test(trimmed)) return { outcome: 'interrupted', text: trimmed };
  const wrapped = TOOL_ERROR.exec(trimmed)?.[1];
  if (json?.status === 'error' || wrapped !== undefined || flaggedError || trimmed.startsWith('[ERROR]')) {
    const errorText = json?.error ?? json?.message ?? wrapped ?? trimmed.replace(/^\[ERROR\]\s*/, '');
    return { outcome: 'failed', errorKind: classifyError(errorText), text: errorText };
  }
  if (tool === 'execute_command') {
    const exit = EXIT_CODE.exec(trimmed.split(/\nOutput:/)[0]);
    if (exit) {
      const exitCode = Number(exit[1]);
      if (exitCode !== 0) return { outcome: 'failed', errorKind: classifyError(trimmed, exitCode), exitCode, text: trimmed };
      return { outcome: 'ok', exitCode, text: trimmed };
    }
  }
  return { outcome: 'ok', text: trimmed };
}

interface RooStatus {
  status: string;
  feedback?: string;
  error?: string;
  message?: string;
}

/** Roo Code's JSON result (`{"status":"denied"|"error", …}`), when the text is one. */
function rooStatusJson(text: string): RooStatus | undefined {
  if (!text.startsWith('{') || !text.includes('"status"')) return undefined;
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    if (typeof value.status !== 'string') return undefined;
    const status: RooStatus = { status: value.status };
    for (const key of ['feedback', 'error', 'message'] as const) if (typeof value[key] === 'string' && value[key] !== '') status[key] = value[key];
    return status;
  } catch {
    return undefined;
  }
}
