import type { Database } from 'sql.js';
import { queryRows } from '../../logs/sqlite/queryRows.js';
import { utf8Bytes, type ToolCall } from '../../model/toolCall.js';
import { safeExcerpt } from '../../redact/safeSessionText.js';
import { BoundedWarnings } from '../claude/boundedWarnings.js';
import type { ParsedSession } from '../plugin.js';
import { opencodePartRowSchema, opencodePartTypeSchema, opencodeToolPartSchema, type OpencodeSessionRow, type OpencodeToolPart } from './opencodeRecords.js';
import { opencodeOutcome } from './opencodeOutcome.js';
import { opencodeCallViews, normaliseOpencodeTool } from './opencodeToolNames.js';

/** The parts of one session in the order OpenCode shows them: by message, then by part id (ids ascend in time). */
const PARTS_OF_SESSION =
  'SELECT p.id AS id, p.message_id AS message_id, p.data AS data FROM part p JOIN message m ON m.id = p.message_id ' +
  'WHERE p.session_id = ? ORDER BY m.time_created, m.id, p.id';

function isoTime(ms: number | null | undefined): string | undefined {
  return typeof ms === 'number' && Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

interface CallPlace {
  session: OpencodeSessionRow;
  file: string;
  /** 1-based position of the part among the session's parts. */
  position: number;
  index: number;
  /** The model step the call was requested in: calls of one step saw none of each other's results. */
  turn: string;
}

function toToolCall(part: OpencodeToolPart, partId: string, place: CallPlace): ToolCall {
  const tool = normaliseOpencodeTool(part.tool);
  const input = part.state.input ?? {};
  const { outcome, errorKind, exitCode, text, userFeedback } = opencodeOutcome(part);
  const call: ToolCall = {
    agent: 'opencode',
    sessionId: place.session.id,
    file: place.file,
    line: place.position,
    index: place.index,
    callId: part.callID ?? partId,
    tool,
    originalTool: part.tool,
    input,
    ...opencodeCallViews(tool, input),
    output: safeExcerpt(text),
    outputBytes: utf8Bytes(text),
    outcome,
    subagent: place.session.parent_id !== null,
    cwd: place.session.directory,
    turn: place.turn,
  };
  const timestamp = isoTime(part.state.time?.start);
  if (timestamp !== undefined) call.timestamp = timestamp;
  if (errorKind !== undefined) call.errorKind = errorKind;
  if (exitCode !== undefined) call.exitCode = exitCode;
  if (userFeedback) call.userFeedback = userFeedback;
  return call;
}

/**
 * One OpenCode session's tool calls, from the `part` rows of type `tool` (MessageV2.ToolPart). A part whose
 * `data` is not JSON, or a tool part without a tool name or state, is counted as skipped and named in a warning
 * (`<database>#<session>:<position>`), never guessed at.
 */
export function parseOpencodeSession(database: Database, session: OpencodeSessionRow, file: string): ParsedSession {
  const warnings = new BoundedWarnings();
  const calls: ToolCall[] = [];
  let skippedLines = 0;
  let step = 0;
  let lastMessage: string | undefined;
  const rows = queryRows(database, PARTS_OF_SESSION, [session.id]);
  rows.forEach((raw, i) => {
    const position = i + 1;
    const row = opencodePartRowSchema.safeParse(raw);
    let data: unknown;
    try {
      data = row.success ? JSON.parse(row.data.data) : undefined;
    } catch {
      data = undefined;
    }
    const type = opencodePartTypeSchema.safeParse(data);
    if (!row.success || !type.success) {
      skippedLines += 1;
      warnings.add(`${file}:${position}: part is not JSON with a type; skipped`);
      return;
    }
    if (row.data.message_id !== lastMessage) {
      lastMessage = row.data.message_id;
      step = 0;
    }
    if (type.data.type === 'step-start') step += 1;
    if (type.data.type !== 'tool') return;
    const part = opencodeToolPartSchema.safeParse(data);
    if (!part.success) {
      skippedLines += 1;
      warnings.add(`${file}:${position}: tool part without a tool name or state; skipped`);
      return;
    }
    const turn = `${row.data.message_id}:${step}`;
    calls.push(toToolCall(part.data, row.data.id, { session, file, position, index: calls.length, turn }));
  });
  const parsed: ParsedSession = {
    sessionId: session.id,
    file,
    subagent: session.parent_id !== null,
    cwd: session.directory,
    calls,
    skippedLines,
    warnings: warnings.list(),
  };
  const startedAt = isoTime(session.time_created);
  if (startedAt !== undefined) parsed.startedAt = startedAt;
  return parsed;
}
