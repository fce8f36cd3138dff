import { utf8Bytes, type ToolCall } from '../../model/toolCall.js';
import { safeExcerpt } from '../../redact/safeSessionText.js';
import { BoundedWarnings } from '../claude/boundedWarnings.js';
import type { ParsedSession } from '../plugin.js';
import { cursorOutcome } from './cursorOutcome.js';
import { cursorBubbleSchema, type CursorBubble, type CursorComposer } from './cursorRecords.js';
import { cursorCallViews, normaliseCursorTool } from './cursorToolNames.js';

function isoTime(value: string | number | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The call's arguments: `rawArgs` (or `params`) parsed, an empty object when absent or not an object. */
function callInput(rawArgs: string | undefined): Record<string, unknown> {
  const value = parseJson(rawArgs);
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** A chat's bubbles in order with their positions: split storage (headers + bubble rows) or the older inline array. */
function orderedBubbles(composer: CursorComposer, bubbles: ReadonlyMap<string, string | undefined>): Array<{ position: number; value: unknown; bubbleId?: string }> {
  if (composer.fullConversationHeadersOnly && composer.fullConversationHeadersOnly.length > 0) {
    return composer.fullConversationHeadersOnly.map((header, i) => ({ position: i + 1, value: parseJson(bubbles.get(header.bubbleId)), bubbleId: header.bubbleId }));
  }
  return (composer.conversation ?? []).map((value, i) => ({ position: i + 1, value }));
}

export interface CursorSessionContext {
  file: string;
  /** The folder of the window the chat ran in, when known. */
  cwd?: string;
}

/**
 * One Cursor chat's tool calls: each assistant bubble with `toolFormerData` is one call. A bubble that is missing
 * or not JSON is counted as skipped and named (`<database>#<chat>:<position>`), never guessed at.
 */
export function parseCursorComposer(composer: CursorComposer, bubbles: ReadonlyMap<string, string | undefined>, context: CursorSessionContext): ParsedSession {
  const warnings = new BoundedWarnings();
  const calls: ToolCall[] = [];
  let skippedLines = 0;
  for (const { position, value, bubbleId } of orderedBubbles(composer, bubbles)) {
    const parsed = cursorBubbleSchema.safeParse(value);
    if (!parsed.success) {
      skippedLines += 1;
      warnings.add(`${context.file}:${position}: message${bubbleId ? ` ${bubbleId}` : ''} is missing or not JSON; skipped`);
      continue;
    }
    const bubble: CursorBubble = parsed.data;
    const data = bubble.toolFormerData;
    if (!data?.name) continue;
    const tool = normaliseCursorTool(data.name);
    const input = callInput(data.rawArgs ?? data.params);
    const { outcome, errorKind, exitCode, text } = cursorOutcome(data);
    const call: ToolCall = {
      agent: 'cursor',
      sessionId: composer.composerId,
      file: context.file,
      line: position,
      index: calls.length,
      callId: data.toolCallId ?? bubble.bubbleId ?? bubbleId ?? `${composer.composerId}:${position}`,
      tool,
      originalTool: data.name,
      input,
      ...cursorCallViews(tool, input),
      output: safeExcerpt(text),
      outputBytes: utf8Bytes(text),
      outcome,
      subagent: false,
    };
    const timestamp = isoTime(bubble.createdAt);
    if (timestamp !== undefined) call.timestamp = timestamp;
    if (context.cwd !== undefined) call.cwd = context.cwd;
    if (errorKind !== undefined) call.errorKind = errorKind;
    if (exitCode !== undefined) call.exitCode = exitCode;
    calls.push(call);
  }
  const session: ParsedSession = { sessionId: composer.composerId, file: context.file, subagent: false, calls, skippedLines, warnings: warnings.list() };
  const startedAt = isoTime(composer.createdAt);
  if (startedAt !== undefined) session.startedAt = startedAt;
  if (context.cwd !== undefined) session.cwd = context.cwd;
  return session;
}
