import { classifyError } from '../../logs/classifyError.js';
import type { ErrorKind, Outcome } from '../../model/toolCall.js';
import type { CursorToolFormerData } from './cursorRecords.js';

export interface CursorOutcome {
  outcome: Outcome;
  errorKind?: ErrorKind;
  exitCode?: number;
  /** The call's result text: the error or output the result records, else the result as stored. */
  text: string;
}

const FAILED_STATUSES = new Set(['error', 'failed']);
const STOPPED_STATUSES = new Set(['cancelled', 'canceled', 'aborted']);

function parseObject(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The text of a result: its `error`, else its `output`, else the stored string. */
function resultText(result: string | undefined, parsed: Record<string, unknown> | undefined): string {
  for (const key of ['error', 'output', 'stderr', 'contents']) {
    if (typeof parsed?.[key] === 'string' && parsed[key] !== '') return parsed[key] as string;
  }
  return result ?? '';
}

/**
 * How a Cursor tool call ended, from toolFormerData's own fields only: `userDecision: 'rejected'` (the user
 * declined it), `status` (`completed`; `error`/`failed`, also `additionalData.status: 'error'`; `cancelled`), and
 * for a terminal command the `exitCode` its result records. A call whose status never reached an end (the chat
 * was closed while it ran) is interrupted. Words in an output never count.
 */
export function cursorOutcome(data: CursorToolFormerData): CursorOutcome {
  const parsed = parseObject(data.result);
  const text = resultText(data.result, parsed);
  const exit = parsed?.exitCode;
  const exitCode = typeof exit === 'number' && Number.isInteger(exit) ? exit : undefined;
  const withExit = exitCode === undefined ? {} : { exitCode };
  if (data.userDecision === 'rejected') return { outcome: 'rejected', text, ...withExit };
  const status = data.status ?? '';
  if (FAILED_STATUSES.has(status) || data.additionalData?.status === 'error') {
    return { outcome: 'failed', errorKind: classifyError(text, exitCode), text, ...withExit };
  }
  if (STOPPED_STATUSES.has(status)) return { outcome: 'interrupted', text, ...withExit };
  if (status === 'completed') {
    if (exitCode !== undefined && exitCode !== 0) return { outcome: 'failed', errorKind: classifyError(text, exitCode), text, exitCode };
    return { outcome: 'ok', text, ...withExit };
  }
  return { outcome: 'interrupted', text, ...withExit };
}
