import type { ErrorKind, Outcome } from '../../model/toolCall.js';
import { classifyError } from '../../logs/classifyError.js';
import { isShellCancelledByUser, isShellTimeout, shellExitCode } from './shellExitCode.js';

export interface GeminiOutcome {
  outcome: Outcome;
  errorKind?: ErrorKind;
  exitCode?: number;
}

/** Statuses of a call that had not finished when the log was last written. */
const UNFINISHED_STATUSES = new Set(['validating', 'scheduled', 'executing', 'awaiting_approval']);

/**
 * How a Gemini tool call ended, from the log's own signals only (log-formats.md §3.4, §3.5):
 *
 * - `cancelled`: the user declined the call at the confirmation prompt
 *   ("[Operation Cancelled] Reason: User denied execution." / "User did not allow tool call"),
 *   or a sibling in the same batch was declined ("User cancelled operation") → rejected;
 *   the user pressed Esc while the call ran ("Operation cancelled by user", or the shell's
 *   "Command was cancelled by user before it could complete.") → interrupted.
 * - `error`: the tool itself failed (bad arguments, file not found, edit mismatch, policy) → failed.
 * - `success`: ok, except a `run_shell_command` whose trailer has a non-zero `Exit Code: N`
 *   (failed, with that code), whose run hit the shell's inactivity timeout (failed, timeout),
 *   or that the user stopped mid-run (interrupted). Words such as "error" in the output never count.
 * - a status the call never left (`executing`, `awaiting_approval`, …): the session ended
 *   with the call unfinished → interrupted.
 * - no status (or one this scanner does not know): failed when the response is an `{error}`, else ok.
 */
export function geminiOutcome(toolName: string, status: string | undefined, text: string, hasError: boolean): GeminiOutcome {
  const isShell = toolName === 'run_shell_command';
  const exitCode = isShell ? shellExitCode(text) : undefined;
  const withExit = exitCode === undefined ? {} : { exitCode };
  switch (status) {
    case 'cancelled':
      if (/\bOperation cancelled by user\b/i.test(text) || isShellCancelledByUser(text)) return { outcome: 'interrupted', ...withExit };
      return { outcome: 'rejected', ...withExit };
    case 'error':
      return { outcome: 'failed', errorKind: classifyError(text, exitCode), ...withExit };
    case 'success':
      if (exitCode !== undefined && exitCode !== 0) return { outcome: 'failed', errorKind: classifyError(text, exitCode), exitCode };
      if (isShell && isShellTimeout(text)) return { outcome: 'failed', errorKind: 'timeout', ...withExit };
      if (isShell && isShellCancelledByUser(text)) return { outcome: 'interrupted', ...withExit };
      return { outcome: 'ok', ...withExit };
    default:
      if (status !== undefined && UNFINISHED_STATUSES.has(status)) return { outcome: 'interrupted', ...withExit };
      if (hasError) return { outcome: 'failed', errorKind: classifyError(text, exitCode), ...withExit };
      return { outcome: 'ok', ...withExit };
  }
}
