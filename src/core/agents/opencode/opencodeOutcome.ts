import { classifyError } from '../../logs/classifyError.js';
import type { ErrorKind, Outcome } from '../../model/toolCall.js';
import type { OpencodeToolPart } from './opencodeRecords.js';

export interface OpencodeOutcome {
  outcome: Outcome;
  errorKind?: ErrorKind;
  exitCode?: number;
  /** The text the call ended with: `state.output` when it completed, `state.error` when it failed. */
  text: string;
  /** The user's words when they rejected the call with feedback. */
  userFeedback?: string;
}

/** OpenCode's permission RejectedError and CorrectedError messages: the user answered "reject" at the prompt. */
const REJECTED = 'The user rejected permission to use this specific tool call';
const FEEDBACK = ' with the following feedback: ';
/** session/processor.ts cleanup: a call still running when the user stopped the session. */
const ABORTED = 'Tool execution aborted';
/** OpenCode's permission DeniedError message: a rule in the user's config refused the call, no prompt shown. */
const DENIED_BY_RULE = 'The user has specified a rule which prevents you from using this specific tool call';
/** tool/bash.ts appends these inside <bash_metadata> when it stops a command itself. */
const BASH_TIMEOUT = /<bash_metadata>[\s\S]*terminated after exceeding timeout/;
const BASH_ABORTED = /<bash_metadata>[\s\S]*User aborted the command/;

/**
 * How an OpenCode tool call ended, from its own signals only: `state.status`, the error text OpenCode itself
 * writes for a rejection, a denial by rule and an abort, and for `bash` the exit code in `state.metadata.exit`
 * (a command that exits non-zero is still `completed`). Words in a successful output never count.
 */
export function opencodeOutcome(part: OpencodeToolPart): OpencodeOutcome {
  const { state } = part;
  if (state.status === 'error') {
    const text = state.error ?? '';
    if (text.startsWith(REJECTED)) {
      const at = text.indexOf(FEEDBACK);
      return at < 0 ? { outcome: 'rejected', text } : { outcome: 'rejected', text, userFeedback: text.slice(at + FEEDBACK.length).trim() };
    }
    if (text.startsWith(ABORTED) || state.metadata?.interrupted === true) return { outcome: 'interrupted', text };
    if (text.startsWith(DENIED_BY_RULE)) return { outcome: 'failed', errorKind: 'permission_denied', text };
    return { outcome: 'failed', errorKind: classifyError(text), text };
  }
  if (state.status === 'completed') {
    const text = state.output ?? '';
    if (part.tool !== 'bash') return { outcome: 'ok', text };
    const exit = state.metadata?.exit;
    const exitCode = typeof exit === 'number' && Number.isInteger(exit) ? exit : undefined;
    const withExit = exitCode === undefined ? {} : { exitCode };
    if (BASH_ABORTED.test(text)) return { outcome: 'interrupted', text, ...withExit };
    if (BASH_TIMEOUT.test(text)) return { outcome: 'failed', errorKind: 'timeout', text, ...withExit };
    if (exitCode !== undefined && exitCode !== 0) return { outcome: 'failed', errorKind: classifyError(text, exitCode), text, exitCode };
    return { outcome: 'ok', text, ...withExit };
  }
  // pending / running: the session ended (or was closed) before the call finished.
  return { outcome: 'interrupted', text: state.output ?? '' };
}
