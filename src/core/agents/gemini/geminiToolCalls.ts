import { utf8Bytes, type ToolCall } from '../../model/toolCall.js';
import { safeExcerpt } from '../../redact/safeSessionText.js';
import type { GeminiConversation } from './geminiConversation.js';
import { geminiOutcome } from './geminiOutcome.js';
import { geminiMessageRecordSchema, geminiToolCallRecordSchema, type GeminiToolCallRecord } from './geminiRecordSchemas.js';
import { geminiResponseText } from './geminiResponseText.js';
import { geminiCallViews, normaliseGeminiTool } from './geminiToolNames.js';
import type { SessionNotes } from './sessionNotes.js';

export interface GeminiCallContext {
  sessionId: string;
  file: string;
  subagent: boolean;
}

/** The tool calls of a session's final history: `toolCalls[]` of each `gemini` message, in order. */
export function geminiToolCalls(conversation: GeminiConversation, context: GeminiCallContext, notes: SessionNotes): ToolCall[] {
  const calls: ToolCall[] = [];
  for (const { record, line } of conversation.messages) {
    const message = geminiMessageRecordSchema.safeParse(record);
    if (!message.success) {
      notes.skip(line, 'not a message record; skipped');
      continue;
    }
    if (message.data.type !== 'gemini' || !message.data.toolCalls) continue;
    for (const entry of message.data.toolCalls) {
      const toolCall = geminiToolCallRecordSchema.safeParse(entry);
      if (!toolCall.success) {
        notes.skip(line, 'tool call without id or name; skipped');
        continue;
      }
      const call = toToolCall(toolCall.data, line, calls.length, message.data.timestamp, context);
      // The toolCalls of one gemini message were requested together, before any of their results.
      call.turn = `message:${line}`;
      calls.push(call);
    }
  }
  return calls;
}

function toToolCall(record: GeminiToolCallRecord, line: number, index: number, messageTimestamp: string | undefined, context: GeminiCallContext): ToolCall {
  const response = geminiResponseText(record.result);
  // A call recorded without a result (older builds, cancelled before it ran) may still show text to the user.
  const text = response.text === '' && typeof record.resultDisplay === 'string' ? record.resultDisplay : response.text;
  const tool = normaliseGeminiTool(record.name);
  const input = record.args ?? {};
  const { outcome, errorKind, exitCode } = geminiOutcome(record.name, record.status, text, response.hasError);
  const call: ToolCall = {
    agent: 'gemini',
    sessionId: context.sessionId,
    file: context.file,
    line,
    index,
    callId: record.id,
    tool,
    originalTool: record.name,
    input,
    ...geminiCallViews(tool, input),
    output: safeExcerpt(text),
    outputBytes: utf8Bytes(text),
    outcome,
    subagent: context.subagent,
  };
  const timestamp = record.timestamp ?? messageTimestamp;
  if (timestamp !== undefined) call.timestamp = timestamp;
  if (errorKind !== undefined) call.errorKind = errorKind;
  if (exitCode !== undefined) call.exitCode = exitCode;
  return call;
}
