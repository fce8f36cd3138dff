import { classifyError } from '../../logs/classifyError.js';
import type { ErrorKind, Outcome } from '../../model/toolCall.js';
import type { DescribedCall } from './describeCodexCall.js';
import { printedExitCodes, type ToolResultText } from './toolResultText.js';

/** One call's result as recorded, reduced to what deciding its outcome needs. */
export interface RecordedResult {
  /** Raw output text (only the head and tail are kept when it is long). */
  sample: string;
  read: ToolResultText;
}

/** Structured signals from `event_msg` records, keyed by the call's call_id. */
export interface CallEvents {
  execEnd?: { exitCode: number; status?: string; output?: string };
  patchEnd?: { success: boolean; stderr?: string };
  mcpEnd?: { failed: boolean; text: string };
}

export interface ResolvedOutcome {
  outcome: Outcome;
  exitCode?: number;
  errorKind?: ErrorKind;
}

/** The exact texts Codex puts in the output when the user declines an approval (log-formats.md §2.6). */
const USER_REJECTION = /^(?:exec command rejected by user|patch rejected by user)\b/;
/** The automated approval reviewer's refusal, and code mode's wrapping of a refusal. */
const POLICY_REJECTION = /^This action was rejected due to unacceptable risk\b|^Script error:\s*Rejected\(|rejected by user/;
/** Older builds wrote `aborted` as the output of calls cut off by an interrupt. */
const ABORTED_OUTPUT = /^aborted(?: by user)?\b/i;
/** Codex's own messages for a call it could not run (not program output). */
const TOOL_CALL_ERROR = /^(?:failed to parse function arguments|unsupported call\b|unknown session id\b|Unknown process id\b)/i;

function isRejectionText(text: string): boolean {
  return USER_REJECTION.test(text.trimStart()) || /^This action was rejected due to unacceptable risk\b/.test(text.trimStart());
}

/**
 * The outcome of one call from the best signal available, in log-formats.md §2.6's
 * order: exec_command_end, patch_apply_end, mcp_tool_call_end, then the output
 * text of the tool's era. `finalResult` is the output of a later write_stdin/wait
 * that saw the process this call started end (unified exec, code mode).
 */
export function resolveCodexOutcome(call: DescribedCall, result: RecordedResult | undefined, events: CallEvents, finalResult?: RecordedResult): ResolvedOutcome {
  const text = result?.sample ?? '';
  if (isRejectionText(text) || events.execEnd?.status === 'declined') return { outcome: 'rejected' };
  if (result && ABORTED_OUTPUT.test(text.trim())) return { outcome: 'interrupted' };

  if (events.execEnd) {
    const { exitCode, status, output } = events.execEnd;
    if (exitCode === 0 && status !== 'failed') return { outcome: 'ok', exitCode };
    return failed(output ?? result?.read.body ?? text, exitCode);
  }
  if (events.patchEnd) {
    if (events.patchEnd.success) return { outcome: 'ok' };
    return { outcome: 'failed', errorKind: classifyPatchError(events.patchEnd.stderr || text) };
  }
  if (events.mcpEnd) return events.mcpEnd.failed ? failed(events.mcpEnd.text) : { outcome: 'ok' };
  if (!result) return { outcome: 'interrupted' };

  switch (call.family) {
    case 'patch':
      return patchOutcome(result);
    case 'shell':
      return shellOutcome(result, finalResult);
    case 'code_mode':
      return codeModeOutcome(call, finalResult ?? result);
    case 'continuation':
      // Polls are never failures: the process's exit belongs to the call that started it.
      // A poll that Codex could not run at all (unknown session) is a failed call of its own.
      return TOOL_CALL_ERROR.test(text) ? failed(text) : { outcome: 'ok' };
    default:
      return TOOL_CALL_ERROR.test(text) ? { outcome: 'failed', errorKind: 'tool_validation' } : { outcome: 'ok' };
  }
}

function patchOutcome(result: RecordedResult): ResolvedOutcome {
  const { read, sample } = result;
  if (/^apply_patch verification failed\b/.test(sample.trimStart())) return { outcome: 'failed', errorKind: 'edit_mismatch' };
  if (read.exitCode !== undefined) {
    return read.exitCode === 0 ? { outcome: 'ok', exitCode: 0 } : { outcome: 'failed', exitCode: read.exitCode, errorKind: classifyPatchError(read.body) };
  }
  if (TOOL_CALL_ERROR.test(sample)) return { outcome: 'failed', errorKind: 'tool_validation' };
  return { outcome: 'ok' };
}

function shellOutcome(result: RecordedResult, finalResult: RecordedResult | undefined): ResolvedOutcome {
  const read = result.read.running && finalResult ? finalResult.read : result.read;
  if (read.exitCode !== undefined) return read.exitCode === 0 ? { outcome: 'ok', exitCode: 0 } : failed(read.body, read.exitCode);
  // Still running when the log ends (a server, a watcher): it did not fail.
  if (result.read.running) return { outcome: 'ok' };
  // A shell tool's output always carries an exit code; text without one is Codex
  // reporting that it could not run the command (bad arguments, sandbox setup, …).
  return failed(result.sample);
}

function codeModeOutcome(call: DescribedCall, result: RecordedResult): ResolvedOutcome {
  const { read } = result;
  if (read.script === 'failed') return POLICY_REJECTION.test(read.body.trimStart()) ? { outcome: 'rejected' } : failed(read.body);
  if (read.script !== 'completed') return { outcome: 'ok' };
  // The script ran to its end. Exit codes are only what the script chose to print:
  // trusted when it ran one command and printed one code.
  if (call.scriptCommandCalls === 1) {
    const codes = printedExitCodes(read.body);
    if (codes.length === 1) return codes[0] === 0 ? { outcome: 'ok', exitCode: 0 } : failed(read.body, codes[0]);
  }
  return { outcome: 'ok' };
}

function failed(text: string, exitCode?: number): ResolvedOutcome {
  return { outcome: 'failed', exitCode, errorKind: classifyError(text, exitCode) };
}

function classifyPatchError(text: string): ErrorKind {
  const kind = classifyError(text);
  return kind === 'other' ? 'edit_mismatch' : kind;
}
