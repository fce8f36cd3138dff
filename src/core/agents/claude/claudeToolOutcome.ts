import type { ErrorKind, Outcome } from '../../model/toolCall.js';
import { classifyError } from '../../logs/classifyError.js';

export interface ClaudeOutcome {
  outcome: Outcome;
  errorKind?: ErrorKind;
  exitCode?: number;
  userFeedback?: string;
}

/** Texts Claude Code puts in a tool_result when the user declines a permission prompt (§1.7). */
const REJECTION_PREFIXES = [
  "The user doesn't want to proceed with this tool use",
  "The user doesn't want to take this action right now",
];

/** Marks the user's own words in a rejection ("To tell you how to proceed, the user said:\n…"). */
const FEEDBACK_MARKER = /the user said:\n/i;

/** Esc while the tool ran: "[Request interrupted by user for tool use]" (or without "for tool use"). */
const INTERRUPT_PREFIX = '[Request interrupted by user';

/**
 * Claude Code cancels the other calls of a parallel batch when one of them fails,
 * and answers each with this; the call never ran, so it did not fail on its own.
 */
const SIBLING_CANCELLED = /^<tool_use_error>Sibling tool call errored<\/tool_use_error>$/;

const EXIT_CODE_LINE = /^Exit code (-?\d+)\b/;

const TOOL_USE_ERROR_TAG = '<tool_use_error>';

/**
 * The outcome of one call from its tool_result. Claude's own flag decides:
 * `is_error` not true → ok, whatever the text says. An error is a rejection
 * (user-declined text), an interruption (Esc, or cancelled with a failing
 * sibling), or a failure classified by its text.
 */
export function claudeToolOutcome(text: string, isError: boolean): ClaudeOutcome {
  if (!isError) return { outcome: 'ok' };
  const trimmed = text.trimStart();
  if (REJECTION_PREFIXES.some((prefix) => trimmed.startsWith(prefix))) {
    return { outcome: 'rejected', userFeedback: rejectionFeedback(trimmed) };
  }
  if (trimmed.startsWith(INTERRUPT_PREFIX) || SIBLING_CANCELLED.test(trimmed.trimEnd())) {
    return { outcome: 'interrupted' };
  }
  const exitCode = leadingExitCode(trimmed);
  return { outcome: 'failed', errorKind: classifyError(classifiedPart(trimmed), exitCode), exitCode };
}

/**
 * The part of a failure's text to classify. Claude's validation errors echo the
 * model's input after the message ("<tool_use_error>String to replace not found
 * in file.\nString: <old_string>"), and that echo is code that may say anything
 * ("timed out", "ModuleNotFoundError"); their first line is the message itself.
 */
function classifiedPart(text: string): string {
  if (!text.startsWith(TOOL_USE_ERROR_TAG)) return text;
  const newline = text.indexOf('\n');
  return newline === -1 ? text : text.slice(0, newline);
}

/** The user's feedback in a rejection, or undefined when they gave none. */
export function rejectionFeedback(text: string): string | undefined {
  const marker = FEEDBACK_MARKER.exec(text);
  if (!marker) return undefined;
  const feedback = text.slice(marker.index + marker[0].length).trim();
  return feedback === '' ? undefined : feedback;
}

/** N from a result that starts with "Exit code N" (Claude's Bash failure format). */
export function leadingExitCode(text: string): number | undefined {
  const match = EXIT_CODE_LINE.exec(text);
  return match ? Number(match[1]) : undefined;
}
