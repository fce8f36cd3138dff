import type { ParsedSession } from '../agents/plugin.js';
import type { Outcome } from '../model/toolCall.js';
import { withoutControlCharacters } from '../redact/controlCharacters.js';
import { safeSessionText } from '../redact/safeSessionText.js';

/** One call as a figures-only scan counts it: its id (duplicates across logs are dropped), outcome and error kind. */
export type LogCall = [id: string | null, outcome: Outcome, errorKind: string | null];

/** What one session adds to `scan`'s figures: all a figures-only scan needs of a parsed log (scanFigures). */
export interface SessionFigures {
  subagent: boolean;
  skippedLines: number;
  calls: LogCall[];
  warnings: string[];
}

/**
 * The session's figures. Ids are made safe as the scan makes them (safeSessionText: idempotent, so calls from the
 * cache, already safe, give the same ids); warnings without control characters, as scanSessions reports them.
 */
export function sessionFigures(session: ParsedSession): SessionFigures {
  return {
    subagent: session.subagent,
    skippedLines: session.skippedLines,
    calls: session.calls.map((call): LogCall => [call.callId === undefined ? null : safeSessionText(call.callId), call.outcome, call.errorKind ?? null]),
    warnings: session.warnings.map(withoutControlCharacters),
  };
}
