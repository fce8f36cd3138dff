import { utf8Bytes, type ToolCall } from '../../model/toolCall.js';
import { safeExcerpt } from '../../redact/safeSessionText.js';
import type { SessionNotes } from '../gemini/sessionNotes.js';
import { clineOutcome } from './clineOutcome.js';
import { resultText, splitResultHeader } from './clineResultText.js';
import { apiMessageSchema, reasoningItemSchema, textBlockSchema, toolCallPartSchema, toolResultBlockSchema, toolResultPartSchema, toolUseBlockSchema } from './clineTaskRecords.js';
import { clineCallViews, normaliseClineTool } from './clineToolNames.js';
import { xmlToolUses } from './xmlToolUses.js';

export interface TaskCallContext {
  agent: string;
  sessionId: string;
  file: string;
  subagent: boolean;
  cwd?: string;
}

interface PendingCall {
  id: string;
  name: string;
  input: Record<string, unknown>;
  /** Position of the assistant message that made the call. */
  line: number;
  timestamp?: string;
}

/**
 * The tool calls of a task's conversation, in order. A call is made by an assistant message (a native `tool_use` /
 * `tool-call` block, or, in the XML era, a tool tag in its text) and answered by a later user or tool message
 * (a `tool_result` / `tool-result` block with its id, or a text block "[name …] Result:"). A call no message
 * answered before the next assistant message, or before the end, never ran to a result: interrupted.
 * Each call's `line` is the 1-based position of the message holding its result (or of its own message).
 */
export function clineTaskCalls(records: readonly unknown[], context: TaskCallContext, notes: SessionNotes): ToolCall[] {
  const calls: ToolCall[] = [];
  let pending: PendingCall[] = [];
  const finish = (call: PendingCall, text: string, flaggedError: boolean, line: number, timestamp: string | undefined): ToolCall => {
    const built = toToolCall(call, text, flaggedError, line, timestamp ?? call.timestamp, calls.length, context);
    calls.push(built);
    pending = pending.filter((p) => p !== call);
    return built;
  };
  const closeUnanswered = () => {
    for (const call of [...pending]) {
      const built = finish(call, '', false, call.line, call.timestamp);
      built.outcome = 'interrupted';
      delete built.errorKind;
    }
  };
  records.forEach((record, position) => {
    const line = position + 1;
    if (reasoningItemSchema.safeParse(record).success && !(record as { role?: unknown }).role) return;
    const message = apiMessageSchema.safeParse(record);
    if (!message.success) {
      notes.skip(line, 'not a message record; skipped');
      return;
    }
    const timestamp = message.data.ts !== undefined && Number.isFinite(message.data.ts) ? new Date(message.data.ts).toISOString() : undefined;
    const blocks: unknown[] = typeof message.data.content === 'string' ? [{ type: 'text', text: message.data.content }] : message.data.content;
    if (message.data.role === 'assistant') {
      closeUnanswered();
      pending = requestedCalls(blocks, line, timestamp, notes);
    } else if (message.data.role !== 'system') {
      answerCalls(blocks, line, timestamp, () => pending, finish);
    }
  });
  closeUnanswered();
  return calls;
}

/** The calls an assistant message makes: its native tool blocks, else the XML tool tags in its text. */
function requestedCalls(blocks: readonly unknown[], line: number, timestamp: string | undefined, notes: SessionNotes): PendingCall[] {
  const calls: PendingCall[] = [];
  for (const block of blocks) {
    const type = (block as { type?: unknown } | null)?.type;
    if (type !== 'tool_use' && type !== 'tool-call') continue;
    const use = toolUseBlockSchema.safeParse(block);
    const part = toolCallPartSchema.safeParse(block);
    if (use.success) calls.push({ id: use.data.id, name: use.data.name, input: use.data.input, line, timestamp });
    else if (part.success) calls.push({ id: part.data.toolCallId, name: part.data.toolName, input: part.data.input, line, timestamp });
    else notes.skip(line, 'tool call without id or name; skipped');
  }
  if (calls.length > 0) return calls;
  let k = 0;
  for (const block of blocks) {
    const text = textBlockSchema.safeParse(block);
    if (!text.success) continue;
    for (const use of xmlToolUses(text.data.text)) calls.push({ id: `xml:${line}:${k++}`, name: use.name, input: use.params, line, timestamp });
  }
  return calls;
}

type Finish = (call: PendingCall, text: string, flaggedError: boolean, line: number, timestamp: string | undefined) => ToolCall;

/** Matches the results in a user or tool message to the pending calls; feedback after a denial joins that call. */
function answerCalls(blocks: readonly unknown[], line: number, timestamp: string | undefined, pending: () => PendingCall[], finish: Finish): void {
  let last: ToolCall | undefined;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i];
    const result = toolResultBlockSchema.safeParse(block);
    const part = toolResultPartSchema.safeParse(block);
    if (result.success || part.success) {
      const id = result.success ? result.data.tool_use_id : part.success ? part.data.toolCallId : '';
      const { text, errorShape } = resultText(result.success ? result.data.content : part.success ? part.data.output : undefined);
      const header = splitResultHeader(text);
      const call = pending().find((p) => p.id === id) ?? (header ? byName(pending(), header.tool) : undefined);
      if (call) last = finish(call, header ? header.rest : text, errorShape || (result.success && result.data.is_error === true), line, timestamp);
      continue;
    }
    const text = textBlockSchema.safeParse(block);
    if (!text.success) continue;
    const header = splitResultHeader(text.data.text);
    if (header) {
      const call = byName(pending(), header.tool);
      if (!call) continue;
      // Older Cline: the header and the result are two text blocks; newer: one text "header\nresult".
      let body = header.rest;
      const next = textBlockSchema.safeParse(blocks[i + 1]);
      if (body.trim() === '' && next.success && !splitResultHeader(next.data.text)) {
        body = next.data.text;
        i += 1;
      }
      last = finish(call, body, false, line, timestamp);
    } else if (last?.outcome === 'rejected' && last.userFeedback === undefined) {
      const feedback = /<feedback>\s*([\s\S]*?)\s*<\/feedback>/.exec(text.data.text)?.[1];
      if (feedback) last.userFeedback = feedback;
    }
  }
}

/** The first pending call of that tool, else the first pending call. */
function byName(pending: readonly PendingCall[], tool: string): PendingCall | undefined {
  return pending.find((p) => p.name === tool) ?? pending[0];
}

function toToolCall(
  call: PendingCall,
  text: string,
  flaggedError: boolean,
  line: number,
  timestamp: string | undefined,
  index: number,
  context: TaskCallContext,
): ToolCall {
  const tool = normaliseClineTool(call.name);
  const ended = clineOutcome(call.name, text, flaggedError);
  const built: ToolCall = {
    agent: context.agent,
    sessionId: context.sessionId,
    file: context.file,
    line,
    index,
    callId: call.id,
    tool,
    originalTool: call.name,
    input: call.input,
    ...clineCallViews(tool, call.input),
    output: safeExcerpt(ended.text),
    outputBytes: utf8Bytes(ended.text),
    outcome: ended.outcome,
    subagent: context.subagent,
    turn: `message:${call.line}`,
  };
  if (timestamp !== undefined) built.timestamp = timestamp;
  if (ended.errorKind !== undefined) built.errorKind = ended.errorKind;
  if (ended.exitCode !== undefined) built.exitCode = ended.exitCode;
  if (ended.userFeedback !== undefined) built.userFeedback = ended.userFeedback;
  if (context.cwd !== undefined) built.cwd = context.cwd;
  return built;
}
